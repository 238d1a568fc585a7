package app.miniwallet.platform.auth;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.testsupport.fixtures.WalletRows;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The revocation memory against a real PostgreSQL with the wallet's schema: a token revoked by another instance (here
 * one that only writes) is refused within the delay, also when the memory's listener is stalled or lost its
 * connection, and while the memory is current a check reads nothing from the database.
 */
class TokenRevocationsIntegrationTest {

    private static final Duration DELAY = ofSeconds(1);
    /** What the check and Awaitility's polling add to the delay. */
    private static final Duration SLACK = ofMillis(100);

    private static final WalletTestStack stack = WalletTestStack.shared();

    /** Tells the memory's listener session from every other one. */
    private final String applicationName = "revocations-test-" + UUID.randomUUID();

    private final AtomicInteger connectionsTaken = new AtomicInteger();
    /** Runs once, when the memory next gives back a connection it read with: after the read, before it is used. */
    private final AtomicReference<Runnable> afterNextRead = new AtomicReference<>();

    private final TokenRevocations elsewhere = new TokenRevocations(JdbcClient.create(stack.dataSource()));
    private final TokenRevocations here = new TokenRevocations(
            JdbcClient.create(new DelegatingDataSource(stack.dataSource()) {
                @Override
                public Connection getConnection() throws SQLException {
                    connectionsTaken.incrementAndGet();
                    return runningAfterNextReadOnClose(super.getConnection());
                }
            }),
            stack.dataSourceNamed(applicationName),
            DELAY);
    private final WalletRows rows = new WalletRows(stack.dataSource());

    @BeforeAll
    static void schema() {
        Flyway.configure().dataSource(stack.dataSource()).load().migrate();
    }

    @AfterEach
    void stop() {
        here.stop();
    }

    @Test
    void whileCurrentItChecksATokenWithoutReadingTheDatabase() {
        var token = tokenOf(rows.newUser("Ann").id().value(), 0);
        here.start();
        awaitCurrent(token);

        var before = connectionsTaken.get();
        for (int i = 0; i < 100; i++) {
            assertThat(here.isRevoked(token)).isFalse();
        }

        assertThat(connectionsTaken.get()).isEqualTo(before);
    }

    @Test
    void aTokenSignedOutOrResetHereIsRefusedHereAtOnce() {
        var user = rows.newUser("Gus").id().value();
        var signedOut = tokenOf(user, 0);
        var beforeTheReset = tokenOf(user, 0);
        here.start();
        awaitCurrent(signedOut);
        awaitCurrent(beforeTheReset);

        here.revoke(signedOut);
        assertThat(here.isRevoked(signedOut)).isTrue();
        assertThat(here.isRevoked(beforeTheReset)).isFalse();

        var generation = here.revokeAllOf(user);
        assertThat(here.isRevoked(beforeTheReset)).isTrue();
        assertThat(here.isRevoked(tokenOf(user, generation))).isFalse();
    }

    @Test
    void aResetLandingWhileItReadsAGenerationIsNotHiddenByWhatItRead() throws Throwable {
        var user = rows.newUser("Ivy").id().value();
        var token = tokenOf(user, 0);
        here.start();
        awaitCurrent(tokenOf(rows.newUser("Jo").id().value(), 0));
        // so that the reset's notice cannot mend what the memory keeps; it still vouches for the rest of the delay
        whileTheListenerIsStalled(() -> {
            // the reset commits after the read of the generation returned, before the memory keeps what it read
            afterNextRead.set(() -> here.revokeAllOf(user));

            assertThat(here.isRevoked(token)).isFalse(); // as of its read
            assertThat(afterNextRead.get()).isNull();
            assertThat(here.isRevoked(token)).isTrue();
        });
    }

    @Test
    void aTokenIssuedAfterAResetElsewhereIsAcceptedBeforeTheResetIsHeard() throws Throwable {
        var user = rows.newUser("Kim").id().value();
        here.start();
        awaitCurrent(tokenOf(user, 0));
        whileTheListenerIsStalled(() -> {
            var generation = elsewhere.revokeAllOf(user);

            assertThat(here.isRevoked(tokenOf(user, generation))).isFalse();
        });
    }

    @Test
    void aTokenSignedOutElsewhereIsRefusedWithinTheDelay() {
        var user = rows.newUser("Bea").id().value();
        var token = tokenOf(user, 0);
        var another = tokenOf(user, 0);
        here.start();
        awaitCurrent(token);

        elsewhere.revoke(token);

        await().pollInterval(ofMillis(10)).atMost(DELAY.plus(SLACK)).until(() -> here.isRevoked(token));
        assertThat(here.isRevoked(another)).isFalse();
    }

