package app.miniwallet.api.auth;

import app.miniwallet.api.web.FieldViolation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** What the API accepts for names, email addresses and passwords. */
final class PasswordRules {

    static final int MIN_PASSWORD_LENGTH = 8;
    /** bcrypt reads no further, and Spring Security's encoder refuses more rather than cut it short. */
    static final int MAX_PASSWORD_BYTES = 72;

    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_EMAIL_LENGTH = 320;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private PasswordRules() {}

    /** The name as it is stored (stripped) is checked, so surrounding whitespace, tabs included, does no harm. */
    static void checkName(String name, List<FieldViolation> violations) {
        if (name == null || name.isBlank()) {
            violations.add(new FieldViolation("name", "is required"));
        } else if (name.strip().length() > MAX_NAME_LENGTH) {
            violations.add(new FieldViolation("name", "must be at most 255 characters"));
        } else if (name.strip().codePoints().anyMatch(PasswordRules::isHiddenOrControl)) {
            violations.add(new FieldViolation(
                    "name", "must not contain control, invisible formatting or text-direction characters"));
        }
    }

    /**
     * A name is shown to other people (search, history, receipts): control characters (Cc) and format characters (Cf)
     * could hide text or reorder it, as a right-to-left override before "gnp.exe" makes it read "exe.png". Cf holds
     * the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the marks U+200E and
     * U+200F, and the zero-width characters. The zero-width non-joiner and joiner (U+200C, U+200D) stay allowed: Persian
     * and Indic names are spelled with them, and emoji sequences are joined by them; they reorder nothing.
     */
    private static boolean isHiddenOrControl(int codePoint) {
        if (codePoint == 0x200C || codePoint == 0x200D) {
            return false;
        }
        var type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT;
    }

    static void checkEmail(String email, List<FieldViolation> violations) {
        if (email == null || email.isBlank()) {
            violations.add(new FieldViolation("email", "is required"));
        } else if (email.strip().length() > MAX_EMAIL_LENGTH
                || !EMAIL.matcher(email.strip()).matches()) {
            violations.add(new FieldViolation("email", "must be a valid email address"));
        }
    }

    static void checkNewPassword(String password, String confirmation, List<FieldViolation> violations) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            violations.add(new FieldViolation("password", "must be at least 8 characters"));
        } else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            // counted as bcrypt counts: 30 emoji are 60 chars but 120 bytes
            violations.add(new FieldViolation("password", "must be at most 72 bytes (UTF-8)"));
        } else if (!password.equals(confirmation)) {
            violations.add(new FieldViolation("password_confirmation", "does not match the password"));
        }
    }
}
