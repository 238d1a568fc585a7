package app.miniwallet.platform.encryption;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Imported by the services that read or write an event's secret fields (the api and the notifier): they refuse to
 * start without a key. The others never see these settings.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventEncryptionSettings.class)
public class EventEncryptionConfiguration {

    @Bean
    EventFieldCipher eventFieldCipher(EventEncryptionSettings settings) {
        return new EventFieldCipher(settings);
    }
}
