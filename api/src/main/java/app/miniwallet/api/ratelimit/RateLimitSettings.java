package app.miniwallet.api.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The request rate limits, each shared by every api instance (see {@link RateLimits}). "per address" counts the
 * client address; "per account" and "per email" count the account or email address the request is about, from
 * whatever address it comes.
 *
 * @param registerPerAddress registrations; past it, 429
 * @param verifyEmailPerAddress email verification tokens tried; past it, 429
 * @param resendVerificationPerAddress verification emails asked for; past it, 429
 * @param resendVerificationPerAccount verification emails sent to one account; past it, still 202 and no email
 * @param forgotPasswordPerAddress reset links asked for; past it, 429
 * @param forgotPasswordPerEmail reset links sent to one address; past it, still 202 and no email, so the answer never
 *     tells whether the address has an account
 * @param resetPasswordPerAddress reset tokens tried; past it, 429
 * @param loginFailuresPerAccount failed sign-ins for one email address; past it, 429 until the oldest failure is a
 *     window old, even for the right password; a successful sign-in forgets them
 * @param loginFailuresPerAddress failed sign-ins from one client address, whatever the account; past it, 429
 * @param searchPerAccount user searches by one caller; past it, 429
 * @param searchPerAddress user searches from one client address; past it, 429
 */
@ConfigurationProperties("wallet.rate-limits")
public record RateLimitSettings(
        Rate registerPerAddress,
        Rate verifyEmailPerAddress,
        Rate resendVerificationPerAddress,
        Rate resendVerificationPerAccount,
        Rate forgotPasswordPerAddress,
        Rate forgotPasswordPerEmail,
        Rate resetPasswordPerAddress,
        Rate loginFailuresPerAccount,
        Rate loginFailuresPerAddress,
        Rate searchPerAccount,
        Rate searchPerAddress) {}
