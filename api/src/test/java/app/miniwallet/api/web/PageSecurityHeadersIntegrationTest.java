package app.miniwallet.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

/** The headers that keep the page to its own scripts, its referrer to itself and its powers small. */
@ApiIntegrationTest
class PageSecurityHeadersIntegrationTest {

    private static final Pattern IMPORT_MAP =
            Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

    @Autowired
    WalletFixtures fixtures;

    @Test
    void thePageAllowsNoInlineScriptButItsImportMapByItsHash() throws Exception {
        var page = fixtures.client()
                .get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class);
        var html = page.getResponseBody();
        var importMap = IMPORT_MAP.matcher(html);
        assertThat(importMap.find()).as("the page has an import map").isTrue();
        var hash = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(importMap.group(1).getBytes(StandardCharsets.UTF_8)));

        var policy = directives(page.getResponseHeaders().getFirst("Content-Security-Policy"));

        assertThat(policy.get("script-src"))
                .startsWith("'self' ")
                .contains("'sha256-" + hash + "'")
                .doesNotContain("'unsafe-inline'", "data:", "*");
        assertThat(policy)
                .containsEntry("default-src", "'self'")
                .containsEntry("style-src", "'self'")
                .containsEntry("object-src", "'none'")
                .containsEntry("base-uri", "'none'")
                .containsEntry("frame-ancestors", "'none'");
        assertThat(policy.get("connect-src")).isEqualTo("'self' " + feedOrigin());
        assertPrivacyHeaders(page.getResponseHeaders());
    }

    @Test
    void theApiAnswersCarryTheSameHeadersSignedInOrNot() {
        var person = fixtures.personWithNoMoney();
        var page = fixtures.client().get().uri("/").exchange().returnResult(String.class);
        var policy = page.getResponseHeaders().getFirst("Content-Security-Policy");

        var config = fixtures.client().get().uri("/api/config").exchange().returnResult(String.class);
        var history = fixtures.client()
                .get()
                .uri("/api/transactions")
                .header("Authorization", person.bearer())
                .exchange()
                .returnResult(String.class);
        var refused = fixtures.client().get().uri("/api/me").exchange().returnResult(String.class);

        assertThat(config.getStatus().value()).isEqualTo(200);
        assertThat(history.getStatus().value()).isEqualTo(200);
        assertThat(refused.getStatus().value()).isEqualTo(401);
        for (var answer : List.of(config, history, refused)) {
            assertThat(answer.getResponseHeaders().getFirst("Content-Security-Policy"))
                    .isEqualTo(policy);
            assertPrivacyHeaders(answer.getResponseHeaders());
        }
    }

    private static void assertPrivacyHeaders(HttpHeaders headers) {
        assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(headers.getFirst("Permissions-Policy"))
                .contains("camera=()", "microphone=()", "geolocation=()", "payment=()");
    }

    /** The feed's origin as the page learns it from /api/config. */
    private String feedOrigin() {
        var feedUrl = fixtures.client()
                .get()
                .uri("/api/config")
                .exchange()
                .returnResult(Map.class)
                .getResponseBody()
                .get("feed_url")
                .toString();
        var uri = URI.create(feedUrl);
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private static Map<String, String> directives(String policy) {
        assertThat(policy).as("Content-Security-Policy").isNotBlank();
        var directives = new LinkedHashMap<String, String>();
        for (var directive : policy.split(";")) {
            var parts = directive.strip().split("\\s+", 2);
            directives.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return directives;
    }
}
