package app.miniwallet.testsupport.architecture.planted.api.transfer;

import app.miniwallet.testsupport.architecture.planted.api.user.web.UserController;

public class ReachesIntoUserWeb {

    public boolean send(long from, long to) {
        return new UserController().find(to).getStatusCode().is2xxSuccessful();
    }
}
