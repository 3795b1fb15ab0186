package bot

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"

	"reportbot/commands"
)

// scheduler posts each date's digest to each subscribed channel once, at
// the digest time in the digest time zone. A start after that time posts the
// day's digest at once; earlier days are not back-filled. A failed post is
// tried again after RetryBase, then twice as long each time; after
// MaxAttempts refusals (4xx) the subscription is marked broken and left
// alone. A server error (5xx) is tried again the same way but never marks a
// subscription broken.
type scheduler struct {
	cfg      Config
	store    Store
	router   *commands.Router
	post     func(channelID string, reply commands.Reply) (messageID string, err error)
	log      *slog.Logger
	failures map[string]*failure // channel → failed attempts today
}

type failure struct {
	date      string
	attempts  int // refusals (4xx): the channel's fault
	transient int // server errors and lost connections: Discord's
	next      time.Time
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

// check posts today's digest where it is due and not yet posted.
func (s *scheduler) check(ctx context.Context) {
	now := s.cfg.Now().In(s.cfg.Location)
	due := time.Date(now.Year(), now.Month(), now.Day(), s.cfg.DigestHour, s.cfg.DigestMinute, 0, 0, s.cfg.Location)
	if now.Before(due) {
		return
	}
	date := now.Format("2006-01-02")
	subs, err := s.store.Subscriptions(ctx)
	if err != nil {
		s.log.Error("list subscriptions", "err", err)
		return
	}
	var reply *commands.Reply
	for _, sub := range subs {
		if ctx.Err() != nil {
			return
		}
		if sub.Broken {
			continue
		}
		posted, err := s.store.DigestPosted(ctx, sub.ChannelID, date)
		if err != nil {
			s.log.Error("digest posted?", "channel", sub.ChannelID, "err", err)
			continue
		}
		if posted {
			delete(s.failures, sub.ChannelID)
			continue
		}
		f := s.failures[sub.ChannelID]
		if f != nil && f.date != date {
			f = nil
			delete(s.failures, sub.ChannelID)
		}
		if f != nil && now.Before(f.next) {
			continue
		}
		if reply == nil {
			r := s.router.Digest(now)
			reply = &r
		}
		id, err := s.post(sub.ChannelID, *reply)
		if err != nil {
			if f == nil {
				f = &failure{date: date}
				s.failures[sub.ChannelID] = f
			}
			if !channelsFault(err) {
				f.transient++
				f.next = now.Add(s.cfg.RetryBase << min(f.transient-1, 6))
				s.log.Warn("digest post failed on Discord's side; will retry", "channel", sub.ChannelID, "retry_at", f.next.Format(time.RFC3339), "err", err)
				continue
			}
			f.attempts++
			if f.attempts >= s.cfg.MaxAttempts {
				delete(s.failures, sub.ChannelID)
				if err := s.store.MarkBroken(ctx, sub.ChannelID, clip(err.Error(), 500), now); err != nil {
					s.log.Error("mark subscription broken", "channel", sub.ChannelID, "err", err)
				}
				s.log.Error("digest subscription broken: posting keeps failing; fix the channel's permissions and subscribe again",
					"channel", sub.ChannelID, "attempts", f.attempts, "err", err)
				continue
			}
			f.next = now.Add(s.cfg.RetryBase << (f.attempts - 1))
			s.log.Warn("digest post failed; will retry", "channel", sub.ChannelID, "attempt", f.attempts, "retry_at", f.next.Format(time.RFC3339), "err", err)
			continue
		}
		delete(s.failures, sub.ChannelID)
		if err := s.store.RecordDigestPost(ctx, sub.ChannelID, date, id, now); err != nil {
			s.log.Error("record digest post", "channel", sub.ChannelID, "err", err)
			continue
		}
		s.log.Info("digest posted", "channel", sub.ChannelID, "date", date, "message", id)
	}
}
