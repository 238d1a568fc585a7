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
            expectedNewestFirst.add(0, fixtures.sendAccepted(friend, me, i + ".50") + " RECEIVED");
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
    void nobodyElseCanReadATransfer() {
        var sender = fixtures.personWith("50.00");
        var receiver = fixtures.personWithNoMoney();
        var stranger = fixtures.personWith("50.00");
        var id = fixtures.sendAccepted(sender, receiver, "5.00");

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
                    .isEqualTo("PENDING")
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
