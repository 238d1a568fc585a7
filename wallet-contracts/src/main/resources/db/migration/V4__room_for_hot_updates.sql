-- The processor rewrites every transfer once (PENDING → decided) and every balance many times. None of
-- the columns it writes is indexed, so PostgreSQL can keep the new row version on the same page and
-- skip every index ("HOT" update) — if the page has room. Leave that room; pages prune their dead
-- versions themselves. Only pages written from now on are affected.
alter table transfers set (fillfactor = 60);
alter table accounts set (fillfactor = 50);
