package app.miniwallet.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * Small rate limits, so that a test reaches them in a few requests, and a sign-in window of seconds, so that a test
 * can wait it out. Every class with it shares one api context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(
        properties = {
            "wallet.rate-limits.register-per-address.limit=" + TightRateLimits.PER_ADDRESS,
            "wallet.rate-limits.verify-email-per-address.limit=" + TightRateLimits.PER_ADDRESS,
            "wallet.rate-limits.resend-verification-per-address.limit=" + TightRateLimits.PER_ADDRESS,
            "wallet.rate-limits.forgot-password-per-address.limit=" + TightRateLimits.PER_ADDRESS,
            "wallet.rate-limits.reset-password-per-address.limit=" + TightRateLimits.PER_ADDRESS,
            "wallet.rate-limits.login-failures-per-address.limit=" + TightRateLimits.PER_ADDRESS,
            "wallet.rate-limits.search-per-address.limit=" + TightRateLimits.PER_ADDRESS,
            "wallet.rate-limits.resend-verification-per-account.limit=" + TightRateLimits.PER_TARGET,
            "wallet.rate-limits.login-failures-per-account.limit=" + TightRateLimits.PER_TARGET,
            "wallet.rate-limits.login-failures-per-account.window=" + TightRateLimits.LOGIN_WINDOW,
            "wallet.rate-limits.search-per-account.limit=" + TightRateLimits.PER_TARGET,
            // forgot-password-per-email keeps its default: 3 an hour
        })
public @interface TightRateLimits {

    int PER_ADDRESS = 3;
    int PER_TARGET = 2;
    String LOGIN_WINDOW = "5s";
}
