-- Owned by the api. The request rate limits every api instance shares: one row per limited thing (a client
-- address, an account, an email address) and scope (which limit: "login-failures-per-account", ...). hits holds
-- the times of the hits counted within the scope's window, oldest first, never more than its limit, so "at most
-- limit hits in any window" holds exactly (a sliding log, not a fixed window that lets twice the limit through
-- across a window's edge). One INSERT ... ON CONFLICT DO UPDATE counts a hit or refuses it, so concurrent requests
-- take turns on the row. key_hash is an HMAC of the address or email: no plain addresses are kept here.
create table rate_limits (
    scope text not null,
    key_hash bytea not null,
    hits timestamptz[] not null,
    -- whether the last request was counted (true) or refused (false), read back by the statement that decided it
    last_allowed boolean not null,
    -- once the newest hit is a window old the row counts nothing and is deleted
    expires_at timestamptz not null,
    primary key (scope, key_hash)
);

create index rate_limits_expires_at on rate_limits (expires_at);

-- the hits of a row that are still inside the window starting at since, oldest first
create function rate_limit_recent_hits(hits timestamptz[], since timestamptz) returns timestamptz[]
    language sql immutable parallel safe
    return array(select hit from unnest(hits) as hit where hit > since order by hit);

-- the user search matches an email address only whole (the unique index on lower(email) serves that): part of an
-- address finds nobody, so no substring index on it is needed
drop index users_email_trigram;
