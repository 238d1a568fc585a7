package app.miniwallet.api.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentSignatureUnitTest {

    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
    private static final byte[] BODY = "{\"type\": \"payment.succeeded\"}".getBytes(StandardCharsets.UTF_8);

    private final PaymentSignature signature =
            new PaymentSignature("the-shared-secret-of-at-least-32-bytes", Duration.ofMinutes(5));

    @Test
    void acceptsItsOwnSignatureWithinTheTolerance() {
        assertThat(signature.problemWith(signature.sign(BODY, NOW), BODY, NOW)).isEmpty();
        assertThat(signature.problemWith(signature.sign(BODY, NOW.minusSeconds(300)), BODY, NOW))
                .isEmpty();
    }

    @Test
    void refusesATimestampMoreThanFiveMinutesAwayEitherWay() {
        assertThat(signature.problemWith(signature.sign(BODY, NOW.minusSeconds(301)), BODY, NOW))
                .hasValueSatisfying(problem -> assertThat(problem).contains("5 minutes"));
        assertThat(signature.problemWith(signature.sign(BODY, NOW.plusSeconds(301)), BODY, NOW))
                .isPresent();
    }

    @Test
    void refusesAnotherBodyAndAnotherSecret() {
        var other = "{\"type\": \"payment.declined\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(signature.problemWith(signature.sign(other, NOW), BODY, NOW))
                .hasValue("The signature does not match the body.");
        var stranger = new PaymentSignature("another-shared-secret-of-32-bytes-or-more", Duration.ofMinutes(5));
        assertThat(signature.problemWith(stranger.sign(BODY, NOW), BODY, NOW)).isPresent();
    }

    @Test
    void acceptsAnyOfSeveralV1SignaturesAsWhileTheSecretIsRotated() {
        var stranger = new PaymentSignature("the-next-shared-secret-of-32-bytes-or-more", Duration.ofMinutes(5));
        var header = stranger.sign(BODY, NOW) + "," + signature.sign(BODY, NOW).replaceFirst("^t=\\d+,", "");

        assertThat(signature.problemWith(header, BODY, NOW)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "t=1765094400",
                "v1=0000000000000000000000000000000000000000000000000000000000000000",
                "t=,v1=0000000000000000000000000000000000000000000000000000000000000000",
                "t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000",
                "t=1765094400,v1=zz",
                "t=1765094400,t=1765094400,v1=0000000000000000000000000000000000000000000000000000000000000000",
                "1765094400,0000000000000000000000000000000000000000000000000000000000000000"
            })
    void refusesAMalformedHeader(String header) {
        assertThat(signature.problemWith(header, BODY, NOW)).isPresent();
    }
}
