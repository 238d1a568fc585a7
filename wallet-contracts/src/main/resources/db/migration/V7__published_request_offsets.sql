-- Owned by the transfer-processor. For each partition of wallet.transfer-requests, every record below
-- next_offset has had its results committed to wallet.transfer-events by a Kafka transaction. The processor
-- learns it from its consumer group's committed offset when a record it already decided comes again (after
-- a Kafka commit that failed, or seemed to) and keeps it here because that offset can move back: a batch read
-- again may end earlier than the one whose commit went through, and the container then commits its lower end.
create table published_request_offsets (
    request_partition integer primary key,
    next_offset bigint not null check (next_offset >= 0)
);
