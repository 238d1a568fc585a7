package app.miniwallet.platform.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks a user name and password against the operator's, in time that does not depend on where they differ: both
 * sides are hashed first, so the comparison runs over equal lengths, and both name and password are always compared.
 * Without a configured password it accepts nobody.
 */
final class OperatorCredential implements AuthenticationProvider {

    private final String username;
    private final byte[] usernameDigest;
    private final byte @Nullable [] passwordDigest;

    OperatorCredential(OperatorSettings settings) {
        this.username = settings.username();
        this.usernameDigest = sha256(settings.username());
        this.passwordDigest = settings.password() == null ? null : sha256(settings.password());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var givenName = Objects.toString(authentication.getPrincipal(), "");
        var givenPassword = Objects.toString(authentication.getCredentials(), "");
        if (passwordDigest == null) {
            throw new BadCredentialsException("the operator's endpoints are disabled: no operator password is set");
        }
        var nameMatches = MessageDigest.isEqual(sha256(givenName), usernameDigest);
        var passwordMatches = MessageDigest.isEqual(sha256(givenPassword), passwordDigest);
        if (!(nameMatches & passwordMatches)) {
            throw new BadCredentialsException("not the operator's user name and password");
        }
        return UsernamePasswordAuthenticationToken.authenticated(
                username, null, List.of(new SimpleGrantedAuthority("ROLE_" + OperatorSecurity.ROLE)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
