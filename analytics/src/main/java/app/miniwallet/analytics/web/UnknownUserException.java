package app.miniwallet.analytics.web;

class UnknownUserException extends RuntimeException {

    UnknownUserException(long userId) {
        super("no transfer result concerns user " + userId + " yet");
    }
}
