package app.miniwallet.api.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. */
@Repository
public class Users {

    private static final String COLUMNS = "id, name, email, password_hash, email_verified_at, token_generation";

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<User> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = ?")
                .param(id)
                .query(Users::user)
                .optional();
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from users where lower(email) = lower(?)")
                .param(email)
                .query(Users::user)
                .optional();
    }

    /** Only with the user's account: {@link UserAccounts#register}. */
    User insert(User.Unsaved user) {
        return jdbc.sql("insert into users (name, email, password_hash, email_verified_at) values (?, ?, ?, ?)"
                        + " returning " + COLUMNS)
                .params(user.name(), user.email(), user.passwordHash(), timestamp(user.emailVerifiedAt()))
                .query(Users::user)
                .single();
    }

    /** Keeps the first time the address was proven. @return false when there is no such user */
    public boolean markEmailVerified(long id, Instant at) {
        return jdbc.sql("update users set email_verified_at = coalesce(email_verified_at, ?) where id = ?")
                        .params(Timestamp.from(at), id)
                        .update()
                == 1;
    }

    /** @return false when there is no such user */
    public boolean changePassword(long id, String passwordHash) {
        return jdbc.sql("update users set password_hash = ? where id = ?")
                        .params(passwordHash, id)
                        .update()
                == 1;
    }

    private static User user(ResultSet row, int number) throws SQLException {
        var verifiedAt = row.getTimestamp("email_verified_at");
        return new User(
                row.getLong("id"),
                row.getString("name"),
                row.getString("email"),
                row.getString("password_hash"),
                verifiedAt == null ? null : verifiedAt.toInstant(),
                row.getInt("token_generation"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
