package app.miniwallet.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailKeyUnitTest {

    @Test
    void spellingsOfOneAddressThatTheSignInFindsAsOneShareOneKey() {
        assertThat(RateLimits.emailKey(" Alice@Example.TEST ")).isEqualTo("alice@example.test");
        // "İ" lower-cases to "i" in PostgreSQL's lower(), but to "i" and a combining dot in String.toLowerCase
        assertThat(RateLimits.emailKey("admİn@example.test")).isEqualTo("admin@example.test");
    }
}
