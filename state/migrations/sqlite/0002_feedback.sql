-- What people asked and what they thought of the answers.

-- Values the state keeps for itself: the salt of the user hashes.
CREATE TABLE state_meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- The question log: no user names; kept QUESTION_LOG_DAYS days.
CREATE TABLE question_log (
	id INTEGER PRIMARY KEY,
	asked_at TEXT NOT NULL,                 -- RFC 3339, UTC
	command TEXT NOT NULL,                  -- ask, figure, target, search
	question TEXT NOT NULL,
	answered INTEGER NOT NULL,              -- 1 when the report answered it
	sentence_id INTEGER NOT NULL DEFAULT 0, -- the top sentence; 0 when none
	answer TEXT NOT NULL DEFAULT ''         -- its text, which survives a re-index
);
CREATE INDEX question_log_asked_at ON question_log (asked_at);

-- Votes on answers: one per user (hashed) per question and answer, changeable.
CREATE TABLE votes (
	user_hash TEXT NOT NULL,
	question TEXT NOT NULL,
	sentence_id INTEGER NOT NULL,
	answer TEXT NOT NULL DEFAULT '',
	up INTEGER NOT NULL,                    -- 1 for 👍, 0 for 👎
	voted_at TEXT NOT NULL,
	PRIMARY KEY (user_hash, question, sentence_id)
);
CREATE INDEX votes_voted_at ON votes (voted_at);
