package app.miniwallet.loadtests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AccessTokenSignerUnitTest {

    private static final String SECRET = "bench-secret-0123456789abcdef0123456789";

    @Test
    void signsTheApisClaimsWithHs256() throws Exception {
        var now = Instant.parse("2026-11-21T10:00:00Z");
        var token = new AccessTokenSigner(SECRET, Duration.ofHours(1)).tokenFor(1042, now);

        var parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"HS256\"}");
        assertThat(decode(parts[1]))
                .contains("\"iss\":\"mini-wallet\"", "\"sub\":\"1042\"", "\"tgen\":0")
                .contains("\"iat\":" + now.getEpochSecond(), "\"exp\":" + (now.getEpochSecond() + 3600))
                .containsPattern("\"jti\":\"[0-9a-f-]{36}\"");
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        var expected = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII)));
        assertThat(parts[2]).isEqualTo(expected);
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
