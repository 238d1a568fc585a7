package app.miniwallet.processor.deadletter;

import app.miniwallet.processor.transfer.RecordPosition;
import java.time.Instant;

/**
 * A dead letter sent back to {@code wallet.transfer-requests} by an operator, once.
 *
 * @param copy where the copy landed in the request topic
 */
public record Redrive(DeadLetterPosition deadLetter, Instant redrivenAt, RecordPosition copy) {}
