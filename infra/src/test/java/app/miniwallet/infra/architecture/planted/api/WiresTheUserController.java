package app.miniwallet.infra.architecture.planted.api;

import app.miniwallet.infra.architecture.planted.api.user.web.UserController;

public class WiresTheUserController {

    public UserController userController() {
        return new UserController();
    }
}
