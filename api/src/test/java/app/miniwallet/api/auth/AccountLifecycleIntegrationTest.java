package app.miniwallet.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.Concurrently;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.api.ratelimit.RateLimitSettings;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.user.AccountEmailRequested.Purpose;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Register, verify, sign out, reset a password: through the API and the emails it asks for. */
@ApiIntegrationTest
class AccountLifecycleIntegrationTest {

    private static final String PASSWORD = "a long enough password";
    /** 30 emoji: 60 chars, but 120 bytes in UTF-8, past the 72 bcrypt reads. */
    private static final String EMOJI_PASSWORD = "\uD83D\uDE00".repeat(30);

    @Autowired
    WalletFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RateLimitSettings limits;

    RestTestClient http;
    AccountEmailsProbe emails;

    @BeforeEach
    void listenForEmails() {
        http = fixtures.client();
        emails = new AccountEmailsProbe();
    }

    @AfterEach
    void stopListening() {
        emails.close();
    }

    @Test
    void registersVerifiesThroughTheEmailedTokenAndThenMayMoveMoney() {
        var email = "New.Person." + UUID.randomUUID() + "@Example.test";
        var registered = post(
                        "/api/auth/register",
                        null,
                        Map.of(
                                "name", "  Zoë Ünïcode-Person  ",
                                "email", email,
                                "password", PASSWORD,
                                "password_confirmation", PASSWORD))
                .expectStatus()
                .isCreated()
                .expectHeader()
                .location("/api/me")
                .returnResult(Map.class)
                .getResponseBody();
        @SuppressWarnings("unchecked")
        var user = (Map<String, Object>) registered.get("user");
        assertThat(user).containsEntry("name", "Zoë Ünïcode-Person").containsEntry("email_verified", false);
        var token = "Bearer " + registered.get("access_token");
        var account = AccountId.of(((Number) user.get("id")).longValue());

        // signed in and can see the (empty) wallet, but cannot move money yet
        http.get()
                .uri("/api/me")
                .header("Authorization", token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.balance")
                .isEqualTo("0.00")
                .jsonPath("$.email_verified")
                .isEqualTo(false);
        fixtures.fund(account, Money.parse("50.00"));
        var friend = fixtures.personWithNoMoney();
        post("/api/transfers", token, Map.of("receiver_id", friend.account().value(), "amount", "5.00"))
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("not verified"));
        post("/api/wallet/top-ups", token, Map.of("amount", "5.00"))
                .expectStatus()
                .isForbidden();

        var verification = emails.awaitEmailTo(email.strip(), Purpose.VERIFY_EMAIL);
        assertThat(verification.userId()).isEqualTo(account);
        assertThat(Duration.between(verification.occurredAt(), verification.expiresAt()))
                .isEqualTo(Duration.ofHours(24));
        post("/api/auth/verify-email", null, Map.of("token", verification.token()))
                .expectStatus()
                .isNoContent();

        post("/api/transfers", token, Map.of("receiver_id", friend.account().value(), "amount", "5.00"))
                .expectStatus()
                .isAccepted();
        // the token works once
        post("/api/auth/verify-email", null, Map.of("token", verification.token()))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("token");
    }

