package app.miniwallet.systemtests.fault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded bad input for the api: requests to the transfer and auth endpoints whose bodies are random or mutated JSON,
 * with wrong types, huge numbers, odd unicode, SQL and HTML injection strings, huge bodies and wrong content types.
 * The same seed gives the same requests.
 */
final class BadInput {

    /** Above the api's 64 KiB limit on request bodies. */
    static final int HUGE_BODY_BYTES = 70 * 1024;

    private static final List<String> STRINGS = List.of(
            "",
            " ",
            "al",
            "Zoë Ångström",
            "名前のテスト",
            "🙂💸🏦",
            "\u202Eevil\u202C",
            "zero\u200Bwidth",
            "nul\u0000byte",
            "\uD800",
            "' OR '1'='1",
            "'; drop table users; --",
            "Robert'); DROP TABLE transfers;--",
            "%",
            "_",
            "\\",
            "\"",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "%s%n%x",
            "../../etc/passwd",
            "a@b",
            "someone@example.test",
            "1e309",
            "NaN",
            "Infinity",
            "-0",
            "0.001",
            "12.345",
            "10000.01",
            "99999999999999999999999999999.99",
            "9223372036854775807",
            "-9223372036854775808",
            "0x10",
            "１２．５０",
            "12,50");

    private static final List<String> NUMBERS = List.of(
            "0",
            "-1",
            "1.005",
            "1e309",
            "1E2",
            "-0.0",
            "0.1",
            "123456789012345678901234567890",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775808",
            "1e-400",
            "12.50",
            "3");

    private static final List<String> OTHER_VALUES = List.of("null", "true", "false", "[]", "{}", "[1,2]", "{\"a\":1}");

    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json",
            "application/json",
            "application/json; charset=ISO-8859-1",
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "");

    private final Random random;
    private final long receiverId;

    BadInput(long seed, long receiverId) {
        this.random = new Random(seed);
        this.receiverId = receiverId;
    }

    /** One request; {@code authenticated} tells whether to send the caller's token. */
    record Request(String method, String path, String contentType, String body, boolean authenticated) {

        boolean isHuge() {
            return body != null && body.length() >= HUGE_BODY_BYTES;
        }

        String describe() {
            var shown = body == null
                    ? ""
                    : body.length() > 300 ? body.substring(0, 300) + "...(" + body.length() + " chars)" : body;
            return method + " " + path + " [" + contentType + "] " + shown;
        }
    }

    Request next() {
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> post("/api/transfers", transferFields());
            case 3 -> post("/api/transfers/quote", transferFields());
            case 4 -> post("/api/wallet/top-ups", fields("amount"));
            case 5 -> post("/api/auth/register", fields("name", "email", "password", "password_confirmation"));
            case 6 -> post("/api/auth/login", fields("email", "password"));
            case 7 ->
                post(pick(List.of("/api/auth/verify-email", "/api/auth/forgot-password")), fields("token", "email"));
            case 8 -> post("/api/auth/reset-password", fields("token", "password", "password_confirmation"));
            case 9 -> get("/api/users?query=" + urlEncoded(pick(STRINGS)));
            case 10 -> get("/api/transfers/" + urlEncoded(pick(STRINGS)));
            default ->
                get("/api/transactions?per_page=" + urlEncoded(pick(NUMBERS)) + "&cursor=" + urlEncoded(pick(STRINGS)));
        };
    }

    /** A transfer to a real receiver whose amount is far above any maximum: must be a 422, never an overflow. */
    Request hugeAmount() {
        var amount = pick(List.of(
                "\"99999999999999999999999999999.99\"",
                "\"9223372036854775807\"",
                "\"92233720368547758.08\"",
                "123456789012345678901234567890",
                "1e30",
                "\"1000000000000\""));
        return new Request(
                "POST",
                "/api/transfers",
                "application/json",
                "{\"receiver_id\": " + receiverId + ", \"amount\": " + amount + "}",
                true);
    }

    private Map<String, String> transferFields() {
        var fields = new LinkedHashMap<String, String>();
        fields.put("receiver_id", random.nextInt(3) == 0 ? Long.toString(receiverId) : anyValue());
        fields.put("amount", anyValue());
        return fields;
    }

    private Map<String, String> fields(String... names) {
        var fields = new LinkedHashMap<String, String>();
        for (var name : names) {
            fields.put(name, anyValue());
        }
        return fields;
    }

    private Request post(String path, Map<String, String> fields) {
        var body = random.nextInt(25) == 0 ? hugeBody() : mutated(json(fields));
        return new Request("POST", path, pick(CONTENT_TYPES), body, random.nextInt(8) != 0);
    }

    private Request get(String path) {
        return new Request("GET", path, null, null, random.nextInt(8) != 0);
    }

    /** A JSON value: a string (escaped or raw), a number, or something of another type. */
    private String anyValue() {
        return switch (random.nextInt(4)) {
            case 0, 1 -> jsonString(pick(STRINGS));
            case 2 -> pick(NUMBERS);
            default -> pick(OTHER_VALUES);
        };
    }

    private String json(Map<String, String> fields) {
        var members = new ArrayList<String>();
        fields.forEach((name, value) -> {
            // a missing field, a duplicated one, or an unknown one beside it
            switch (random.nextInt(10)) {
                case 0 -> {}
                case 1 -> {
                    members.add(jsonString(name) + ": " + value);
                    members.add(jsonString(name) + ": " + anyValue());
                }
                case 2 -> {
                    members.add(jsonString(name) + ": " + value);
                    members.add(jsonString(name + "_extra") + ": " + anyValue());
                }
                default -> members.add(jsonString(name) + ": " + value);
            }
        });
        return "{" + String.join(", ", members) + "}";
    }

    /** Mostly well-formed; sometimes cut, corrupted, nested very deep, or not an object at all. */
    private String mutated(String json) {
        return switch (random.nextInt(12)) {
            case 0 -> json.substring(0, random.nextInt(json.length()));
            case 1 -> {
                var at = random.nextInt(json.length());
                yield json.substring(0, at) + (char) random.nextInt(0x80) + json.substring(at);
            }
            case 2 -> json.replace('"', '\'');
            case 3 -> "[" + json + "]";
            case 4 -> "[".repeat(5_000) + "]".repeat(5_000);
            case 5 -> pick(OTHER_VALUES);
            case 6 -> "";
            default -> json;
        };
    }

    private String hugeBody() {
        var padding = "x".repeat(HUGE_BODY_BYTES);
        return "{\"receiver_id\": " + receiverId + ", \"amount\": \"1.00\", \"note\": \"" + padding + "\"}";
    }

    /** The text as a JSON string; sometimes with its control characters left raw, which is not valid JSON. */
    private String jsonString(String text) {
        var escaped = new StringBuilder("\"");
        var raw = random.nextInt(10) == 0;
        for (var c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20 || (Character.isSurrogate(c) && !raw)) {
                escaped.append(raw ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.append('"').toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String urlEncoded(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
