package app.miniwallet.processor.operator;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's credential for the processor's admin API ({@code /admin/**}, HTTP Basic). It is not a user's
 * access token and never accepts one. There is no default password: unset, the admin API refuses every request.
 *
 * @param username the operator's user name (WALLET_OPERATOR_USERNAME)
 * @param password the operator's password (WALLET_OPERATOR_PASSWORD), at least {@value #MIN_PASSWORD_BYTES} bytes;
 *     unset or blank disables the admin API
 */
@ConfigurationProperties("wallet.operator")
public record OperatorSettings(@DefaultValue("operator") String username, @Nullable String password) {

    static final int MIN_PASSWORD_BYTES = 16;

    public OperatorSettings {
        if (username.isBlank()) {
            throw new IllegalArgumentException("wallet.operator.username (WALLET_OPERATOR_USERNAME) must not be blank");
        }
        if (password != null && password.isBlank()) {
            password = null;
        }
        if (password != null && password.getBytes(StandardCharsets.UTF_8).length < MIN_PASSWORD_BYTES) {
            throw new IllegalArgumentException("wallet.operator.password (WALLET_OPERATOR_PASSWORD) must be at least "
                    + MIN_PASSWORD_BYTES + " bytes; unset it to disable the admin API");
        }
    }

    boolean adminApiEnabled() {
        return password != null;
    }
}
