package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// discordgo has one log for the process (discordgo.Logger). Its lines go
// to the bot whose gateway they name, else to the newest bot: a process
// runs one bot, a test binary many at once. A gateway close code reaches
// discordgo's log only, as the error of a read: it goes to that bot too.
var discordgoBots struct {
	sync.Mutex
	once sync.Once
	live []*Bot // oldest first
}

// routeDiscordgoLogs sends discordgo's log lines about b's connection to
// b's logger.
func routeDiscordgoLogs(b *Bot) {
	d := &discordgoBots
	d.Lock()
	d.live = append(d.live, b)
	d.Unlock()
	d.once.Do(func() { discordgo.Logger = logDiscordgo })
}

// unrouteDiscordgoLogs forgets a closed bot.
func unrouteDiscordgoLogs(b *Bot) {
	d := &discordgoBots
	d.Lock()
	defer d.Unlock()
	for i, x := range d.live {
		if x == b {
			d.live = append(d.live[:i], d.live[i+1:]...)
			return
		}
	}
}

// discordgoBot returns the bot a log line is about: the one whose gateway
// URL its first argument starts with, else the newest; nil when none is
// live.
func discordgoBot(a []any) *Bot {
	d := &discordgoBots
	d.Lock()
	defer d.Unlock()
	if len(d.live) == 0 {
		return nil
	}
	if s, ok := firstString(a); ok {
		for _, b := range d.live {
			if gw := b.transport.gatewayURL(); gw != "" && strings.HasPrefix(s, gw) {
				return b
			}
		}
	}
	return d.live[len(d.live)-1]
}

func firstString(a []any) (string, bool) {
	if len(a) == 0 {
		return "", false
	}
	s, ok := a[0].(string)
	return s, ok
}

// logDiscordgo is discordgo.Logger.
func logDiscordgo(level, caller int, format string, a ...any) {
	b := discordgoBot(a)
	if b == nil {
		return
	}
	for _, v := range a {
		var ce *websocket.CloseError
		if err, ok := v.(error); ok && errors.As(err, &ce) {
			b.sawClose(ce.Code)
		}
	}
	l := slog.LevelInfo
	switch level {
	case discordgo.LogError:
		l = slog.LevelError
	case discordgo.LogWarning:
		l = slog.LevelWarn
	case discordgo.LogDebug:
		l = slog.LevelDebug
	}
	b.log.With("part", "discordgo").Log(context.Background(), l, fmt.Sprintf(format, a...))
}
