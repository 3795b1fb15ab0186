-- The bot's state: what must survive restarts and is shared by every
-- process. The same meaning as migrations/sqlite/0001_state.sql.

-- Channels that receive the daily digest.
CREATE TABLE subscriptions (
	channel_id TEXT PRIMARY KEY,
	guild_id TEXT NOT NULL DEFAULT '',
	source TEXT NOT NULL DEFAULT 'command' CHECK (source IN ('command', 'config')),
	created_by TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMPTZ NOT NULL,
	broken_at TIMESTAMPTZ,                  -- set when posting failed for good
	broken_reason TEXT
);

-- What was posted where and when: one digest per channel per date.
CREATE TABLE digest_posts (
	channel_id TEXT NOT NULL,
	date TEXT NOT NULL CHECK (date ~ '^\d{4}-\d{2}-\d{2}$'), -- in the digest time zone
	message_id TEXT NOT NULL DEFAULT '',
	posted_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (channel_id, date)
);
