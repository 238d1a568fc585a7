package app.miniwallet.systemtests.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Sends {@link BadInput} to the api and keeps every answer that breaks the rules: a 5xx, or no 413 for a huge body. */
final class BadInputFuzz {

    private final Supplier<URI> api;
    private final String bearer;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    BadInputFuzz(Supplier<URI> api, String bearer) {
        this.api = api;
        this.bearer = bearer;
    }

    /** What a fuzz run found. */
    record Result(long seed, int requests, Map<Integer, Integer> statuses, List<String> failures) {}

    Result run(long seed, int requests, long receiverId) {
        var input = new BadInput(seed, receiverId);
        var failures = new ArrayList<String>();
        var statuses = new TreeMap<Integer, Integer>();
        for (int i = 0; i < requests; i++) {
            var request = input.next();
            var answer = send(request);
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() >= 500) {
                failures.add("#" + i + " " + request.describe() + " -> " + answer.statusCode() + " " + answer.body());
            } else if (request.isHuge() && answer.statusCode() != 413 && answer.statusCode() != 401) {
                failures.add("#" + i + " huge body " + request.describe() + " -> " + answer.statusCode());
            }
        }
        return new Result(seed, requests, statuses, failures);
    }

    HttpResponse<String> send(BadInput.Request request) {
        var builder = HttpRequest.newBuilder(api.get().resolve(request.path())).timeout(Duration.ofSeconds(30));
        if (request.authenticated()) {
            builder.header("Authorization", bearer);
        }
        if (request.contentType() != null && !request.contentType().isEmpty()) {
            builder.header("Content-Type", request.contentType());
        }
        builder.method(
                request.method(),
                request.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("no answer to " + request.describe(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + request.describe(), e);
        }
    }
}
