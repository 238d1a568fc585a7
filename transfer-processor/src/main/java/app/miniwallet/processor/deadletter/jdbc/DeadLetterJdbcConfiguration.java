package app.miniwallet.processor.deadletter.jdbc;

import app.miniwallet.processor.deadletter.Redrives;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class DeadLetterJdbcConfiguration {

    @Bean
    Redrives redrives(JdbcClient jdbc) {
        return new JdbcRedrives(jdbc);
    }
}