    @Test
    void refusesAnExpiredVerificationTokenAndResendsANewOne() {
        var registered = register("expiring");
        var first = emails.awaitEmailTo(registered.email(), Purpose.VERIFY_EMAIL);
        jdbc.sql("update account_tokens set expires_at = now() - interval '1 second' where user_id = ?")
                .param(registered.id())
                .update();

        post("/api/auth/verify-email", null, Map.of("token", first.token()))
                .expectStatus()
                .isEqualTo(422);

        post("/api/auth/verify-email/resend", registered.bearer(), Map.of())
                .expectStatus()
                .isAccepted();
        var second = await().atMost(Duration.ofSeconds(15))
                .until(() -> emails.emailsTo(registered.email()), list -> list.size() == 2)
                .get(1);
        post("/api/auth/verify-email", null, Map.of("token", second.token()))
                .expectStatus()
                .isNoContent();
        assertThat(isVerified(registered.id())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "missing name        | ''      | ok@example.test   | PASSWORD | PASSWORD | name",
                "name too long       | LONG    | ok@example.test   | PASSWORD | PASSWORD | name",
                "name with RLO       | RLO     | ok@example.test   | PASSWORD | PASSWORD | name",
                "name with ZWSP      | ZWSP    | ok@example.test   | PASSWORD | PASSWORD | name",
                "name with a control | BELL    | ok@example.test   | PASSWORD | PASSWORD | name",
                "invalid email       | Ann     | not-an-email      | PASSWORD | PASSWORD | email",
                "short password      | Ann     | ok@example.test   | short    | short    | password",
                "120-byte password   | Ann     | ok@example.test   | EMOJI    | EMOJI    | password",
                "unconfirmed         | Ann     | ok@example.test   | PASSWORD | other pw | password_confirmation",
            })
    void refusesAnInvalidRegistration(
            String description, String name, String email, String password, String confirmation, String field) {
        var body = Map.of(
                "name",
                        switch (name) {
                            case "LONG" -> "x".repeat(256);
                            case "RLO" -> "Ann\u202Egnp.exe";
                            case "ZWSP" -> "Ann\u200BBell";
                            case "BELL" -> "Ann\u0007Bell";
                            default -> name;
                        },
                "email", email.replace("ok@", UUID.randomUUID() + "@"),
                "password", passwordFor(password),
                "password_confirmation", passwordFor(confirmation));
        post("/api/auth/register", null, body)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo(field);
    }

    private static String passwordFor(String placeholder) {
        return switch (placeholder) {
            case "PASSWORD" -> PASSWORD;
            case "EMOJI" -> EMOJI_PASSWORD;
            default -> placeholder;
        };
    }

    @Test
    void refusesANewPasswordLongerThan72BytesAndKeepsTheLinkUsable() {
        var person = fixtures.personWithNoMoney();
        var reset = resetEmailFor(person.email());

        resetPassword(reset.token(), EMOJI_PASSWORD)
                .expectStatus()
                .isEqualTo(422)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("password")
                .jsonPath("$.errors[0].reason")
                .isEqualTo("must be at most 72 bytes (UTF-8)");

        resetPassword(reset.token(), PASSWORD).expectStatus().isNoContent();
        login(person.email(), PASSWORD).expectStatus().isOk();
    }

    @Test
    void redeemingOneResetLinkRetiresEveryOtherUnusedOne() {
        var person = fixtures.personWithNoMoney();
        var first = resetEmailFor(person.email());
        var second = anotherResetEmailFor(person.email());

        resetPassword(second.token(), PASSWORD).expectStatus().isNoContent();

        resetPassword(first.token(), "an attacker's password")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("token");
        login(person.email(), PASSWORD).expectStatus().isOk();
        // a link asked for afterwards works as usual
        resetPassword(anotherResetEmailFor(person.email()).token(), "a newer password")
                .expectStatus()
                .isNoContent();
    }

    @Test
    void redeemsExactlyOneOfSeveralResetLinksUsedAtOnceAndNeverAnswers500() {
        var person = fixtures.personWithNoMoney();
        var links = new ArrayList<AccountEmailsProbe.Emailed>();
        links.add(resetEmailFor(person.email()));
        for (int i = 1; i < 3; i++) { // three: the most reset emails an address gets an hour
            links.add(anotherResetEmailFor(person.email()));
        }

        var statuses =
                Concurrently.run(links.size(), i -> resetPassword(links.get(i).token(), PASSWORD + " " + i)
                        .returnResult(Map.class)
                        .getStatus()
                        .value());

        assertThat(statuses).containsOnly(204, 422).containsOnlyOnce(204);
        login(person.email(), PASSWORD + " " + statuses.indexOf(204))
                .expectStatus()
                .isOk();
    }

    @Test
    void refusesAnEmailThatIsTakenWhateverItsCase() {
        var existing = fixtures.personWithNoMoney();
        post(
                        "/api/auth/register",
                        null,
                        Map.of(
                                "name",
                                "Copycat",
                                "email",
                                existing.email().toUpperCase(),
                                "password",
                                PASSWORD,
                                "password_confirmation",
                                PASSWORD))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("email")
                .jsonPath("$.errors[0].reason")
                .isEqualTo("is already registered");
    }

