package app.miniwallet.notifier.people;

import app.miniwallet.contracts.account.AccountId;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The users table, read-only: the notifier shows names and writes to addresses, nothing else. */
@Component
public class Users {

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The users among the ids; system accounts and unknown ids are simply absent. */
    public Map<AccountId, User> find(Collection<AccountId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        var values = ids.stream().mapToLong(AccountId::value).distinct().toArray();
        return jdbc
                .sql("select id, name, email from users where id = any(?)")
                .param(values)
                .query((row, number) ->
                        new User(AccountId.of(row.getLong("id")), row.getString("name"), row.getString("email")))
                .list()
                .stream()
                .collect(Collectors.toMap(User::id, Function.identity()));
    }
}
