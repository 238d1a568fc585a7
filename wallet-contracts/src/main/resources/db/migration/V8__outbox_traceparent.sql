-- The W3C trace context of the request that wrote the row (`00-<trace id>-<span id>-<flags>`); the relay sends it as
-- the record's `traceparent` header, so the processor and the notifier continue that request's trace. Null for rows
-- written outside a traced request. A nullable column without a default: adding it rewrites nothing.
alter table outbox add column traceparent text;
