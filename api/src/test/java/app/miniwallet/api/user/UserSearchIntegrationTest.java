package app.miniwallet.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.api.ApiIntegrationTest;
import app.miniwallet.api.WalletFixtures;
import app.miniwallet.api.WalletFixtures.Person;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

@ApiIntegrationTest
class UserSearchIntegrationTest {

    @Autowired
    WalletFixtures fixtures;

    @Autowired
    UserAccounts accounts;

    @Test
    void findsByAnyPartOfNameOrTheWholeEmailWhateverTheCaseButNeverTheCaller() {
        var tag = UUID.randomUUID().toString().substring(0, 8);
        var caller = fixtures.personNamed("Searcher Qx" + tag, "searcher." + tag + "@example.test");
        var alice = fixtures.personNamed("Alice Qx" + tag + " Liddell", "a.l." + tag + "@wonder.test");
        var bob = fixtures.personNamed("Bob Builder", "bob.QX" + tag + "@example.test");

        assertThat(idsFound(caller, "qx" + tag)).containsExactly(alice.account().value());
        assertThat(idsFound(caller, "LIDDELL")).contains(alice.account().value());
        assertThat(idsFound(caller, " " + bob.email().toUpperCase() + " "))
                .containsExactly(bob.account().value());
        assertThat(idsFound(bob, "qx" + tag))
                .containsExactlyInAnyOrder(
                        caller.account().value(), alice.account().value());
    }

    @Test
    void refusesACallerWhoseAddressIsNotVerifiedWith403() {
        var tag = UUID.randomUUID().toString().substring(0, 8);
        fixtures.personNamed("Findable " + tag, "findable." + tag + "@example.test");
        var unverified = fixtures.unverifiedPersonNamed("Collector " + tag, "collector." + tag + "@example.test");

        fixtures.client()
                .get()
                .uri("/api/users?query=" + tag)
                .header("Authorization", unverified.bearer())
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("not verified"))
                .jsonPath("$[0].name")
                .doesNotExist();
    }

    @Test
    void findsOnlyPeopleWhoVerifiedTheirAddress() {
        var tag = UUID.randomUUID().toString().substring(0, 8);
        var caller = fixtures.personWithNoMoney();
        var verified = fixtures.personNamed("Verified " + tag, "verified." + tag + "@example.test");
        var unverified = fixtures.unverifiedPersonNamed("Unverified " + tag, "unverified." + tag + "@example.test");

        assertThat(idsFound(caller, tag)).containsExactly(verified.account().value());
        assertThat(idsFound(caller, unverified.email())).isEmpty();
    }

    @Test
    void showsAMaskedAddressUnlessTheQueryIsExactlyThatAddress() {
        var tag = UUID.randomUUID().toString().substring(0, 8);
        var caller = fixtures.personWithNoMoney();
        var jane = fixtures.personNamed("Jane " + tag, "jane.doe." + tag + "@example.test");

        assertThat(search(caller, "Jane " + tag)).singleElement().satisfies(found -> assertThat(found)
                .containsEntry("email", "j•••@example.test"));
        // part of the address finds nobody: else queries growing a character at a time would spell it out
        assertThat(search(caller, "jane.doe." + tag)).isEmpty();
        assertThat(search(caller, "e.doe." + tag + "@example.tes")).isEmpty();
        // the whole address, whatever its case, is what the caller knows already
        assertThat(search(caller, jane.email().toUpperCase())).singleElement().satisfies(found -> assertThat(found)
                .containsEntry("id", (int) jane.account().value())
                .containsEntry("email", jane.email()));
    }

    @Test
    void answersShortQueriesWithNothingAndTakesWildcardsLiterally() {
        var caller = fixtures.personWithNoMoney();
        var percent = fixtures.personNamed("Hundred %" + UUID.randomUUID(), UUID.randomUUID() + "@example.test");

        assertThat(search(caller, "a")).isEmpty();
        assertThat(search(caller, "")).isEmpty();
        assertThat(search(caller, null)).isEmpty();
        assertThat(idsFound(caller, "d %")).containsExactly(percent.account().value());
        assertThat(search(caller, "%%"))
                .allSatisfy(found -> assertThat((String) found.get("name")).contains("%%"));
        assertThat(search(caller, "'; drop table users; --")).isEmpty();
        assertThat(search(caller, "<script>alert(1)</script>")).isEmpty();
    }

    @Test
    void returnsAtMostTenWithIdNameAndEmail() {
        var tag = "Crowd" + UUID.randomUUID().toString().substring(0, 6);
        var caller = fixtures.personWithNoMoney();
        for (int i = 0; i < 12; i++) {
            fixtures.personNamed(tag + " " + i, tag.toLowerCase() + i + "@example.test");
        }

        var found = search(caller, tag);

        assertThat(found).hasSize(10);
        assertThat(found.get(0)).containsOnlyKeys("id", "name", "email");
    }

    private List<Long> idsFound(Person caller, String query) {
        return search(caller, query).stream()
                .map(found -> ((Number) found.get("id")).longValue())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> search(Person caller, String query) {
        return fixtures.client()
                .get()
                .uri(builder -> builder.path("/api/users")
                        .queryParamIfPresent("query", java.util.Optional.ofNullable(query))
                        .build())
                .header("Authorization", caller.bearer())
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(List.class)
                .getResponseBody();
    }
}
