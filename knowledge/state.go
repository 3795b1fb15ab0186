package knowledge

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"reportbot/report"
)

// The bot's state: digest subscriptions and what was posted when. These
// tables are created by the migrations and never touched by a rebuild of the
// index.

// Subscribe adds a subscription, or repairs a broken one; it reports whether
// anything changed.
func (b *Base) Subscribe(ctx context.Context, s report.Subscription, at time.Time) (bool, error) {
	if s.Source == "" {
		s.Source = report.SourceCommand
	}
	res, err := b.db.ExecContext(ctx, `INSERT INTO subscriptions (channel_id, guild_id, source, created_by, created_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(channel_id) DO UPDATE SET broken_at = NULL, broken_reason = NULL
		WHERE subscriptions.broken_at IS NOT NULL`,
		s.ChannelID, s.GuildID, s.Source, s.CreatedBy, at.UTC().Format(time.RFC3339))
	if err != nil {
		return false, fmt.Errorf("subscribe %s: %w", s.ChannelID, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// Unsubscribe removes a channel's subscription; it reports whether there was one.
func (b *Base) Unsubscribe(ctx context.Context, channelID string) (bool, error) {
	res, err := b.db.ExecContext(ctx, `DELETE FROM subscriptions WHERE channel_id = ?`, channelID)
	if err != nil {
		return false, fmt.Errorf("unsubscribe %s: %w", channelID, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// Subscriptions returns every subscription, broken ones included, oldest first.
func (b *Base) Subscriptions(ctx context.Context) ([]report.Subscription, error) {
	rows, err := b.db.QueryContext(ctx, `SELECT channel_id, guild_id, source, created_by, broken_at, broken_reason
		FROM subscriptions ORDER BY created_at, channel_id`)
	if err != nil {
		return nil, fmt.Errorf("list subscriptions: %w", err)
	}
	defer rows.Close()
	var out []report.Subscription
	for rows.Next() {
		var s report.Subscription
		var brokenAt, reason sql.NullString
		if err := rows.Scan(&s.ChannelID, &s.GuildID, &s.Source, &s.CreatedBy, &brokenAt, &reason); err != nil {
			return nil, fmt.Errorf("list subscriptions: %w", err)
		}
		s.Broken, s.BrokenReason = brokenAt.Valid, reason.String
		out = append(out, s)
	}
	return out, rows.Err()
}

// SyncConfigSubscriptions makes the configured channels subscriptions of
// source config, and drops config subscriptions no longer configured.
func (b *Base) SyncConfigSubscriptions(ctx context.Context, channelIDs []string, at time.Time) error {
	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sync configured subscriptions: %w", err)
	}
	defer tx.Rollback()
	keep := map[string]bool{}
	for _, id := range channelIDs {
		keep[id] = true
		if _, err := tx.ExecContext(ctx, `INSERT INTO subscriptions (channel_id, source, created_at) VALUES (?, ?, ?)
			ON CONFLICT(channel_id) DO NOTHING`, id, report.SourceConfig, at.UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("sync configured subscriptions: %w", err)
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT channel_id FROM subscriptions WHERE source = ?`, report.SourceConfig)
	if err != nil {
		return fmt.Errorf("sync configured subscriptions: %w", err)
	}
	var drop []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		if !keep[id] {
			drop = append(drop, id)
		}
	}
	rows.Close()
	for _, id := range drop {
		if _, err := tx.ExecContext(ctx, `DELETE FROM subscriptions WHERE channel_id = ?`, id); err != nil {
			return fmt.Errorf("sync configured subscriptions: %w", err)
		}
	}
	return tx.Commit()
}

// MarkBroken records that posting to a channel failed for good.
func (b *Base) MarkBroken(ctx context.Context, channelID, reason string, at time.Time) error {
	_, err := b.db.ExecContext(ctx, `UPDATE subscriptions SET broken_at = ?, broken_reason = ? WHERE channel_id = ?`,
		at.UTC().Format(time.RFC3339), reason, channelID)
	if err != nil {
		return fmt.Errorf("mark %s broken: %w", channelID, err)
	}
	return nil
}

// DigestPosted tells whether a date's digest was posted to a channel.
func (b *Base) DigestPosted(ctx context.Context, channelID, date string) (bool, error) {
	var n int
	err := b.db.QueryRowContext(ctx, `SELECT count(*) FROM digest_posts WHERE channel_id = ? AND date = ?`, channelID, date).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("digest posted %s %s: %w", channelID, date, err)
	}
	return n > 0, nil
}

// RecordDigestPost records that a date's digest was posted to a channel as
// the given message. A second record of the same post is ignored.
func (b *Base) RecordDigestPost(ctx context.Context, channelID, date, messageID string, at time.Time) error {
	_, err := b.db.ExecContext(ctx, `INSERT INTO digest_posts (channel_id, date, message_id, posted_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(channel_id, date) DO NOTHING`, channelID, date, messageID, at.UTC().Format(time.RFC3339))
	if err != nil {
		return fmt.Errorf("record digest post %s %s: %w", channelID, date, err)
	}
	return nil
}
