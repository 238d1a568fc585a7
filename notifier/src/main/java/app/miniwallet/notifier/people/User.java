package app.miniwallet.notifier.people;

import app.miniwallet.contracts.account.AccountId;

/** Who a notification is about or for: the name others see and the address receipts go to. */
public record User(AccountId id, String name, String email) {}
