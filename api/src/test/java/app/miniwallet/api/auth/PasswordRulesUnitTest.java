package app.miniwallet.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import app.miniwallet.api.web.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordRulesUnitTest {

    @Test
    void countsAPasswordInUtf8BytesAsBcryptDoes() {
        var emoji = "\uD83D\uDE00"; // four bytes in UTF-8, two chars in Java

        assertThat(passwordViolations(emoji.repeat(18))).isEmpty(); // 72 bytes
        assertThat(passwordViolations(emoji.repeat(30))) // 120 bytes, 60 chars
                .containsExactly(new FieldViolation("password", "must be at most 72 bytes (UTF-8)"));
        assertThat(passwordViolations("é".repeat(37))) // 74 bytes, 37 chars
                .containsExactly(new FieldViolation("password", "must be at most 72 bytes (UTF-8)"));
        assertThat(passwordViolations("x".repeat(72))).isEmpty();
        assertThat(passwordViolations("x".repeat(73)))
                .containsExactly(new FieldViolation("password", "must be at most 72 bytes (UTF-8)"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Ann\u0007Bell", // BEL, category Cc
                "Ann\u0000Bell", // NUL
                "Ann\u007FBell", // DEL
                "Ann\u0085Bell", // NEXT LINE, a C1 control
                "Ann\u200BBell", // ZERO WIDTH SPACE, Cf
                "Ann\uFEFFBell", // ZERO WIDTH NO-BREAK SPACE (BOM), Cf
                "Ann\u00ADBell", // SOFT HYPHEN, Cf
                "Ann\u202Aexe", // LEFT-TO-RIGHT EMBEDDING
                "Ann\u202Bexe", // RIGHT-TO-LEFT EMBEDDING
                "Ann\u202Cexe", // POP DIRECTIONAL FORMATTING
                "Ann\u202Dexe", // LEFT-TO-RIGHT OVERRIDE
                "Ann\u202Eexe.pdf", // RIGHT-TO-LEFT OVERRIDE
                "Ann\u2066Bell", // LEFT-TO-RIGHT ISOLATE
                "Ann\u2067Bell", // RIGHT-TO-LEFT ISOLATE
                "Ann\u2068Bell", // FIRST STRONG ISOLATE
                "Ann\u2069Bell", // POP DIRECTIONAL ISOLATE
                "Ann\u200EBell", // LEFT-TO-RIGHT MARK
                "Ann\u200FBell", // RIGHT-TO-LEFT MARK
                "Ann\uDB40\uDC01Bell", // LANGUAGE TAG U+E0001, a supplementary Cf
                "\u202E",
            })
    void refusesControlFormatAndBidirectionalCharactersInAName(String name) {
        var violations = new ArrayList<FieldViolation>();

        PasswordRules.checkName(name, violations);

        assertThat(violations)
                .containsExactly(new FieldViolation(
                        "name", "must not contain control, invisible formatting or text-direction characters"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Zoë Ünïcode-Person",
                "O'Brien",
                "李小龙",
                "محمد علي",
                "Ann Bell 🙂",
                "  Ann\t",
                "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", // Persian, spelled with a zero-width non-joiner
                "Family \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67" // emoji joined by zero-width joiners
            })
    void acceptsNamesInAnyScriptAndStripsSurroundingWhitespace(String name) {
        var violations = new ArrayList<FieldViolation>();

        PasswordRules.checkName(name, violations);

        assertThat(violations).isEmpty();
    }

    private static List<FieldViolation> passwordViolations(String password) {
        var violations = new ArrayList<FieldViolation>();
        PasswordRules.checkNewPassword(password, password, violations);
        return violations;
    }
}
