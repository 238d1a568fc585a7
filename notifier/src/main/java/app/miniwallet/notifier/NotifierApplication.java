package app.miniwallet.notifier;

import app.miniwallet.platform.encryption.EventEncryptionConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import(EventEncryptionConfiguration.class)
@EnableConfigurationProperties(NotifierSettings.class)
public class NotifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotifierApplication.class, args);
    }
}
