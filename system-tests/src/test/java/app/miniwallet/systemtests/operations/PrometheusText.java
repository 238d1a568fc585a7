package app.miniwallet.systemtests.operations;

import app.miniwallet.testsupport.operator.ActuatorAccess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /actuator/prometheus}, read as Prometheus reads it: samples by name and labels.
 * Only what the tests need of the text format: one sample per line, labels without escaped quotes.
 */
final class PrometheusText {

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {}

    private final java.util.List<Sample> samples;
    private final String text;

    private PrometheusText(java.util.List<Sample> samples, String text) {
        this.samples = samples;
        this.text = text;
    }

    static PrometheusText scrape(URI service) {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(service.resolve("/actuator/prometheus"))
                            // the metrics are the operator's, as Prometheus's basic_auth logs in
                            .header("Authorization", ActuatorAccess.operator())
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(service + "/actuator/prometheus answered " + response.statusCode());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("could not scrape " + service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static PrometheusText parse(String text) {
        var samples = new java.util.ArrayList<Sample>();
        for (var line : text.split("\n")) {
            var sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            var labels = new LinkedHashMap<String, String>();
            if (sample.group(3) != null) {
                var label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
        }
        return new PrometheusText(samples, text);
    }

    /** Whether any sample has this name. */
    boolean has(String name) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name));
    }

    /** The sum of the samples of this name whose labels include the given ones; 0 when there is none. */
    double sum(String name, String... labelPairs) {
        var wanted = new LinkedHashMap<String, String>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        return samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(wanted.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    @Override
    public String toString() {
        return text;
    }
}
