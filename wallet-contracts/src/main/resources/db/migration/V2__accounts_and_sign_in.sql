-- People around the transfers: sign-in tokens that can be revoked, single-use email tokens, search.

-- Access tokens carry the generation they were issued in; a password reset moves it on, so every
-- older token is refused at once, with no clock comparison.
alter table users add column token_generation integer not null default 0;

-- Tokens signed out before they expire; rows can be dropped once expires_at has passed.
create table revoked_tokens (
    token_id   uuid primary key,
    user_id    bigint      not null references users (id),
    expires_at timestamptz not null
);
create index revoked_tokens_expiry on revoked_tokens (expires_at);

-- Email verification and password reset tokens: only a SHA-256 of the token is stored, single use.
create table account_tokens (
    token_hash varchar(64) primary key,
    user_id    bigint      not null references users (id),
    purpose    varchar(16) not null check (purpose in ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    expires_at timestamptz not null,
    used_at    timestamptz,
    created_at timestamptz not null default now()
);
create index account_tokens_user on account_tokens (user_id, purpose);

-- Search by any part of a name or email, case-insensitive, fast with a million users.
create extension if not exists pg_trgm;
create index users_name_trigram on users using gin (lower(name) gin_trgm_ops);
create index users_email_trigram on users using gin (lower(email) gin_trgm_ops);
