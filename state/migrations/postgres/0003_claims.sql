-- A digest post is claimed before it is sent (see
-- migrations/sqlite/0003_claims.sql): posted_at is NULL while the row is a
-- claim only; claimed_by and lease_until say who holds it and until when.
ALTER TABLE digest_posts ALTER COLUMN posted_at DROP NOT NULL;
ALTER TABLE digest_posts ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE digest_posts ADD COLUMN lease_until TIMESTAMPTZ NOT NULL DEFAULT '-infinity';
ALTER TABLE digest_posts ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE digest_posts ADD COLUMN transient INTEGER NOT NULL DEFAULT 0;
