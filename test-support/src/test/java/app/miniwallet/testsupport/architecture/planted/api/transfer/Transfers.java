package app.miniwallet.testsupport.architecture.planted.api.transfer;

import app.miniwallet.testsupport.architecture.planted.api.user.Users;
import app.miniwallet.testsupport.architecture.planted.api.web.FieldViolation;
import java.util.Optional;

public class Transfers {

    private final Users users = new Users();

    public Optional<FieldViolation> send(long from, long to) {
        return users.exists(to) ? Optional.empty() : Optional.of(new FieldViolation("to", "is not a user"));
    }
}
