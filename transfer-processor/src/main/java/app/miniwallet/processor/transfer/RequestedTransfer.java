package app.miniwallet.processor.transfer;

import app.miniwallet.contracts.transfer.TransferId;

/** One readable request record of a batch: the transfer it asks for and where the record sits. */
public record RequestedTransfer(TransferId transferId, RecordPosition position) {}
