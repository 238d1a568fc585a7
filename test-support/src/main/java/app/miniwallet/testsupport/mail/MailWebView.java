package app.miniwallet.testsupport.mail;

import app.miniwallet.testsupport.net.SmallHttpServer;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** A read-only page listing the captured emails, newest first, so a developer can click a verification link. */
public final class MailWebView implements AutoCloseable {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"']+");

    private final SmallHttpServer server;
    private final Supplier<List<CapturedMail>> messages;

    private MailWebView(SmallHttpServer server, Supplier<List<CapturedMail>> messages) {
        this.server = server;
        this.messages = messages;
    }

    static MailWebView start(String bindAddress, int port, Supplier<List<CapturedMail>> messages) {
        var server = SmallHttpServer.listen("mail web view", bindAddress, port);
        var view = new MailWebView(server, messages);
        server.serve("/", view::handle);
        return view;
    }

    String url() {
        return "http://localhost:" + server.port() + "/";
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!exchange.getRequestURI().getPath().equals("/")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            var body = page(messages.get()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    static String page(List<CapturedMail> mails) {
        var html = new StringBuilder(
                """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta http-equiv="refresh" content="5">
                <title>Mini Wallet mail</title>
                <style>
                  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
                  article { border: 1px solid #ddd; border-radius: 6px; padding: 0.75rem 1rem; margin: 1rem 0; }
                  h2 { font-size: 1.1rem; margin: 0 0 0.4rem; }
                  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.8rem; margin: 0; color: #555; }
                  dt { font-weight: 600; }
                  pre { white-space: pre-wrap; background: #f7f7f7; padding: 0.6rem; margin: 0.6rem 0 0; }
                </style></head><body>
                <h1>Mini Wallet mail</h1>
                """);
        html.append("<p>")
                .append(mails.size())
                .append(mails.size() == 1 ? " message" : " messages")
                .append(" captured, newest first. This page reloads every 5 seconds.</p>\n");
        for (var mail : mails) {
            html.append("<article>\n<h2>")
                    .append(escape(mail.subject()))
                    .append("</h2>\n<dl><dt>From</dt><dd>")
                    .append(escape(mail.from()))
                    .append("</dd><dt>To</dt><dd>")
                    .append(escape(String.join(", ", mail.recipients())))
                    .append("</dd><dt>Received</dt><dd>")
                    .append(mail.receivedAt() == null ? "" : TIME.format(mail.receivedAt()))
                    .append("</dd></dl>\n<pre>")
                    .append(escapedWithLinks(mail.text()))
                    .append("</pre>\n</article>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    public static String escape(String text) {
        var escaped = new StringBuilder(text.length());
        for (var character : text.toCharArray()) {
            switch (character) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(character);
            }
        }
        return escaped.toString();
    }

    /** Escapes the text and makes its http(s) links clickable, so a verification link is one click away. */
    static String escapedWithLinks(String text) {
        var html = new StringBuilder();
        var matcher = LINK.matcher(text);
        var copied = 0;
        while (matcher.find()) {
            var url = escape(matcher.group());
            html.append(escape(text.substring(copied, matcher.start())))
                    .append("<a href=\"")
                    .append(url)
                    .append("\">")
                    .append(url)
                    .append("</a>");
            copied = matcher.end();
        }
        return html.append(escape(text.substring(copied))).toString();
    }
}
