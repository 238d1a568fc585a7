package app.miniwallet.api.transfer;

import app.miniwallet.contracts.money.Money;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How money comes into a wallet.
 *
 * @param mode {@code provider} (the default): a top-up waits for the payment provider's signed webhook before any
 *     money moves; {@code instant}: it is credited at once, a demo mode only (the dev profile's default)
 * @param dailyLimit the most one user may top up in any 24 hours, counting every top-up not rejected
 * @param provider the payment provider, needed in provider mode
 */
@ConfigurationProperties("wallet.top-ups")
public record TopUpSettings(Mode mode, BigDecimal dailyLimit, @Nullable Provider provider) {

    private static final int MIN_SECRET_BYTES = 32;

    public enum Mode {
        INSTANT,
        PROVIDER
    }

    /**
     * @param checkoutUrl the provider's checkout page; the top-up's id and amount are added as query parameters
     * @param webhookSecret the HMAC-SHA256 key the provider signs its webhooks with, at least 32 bytes
     * @param signatureTolerance how far a webhook's signed timestamp may be from now
     */
    public record Provider(
            @Nullable URI checkoutUrl,
            @Nullable String webhookSecret,
            @DefaultValue("5m") Duration signatureTolerance) {}

    public TopUpSettings {
        if (mode == null) {
            throw new IllegalArgumentException("wallet.top-ups.mode (WALLET_TOP_UPS_MODE) must be instant or provider");
        }
        if (dailyLimit == null
                || dailyLimit.signum() <= 0
                || dailyLimit.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException(
                    "wallet.top-ups.daily-limit must be a positive amount with at most 2 decimals");
        }
        if (mode == Mode.PROVIDER) {
            if (provider == null
                    || provider.webhookSecret() == null
                    || provider.webhookSecret().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException(
                        "wallet.top-ups.provider.webhook-secret (WALLET_TOP_UPS_PROVIDER_WEBHOOK_SECRET) must be set"
                                + " to at least " + MIN_SECRET_BYTES + " bytes when wallet.top-ups.mode is provider");
            }
            if (provider.checkoutUrl() == null || !provider.checkoutUrl().isAbsolute()) {
                throw new IllegalArgumentException(
                        "wallet.top-ups.provider.checkout-url (WALLET_TOP_UPS_PROVIDER_CHECKOUT_URL) must be set"
                                + " when wallet.top-ups.mode is provider");
            }
        }
    }

    Money dailyLimitAmount() {
        return Money.fromDecimal(dailyLimit);
    }

    public boolean waitsForPayment() {
        return mode == Mode.PROVIDER;
    }
}
