package app.miniwallet.testsupport.architecture.planted.api.user;

public class Users {

    public boolean exists(long user) {
        return user > 0;
    }
}
