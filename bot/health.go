package bot

import (
	"context"
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
	Busy(source string)                      // interaction or message refused: too many at once
}

// nopObserver observes nothing.
type nopObserver struct{}

func (nopObserver) Interaction(string)             {}
func (nopObserver) Answered(string, time.Duration) {}
func (nopObserver) DigestPost(bool)                {}
func (nopObserver) Reconnect()                     {}
func (nopObserver) Busy(string)                    {}

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

// Health is what /healthz says: Status ok (the gateway is connected and the
// state store answers), degraded (connected and answering questions, but
// the state store does not answer: votes and subscriptions say 暂时无法保存)
// or down (the gateway is not connected); Gateway and State say which part
// is which: connected or disconnected, the state's engine and ok or
// unavailable. Nothing in it says where the database lives.
type Health struct {
	Status  string
	Gateway string
	State   string
}

// The statuses of Health.
const (
	StatusOK       = "ok"
	StatusDegraded = "degraded"
	StatusDown     = "down"
)

// availability is a store that knows, without asking the database, that it
// does not answer (state.DB does).
type availability interface{ Available() bool }

// Health says whether the bot is connected and its state store answers. A
// store known not to answer is not asked again: its probe finds out when it
// answers.
func (b *Bot) Health(ctx context.Context) Health {
	h := Health{Status: StatusOK, Gateway: "connected", State: b.store.Engine() + " ok"}
	stateOK := true
	if av, ok := b.store.(availability); ok && !av.Available() {
		stateOK = false
	} else if err := b.store.Ping(ctx); err != nil {
		stateOK = false
	}
	if !stateOK {
		h.Status, h.State = StatusDegraded, b.store.Engine()+" unavailable"
	}
	if !b.Connected() {
		h.Status, h.Gateway = StatusDown, "disconnected"
	}
	return h
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
