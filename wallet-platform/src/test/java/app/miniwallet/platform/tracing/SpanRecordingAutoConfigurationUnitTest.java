package app.miniwallet.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SpanRecordingAutoConfigurationUnitTest {

    private final ApplicationContextRunner services = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    OpenTelemetrySdkAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class,
                    OtlpTracingAutoConfiguration.class,
                    SpanRecordingAutoConfiguration.class));

    @Test
    void recordsNoSpanWhenNothingExportsThem() {
        services.run(context -> assertThat(context.getBean(Sampler.class)).isEqualTo(Sampler.alwaysOff()));
    }

    @Test
    void samplesAsSpringBootDoesOnceAnOtlpEndpointIsConfigured() {
        services.withPropertyValues(
                        "management.opentelemetry.tracing.export.otlp.endpoint=http://localhost:4318/v1/traces",
                        "management.tracing.sampling.probability=0.25")
                .run(context -> assertThat(context.getBean(Sampler.class).getDescription())
                        .isEqualTo(Sampler.parentBased(Sampler.traceIdRatioBased(0.25))
                                .getDescription()));
    }
}
