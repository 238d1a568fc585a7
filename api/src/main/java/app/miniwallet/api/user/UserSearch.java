package app.miniwallet.api.user;

import app.miniwallet.contracts.account.AccountId;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds people to pay by any part of their name, or by their whole email address, case-insensitive, never the one
 * asking, and only people who verified their address. An address is shown masked ({@code j•••@example.com}) unless
 * the query is exactly that address: the search helps to pick someone one knows, not to collect addresses. Part of an
 * address finds nobody, or else queries growing one character at a time would spell every address out despite the
 * mask. The trigram index on lower(name) serves the substring match, the unique index on lower(email) the address.
 */
@Component
public class UserSearch {

    public static final int MIN_QUERY_LENGTH = 2;
    static final int MAX_RESULTS = 10;
    private static final int MAX_QUERY_LENGTH = 100;

    private final JdbcClient jdbc;

    UserSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Found(long id, String name, String email) {}

    public List<Found> find(String query, AccountId caller) {
        // a NUL character cannot be stored, so nothing can contain it
        if (query == null || query.strip().length() < MIN_QUERY_LENGTH || query.indexOf('\0') >= 0) {
            return List.of();
        }
        var stripped = query.strip().toLowerCase(Locale.ROOT);
        var text = stripped.length() > MAX_QUERY_LENGTH ? stripped.substring(0, MAX_QUERY_LENGTH) : stripped;
        // the text is matched literally: %, _ and \ typed by the user are not wildcards
        var pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql(
                        """
                        select id, name, email, lower(email) = lower(:address) as exact from users
                        where (lower(name) like :pattern or lower(email) = lower(:address)) and id <> :caller
                          and email_verified_at is not null
                        order by lower(email) = lower(:address) desc, lower(name) = :text desc, name, id
                        limit :limit""")
                .param("pattern", pattern)
                .param("text", text)
                .param("address", stripped)
                .param("caller", caller.value())
                .param("limit", MAX_RESULTS)
                .query((row, number) -> new Found(
                        row.getLong("id"),
                        row.getString("name"),
                        row.getBoolean("exact") ? row.getString("email") : masked(row.getString("email"))))
                .list();
    }

    /** "jane.doe@example.com" → "j•••@example.com": the first character of the local part, then the domain. */
    static String masked(String email) {
        var at = email.lastIndexOf('@');
        if (at <= 0) {
            return "•••";
        }
        return email.substring(0, email.offsetByCodePoints(0, 1)) + "•••" + email.substring(at);
    }
}
