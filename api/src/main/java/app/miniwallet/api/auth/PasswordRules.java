package app.miniwallet.api.auth;

import app.miniwallet.api.web.FieldViolation;
import java.util.List;
import java.util.regex.Pattern;

/** What the API accepts for names, email addresses and passwords. */
final class PasswordRules {

    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_LENGTH = 72; // bcrypt reads no further
    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_EMAIL_LENGTH = 320;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private PasswordRules() {}

    static void checkName(String name, List<FieldViolation> violations) {
        if (name == null || name.isBlank()) {
            violations.add(new FieldViolation("name", "is required"));
        } else if (name.strip().length() > MAX_NAME_LENGTH) {
            violations.add(new FieldViolation("name", "must be at most 255 characters"));
        }
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
        } else if (password.length() > MAX_PASSWORD_LENGTH) {
            violations.add(new FieldViolation("password", "must be at most 72 characters"));
        } else if (!password.equals(confirmation)) {
            violations.add(new FieldViolation("password_confirmation", "does not match the password"));
        }
    }
}
