package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/bwmarrin/discordgo"

	"reportbot/commands"
	"reportbot/report"
)

// scheduler posts each date's digest to each subscribed channel once, at
// the digest time in the digest time zone. A start after that time posts the
// day's digest at once; earlier days are not back-filled.
//
// Every process (every shard) runs one; they may share a store. Before a
// post, the scheduler claims the (channel, date) row in the store for
// DigestLease; whoever holds the claim posts, and records the post. A
// process that dies holding a claim leaves it to be taken over, by any
// process, once the lease ends. The post carries a nonce made of the
// channel and the date, which Discord enforces for a few minutes, so that a
// takeover after a holder died between Discord's answer and the record
// returns the first message instead of posting again.
//
// A failed post is counted in the row and its claim freed after RetryBase,
// then twice as long each time; after MaxAttempts refusals (4xx) the
// subscription is marked broken and left alone. A server error (5xx) is
// tried again the same way but never marks a subscription broken.
//
// A post made is recorded even when the bot is closing. A record that
// fails (the store does not answer) is tried again on every check, with the
// message id Discord gave, while the claim's lease still holds, and the
// post is never made again by this process; only a store down for longer
// than the lease lets another process take the claim over, and then the
// nonce finds the first message. While the store does not answer, the
// scheduler says nothing: the store logs its outage once.
type scheduler struct {
	cfg    Config
	store  Store
	router *commands.Router
	post   func(channelID, nonce string, reply commands.Reply) (messageID string, err error)
	log    *slog.Logger
	owner  string // who holds this process's claims: host/pid/shard
	// observe, when set, is told of each post: ok, or failed.
	observe func(ok bool)
	// unrecorded are the posts made whose record failed, by channel|date.
	unrecorded map[string]postMade
}

// postMade is a post Discord made: its channel, date and message.
type postMade struct{ channelID, date, messageID string }

// claimOwner names this process in its claims, for operators and tests:
// host/pid/shard N.
func claimOwner(shard int) string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s/%d/shard %d", host, os.Getpid(), shard)
}

// digestNonce is the nonce of a date's digest in a channel: at most 25
// characters, the same in every process.
func digestNonce(channelID, date string) string {
	h := sha256.Sum256([]byte(channelID + "|" + date))
	return "d" + hex.EncodeToString(h[:12])
}

// channelsFault tells whether a failed post was the channel's fault (a 4xx:
// missing access, unknown channel), which counts toward marking its
// subscription broken; a 5xx or a lost connection is Discord's and does not.
func channelsFault(err error) bool {
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Response != nil && re.Response.StatusCode >= 400 && re.Response.StatusCode < 500 &&
		re.Response.StatusCode != http.StatusTooManyRequests
}

// run checks the clock now and every Tick until ctx ends.
func (s *scheduler) run(ctx context.Context) {
	t := time.NewTicker(s.cfg.Tick)
	defer t.Stop()
	for {
		s.check(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// check records the posts whose record failed, then posts today's digest
// where it is due, not yet posted, and not claimed by another process.
func (s *scheduler) check(ctx context.Context) {
	s.recordMade(ctx)
	now := s.cfg.Now().In(s.cfg.Location)
	due := time.Date(now.Year(), now.Month(), now.Day(), s.cfg.DigestHour, s.cfg.DigestMinute, 0, 0, s.cfg.Location)
	if now.Before(due) {
		return
	}
	date := now.Format("2006-01-02")
	subs, err := s.store.DueDigests(ctx, date, now)
	if err != nil {
		s.logError("list due digests", err)
		return
	}
	var reply *commands.Reply
	for _, sub := range subs {
		if ctx.Err() != nil {
			return
		}
		if _, made := s.unrecorded[sub.ChannelID+"|"+date]; sub.Broken || made {
			continue
		}
		now := s.cfg.Now()
		mine, err := s.store.ClaimDigest(ctx, sub.ChannelID, date, s.owner, now, now.Add(s.cfg.DigestLease))
		if err != nil {
			s.logError("claim digest post", err, "channel", sub.ChannelID)
			continue
		}
		if !mine { // posted, or another process holds it, or a failed post waits
			continue
		}
		if reply == nil {
			r := s.router.Digest(now.In(s.cfg.Location))
			reply = &r
		}
		id, err := s.post(sub.ChannelID, digestNonce(sub.ChannelID, date), *reply)
		if s.observe != nil {
			s.observe(err == nil)
		}
		if err != nil {
			s.failed(ctx, sub.ChannelID, date, now, err)
			continue
		}
		s.record(ctx, postMade{sub.ChannelID, date, id})
	}
}

// record records a post made, even when ctx ends (the bot is closing):
// the post was made. A record that fails is kept, to be tried again.
func (s *scheduler) record(ctx context.Context, p postMade) {
	key := p.channelID + "|" + p.date
	if err := s.store.RecordDigestPost(context.WithoutCancel(ctx), p.channelID, p.date, p.messageID, s.cfg.Now()); err != nil {
		if s.unrecorded == nil {
			s.unrecorded = map[string]postMade{}
		}
		if _, again := s.unrecorded[key]; !again {
			s.logError("record digest post; will retry", err, "channel", p.channelID, "message", p.messageID)
		}
		s.unrecorded[key] = p
		return
	}
	delete(s.unrecorded, key)
	s.log.Info("digest posted", "channel", p.channelID, "date", p.date, "message", p.messageID)
}

// recordMade tries again the records that failed.
func (s *scheduler) recordMade(ctx context.Context) {
	for _, p := range s.unrecorded {
		s.record(ctx, p)
	}
}

// logError logs a failure of the store, unless the store does not answer:
// it logs that itself, once an outage.
func (s *scheduler) logError(msg string, err error, args ...any) {
	if errors.Is(err, report.ErrUnavailable) {
		return
	}
	s.log.Error(msg, append(args, "err", err)...)
}

// failed counts a failed post in the store and frees its claim after a
// growing wait; the MaxAttempts-th refusal marks the subscription broken.
func (s *scheduler) failed(ctx context.Context, channelID, date string, now time.Time, err error) {
	fault := channelsFault(err)
	attempts, transient, ferr := s.store.FailDigest(ctx, channelID, date, s.owner, fault, func(a, t int) time.Time {
		if fault {
			return now.Add(s.cfg.RetryBase << min(max(a-1, 0), 10))
		}
		return now.Add(s.cfg.RetryBase << min(max(t-1, 0), 6))
	})
	if ferr != nil {
		s.logError("record failed digest post", ferr, "channel", channelID)
		return
	}
	if !fault {
		s.log.Warn("digest post failed on Discord's side; will retry", "channel", channelID, "failures", transient, "err", err)
		return
	}
	if attempts >= s.cfg.MaxAttempts {
		if err := s.store.MarkBroken(ctx, channelID, clip(err.Error(), 500), now); err != nil {
			s.logError("mark subscription broken", err, "channel", channelID)
		}
		s.log.Error("digest subscription broken: posting keeps failing; fix the channel's permissions and subscribe again",
			"channel", channelID, "attempts", attempts, "err", err)
		return
	}
	s.log.Warn("digest post failed; will retry", "channel", channelID, "attempt", attempts, "err", err)
}
