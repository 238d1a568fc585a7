package app.miniwallet.analytics.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Asks the instance that holds the figures, for a request that reached one that does not: with two instances (one
 * active, one standby) either answers. A forwarded request is marked and never forwarded again, so two instances that
 * each think the other holds the figures answer 503 instead of asking each other in a circle.
 */
@Component
class ActiveInstance {

    static final String FORWARDED_HEADER = "X-Wallet-Analytics-Forwarded";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static boolean wasForwarded(HttpServletRequest request) {
        return request.getHeader(FORWARDED_HEADER) != null;
    }

    /** The holder's answer as it is; empty when it cannot be reached. */
    Optional<ResponseEntity<String>> ask(HostInfo holder, HttpServletRequest request) {
        var query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        var forwarded = HttpRequest.newBuilder(
                        URI.create("http://" + holder.host() + ":" + holder.port() + request.getRequestURI() + query))
                .timeout(Duration.ofSeconds(10))
                .header(FORWARDED_HEADER, "1")
                .GET();
        var authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            forwarded.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        try {
            var answer = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofString());
            var contentType = answer.headers()
                    .firstValue(HttpHeaders.CONTENT_TYPE)
                    .map(MediaType::parseMediaType)
                    .orElse(MediaType.APPLICATION_JSON);
            return Optional.of(ResponseEntity.status(answer.statusCode())
                    .contentType(contentType)
                    .body(answer.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
