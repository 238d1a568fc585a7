package app.miniwallet.systemtests.fault;

import app.miniwallet.loadtests.check.CheckReport;
import java.time.Duration;

/**
 * One fault injected under the stream, and the checker's verdict once the wallet recovered and settled.
 *
 * @param what what exactly happened, for the report
 * @param accepted transfers accepted since the campaign began, all of which the check covered
 * @param tally the stream's counts since the campaign began
 * @param serverErrors 5xx answers to the stream during this fault
 */
record FaultOutcome(
        int number,
        Fault fault,
        String what,
        Duration took,
        long accepted,
        TransferStream.Tally tally,
        long serverErrors,
        CheckReport check) {

    boolean isClean() {
        return check.isClean() && tally.unexpected().isEmpty() && tally.unresolved() == 0;
    }

    /** Everything a failed assertion should show. */
    String verdict() {
        return "fault #" + number + " " + fault + " (" + what + "): " + check
                + (tally.unexpected().isEmpty() ? "" : "\nunexpected answers: " + tally.unexpected())
                + (tally.unresolved() == 0 ? "" : "\ntransfers of unknown outcome: " + tally.unresolved());
    }
}
