package app.miniwallet.api.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param threads how many forgot-password requests are handled at once, in the background
 * @param queueCapacity how many more may wait for a thread; past that, a request is dropped (and logged), so that a
 *     flood cannot fill the heap
 */
@ConfigurationProperties("wallet.auth.password-reset")
record PasswordResetSettings(int threads, int queueCapacity) {

    PasswordResetSettings {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException(
                    "wallet.auth.password-reset needs at least one thread and one queue place," + " not threads="
                            + threads + ", queue-capacity=" + queueCapacity);
        }
    }
}
