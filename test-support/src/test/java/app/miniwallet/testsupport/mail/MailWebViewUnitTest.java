package app.miniwallet.testsupport.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailWebViewUnitTest {

    @Test
    void escapesEverythingAMailCanSmuggleIntoThePage() {
        var mail = mail("<script>alert(1)</script>", "Eve <eve@evil.example>", "a & b \"quoted\" 'single'");

        var page = MailWebView.page(List.of(mail));

        assertThat(page)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("Eve &lt;eve@evil.example&gt;")
                .contains("a &amp; b &quot;quoted&quot; &#39;single&#39;");
    }

    @Test
    void makesLinksClickableWithoutLettingThemBreakOutOfTheAttribute() {
        var html = MailWebView.escapedWithLinks("Verify: http://localhost:8080/verify?token=a&b=<x> now");

        assertThat(html)
                .isEqualTo("Verify: <a href=\"http://localhost:8080/verify?token=a&amp;b=\">"
                        + "http://localhost:8080/verify?token=a&amp;b=</a>&lt;x&gt; now");
    }

    @Test
    void listsTheMailsInTheOrderGivenWithTheirCount() {
        var page = MailWebView.page(List.of(mail("Newer", "a@demo.app", "x"), mail("Older", "a@demo.app", "y")));

        assertThat(page).contains("2 messages captured");
        assertThat(page.indexOf("Newer")).isLessThan(page.indexOf("Older"));
    }

    private static CapturedMail mail(String subject, String from, String text) {
        return new CapturedMail(
                "<id-" + subject + ">", Instant.now(), subject, from, List.of("user.alpha@demo.app"), text);
    }
}
