package app.miniwallet.analytics.web;

/** A request parameter the API cannot use: a 400 that names it. */
class InvalidParameterException extends RuntimeException {

    private final String parameter;

    InvalidParameterException(String parameter, String problem) {
        super(parameter + " " + problem);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
