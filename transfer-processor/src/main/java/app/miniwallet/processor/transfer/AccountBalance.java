package app.miniwallet.processor.transfer;

import app.miniwallet.contracts.account.AccountId;
import app.miniwallet.contracts.account.AccountKind;

/** An account's balance as locked for a batch, or as the batch leaves it. */
public record AccountBalance(AccountId id, AccountKind kind, long balanceMinor) {}
