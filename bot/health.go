package bot

import (
	"context"
	"errors"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Observer is told what the bot does, for metrics; Config.Observer, nil
// for none. Its methods must be quick and safe for concurrent use.
type Observer interface {
	Interaction(kind string)                 // command, autocomplete, component, other
	Answered(source string, d time.Duration) // interaction or message: time to the reply
	DigestPost(ok bool)                      // a digest post made, or failed
	Reconnect()                              // a gateway connection after the first
}

// nopObserver observes nothing.
type nopObserver struct{}

func (nopObserver) Interaction(string)             {}
func (nopObserver) Answered(string, time.Duration) {}
func (nopObserver) DigestPost(bool)                {}
func (nopObserver) Reconnect()                     {}

func (b *Bot) observer() Observer {
	if b.cfg.Observer == nil {
		return nopObserver{}
	}
	return b.cfg.Observer
}

// onConnect notes a gateway connection (a first one, a resume or a new
// session); every one after the first is a reconnection.
func (b *Bot) onConnect(_ *discordgo.Session, _ *discordgo.Connect) {
	b.connected.Store(true)
	if b.connects.Add(1) > 1 {
		b.observer().Reconnect()
	}
}

// Connected tells whether the gateway connection is up.
func (b *Bot) Connected() bool { return b.connected.Load() }

// Healthy returns nil while the gateway is connected and the state store
// answers, else what is wrong: /healthz.
func (b *Bot) Healthy(ctx context.Context) error {
	if !b.Connected() {
		return errors.New("the gateway is not connected")
	}
	if err := b.store.Ping(ctx); err != nil {
		return errors.New("the state database does not answer: " + err.Error())
	}
	return nil
}

// interactionKind names an interaction's type for metrics.
func interactionKind(t discordgo.InteractionType) string {
	switch t {
	case discordgo.InteractionApplicationCommand:
		return "command"
	case discordgo.InteractionApplicationCommandAutocomplete:
		return "autocomplete"
	case discordgo.InteractionMessageComponent:
		return "component"
	}
	return "other"
}
