-- A digest post is claimed before it is sent: the (channel_id, date) row is
-- written first, with who holds it and until when (a lease), and posted_at
-- is set once Discord took the message. A claim whose lease ran out and that
-- was never posted may be taken over. Failed attempts are counted in the
-- row, so that every process sees the same count.
CREATE TABLE digest_posts_new (
	channel_id TEXT NOT NULL,
	date TEXT NOT NULL,                     -- YYYY-MM-DD in the digest time zone
	message_id TEXT NOT NULL DEFAULT '',
	posted_at TEXT,                         -- RFC 3339, UTC; NULL while only claimed
	claimed_by TEXT NOT NULL DEFAULT '',    -- host/pid/shard of the holder
	lease_until INTEGER NOT NULL DEFAULT 0, -- Unix milliseconds; the claim is free after it
	attempts INTEGER NOT NULL DEFAULT 0,    -- refusals (4xx): the channel's fault
	transient INTEGER NOT NULL DEFAULT 0,   -- server errors and lost connections
	PRIMARY KEY (channel_id, date)
);
INSERT INTO digest_posts_new (channel_id, date, message_id, posted_at)
	SELECT channel_id, date, message_id, posted_at FROM digest_posts;
DROP TABLE digest_posts;
ALTER TABLE digest_posts_new RENAME TO digest_posts;
