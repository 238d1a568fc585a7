package app.miniwallet.infra.architecture.planted.api.user;

public class Users {

    public boolean exists(long user) {
        return user > 0;
    }
}
