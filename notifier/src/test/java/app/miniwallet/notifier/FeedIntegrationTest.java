package app.miniwallet.notifier;

import static app.miniwallet.notifier.EventPublisher.publish;
import static app.miniwallet.notifier.TestUsers.newUser;
import static app.miniwallet.notifier.TransferEvents.completedTransfer;
import static app.miniwallet.notifier.TransferEvents.overdraft;
import static app.miniwallet.notifier.TransferEvents.topUp;
import static app.miniwallet.testsupport.feed.FeedClient.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.testsupport.feed.FeedClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The live feed through a real STOMP client over a real WebSocket. */
class FeedIntegrationTest extends NotifierIntegrationTest {

    @Test
    void senderAndReceiverEachGetOneMessageWithTheirOwnBalanceAndABystanderGetsNothing() {
        var alice = newUser("Alice Sender");
        var bob = newUser("Bob Receiver");
        var carol = newUser("Carol Bystander");
        try (var aliceFeed = FeedClient.connect(
                                port, AccessTokens.validFor(alice).value())
                        .subscribe();
                var bobFeed = FeedClient.connect(
                                port, AccessTokens.validFor(bob).value())
                        .subscribe();
                var carolFeed = FeedClient.connect(
                                port, AccessTokens.validFor(carol).value())
                        .subscribe()) {
            var transfer = completedTransfer(alice, bob, "12.50", "87.31", "112.50");

            publish(transfer);
            // the same event again, as after a redelivery: nothing more may reach anyone
            publish(transfer);
            var later = completedTransfer(alice, carol, "1.00", "86.30", "1.00");
            publish(later);

            var toAlice = aliceFeed.awaitMessages(2);
            assertThat(seqs(toAlice)).containsExactly(1L, 2L);
            var sent = toAlice.get(0);
            assertThat(sent.get("transfer_id").asString())
                    .isEqualTo(transfer.transferId().toString());
            assertThat(sent.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(sent.get("direction").asString()).isEqualTo("SENT");
            assertThat(sent.get("amount").asString()).isEqualTo("12.50");
            assertThat(sent.get("fee").asString()).isEqualTo("0.19");
            assertThat(sent.get("counterparty").get("id").asLong())
                    .isEqualTo(bob.id().value());
            assertThat(sent.get("counterparty").get("name").asString()).isEqualTo("Bob Receiver");
            assertThat(sent.get("balance").asString()).isEqualTo("87.31");
            assertThat(sent.get("reason").isNull()).isTrue();
            assertThat(sent.get("occurred_at").asString())
                    .isEqualTo(transfer.occurredAt().toString());
            assertThat(toAlice.get(1).get("transfer_id").asString())
                    .isEqualTo(later.transferId().toString());

            var toBob = bobFeed.awaitMessages(1);
            var received = toBob.get(0);
            assertThat(received.get("seq").asLong()).isEqualTo(1);
            assertThat(received.get("direction").asString()).isEqualTo("RECEIVED");
            assertThat(received.get("amount").asString()).isEqualTo("12.50");
            assertThat(received.get("fee").asString()).isEqualTo("0.00");
            assertThat(received.get("counterparty").get("id").asLong())
                    .isEqualTo(alice.id().value());
            assertThat(received.get("counterparty").get("name").asString()).isEqualTo("Alice Sender");
            assertThat(received.get("balance").asString()).isEqualTo("112.50");
            assertThat(received.toString()).doesNotContain("87.31");

            var toCarol = carolFeed.awaitMessages(1);
            assertThat(toCarol).singleElement().satisfies(message -> assertThat(
                            message.get("transfer_id").asString())
                    .isEqualTo(later.transferId().toString()));
            assertThat(toCarol.get(0).toString()).doesNotContain("112.50").doesNotContain("87.31");
            // both events went through the same partition (Alice's), so by now the duplicate was handled
            assertThat(FeedRows.lastSeqOf(bob)).isEqualTo(1);
            assertThat(bobFeed.messages()).hasSize(1);
        }
    }

    @Test
    void aTopUpIsToldToTheUserToppedUpAsTopUp() {
        var dora = newUser("Dora Topup");
        try (var feed =
                FeedClient.connect(port, AccessTokens.validFor(dora).value()).subscribe()) {
            var topUp = topUp(dora, "100.00", "100.00");

            publish(topUp);

            var message = feed.awaitMessages(1).get(0);
            assertThat(message.get("direction").asString()).isEqualTo("TOP_UP");
            assertThat(message.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(message.get("amount").asString()).isEqualTo("100.00");
            assertThat(message.get("fee").asString()).isEqualTo("0.00");
            assertThat(message.get("balance").asString()).isEqualTo("100.00");
            assertThat(message.get("counterparty").get("id").asLong()).isEqualTo(AccountId.CASH_IN.value());
            assertThat(message.get("counterparty").get("name").asString()).isEqualTo("Top-up");
        }
    }

    @Test
    void anEventWithAFieldThisVersionDoesNotKnowIsStillShown() {
        var jane = newUser("Jane Futurist");
        try (var feed =
                FeedClient.connect(port, AccessTokens.validFor(jane).value()).subscribe()) {
            var topUp = topUp(jane, "3.00", "3.00");

            EventPublisher.publishWithAFieldFromTheFuture(topUp);

            assertThat(feed.awaitMessages(1).get(0).get("transfer_id").asString())
                    .isEqualTo(topUp.transferId().toString());
        }
    }

    @Test
    void aRefusedTransferIsToldToTheSenderOnlyWithTheReason() {
        var erin = newUser("Erin Overdraft");
        var frank = newUser("Frank Untouched");
        try (var erinFeed = FeedClient.connect(port, AccessTokens.validFor(erin).value())
                        .subscribe();
                var frankFeed = FeedClient.connect(
                                port, AccessTokens.validFor(frank).value())
                        .subscribe()) {
            var refused = overdraft(erin, frank, "50.00", "10.00");
            var afterwards = topUp(frank, "5.00", "5.00");

            publish(refused);
            publish(afterwards);

            var message = erinFeed.awaitMessages(1).get(0);
            assertThat(message.get("status").asString()).isEqualTo("REJECTED");
            assertThat(message.get("reason").asString()).isEqualTo("INSUFFICIENT_FUNDS");
            assertThat(message.get("direction").asString()).isEqualTo("SENT");
            assertThat(message.get("balance").asString()).isEqualTo("10.00");
            assertThat(frankFeed.awaitMessages(1)).singleElement().satisfies(only -> assertThat(
                            only.get("transfer_id").asString())
                    .isEqualTo(afterwards.transferId().toString()));
        }
    }

    @Test
    void aClientThatReconnectsWithItsLastSeqGetsWhatItMissedInOrderThenLiveEvents() {
        var gina = newUser("Gina Resumer");
        var hank = newUser("Hank Payer");
        var firstFeed =
                FeedClient.connect(port, AccessTokens.validFor(gina).value()).subscribe();
        publish(completedTransfer(hank, gina, "1.00", "99.00", "1.00"));
        var lastSeen = firstFeed.awaitMessages(1).get(0).get("seq").asLong();
        firstFeed.close();

        var missed = List.of(
                completedTransfer(hank, gina, "2.00", "96.97", "3.00"),
                completedTransfer(gina, hank, "0.50", "2.49", "97.47"),
                completedTransfer(hank, gina, "3.00", "94.43", "5.49"));
        // one at a time: events keyed by different senders travel on different partitions, and the
        // test wants to know the order they were numbered in
        try (var watcher =
                FeedClient.connect(port, AccessTokens.validFor(gina).value()).subscribeFrom(lastSeen)) {
            for (int i = 0; i < missed.size(); i++) {
                publish(missed.get(i));
                watcher.awaitMessages(i + 1);
            }
        }

        try (var resumed =
                FeedClient.connect(port, AccessTokens.validFor(gina).value()).subscribeFrom(lastSeen)) {
            var caughtUp = resumed.awaitMessages(3);
            var live = completedTransfer(hank, gina, "4.00", "90.37", "9.49");
            publish(live);

            var all = resumed.awaitMessages(4);
            assertThat(seqs(all)).containsExactly(2L, 3L, 4L, 5L);
            assertThat(all.stream().map(message -> message.get("transfer_id").asString()))
                    .containsExactly(
                            missed.get(0).transferId().toString(),
                            missed.get(1).transferId().toString(),
                            missed.get(2).transferId().toString(),
                            live.transferId().toString());
            assertThat(caughtUp.get(1).get("direction").asString()).isEqualTo("SENT");
            assertThat(caughtUp.get(1).get("balance").asString()).isEqualTo("2.49");
        }
    }

    @Test
    void aSubscriptionWithoutLastSeqStartsWithTheNextEvent() {
        var ivan = newUser("Ivan Newcomer");
        publish(topUp(ivan, "10.00", "10.00"));
        try (var watcher =
                FeedClient.connect(port, AccessTokens.validFor(ivan).value()).subscribeFrom(0)) {
            watcher.awaitMessages(1);
        }

        try (var feed =
                FeedClient.connect(port, AccessTokens.validFor(ivan).value()).subscribe()) {
            var next = topUp(ivan, "20.00", "30.00");
            publish(next);

            List<JsonNode> messages = feed.awaitMessages(1);
            assertThat(messages).singleElement().satisfies(message -> {
                assertThat(message.get("seq").asLong()).isEqualTo(2);
                assertThat(message.get("transfer_id").asString())
                        .isEqualTo(next.transferId().toString());
            });
        }
    }

    @Test
    void aLastSeqBeyondTheNewestMessageStartsWithTheNextEvent() {
        var kim = newUser("Kim Fromelsewhere");
        try (var feed =
                FeedClient.connect(port, AccessTokens.validFor(kim).value()).subscribeFrom(1000)) {
            publish(topUp(kim, "1.00", "1.00"));

            assertThat(feed.awaitMessages(1).get(0).get("seq").asLong()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/user/{other}/queue/transfers",
                "/queue/transfers",
                "/queue/transfers-user{other}",
                "/topic/transfers",
                "/user/queue/other",
                "/app/transfers"
            })
    void aSubscriptionToAnyOtherDestinationIsRefusedWithAnErrorAndNoData(String destination) {
        var mallory = newUser("Mallory Snoop");
        var victim = newUser("Victor Victim");
        var target = destination.replace("{other}", victim.id().toString());
        try (var snoop = FeedClient.connect(port, AccessTokens.validFor(mallory).value())) {
            snoop.subscribeTo(target);

            assertThat(snoop.awaitRefusal()).contains("only /user/queue/transfers can be subscribed to");
            assertThat(snoop.isConnected()).isFalse();
        }
        publish(topUp(victim, "7.00", "7.00"));
        try (var victimFeed =
                FeedClient.connect(port, AccessTokens.validFor(victim).value()).subscribeFrom(0)) {
            victimFeed.awaitMessages(1);
        }
    }

    @Test
    void aConnectionWithoutATokenIsRefused() {
        var refused = FeedClient.connectExpectingRefusal(port, null);

        assertThat(refused.awaitRefusal()).contains("Authorization");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        var refused = FeedClient.connectExpectingRefusal(
                port,
                AccessTokens.signedWithAnotherKeyFor(newUser("Oscar Forger")).value());

        assertThat(refused.awaitRefusal()).isEqualTo("the access token is invalid, expired or revoked");
    }

    @Test
    void aTokenThatIsNotAJwtIsRefused() {
        var refused = FeedClient.connectExpectingRefusal(port, "not-a-token");

        assertThat(refused.awaitRefusal()).isEqualTo("the access token is invalid, expired or revoked");
    }

    @Test
    void anExpiredTokenIsRefused() {
        var refused = FeedClient.connectExpectingRefusal(
                port, AccessTokens.expiredFor(newUser("Pam Late")).value());

        assertThat(refused.awaitRefusal()).isEqualTo("the access token is invalid, expired or revoked");
    }

    @Test
    void aSignedOutTokenIsRefused() {
        var quinn = newUser("Quinn Gone");
        var token = AccessTokens.validFor(quinn);
        TestUsers.revoke(token.id(), quinn);

        var refused = FeedClient.connectExpectingRefusal(port, token.value());

        assertThat(refused.awaitRefusal()).isEqualTo("the access token is invalid, expired or revoked");
    }

    @Test
    void aTokenIssuedBeforeAPasswordResetIsRefused() {
        var rita = newUser("Rita Reset");
        var token = AccessTokens.validFor(rita);
        TestUsers.signOutEverywhere(rita);

        var refused = FeedClient.connectExpectingRefusal(port, token.value());

        assertThat(refused.awaitRefusal()).isEqualTo("the access token is invalid, expired or revoked");
    }

    @Test
    void aSecondConnectOnAConnectedSessionIsRefusedAndTheConnectionClosed() {
        var mallory = newUser("Mallory Twice");
        var victim = newUser("Victor Target");
        try (var connection = RawStompConnection.open(port)
                .connect(AccessTokens.validFor(mallory).value())) {
            connection.awaitFrame("CONNECTED");

            // another user's token on the same session: without the check it would take over that user's identity
            connection.connect(AccessTokens.validFor(victim).value());

            assertThat(connection.awaitFrame("ERROR").headers())
                    .containsEntry("message", "this session is already connected: send CONNECT once");
            connection.awaitClosed();
            assertThat(connection.frames())
                    .extracting(RawStompConnection.Frame::command)
                    .containsExactly("CONNECTED", "ERROR");
        }
    }

    @Test
    void aSessionWhoseTokenIsRevokedWhileConnectedLosesTheFeed() {
        var sam = newUser("Sam Signout");
        var token = AccessTokens.validFor(sam);
        try (var feed = FeedClient.connect(port, token.value()).subscribe()) {
            TestUsers.revoke(token.id(), sam);

            assertThat(feed.awaitRefusal()).isEqualTo("the access token expired or was revoked");
            assertThat(feed.isConnected()).isFalse();
        }
    }
}