    @Test
    void registersAnEmailSentManyTimesAtOnceExactlyOnce() {
        var email = "twin." + UUID.randomUUID() + "@example.test";
        var body = Map.of("name", "Twin", "email", email, "password", PASSWORD, "password_confirmation", PASSWORD);

        // the first to insert wins; the rest are refused by the check or, past it, by the unique index: never a 500
        var statuses = Concurrently.run(8, i -> post("/api/auth/register", null, body)
                .returnResult(Map.class)
                .getStatus()
                .value());

        assertThat(statuses).containsOnly(201, 422).containsOnlyOnce(201);
        assertThat(jdbc.sql("select count(*) from users where lower(email) = lower(?)")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void aResetThroughTheEmailedLinkVerifiesTheAddressAndKeepsTheFirstVerificationTime() {
        var person = register("Forgetful");
        assertThat(isVerified(person.id())).isFalse();

        var reset = resetEmailFor(person.email());
        resetPassword(reset.token(), PASSWORD).expectStatus().isNoContent();
        assertThat(isVerified(person.id())).isTrue();
        var firstVerified = verifiedAt(person.id());

        var verification = emails.awaitEmailTo(person.email(), Purpose.VERIFY_EMAIL);
        post("/api/auth/verify-email", null, Map.of("token", verification.token()))
                .expectStatus()
                .isNoContent();
        assertThat(verifiedAt(person.id())).isEqualTo(firstVerified);
    }

    @Test
    void signingOutRevokesTheTokenAtOnce() {
        var person = fixtures.personWithNoMoney();
        http.get()
                .uri("/api/me")
                .header("Authorization", person.bearer())
                .exchange()
                .expectStatus()
                .isOk();

        post("/api/auth/logout", person.bearer(), Map.of()).expectStatus().isNoContent();

        http.get()
                .uri("/api/me")
                .header("Authorization", person.bearer())
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void resetsAForgottenPasswordAndSignsEveryOldTokenOut() {
        var person = fixtures.personWith("10.00");
        var otherSession = fixtures.personTokenFor(person);

        var reset = resetEmailFor(person.email());
        assertThat(Duration.between(reset.occurredAt(), reset.expiresAt())).isEqualTo(Duration.ofHours(1));

        resetPassword(reset.token(), PASSWORD).expectStatus().isNoContent();

        for (var oldToken : new String[] {person.bearer(), "Bearer " + otherSession}) {
            http.get()
                    .uri("/api/me")
                    .header("Authorization", oldToken)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }
        login(person.email(), WalletFixtures.PASSWORD).expectStatus().isUnauthorized();
        var newToken = "Bearer "
                + login(person.email(), PASSWORD)
                        .expectStatus()
                        .isOk()
                        .returnResult(Map.class)
                        .getResponseBody()
                        .get("access_token");
        http.get()
                .uri("/api/me")
                .header("Authorization", newToken)
                .exchange()
                .expectStatus()
                .isOk();
        resetPassword(reset.token(), "yet another password").expectStatus().isEqualTo(422);
    }

    @Test
    void answersAForgottenPasswordForAnUnknownEmailTheSameWayAndSendsNothing() {
        var unknown = "nobody-" + UUID.randomUUID() + "@example.test";

        post("/api/auth/forgot-password", null, Map.of("email", unknown))
                .expectStatus()
                .isAccepted()
                .expectBody()
                .isEmpty();

        var known = fixtures.personWithNoMoney();
        post("/api/auth/forgot-password", null, Map.of("email", known.email()))
                .expectStatus()
                .isAccepted();
        emails.awaitEmailTo(known.email(), Purpose.RESET_PASSWORD);
        assertThat(emails.emailsTo(unknown)).isEmpty();
    }

    @Test
    void refusesAnExpiredResetToken() {
        var person = fixtures.personWithNoMoney();
        var reset = resetEmailFor(person.email());
        jdbc.sql("update account_tokens set expires_at = now() - interval '1 second' where user_id = ?")
                .param(person.account().value())
                .update();

        resetPassword(reset.token(), PASSWORD).expectStatus().isEqualTo(422);
        login(person.email(), WalletFixtures.PASSWORD).expectStatus().isOk();
    }

    @Test
    void throttlesRepeatedFailedSignInsWith429AndRetryAfter() {
        var person = fixtures.personWithNoMoney();
        for (int i = 0; i < limits.loginFailuresPerAccount().limit(); i++) {
            login(person.email(), "wrong password " + i).expectStatus().isUnauthorized();
        }

        login(person.email(), WalletFixtures.PASSWORD)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueMatches("Retry-After", "[1-9][0-9]*")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void throttlesManyFailedSignInsFromOneAddressWhateverTheAccount() {
        for (int i = 0; i < limits.loginFailuresPerAddress().limit(); i++) {
            login("nobody-" + UUID.randomUUID() + "@example.test", "guess " + i)
                    .expectStatus()
                    .isUnauthorized();
        }
        var person = fixtures.personWithNoMoney();

        login(person.email(), WalletFixtures.PASSWORD).expectStatus().isEqualTo(429);
        // the same person from another address is let in
        fixtures.client()
                .post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", person.email(), "password", WalletFixtures.PASSWORD))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private record Registered(long id, String email, String token) {
        String bearer() {
            return "Bearer " + token;
        }
    }

    private Registered register(String who) {
        var email = who + "." + UUID.randomUUID() + "@example.test";
        var body = post(
                        "/api/auth/register",
                        null,
                        Map.of("name", who, "email", email, "password", PASSWORD, "password_confirmation", PASSWORD))
                .expectStatus()
                .isCreated()
                .returnResult(Map.class)
                .getResponseBody();
        @SuppressWarnings("unchecked")
        var user = (Map<String, Object>) body.get("user");
        return new Registered(((Number) user.get("id")).longValue(), email, (String) body.get("access_token"));
    }

    private boolean isVerified(long userId) {
        return jdbc.sql("select email_verified_at is not null from users where id = ?")
                .param(userId)
                .query(Boolean.class)
                .single();
    }

    private Instant verifiedAt(long userId) {
        return jdbc.sql("select email_verified_at from users where id = ?")
                .param(userId)
                .query(Instant.class)
                .single();
    }

    /** Asks for a reset link as someone who forgot their password would; the email it sends. */
    private AccountEmailsProbe.Emailed resetEmailFor(String email) {
        post("/api/auth/forgot-password", null, Map.of("email", email))
                .expectStatus()
                .isAccepted();
        return emails.awaitEmailTo(email, Purpose.RESET_PASSWORD);
    }

    /** Asks for one more reset link; the email that carries it, once it is there beside the earlier ones. */
    private AccountEmailsProbe.Emailed anotherResetEmailFor(String email) {
        var before = resetEmailsTo(email).size();
        post("/api/auth/forgot-password", null, Map.of("email", email))
                .expectStatus()
                .isAccepted();
        var after = await().atMost(Duration.ofSeconds(15))
                .until(() -> resetEmailsTo(email), emails -> emails.size() > before);
        return after.get(after.size() - 1);
    }

    private List<AccountEmailsProbe.Emailed> resetEmailsTo(String email) {
        return emails.emailsTo(email).stream()
                .filter(request -> request.purpose() == Purpose.RESET_PASSWORD)
                .toList();
    }

    private RestTestClient.ResponseSpec resetPassword(String token, String password) {
        return post(
                "/api/auth/reset-password",
                null,
                Map.of("token", token, "password", password, "password_confirmation", password));
    }

    private RestTestClient.ResponseSpec login(String email, String password) {
        return post("/api/auth/login", null, Map.of("email", email, "password", password));
    }

    private RestTestClient.ResponseSpec post(String uri, String authorization, Map<String, ?> body) {
        var request = http.post().uri(uri).contentType(MediaType.APPLICATION_JSON);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.body(body).exchange();
    }
}
