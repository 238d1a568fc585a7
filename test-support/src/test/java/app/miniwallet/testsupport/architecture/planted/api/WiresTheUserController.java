package app.miniwallet.testsupport.architecture.planted.api;

import app.miniwallet.testsupport.architecture.planted.api.user.web.UserController;

public class WiresTheUserController {

    public UserController userController() {
        return new UserController();
    }
}
