package app.miniwallet.api;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.api.auth.AccessTokens;
import app.miniwallet.api.user.User;
import app.miniwallet.api.user.UserAccounts;
import app.miniwallet.api.user.Users;
import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Named ways to make the people a test needs. Each test gets new people, so tests never collide. */
@TestComponent
public class WalletFixtures {

    public static final String PASSWORD = "correct horse battery staple";

    private static final AtomicInteger sequence = new AtomicInteger();

    private final UserAccounts accounts;
    private final Users users;
    private final AccessTokens tokens;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    private final Environment environment;
    /** Hashed once: bcrypt is slow on purpose, and every fixture person has the same password. */
    private final String passwordHash;

    WalletFixtures(
            UserAccounts accounts,
            Users users,
            AccessTokens tokens,
            PasswordEncoder passwords,
            JdbcClient jdbc,
            TransactionTemplate transaction,
            Environment environment) {
        this.environment = environment;
        this.passwordHash = passwords.encode(PASSWORD);
        this.accounts = accounts;
        this.users = users;
        this.transaction = transaction;
        this.tokens = tokens;
        this.jdbc = jdbc;
    }

    /** A person signed in, with a token for the API. */
    public record Person(AccountId account, String name, String email, String token) {

        public String bearer() {
            return "Bearer " + token;
        }
    }

    /** A client of the API from an address of its own, so the sign-in throttle counts each test apart. */
    public RestTestClient client() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        return RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + environment.getProperty("local.server.port"))
                .defaultHeader(
                        "X-Forwarded-For",
                        "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255))
                .build();
    }

    public Person personWith(String balance) {
        var number = sequence.incrementAndGet();
        return person(
                "Person " + number + " " + UUID.randomUUID().toString().substring(0, 8),
                "person" + number + "." + UUID.randomUUID() + "@example.test",
                balance);
    }

    public Person personNamed(String name, String email) {
        return person(name, email, "0.00");
    }

    /** Someone who registered but has not opened the verification link yet. */
    public Person unverifiedPersonNamed(String name, String email) {
        var user = accounts.register(User.Unsaved.unverified(name, email, passwordHash));
        return new Person(
                AccountId.of(user.id()), name, email, tokens.issueFor(user).value());
    }

    private Person person(String name, String email, String balance) {
        var user = accounts.register(new User.Unsaved(name, email, passwordHash, Instant.now()));
        var account = AccountId.of(user.id());
        if (Money.parse(balance).isPositive()) {
            fund(account, Money.parse(balance));
        }
        return new Person(account, name, email, tokens.issueFor(user).value());
    }

    /** Another access token for the same person, as from a second device. */
    public String personTokenFor(Person person) {
        return tokens.issueFor(users.findById(person.account().value()).orElseThrow())
                .value();
    }

    public Person personWithNoMoney() {
        return personWith("0.00");
    }

    /**
     * Money in the way the processor would have put it there: a completed top-up from the cash-in
     * account with both ledger legs, so every invariant keeps holding.
     */
    public void fund(AccountId account, Money amount) {
        transaction.executeWithoutResult(status -> insertTopUp(account, amount));
    }

    private void insertTopUp(AccountId account, Money amount) {
        var now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        var cashInAfter = jdbc.sql(
                        "update accounts set balance_minor = balance_minor - ? where id = ? returning balance_minor")
                .params(amount.minor(), AccountId.CASH_IN.value())
                .query(Long.class)
                .single();
        var userAfter = jdbc.sql(
                        "update accounts set balance_minor = balance_minor + ? where id = ? returning balance_minor")
                .params(amount.minor(), account.value())
                .query(Long.class)
                .single();
        var transferId = UUID.randomUUID();
        jdbc.sql(
                        """
                        insert into transfers (id, kind, requested_by, sender_id, receiver_id, amount_minor, fee_minor,
                                               status, applied_partition, applied_offset, sender_balance_after,
                                               receiver_balance_after, created_at, completed_at)
                        values (?, 'TOP_UP', ?, ?, ?, ?, 0, 'COMPLETED', -1, -1, ?, ?, ?, ?)""")
                .params(
                        transferId,
                        account.value(),
                        AccountId.CASH_IN.value(),
                        account.value(),
                        amount.minor(),
                        cashInAfter,
                        userAfter,
                        now,
                        now)
                .update();
        jdbc.sql(
                        """
                        insert into ledger_entries (transfer_id, account_id, amount_minor, balance_after, created_at)
                        values (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)""")
                .params(
                        transferId,
                        AccountId.CASH_IN.value(),
                        -amount.minor(),
                        cashInAfter,
                        now,
                        transferId,
                        account.value(),
                        amount.minor(),
                        userAfter,
                        now)
                .update();
    }

    /** Sends money as the person would; the transfer id when accepted, empty when the API refused (422). */
    public Optional<String> send(Person from, Person to, String amount) {
        var result = client().post()
                .uri("/api/transfers")
                .header("Authorization", from.bearer())
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"receiver_id\": " + to.account() + ", \"amount\": \"" + amount + "\"}")
                .exchange()
                .returnResult(Map.class);
        if (result.getStatus().value() == 202) {
            return Optional.of((String) result.getResponseBody().get("id"));
        }
        assertThat(result.getStatus().value()).as("a refused transfer is a 422").isEqualTo(422);
        return Optional.empty();
    }

    /** Sends money that the API must accept; the transfer id. */
    public String sendAccepted(Person from, Person to, String amount) {
        return send(from, to, amount)
                .orElseThrow(() -> new AssertionError("the transfer of " + amount + " was refused"));
    }

    /**
     * Marks a pending transfer COMPLETED as the processor's decision would, in the transfers row only (no balance
     * moves, no ledger legs): for tests of who may read what. There is no processor in the api's tests.
     */
    public void markCompleted(String transferId) {
        decide(transferId, "COMPLETED", null);
    }

    /** Marks a pending transfer REJECTED for insufficient funds, in the transfers row only (see markCompleted). */
    public void markRejected(String transferId) {
        decide(transferId, "REJECTED", "INSUFFICIENT_FUNDS");
    }

    private void decide(String transferId, String status, String reason) {
        var decided = jdbc.sql(
                        """
                        update transfers
                           set status = ?, reason = ?, applied_partition = -1, applied_offset = -1,
                               sender_balance_after = 0, receiver_balance_after = 0, completed_at = now()
                         where id = ? and status = 'PENDING'""")
                .params(status, reason, UUID.fromString(transferId))
                .update();
        assertThat(decided).as("pending transfer %s", transferId).isEqualTo(1);
    }

    public long ledgerSumOf(Person person) {
        return jdbc.sql("select coalesce(sum(amount_minor), 0) from ledger_entries where account_id = ?")
                .param(person.account().value())
                .query(Long.class)
                .single();
    }

    public Money balanceOf(Person person) {
        return accounts.balanceOf(person.account()).orElseThrow();
    }

    /** Rows this person's requests wrote: transfers they asked for and outbox messages keyed by them. */
    public long writesBy(Person person) {
        return jdbc.sql(
                        """
                        select (select count(*) from transfers where requested_by = :id and applied_offset is distinct from -1)
                             + (select count(*) from outbox where message_key = cast(:id as text))""")
                .param("id", person.account().value())
                .query(Long.class)
                .single();
    }
}
