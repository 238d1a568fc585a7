package app.miniwallet.testsupport.architecture.planted.api.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

@Configuration
public class SecurityConfiguration {

    @Bean
    HttpStatus refusal() {
        return HttpStatus.UNAUTHORIZED;
    }
}
