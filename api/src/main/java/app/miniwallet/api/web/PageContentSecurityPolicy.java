package app.miniwallet.api.web;

import app.miniwallet.api.web.PageConfigController.PageSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The Content-Security-Policy of every response, made at start from the page as it is served
 * ({@code static/index.html}) and the feed's address ({@code wallet.web.feed-url}), so neither can drift
 * from it:
 * <ul>
 *   <li>scripts from this origin only, plus the page's inline import map by its SHA-256 hash; the page
 *       refuses to start with any other inline script;
 *   <li>{@code 'unsafe-eval'}: Vue's in-browser template compiler (the page has no build step) turns each
 *       component's template into a function with {@code Function(...)};
 *   <li>styles, images (and the favicon's {@code data:} URL) from this origin; no inline style is needed:
 *       Vue sets style bindings through the CSSOM, which CSP does not govern;
 *   <li>connections to this origin (the API) and the feed's origin;
 *   <li>no plugins, no {@code <base>}, forms post here only, no framing.
 * </ul>
 */
@Component
public class PageContentSecurityPolicy {

    private static final Pattern SCRIPT =
            Pattern.compile("<script\\b([^>]*)>(.*?)</script\\s*>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern IMPORT_MAP =
            Pattern.compile("\\s*type\\s*=\\s*[\"']?importmap[\"']?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SOURCE = Pattern.compile("\\bsrc\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Set<String> FEED_SCHEMES = Set.of("ws", "wss", "http", "https");

    private final String policy;

    PageContentSecurityPolicy(PageSettings settings, @Value("classpath:static/index.html") Resource page) {
        try {
            this.policy = policyFor(page.getContentAsString(StandardCharsets.UTF_8), settings.feedUrl());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the page to hash its import map", e);
        }
    }

    /** The value of the {@code Content-Security-Policy} header. */
    public String header() {
        return policy;
    }

    static String policyFor(String html, String feedUrl) {
        var scripts = String.join(" ", importMapHashes(html));
        return String.join(
                "; ",
                "default-src 'self'",
                "script-src 'self' " + scripts + " 'unsafe-eval'",
                "style-src 'self'",
                "img-src 'self' data:",
                "connect-src 'self' " + originOf(feedUrl),
                "object-src 'none'",
                "base-uri 'none'",
                "form-action 'self'",
                "frame-ancestors 'none'");
    }

    private static List<String> importMapHashes(String html) {
        var hashes = new ArrayList<String>();
        var scripts = SCRIPT.matcher(html);
        while (scripts.find()) {
            var attributes = scripts.group(1);
            var text = scripts.group(2);
            if (SOURCE.matcher(attributes).find() && text.isBlank()) {
                continue;
            }
            if (!IMPORT_MAP.matcher(attributes).matches()) {
                throw new IllegalStateException("index.html has an inline script other than the import map: <script"
                        + attributes + ">; move it into a module under static/app");
            }
            hashes.add("'sha256-" + sha256(text) + "'");
        }
        if (hashes.isEmpty()) {
            throw new IllegalStateException("index.html has no import map to hash");
        }
        return hashes;
    }

    /** What the browser hashes: the script's text, its line ends normalized by the HTML parser, as UTF-8. */
    private static String sha256(String scriptText) {
        var text = scriptText.replace("\r\n", "\n").replace('\r', '\n');
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The feed's origin, checked, so that a setting cannot add directives of its own. */
    private static String originOf(String feedUrl) {
        URI uri;
        try {
            uri = URI.create(feedUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("wallet.web.feed-url is not a URL: " + feedUrl, e);
        }
        if (uri.getScheme() == null
                || !FEED_SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null) {
            throw new IllegalStateException("wallet.web.feed-url must be a ws:// or wss:// URL, was " + feedUrl);
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
