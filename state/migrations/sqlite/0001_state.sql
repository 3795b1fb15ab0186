-- The bot's state: what must survive restarts and index rebuilds.
-- Index tables (idx_*) are never created or touched here.

-- Channels that receive the daily digest.
CREATE TABLE subscriptions (
	channel_id TEXT PRIMARY KEY,
	guild_id TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT 'command', -- 'command' or 'config'
	created_by TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	broken_at TEXT,                         -- set when posting failed for good
	broken_reason TEXT
);

-- What was posted where and when: one digest per channel per date.
CREATE TABLE digest_posts (
	channel_id TEXT NOT NULL,
	date TEXT NOT NULL,                     -- YYYY-MM-DD in the digest time zone
	message_id TEXT NOT NULL DEFAULT '',
	posted_at TEXT NOT NULL,
	PRIMARY KEY (channel_id, date)
);