    @Test
    void aPasswordResetElsewhereRefusesEveryEarlierTokenWithinTheDelay() {
        var user = rows.newUser("Cy").id().value();
        var token = tokenOf(user, 0);
        here.start();
        awaitCurrent(token);

        var generation = elsewhere.revokeAllOf(user);

        await().pollInterval(ofMillis(10)).atMost(DELAY.plus(SLACK)).until(() -> here.isRevoked(token));
        assertThat(here.isRevoked(tokenOf(user, generation))).isFalse();
    }

    @Test
    void aRevocationItCannotHearIsRefusedWithinTheDelay() throws Throwable {
        var token = tokenOf(rows.newUser("Dee").id().value(), 0);
        here.start();
        awaitCurrent(token);
        whileTheListenerIsStalled(() -> {
            elsewhere.revoke(token);

            await().pollInterval(ofMillis(10)).atMost(DELAY.plus(SLACK)).until(() -> here.isRevoked(token));
        });
    }

    @Test
    void aRevocationMissedWhileItsConnectionWasLostIsKnownOnceItListensAgain() throws Exception {
        var token = tokenOf(rows.newUser("Eve").id().value(), 0);
        here.start();
        awaitCurrent(token);

        terminate(listenersBackend());
        elsewhere.revoke(token);

        await().pollInterval(ofMillis(10)).atMost(DELAY.plus(SLACK)).until(() -> here.isRevoked(token));
        // current again: the answer comes from memory, read anew when it listened again
        awaitCurrent(tokenOf(rows.newUser("Fay").id().value(), 0));
        var before = connectionsTaken.get();
        assertThat(here.isRevoked(token)).isTrue();
        assertThat(connectionsTaken.get()).isEqualTo(before);
    }

    @Test
    void aNoticeItCannotReadMakesItListenAgainFromScratch() {
        var token = tokenOf(rows.newUser("Hal").id().value(), 0);
        here.start();
        awaitCurrent(token);
        var session = listenersBackend();

        JdbcClient.create(stack.dataSource())
                .sql("select pg_notify(?, 'not a notice')")
                .param(RevocationMemory.CHANNEL)
                .query(String.class)
                .single();

        await().atMost(ofSeconds(10)).until(() -> listenersSessions().stream().anyMatch(pid -> pid != session));
        awaitCurrent(token);
    }

    @Test
    void aTokenWhoseClaimsItCannotReadIsRefused() {
        var odd = token("not-a-user-id", "not-a-number");

        assertThat(here.isRevoked(odd)).isTrue();
        assertThat(elsewhere.isRevoked(odd)).isTrue();
    }

    /** Until a check of this token reads nothing from the database: the memory is current and knows its user. */
    private void awaitCurrent(Jwt token) {
        await().atMost(ofSeconds(10)).until(() -> {
            var before = connectionsTaken.get();
            var revoked = here.isRevoked(token);
            return !revoked && connectionsTaken.get() == before;
        });
    }

    private static Jwt tokenOf(long user, long generation) {
        return token(Long.toString(user), generation);
    }

    private static Jwt token(String subject, Object generation) {
        var now = Instant.now();
        return Jwt.withTokenValue("token")
                .header("alg", "HS256")
                .subject(subject)
                .jti(UUID.randomUUID().toString())
                .claim(AccessTokenClaims.GENERATION, generation)
                .issuedAt(now)
                .expiresAt(now.plus(ofSeconds(3600)))
                .build();
    }

    private Connection runningAfterNextReadOnClose(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException failed) {
                        throw failed.getCause();
                    } finally {
                        var action = method.getName().equals("close") ? afterNextRead.getAndSet(null) : null;
                        if (action != null) {
                            action.run();
                        }
                    }
                });
    }

    /** Runs the action with the memory's listener backend stopped (SIGSTOP): it hears nothing, its checks hang. */
    private void whileTheListenerIsStalled(Executable action) throws Throwable {
        var listener = listenersBackend();
        signal("STOP", listener);
        try {
            action.execute();
        } finally {
            signal("CONT", listener);
        }
    }

    private long listenersBackend() {
        return listenersSessions().get(0);
    }

    private List<Long> listenersSessions() {
        return JdbcClient.create(stack.dataSource())
                .sql("select pid from pg_stat_activity where application_name = ?")
                .param(applicationName)
                .query(Long.class)
                .list();
    }

    private static void terminate(long backend) {
        JdbcClient.create(stack.dataSource())
                .sql("select pg_terminate_backend(cast(? as integer))")
                .param(backend)
                .query(Boolean.class)
                .single();
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        var kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).isZero();
    }
}
