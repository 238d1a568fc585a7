package app.miniwallet.systemtests.fault;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.systemtests.fault.WalletPeople.Person;
import app.miniwallet.testsupport.auth.AccessTokenSigner;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeded bad input against the api as its own process: whatever a client sends to the transfer and auth endpoints,
 * the answer is a 4xx (or a success), never a 5xx. Replay with {@code -Dfuzz.seed=<the seed in the log>}; {@code
 * -Dfuzz.requests=<n>} sends more.
 */
class BadInputFuzzIT {

    private static final Logger log = LoggerFactory.getLogger(BadInputFuzzIT.class);
    private static final JsonMapper json = JsonMapper.builder().build();

    private static FaultStack stack;
    private static Person caller;
    private static Person receiver;

    private static BadInputFuzz fuzz;

    @BeforeAll
    static void makePeople() {
        stack = FaultStack.shared();
        var people = new WalletPeople(
                stack.dataSource(), new AccessTokenSigner(stack.jwtSecret(), FaultStack.TOKEN_VALIDITY));
        caller = people.personWith(100_00);
        receiver = people.personWith(0);
        fuzz = new BadInputFuzz(stack::apiUri, caller.bearer());
    }

    @Test
    void noMalformedOrHostileRequestToTheTransferAndAuthEndpointsGetsA5xx() {
        var seed = Long.getLong("fuzz.seed", System.nanoTime());
        var requests = Integer.getInteger("fuzz.requests", 300);
        log.info("fuzzing {} requests with seed {} (replay with -Dfuzz.seed={})", requests, seed, seed);

        var result = fuzz.run(seed, requests, receiver.account().value());

        log.info("fuzz answers by status: {}", result.statuses());
        assertThat(result.failures())
                .as("requests answered with a 5xx (seed %d)", seed)
                .isEmpty();
        assertThat(result.statuses().keySet())
                .as("the fuzz reached validation, not only the parser")
                .contains(400, 422);
    }

    /** Found by the fuzz: PostgreSQL refuses text with a NUL character, and the search passed it on. */
    @Test
    void aSearchForTextWithANulCharacterIsNotA5xx() {
        var answer = send(new BadInput.Request("GET", "/api/users?query=nul%00byte", null, null, true));

        assertThat(answer.statusCode()).as(answer.body()).isLessThan(500);
    }

    /** Found by the fuzz: a form body that is not valid percent-encoding failed inside Tomcat's parameter parsing. */
    @Test
    void aFormBodyWithBrokenPercentEncodingIsNotA5xx() {
        var answer = send(new BadInput.Request(
                "POST",
                "/api/transfers",
                "application/x-www-form-urlencoded",
                "{\"receiver_id\": \"%s%n%x\", \"amount\": \"12,50\"}",
                true));

        assertThat(answer.statusCode()).as(answer.body()).isLessThan(500);
    }

    /**
     * Found by the fuzz: a form body with a control character becomes a parameter name Spring Security's firewall
     * rejects, and the rejection surfaced as a 500.
     */
    @Test
    void aFormBodyWhoseParameterNameTheFirewallRejectsIsNotA5xx() {
        var answer = send(new BadInput.Request(
                "POST",
                "/api/transfers",
                "application/x-www-form-urlencoded",
                "{\"receiver_id\": [], \"amount\": \"1\u0007.00\"}",
                true));

        assertThat(answer.statusCode()).as(answer.body()).isLessThan(500);
    }

    @Test
    void aBodyAboveTheLimitIs413AndAHugeAmountIs422WithoutWritingATransfer() throws SQLException {
        var input = new BadInput(
                Long.getLong("fuzz.seed", System.nanoTime()), receiver.account().value());
        var transfersBefore = transfersOf(caller);

        var huge = send(new BadInput.Request(
                "POST",
                "/api/transfers",
                "application/json",
                "{\"receiver_id\": " + receiver.account() + ", \"amount\": \"1.00\", \"note\": \""
                        + "x".repeat(BadInput.HUGE_BODY_BYTES) + "\"}",
                true));
        assertThat(huge.statusCode()).isEqualTo(413);
        for (int i = 0; i < 10; i++) {
            var request = input.hugeAmount();
            assertThat(send(request).statusCode()).as(request.describe()).isEqualTo(422);
        }
        assertThat(transfersOf(caller)).isEqualTo(transfersBefore);
    }

    @Test
    void injectionStringsAndUnicodeInANameAreStoredAsTextAndFoundBySearch() throws SQLException {
        var name = "Robert'); DROP TABLE users;-- <script>alert('Zoë 🙂')</script>";
        var email = "bobby." + UUID.randomUUID() + "@faults.test";
        var registered = send(new BadInput.Request(
                "POST",
                "/api/auth/register",
                "application/json",
                json.writeValueAsString(java.util.Map.of(
                        "name",
                        name,
                        "email",
                        email,
                        "password",
                        "a long enough password",
                        "password_confirmation",
                        "a long enough password")),
                false));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        markVerified(email); // the search finds only people who verified their address

        var found = send(new BadInput.Request(
                "GET",
                "/api/users?query=" + URLEncoder.encode("DROP TABLE users;-- <script>", StandardCharsets.UTF_8),
                null,
                null,
                true));

        assertThat(found.statusCode()).isEqualTo(200);
        var names = new ArrayList<String>();
        json.readTree(found.body())
                .forEach((JsonNode user) -> names.add(user.get("name").asString()));
        assertThat(names).contains(name);
    }

    private HttpResponse<String> send(BadInput.Request request) {
        return fuzz.send(request);
    }

    private static void markVerified(String email) throws SQLException {
        try (var connection = stack.dataSource().getConnection();
                var statement =
                        connection.prepareStatement("update users set email_verified_at = now() where email = ?")) {
            statement.setString(1, email);
            assertThat(statement.executeUpdate()).isOne();
        }
    }

    private static long transfersOf(Person person) throws SQLException {
        try (var connection = stack.dataSource().getConnection();
                var statement = connection.prepareStatement("select count(*) from transfers where requested_by = ?")) {
            statement.setLong(1, person.account().value());
            try (var row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
