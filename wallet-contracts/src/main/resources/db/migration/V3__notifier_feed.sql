-- The notifier's state: each user's live feed, numbered without gaps so that a client that reconnects
-- can say the last number it saw, and the emails it has taken on but not yet handed to SMTP.

-- The last feed number given to each user. Taking the next number updates this row, so concurrent
-- writers for one user (the sent and the received side of transfers arrive on different partitions)
-- queue behind its row lock instead of skipping or repeating a number.
create table feed_counters (
    user_id  bigint primary key,
    last_seq bigint not null
);

-- One message per user and transfer event, as the WebSocket feed shows it to that user. Only the
-- newest messages of each user are kept (wallet.notifier.feed.history): enough to resume a dropped
-- connection; the full history stays in transfers and ledger_entries.
create table feed_messages (
    user_id           bigint      not null,
    seq               bigint      not null,
    event_id          uuid        not null,
    transfer_id       uuid        not null,
    status            varchar(16) not null check (status in ('COMPLETED', 'REJECTED')),
    direction         varchar(16) not null check (direction in ('SENT', 'RECEIVED', 'TOP_UP')),
    amount_minor      bigint      not null,
    -- the fee this user paid: the sender's fee, zero for the receiver and for top-ups
    fee_minor         bigint      not null,
    counterparty_id   bigint      not null,
    counterparty_name varchar(255),
    -- this user's balance after the transfer (after the refusal: unchanged), never the other party's
    balance_minor     bigint,
    reason            varchar(64),
    occurred_at       timestamptz not null,
    created_at        timestamptz not null default now(),
    primary key (user_id, seq)
);
-- a redelivered event finds its message and adds nothing
create unique index feed_messages_event on feed_messages (user_id, event_id);

-- Emails the notifier has taken on (its delivered_notifications row is written in the same
-- transaction) and not yet handed to SMTP. The sender deletes a row in the transaction that follows
-- a successful send; a failed send moves next_attempt_at on.
create table pending_emails (
    id              bigint generated always as identity primary key,
    event_id        uuid          not null,
    recipient       varchar(320)  not null,
    recipient_name  varchar(255),
    subject         varchar(998)  not null,
    text_body       text          not null,
    html_body       text          not null,
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null default now(),
    last_error      varchar(1000),
    created_at      timestamptz   not null default now(),
    constraint pending_emails_once unique (event_id, recipient)
);
create index pending_emails_due on pending_emails (next_attempt_at, id);
