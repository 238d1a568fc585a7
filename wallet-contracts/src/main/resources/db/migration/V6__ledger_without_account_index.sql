-- Nothing reads the ledger by account: a person's history is read from transfers (its sender and receiver
-- indexes), which also holds what the ledger cannot show (pending and rejected transfers), and the balance
-- is the accounts row. Yet the (account_id, created_at, id) index cost every entry an insert at a random
-- page of the index, inside the processor's batch transaction while it holds the locks of every account in
-- the batch, which the next batch waits for. Measured on a ledger of 3 to 9 million entries, inserting 6,000
-- entries (one batch of 2,000 transfers) and committing: 42 ms with it against 13 ms without it, and 122 ms
-- against 15 ms right after a checkpoint, when each of those random pages also costs a full-page image in the
-- WAL. The entries of one transfer stay indexed (time-ordered transfer ids: they land on the last pages).
drop index ledger_entries_account_history;
