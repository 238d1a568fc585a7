package app.miniwallet.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.api.WalletFixtures.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.StatusAssertions;

@ApiIntegrationTest
class TransactionHistoryIntegrationTest {

    @Autowired
    WalletFixtures fixtures;

    @Test
    void pagesThroughBothDirectionsNewestFirstWithACursor() {
        var me = fixtures.personWith("300.00");
        var friend = fixtures.personWith("300.00");
        var expectedNewestFirst = new ArrayList<String>();
        for (int i = 1; i <= 7; i++) {
            expectedNewestFirst.add(0, fixtures.sendAccepted(me, friend, i + ".00") + " SENT");
            var received = fixtures.sendAccepted(friend, me, i + ".50");
            fixtures.markCompleted(received);
            expectedNewestFirst.add(0, received + " RECEIVED");
            // between them, what the friend sent that never reached me: not mine to see, on no page
            fixtures.markRejected(fixtures.sendAccepted(friend, me, i + ".25"));
            fixtures.sendAccepted(friend, me, i + ".75");
        }

        var seen = new ArrayList<String>();
        String cursor = null;
        var pages = 0;
        do {
            var page = page(me, "per_page=3" + (cursor == null ? "" : "&cursor=" + cursor));
            @SuppressWarnings("unchecked")
            var entries = (List<Map<String, Object>>) page.get("transactions");
            entries.forEach(entry -> seen.add(entry.get("id") + " " + entry.get("direction")));
            cursor = (String) page.get("next_cursor");
            pages++;
        } while (cursor != null);

        // 14 transfers plus the top-up that funded me, three to a page
        assertThat(seen).hasSize(15).startsWith(expectedNewestFirst.toArray(String[]::new));
        assertThat(seen.get(14)).endsWith("TOP_UP");
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void showsTheBalanceFromTheAccountAndTheFieldsOfEachEntry() {
        var me = fixtures.personWith("100.00");
        var friend = fixtures.personWithNoMoney();
        var id = fixtures.sendAccepted(me, friend, "10.00");

        var page = page(me, "per_page=1");
        fixtures.markCompleted(id);

        assertThat(page.get("balance")).isEqualTo("100.00");
        @SuppressWarnings("unchecked")
        var entry = ((List<Map<String, Object>>) page.get("transactions")).get(0);
        assertThat(entry)
                .containsEntry("id", id)
                .containsEntry("direction", "SENT")
                .containsEntry("status", "PENDING")
                .containsEntry("amount", "10.00")
                .containsEntry("fee", "0.15")
                .containsEntry(
                        "counterparty", Map.of("id", (int) friend.account().value(), "name", friend.name()))
                .containsKeys("created_at", "completed_at");
        assertThat(page.get("next_cursor")).isNotNull();

        var friendsView = page(friend, "");
        @SuppressWarnings("unchecked")
        var received = ((List<Map<String, Object>>) friendsView.get("transactions")).get(0);
        assertThat(received).containsEntry("direction", "RECEIVED").containsEntry("fee", "0.00");
    }

    @Test
    void capsThePageAt100AndRefusesNonsense() {
        var me = fixtures.personWith("1.00");
        fixtures.client()
                .get()
                .uri("/api/transactions?per_page=100000")
                .header("Authorization", me.bearer())
                .exchange()
                .expectStatus()
                .isOk();
        for (var query : List.of("per_page=0", "per_page=-1", "per_page=abc", "cursor=not-a-cursor")) {
            fixtures.client()
                    .get()
                    .uri("/api/transactions?" + query)
                    .header("Authorization", me.bearer())
                    .exchange()
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo(query.split("=")[0]);
        }
    }

    @Test
    void theReceiverSeesATransferOnlyOnceItReachedThemTheSenderAllAlong() {
        var sender = fixtures.personWith("50.00");
        var receiver = fixtures.personWithNoMoney();
        var pending = fixtures.sendAccepted(sender, receiver, "1.00");
        var rejected = fixtures.sendAccepted(sender, receiver, "2.00");
        fixtures.markRejected(rejected);
        var completed = fixtures.sendAccepted(sender, receiver, "3.00");
        fixtures.markCompleted(completed);

        // and the top-up that funded the sender
        assertThat(ids(page(sender, ""))).hasSize(4).startsWith(completed, rejected, pending);
        assertThat(ids(page(receiver, ""))).containsExactly(completed);
        for (var id : List.of(pending, rejected, completed)) {
            status(sender, id).isOk().expectBody().jsonPath("$.id").isEqualTo(id);
        }
        status(receiver, completed).isOk().expectBody().jsonPath("$.status").isEqualTo("COMPLETED");
        for (var id : List.of(pending, rejected)) {
            // answered as if it did not exist: the same 404 a stranger gets
            status(receiver, id)
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("There is no such transfer.");
        }
    }

    @Test
    void nobodyElseCanReadATransfer() {
        var sender = fixtures.personWith("50.00");
        var receiver = fixtures.personWithNoMoney();
        var stranger = fixtures.personWith("50.00");
        var id = fixtures.sendAccepted(sender, receiver, "5.00");
        fixtures.markCompleted(id);

        for (var person : List.of(sender, receiver)) {
            fixtures.client()
                    .get()
                    .uri("/api/transfers/" + id)
                    .header("Authorization", person.bearer())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.id")
                    .isEqualTo(id)
                    .jsonPath("$.status")
                    .isEqualTo("COMPLETED")
                    .jsonPath("$.reason")
                    .doesNotExist();
        }
        for (var uri : List.of("/api/transfers/" + id, "/api/transfers/not-a-uuid")) {
            fixtures.client()
                    .get()
                    .uri(uri)
                    .header("Authorization", stranger.bearer())
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        @SuppressWarnings("unchecked")
        var strangersHistory = (List<Map<String, Object>>) page(stranger, "").get("transactions");
        assertThat(strangersHistory).extracting(entry -> entry.get("id")).doesNotContain(id);
    }

    private StatusAssertions status(Person person, String transferId) {
        return fixtures.client()
                .get()
                .uri("/api/transfers/" + transferId)
                .header("Authorization", person.bearer())
                .exchange()
                .expectStatus();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("transactions"))
                .stream().map(entry -> (String) entry.get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> page(Person person, String query) {
        return fixtures.client()
                .get()
                .uri("/api/transactions?" + query)
                .header("Authorization", person.bearer())
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(Map.class)
                .getResponseBody();
    }
}
