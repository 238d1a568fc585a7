package app.miniwallet.testsupport.architecture.planted.testsupport;

public record TestStack(String jdbcUrl) {

    public static TestStack start() {
        return new TestStack("jdbc:postgresql://localhost/wallet");
    }
}
