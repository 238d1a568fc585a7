package app.miniwallet.processor.transfer;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.transfer.TransferId;

/**
 * One leg of a completed transfer: a signed amount on one account and that account's balance right
 * after it. The legs of one transfer sum to zero.
 */
public record LedgerEntry(TransferId transferId, AccountId accountId, long amountMinor, long balanceAfterMinor) {}
