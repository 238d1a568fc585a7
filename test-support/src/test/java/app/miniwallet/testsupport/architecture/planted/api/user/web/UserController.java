package app.miniwallet.testsupport.architecture.planted.api.user.web;

import app.miniwallet.testsupport.architecture.planted.api.user.Users;
import app.miniwallet.testsupport.architecture.planted.api.web.Problems;
import org.springframework.http.ResponseEntity;

public class UserController {

    private final Users users = new Users();

    public ResponseEntity<Long> find(long user) {
        if (!users.exists(user)) {
            throw Problems.forbidden("no such user");
        }
        return ResponseEntity.ok(user);
    }
}
