package app.miniwallet.infra.architecture.planted.infra;

public record TestStack(String jdbcUrl) {

    public static TestStack start() {
        return new TestStack("jdbc:postgresql://localhost/wallet");
    }
}
