package app.miniwallet.api.ratelimit;

import java.util.Locale;
import java.util.function.Function;

/** Each limit the api keeps: what it counts and which of the settings says how many. */
public enum Limit {
    REGISTER_PER_ADDRESS(RateLimitSettings::registerPerAddress),
    VERIFY_EMAIL_PER_ADDRESS(RateLimitSettings::verifyEmailPerAddress),
    RESEND_VERIFICATION_PER_ADDRESS(RateLimitSettings::resendVerificationPerAddress),
    RESEND_VERIFICATION_PER_ACCOUNT(RateLimitSettings::resendVerificationPerAccount),
    FORGOT_PASSWORD_PER_ADDRESS(RateLimitSettings::forgotPasswordPerAddress),
    FORGOT_PASSWORD_PER_EMAIL(RateLimitSettings::forgotPasswordPerEmail),
    RESET_PASSWORD_PER_ADDRESS(RateLimitSettings::resetPasswordPerAddress),
    LOGIN_FAILURES_PER_ACCOUNT(RateLimitSettings::loginFailuresPerAccount),
    LOGIN_FAILURES_PER_ADDRESS(RateLimitSettings::loginFailuresPerAddress),
    SEARCH_PER_ACCOUNT(RateLimitSettings::searchPerAccount),
    SEARCH_PER_ADDRESS(RateLimitSettings::searchPerAddress);

    private final Function<RateLimitSettings, Rate> rate;

    Limit(Function<RateLimitSettings, Rate> rate) {
        this.rate = rate;
    }

    Rate rateIn(RateLimitSettings settings) {
        return rate.apply(settings);
    }

    /** Whether it counts client addresses, which {@link RateLimits#addressKey} groups by subscriber. */
    boolean perAddress() {
        return name().endsWith("_PER_ADDRESS");
    }

    /** The rows' scope column: "login-failures-per-account". */
    String scope() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
