package app.miniwallet.platform.operator;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator's credential (HTTP Basic), the same on every service: it opens the actuator's endpoints but anonymous
 * health ({@code /actuator/**}) and the processor's admin API ({@code /admin/**}). It is not a user's access token and
 * never accepts one. There is no default password: unset, every operator endpoint refuses every request.
 *
 * @param username the operator's user name (WALLET_OPERATOR_USERNAME)
 * @param password the operator's password (WALLET_OPERATOR_PASSWORD), at least {@value #MIN_PASSWORD_BYTES} bytes;
 *     unset or blank disables the operator's endpoints
 */
@ConfigurationProperties("wallet.operator")
public record OperatorSettings(@DefaultValue("operator") String username, @Nullable String password) {

    public static final int MIN_PASSWORD_BYTES = 16;

    public OperatorSettings {
        if (username.isBlank()) {
            throw new IllegalArgumentException("wallet.operator.username (WALLET_OPERATOR_USERNAME) must not be blank");
        }
        if (password != null && password.isBlank()) {
            password = null;
        }
        if (password != null && password.getBytes(StandardCharsets.UTF_8).length < MIN_PASSWORD_BYTES) {
            throw new IllegalArgumentException("wallet.operator.password (WALLET_OPERATOR_PASSWORD) must be at least "
                    + MIN_PASSWORD_BYTES + " bytes; unset it to disable the operator's endpoints");
        }
    }

    /** Whether an operator password is configured, so that the operator's endpoints answer at all. */
    public boolean enabled() {
        return password != null;
    }
}
