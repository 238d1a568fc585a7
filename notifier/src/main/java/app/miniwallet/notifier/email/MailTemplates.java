package app.miniwallet.notifier.email;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The email templates in {@code classpath:mail/}: {@code <name>.html} for the HTML part,
 * {@code <name>.txt} for the plain-text part. Thymeleaf escapes the values in the HTML part.
 */
@Component
class MailTemplates {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    MailTemplates() {
        engine.addTemplateResolver(resolver("*.html", TemplateMode.HTML, 1));
        engine.addTemplateResolver(resolver("*.txt", TemplateMode.TEXT, 2));
    }

    record Rendered(String text, String html) {}

    Rendered render(String name, Map<String, Object> model) {
        var context = new Context(Locale.ENGLISH, model);
        return new Rendered(engine.process(name + ".txt", context), engine.process(name + ".html", context));
    }

    private static ClassLoaderTemplateResolver resolver(String pattern, TemplateMode mode, int order) {
        var resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix("mail/");
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }
}
