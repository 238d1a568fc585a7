package app.miniwallet.platform.database;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A service with a database refuses to start without its credentials, before anything connects, and names the
 * variable to set. Only the {@code dev} profile has a default ({@code wallet}/{@code wallet}); elsewhere
 * {@code application.yml} takes them from {@code SPRING_DATASOURCE_USERNAME} and {@code SPRING_DATASOURCE_PASSWORD},
 * and an unset one would otherwise reach PostgreSQL as the literal {@code ${...}}.
 */
@AutoConfiguration
@ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
public class DatabaseCredentialsAutoConfiguration {

    @Bean
    static RequiredDatabaseCredentials requiredDatabaseCredentials() {
        return new RequiredDatabaseCredentials();
    }

    static final class RequiredDatabaseCredentials implements BeanFactoryPostProcessor, EnvironmentAware {

        private static final List<String> REQUIRED =
                List.of("spring.datasource.username", "spring.datasource.password");

        private Environment environment;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            var missing = new ArrayList<String>();
            for (var property : REQUIRED) {
                if (!isSet(property)) {
                    missing.add(property + " (" + property.toUpperCase().replace('.', '_') + ")");
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("The database credentials are not set: " + String.join(", ", missing)
                        + ". Only the dev profile has a default.");
            }
        }

        private boolean isSet(String property) {
            try {
                var value = environment.getProperty(property);
                return value != null && !value.isBlank();
            } catch (IllegalArgumentException unresolvable) {
                // ${SPRING_DATASOURCE_USERNAME} with no such variable
                return false;
            }
        }
    }
}
