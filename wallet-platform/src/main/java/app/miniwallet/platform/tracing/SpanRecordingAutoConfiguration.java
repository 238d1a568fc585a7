package app.miniwallet.platform.tracing;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Spans are recorded only when something exports them. Without an exporter (no
 * {@code management.opentelemetry.tracing.export.otlp.endpoint}) every span is non-recording: it still has its trace
 * and span ids, which go into the log lines and onward in {@code traceparent} headers (with the sampled flag off), but
 * nothing is timed, given attributes or queued to Boot's batch span processor, which would drop it anyway. With an
 * exporter, Boot's sampler applies ({@code management.tracing.sampling.probability}, parent-based).
 */
@AutoConfiguration(
        afterName =
                "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration",
        beforeName =
                "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
@ConditionalOnClass({Sampler.class, SpanExporter.class})
public class SpanRecordingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean({Sampler.class, SpanExporter.class})
    Sampler recordNoSpanWithoutExporter() {
        return Sampler.alwaysOff();
    }
}
