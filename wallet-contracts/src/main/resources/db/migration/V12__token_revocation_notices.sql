-- Every change that revokes access tokens is announced on the channel token_revocations, so that each service can
-- keep revocations in memory (TokenRevocations in wallet-platform) instead of reading them for every request:
-- 'token:<token id>:<expiry, epoch seconds>' for a token signed out, 'user:<id>' when a user's token generation
-- changes (every earlier token revoked) or the user is gone. NOTIFY is delivered on commit.
create function token_revocation_notice() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'revoked_tokens' then
        perform pg_notify('token_revocations',
                          'token:' || new.token_id || ':' || ceil(extract(epoch from new.expires_at))::bigint);
    elsif tg_op = 'DELETE' then
        perform pg_notify('token_revocations', 'user:' || old.id);
    else
        perform pg_notify('token_revocations', 'user:' || new.id);
    end if;
    return null;
end $$;

create trigger revoked_tokens_notice after insert on revoked_tokens
    for each row execute function token_revocation_notice();
create trigger users_token_generation_notice after update of token_generation on users
    for each row when (old.token_generation is distinct from new.token_generation)
    execute function token_revocation_notice();
create trigger users_gone_notice after delete on users
    for each row execute function token_revocation_notice();
