-- Owned by the transfer-processor's admin API. One row per record of wallet.transfer-requests.DLT that an
-- operator sent back to wallet.transfer-requests. The row is the claim: it is inserted in the database
-- transaction that surrounds the send and the wait for Kafka's acknowledgement, so two processors redriving at
-- once cannot both send the same record, and a send that fails rolls the claim back. request_partition and
-- request_offset say where the copy landed; they are set in that same transaction, after the acknowledgement.
create table dead_letter_redrives (
    dlt_partition integer not null check (dlt_partition >= 0),
    dlt_offset bigint not null check (dlt_offset >= 0),
    redriven_at timestamptz not null default now(),
    request_partition integer,
    request_offset bigint,
    primary key (dlt_partition, dlt_offset)
);
