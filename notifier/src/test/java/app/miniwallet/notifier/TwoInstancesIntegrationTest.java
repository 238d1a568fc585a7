package app.miniwallet.notifier;

import static app.miniwallet.notifier.EventPublisher.publish;
import static app.miniwallet.notifier.TestUsers.newUser;
import static app.miniwallet.notifier.TransferEvents.completedTransfer;
import static app.miniwallet.testsupport.feed.FeedClient.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.miniwallet.testsupport.feed.FeedClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A second notifier instance next to the first, as two processes behind a load balancer would run:
 * same database, same consumer groups.
 */
class TwoInstancesIntegrationTest extends NotifierIntegrationTest {

    private static ConfigurableApplicationContext secondInstance;

    @BeforeAll
    static void startSecondInstance() {
        secondInstance = startAnotherInstance(Map.of());
    }

    @AfterAll
    static void stopSecondInstance() {
        secondInstance.close();
    }

    @Test
    void aUserConnectedToEitherInstanceGetsEveryEventAndEachEmailGoesOutOnce() {
        var secondPort =
                ((WebServerApplicationContext) secondInstance).getWebServer().getPort();
        var alice = newUser("Alice Twofold");
        var bob = newUser("Bob Elsewhere");
        try (var aliceOnFirst = FeedClient.connect(
                                port, AccessTokens.validFor(alice).value())
                        .subscribe();
                var aliceOnSecond = FeedClient.connect(
                                secondPort, AccessTokens.validFor(alice).value())
                        .subscribe();
                var bobOnSecond = FeedClient.connect(
                                secondPort, AccessTokens.validFor(bob).value())
                        .subscribe()) {
            var transfers = List.of(
                    completedTransfer(alice, bob, "10.00", "89.85", "10.00"),
                    completedTransfer(bob, alice, "4.00", "5.94", "93.85"),
                    completedTransfer(alice, bob, "1.00", "92.84", "6.94"));
            for (var transfer : transfers) {
                // each twice: redeliveries may reach either instance
                publish(transfer);
                publish(transfer);
            }

            var firstView = aliceOnFirst.awaitMessages(3);
            var secondView = aliceOnSecond.awaitMessages(3);
            var bobView = bobOnSecond.awaitMessages(3);
            assertThat(seqs(firstView)).containsExactly(1L, 2L, 3L);
            assertThat(secondView).isEqualTo(firstView);
            assertThat(seqs(bobView)).containsExactly(1L, 2L, 3L);
            assertThat(transferIds(firstView)).containsExactlyInAnyOrderElementsOf(transferIds(bobView));
            assertThat(transferIds(firstView))
                    .containsExactlyInAnyOrderElementsOf(transfers.stream()
                            .map(transfer -> transfer.transferId().toString())
                            .toList());

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> TestMail.to(alice.email()).size() >= 3
                            && TestMail.to(bob.email()).size() >= 3);
            for (var transfer : transfers) {
                assertThat(EmailRows.deliveriesOf(transfer.eventId())).isEqualTo(2);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> EmailRows.pendingAttemptsFor(alice.email()) == -1
                            && EmailRows.pendingAttemptsFor(bob.email()) == -1);
            assertThat(TestMail.to(alice.email())).hasSize(3);
            assertThat(TestMail.to(bob.email())).hasSize(3);
            assertThat(FeedRows.lastSeqOf(alice)).isEqualTo(3);
            assertThat(FeedRows.lastSeqOf(bob)).isEqualTo(3);
        }
    }

    private static List<String> transferIds(List<JsonNode> messages) {
        return messages.stream()
                .map(message -> message.get("transfer_id").asString())
                .toList();
    }
}
