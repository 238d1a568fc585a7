package app.miniwallet.loadtests.seedservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The seeds' design served the way a team would build it instead of the wallet, as the benchmark's HTTP baseline: one
 * endpoint, {@code POST /api/transfers}, that authenticates the wallet's access token, moves the money in one database
 * transaction inside the request and answers 201 after the commit. Its tables are in the schema {@code seed_service},
 * which the benchmark creates and fills ({@link SeedServiceTables}); it migrates nothing itself. Its settings are in
 * {@code seed-service.properties}, each overridable by the environment ({@code SERVER_PORT},
 * {@code SPRING_DATASOURCE_URL}, {@code SEED_SERVICE_JWT_SECRET}, ...).
 */
@SpringBootApplication
@EnableConfigurationProperties(SeedServiceSettings.class)
public class SeedShapedService {

    public static void main(String[] args) {
        start(args);
    }

    /** Runs the service; {@code args} as on a command line ({@code --server.port=0}, ...). */
    public static ConfigurableApplicationContext start(String... args) {
        var application = new SpringApplication(SeedShapedService.class);
        // its own settings file, not an application.properties any other program on this class path would read
        application.setDefaultProperties(java.util.Map.of("spring.config.name", "seed-service"));
        return application.run(args);
    }
}
