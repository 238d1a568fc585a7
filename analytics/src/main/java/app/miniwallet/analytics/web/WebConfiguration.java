package app.miniwallet.analytics.web;

import app.miniwallet.analytics.AnalyticsSettings;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** Only when wallet.analytics.token is set; without one the API is open (the dev stack binds to 127.0.0.1). */
    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(AnalyticsSettings settings) {
        var registration = new FilterRegistrationBean<>(new BearerTokenFilter(settings));
        registration.addUrlPatterns("/api/*");
        registration.setEnabled(settings.requiresToken());
        return registration;
    }
}
