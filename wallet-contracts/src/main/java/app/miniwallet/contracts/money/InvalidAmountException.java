package app.miniwallet.contracts.money;

/** Text or a number that is not a valid amount; the message says why, for the person who sent it. */
public class InvalidAmountException extends IllegalArgumentException {

    public InvalidAmountException(String reason) {
        super(reason);
    }
}
