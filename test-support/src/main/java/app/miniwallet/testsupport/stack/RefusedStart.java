package app.miniwallet.testsupport.stack;

import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a service the way a deployment does, against the shared {@link WalletTestStack} but with some of its
 * settings left out, and hands back why it refused to start (or fails the test if it started).
 */
public final class RefusedStart {

    private RefusedStart() {}

    /**
     * @param application the service's application class
     * @param profiles the active profiles ("" for none)
     * @param leftOut the Spring properties of the test stack the service is not given
     * @return the innermost cause of the refusal, whose message is what an operator reads
     */
    public static Throwable without(Class<?> application, String profiles, String... leftOut) {
        Map<String, String> properties =
                new LinkedHashMap<>(WalletTestStack.shared().springProperties());
        for (var property : leftOut) {
            properties.remove(property);
        }
        properties.put("server.port", "0");
        properties.put("spring.profiles.active", profiles);
        // as command-line arguments, which win over application.yml as a deployment's environment does
        List<String> arguments = new ArrayList<>();
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        var failure = catchThrowable(() -> {
            try (ConfigurableApplicationContext started =
                    new SpringApplicationBuilder(application).run(arguments.toArray(String[]::new))) {
                throw new AssertionError(application.getSimpleName() + " started without " + List.of(leftOut));
            }
        });
        if (failure instanceof AssertionError error) {
            throw error;
        }
        var cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
