package app.miniwallet.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.TightRateLimits;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.contracts.user.AccountEmailRequested.Purpose;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * An email address gets only a few account emails an hour, however many clients ask for them, and every asking client
 * is answered as if the email went out: the answer never tells whether the address has an account.
 */
@ApiIntegrationTest
@TightRateLimits
class AccountEmailLimitsIntegrationTest {

    /** forgot-password-per-email, left at its default. */
    private static final int RESET_EMAILS_AN_HOUR = 3;

    @Autowired
    WalletFixtures fixtures;

    AccountEmailsProbe emails;

    @BeforeEach
    void listenForEmails() {
        emails = new AccountEmailsProbe();
    }

    @AfterEach
    void stopListening() {
        emails.close();
    }

    @Test
    void aFloodOfForgotPasswordForOneAddressIsAnswered202EveryTimeAndSendsThreeEmails() {
        var person = fixtures.personWithNoMoney();

        for (int i = 0; i < 10; i++) {
            assertThat(post("/api/auth/forgot-password", null, Map.of("email", person.email())))
                    .as("request %d", i + 1)
                    .isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(15))
                .until(() -> emailsTo(person.email(), Purpose.RESET_PASSWORD) == RESET_EMAILS_AN_HOUR);
        // and no more follow
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> emailsTo(person.email(), Purpose.RESET_PASSWORD) == RESET_EMAILS_AN_HOUR);
    }

    @Test
    void anAddressWithoutAnAccountIsAnsweredTheSameWayPastItsLimit() {
        var nobody = "nobody." + UUID.randomUUID() + "@example.test";

        for (int i = 0; i < 10; i++) {
            assertThat(post("/api/auth/forgot-password", null, Map.of("email", nobody)))
                    .isEqualTo(202);
        }
    }

    @Test
    void resendingTheVerificationEmailAgainAndAgainIsAnswered202AndSendsOnlySoMany() {
        var person = fixtures.unverifiedPersonNamed("Impatient", "impatient." + UUID.randomUUID() + "@example.test");

        for (int i = 0; i < TightRateLimits.PER_TARGET + 2; i++) {
            assertThat(post("/api/auth/verify-email/resend", person.bearer(), Map.of()))
                    .isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(15))
                .until(() -> emailsTo(person.email(), Purpose.VERIFY_EMAIL) == TightRateLimits.PER_TARGET);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> emailsTo(person.email(), Purpose.VERIFY_EMAIL) == TightRateLimits.PER_TARGET);
    }

    private long emailsTo(String email, Purpose purpose) {
        return emails.emailsTo(email).stream()
                .filter(request -> request.purpose() == purpose)
                .count();
    }

    /** From an address of its own each time: only the limit per email address can be reached. */
    private int post(String uri, String authorization, Map<String, ?> body) {
        var request = fixtures.client().post().uri(uri).contentType(MediaType.APPLICATION_JSON);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.body(body)
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }
}
