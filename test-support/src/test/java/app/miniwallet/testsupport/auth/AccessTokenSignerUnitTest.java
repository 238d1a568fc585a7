package app.miniwallet.testsupport.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AccessTokenSignerUnitTest {

    private static final String SECRET = "bench-secret-0123456789abcdef0123456789";
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final AccessTokenSigner signer = new AccessTokenSigner(SECRET, Duration.ofHours(1));

    @Test
    void signsTheApisClaimsWithHs256() throws Exception {
        var token = signer.sign(1042, NOW);

        var parts = token.value().split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"HS256\"}");
        assertThat(decode(parts[1]))
                .contains("\"iss\":\"mini-wallet\"", "\"sub\":\"1042\"", "\"tgen\":0")
                .contains("\"iat\":" + NOW.getEpochSecond(), "\"exp\":" + (NOW.getEpochSecond() + 3600))
                .contains("\"jti\":\"" + token.id() + "\"");
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        var expected = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
        assertThat(parts[2]).isEqualTo(expected);
    }

    @Test
    void givesEveryTokenItsOwnId() {
        assertThat(signer.sign(1042, NOW).id())
                .isNotEqualTo(signer.sign(1042, NOW).id());
    }

    @Test
    void namesAnotherIssuerOrNoneWhenAsked() {
        assertThat(payloadOf(signer.issuedBy("another-wallet").sign(1042, NOW)))
                .contains("\"iss\":\"another-wallet\"")
                .doesNotContain("mini-wallet");
        assertThat(payloadOf(signer.withoutIssuer().sign(1042, NOW)))
                .startsWith("{\"sub\":\"1042\"")
                .doesNotContain("\"iss\"");
    }

    @Test
    void refusesAnIssuerItWouldHaveToEscape() {
        assertThatThrownBy(() -> signer.issuedBy("quote\"d")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String payloadOf(AccessTokenSigner.AccessToken token) {
        return decode(token.value().split("\\.")[1]);
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
