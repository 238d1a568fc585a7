package app.miniwallet.loadtests.bench;

/** One request the load generator sends, as the user it comes from would send it. */
sealed interface WalletRequest {

    /** Whose token signs the request. */
    long user();

    /** {@code POST /api/transfers}. */
    record Transfer(long sender, long receiver, long amountMinor) implements WalletRequest {
        @Override
        public long user() {
            return sender;
        }
    }

    /** {@code POST /api/wallet/top-ups}. */
    record TopUp(long user, long amountMinor) implements WalletRequest {}
}
