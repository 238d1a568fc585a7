-- A top-up in the payment provider's mode waits for the provider's webhook before it enters the pipeline:
-- AWAITING_PAYMENT has no outbox message, so nothing can apply it. The webhook makes it PENDING with its outbox
-- message (paid), or PENDING with reason PAYMENT_DECLINED (declined), which the processor records as REJECTED.
alter table transfers drop constraint transfers_status_check;
alter table transfers add constraint transfers_status_check
    check (status in ('AWAITING_PAYMENT', 'PENDING', 'COMPLETED', 'REJECTED'));
alter table transfers drop constraint decided_transfer_is_complete;
alter table transfers add constraint decided_transfer_is_complete check (
    status in ('AWAITING_PAYMENT', 'PENDING') or (completed_at is not null and applied_partition is not null
                                                  and applied_offset is not null and sender_balance_after is not null));
