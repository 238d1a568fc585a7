package app.miniwallet.notifier.feed;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.TransferId;
import app.miniwallet.contracts.transfer.TransferStatus;
import app.miniwallet.notifier.NotifierIntegrationTest;
import app.miniwallet.notifier.NotifierSettings;
import app.miniwallet.testsupport.fixtures.WalletRows;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The feed store against PostgreSQL: numbering, duplicates, the bounded history. */
class FeedStoreIntegrationTest extends NotifierIntegrationTest {

    @Autowired
    FeedStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NotifierSettings settings;

    @Autowired
    PlatformTransactionManager transactions;

    private final WalletRows rows = new WalletRows(WalletTestStack.shared().dataSource());

    @Test
    void concurrentWritersNumberOneUsersFeedWithoutGapsOrRepeats() {
        var user = newUserId();
        var pool = Executors.newFixedThreadPool(4);
        try {
            var writers = IntStream.range(0, 4)
                    .mapToObj(writer -> CompletableFuture.runAsync(
                            () -> {
                                for (int batch = 0; batch < 10; batch++) {
                                    store.append(List.of(entryFor(user), entryFor(user), entryFor(newUserId())));
                                }
                            },
                            pool))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(writers).join();
        } finally {
            pool.shutdown();
        }

        assertThat(store.after(user, 0, 1000))
                .extracting(FeedMessage::seq)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, 80).mapToObj(Long::valueOf).toList());
        assertThat(store.lastSeq(user)).isEqualTo(80);
    }

    @Test
    void anEntryStoredBeforeOrTwiceInOneBatchIsStoredOnce() {
        var user = newUserId();
        var first = entryFor(user);
        var second = entryFor(user);

        var stored = store.append(List.of(first, first, second));
        var again = store.append(List.of(second, first));

        assertThat(stored).extracting(FeedMessage::seq).containsExactly(1L, 2L);
        assertThat(stored)
                .extracting(message -> message.entry().eventId())
                .containsExactly(first.eventId(), second.eventId());
        assertThat(again).isEmpty();
        assertThat(store.lastSeq(user)).isEqualTo(2);
    }

    @Test
    void onlyTheNewestMessagesOfAUserAreKept() {
        var keeping3 = new FeedStore(
                jdbc,
                new NotifierSettings(
                        settings.webBaseUrl(),
                        settings.allowedOrigins(),
                        new NotifierSettings.Feed(
                                3,
                                1,
                                1,
                                settings.feed().tokenCheckInterval(),
                                settings.feed().heartbeat()),
                        settings.email(),
                        settings.wakeUpCheckInterval()));
        var user = newUserId();
        var entries = new ArrayList<FeedEntry>();
        for (int i = 0; i < 5; i++) {
            entries.add(entryFor(user));
        }
        var inTransaction = new TransactionTemplate(transactions);

        inTransaction.executeWithoutResult(status -> keeping3.append(entries.subList(0, 4)));
        inTransaction.executeWithoutResult(status -> keeping3.append(entries.subList(4, 5)));

        assertThat(store.after(user, 0, 100)).extracting(FeedMessage::seq).containsExactly(3L, 4L, 5L);
        assertThat(store.lastSeq(user)).isEqualTo(5);
    }

    private AccountId newUserId() {
        return rows.newUser("Feed Store").id();
    }

    private static FeedEntry entryFor(AccountId user) {
        return new FeedEntry(
                user,
                UUID.randomUUID(),
                TransferId.next(),
                TransferStatus.COMPLETED,
                Direction.RECEIVED,
                Money.ofMinor(100),
                Money.ZERO,
                new FeedEntry.Counterparty(AccountId.of(1), "Someone"),
                Money.ofMinor(100),
                null,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
