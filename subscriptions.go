package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"time"

	"reportbot/bot"
	"reportbot/report"
)

const subscriptionsUsage = "usage: reportbot subscriptions list [--json] | add CHANNEL_ID [--guild GUILD_ID] | remove CHANNEL_ID"

// subscriptionLine is one subscription in `subscriptions list --json`.
type subscriptionLine struct {
	ChannelID    string `json:"channel_id"`
	GuildID      string `json:"guild_id"`
	Source       string `json:"source"`
	CreatedBy    string `json:"created_by,omitempty"`
	Broken       bool   `json:"broken"`
	BrokenReason string `json:"broken_reason,omitempty"`
	LastPosted   string `json:"last_posted,omitempty"` // YYYY-MM-DD
}

// runSubscriptions lists, adds or removes digest subscriptions in the
// configured state (DATABASE_URL, else REPORTBOT_DB), without Discord.
func (a *app) runSubscriptions(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(a.stderr, "reportbot subscriptions: "+subscriptionsUsage)
		return exitUsage
	}
	verb := args[0]
	sa, code := a.subscriptionArgs(args[1:])
	if code != exitOK {
		return code
	}
	switch {
	case verb == "list" && len(sa.ids) == 0 && sa.guild == "":
	case (verb == "add" || verb == "remove") && len(sa.ids) == 1 && !sa.jsonOut && (verb == "add" || sa.guild == ""):
	default:
		fmt.Fprintln(a.stderr, "reportbot subscriptions: "+subscriptionsUsage)
		return exitUsage
	}
	st, ok := a.openState(ctx)
	if !ok {
		return exitError
	}
	defer st.Close()
	where := "SQLite " + a.cfg.DBPath
	if st.Engine() == "postgres" {
		where = "PostgreSQL (DATABASE_URL)"
	}
	switch verb {
	case "add":
		return a.subscribe(ctx, st, report.Subscription{ChannelID: sa.ids[0], GuildID: sa.guild, Source: report.SourceCommand}, where)
	case "remove":
		return a.unsubscribe(ctx, st, sa.ids[0], where)
	}
	return a.listSubscriptions(ctx, st, sa.jsonOut, where)
}

// subscriptionArgs is what follows the verb of `reportbot subscriptions`.
type subscriptionArgs struct {
	jsonOut bool
	guild   string
	ids     []string
}

// subscriptionArgs reads the flags and channel ids of `reportbot
// subscriptions VERB`; a mistake is said on standard error, with exitUsage.
func (a *app) subscriptionArgs(args []string) (subscriptionArgs, int) {
	var sa subscriptionArgs
	for i := 0; i < len(args); i++ {
		switch arg := args[i]; {
		case arg == "--json" || arg == "-json":
			sa.jsonOut = true
		case isOption(arg, "--guild"):
			v, last, has := optionValue(args, i)
			if !has {
				fmt.Fprintln(a.stderr, "reportbot subscriptions: --guild needs a server id")
				return sa, exitUsage
			}
			i = last
			if !bot.IsSnowflake(v) {
				fmt.Fprintf(a.stderr, "reportbot subscriptions: --guild %q: not a Discord id (17 to 20 digits)\n", v)
				return sa, exitUsage
			}
			sa.guild = v
		case strings.HasPrefix(arg, "-"):
			fmt.Fprintf(a.stderr, "reportbot subscriptions: unknown flag %q; %s\n", arg, subscriptionsUsage)
			return sa, exitUsage
		default:
			if !bot.IsSnowflake(arg) {
				fmt.Fprintf(a.stderr, "reportbot subscriptions: %q is not a channel id (17 to 20 digits)\n", arg)
				return sa, exitUsage
			}
			sa.ids = append(sa.ids, arg)
		}
	}
	return sa, exitOK
}

// subscriptionStore is what `reportbot subscriptions` needs of the state.
type subscriptionStore interface {
	Subscribe(ctx context.Context, s report.Subscription, at time.Time) (bool, error)
	Unsubscribe(ctx context.Context, channelID string) (bool, error)
	Subscriptions(ctx context.Context) ([]report.Subscription, error)
	LastPosts(ctx context.Context) (map[string]string, error)
}

// subscribe adds a subscription; where names the state for the message.
func (a *app) subscribe(ctx context.Context, st subscriptionStore, sub report.Subscription, where string) int {
	changed, err := st.Subscribe(ctx, sub, time.Now())
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot subscriptions:", err)
		return exitError
	}
	if changed {
		fmt.Fprintf(a.stdout, "subscribed %s to the daily digest (%s)\n", sub.ChannelID, where)
	} else {
		fmt.Fprintf(a.stdout, "%s was already subscribed (%s)\n", sub.ChannelID, where)
	}
	return exitOK
}

// unsubscribe removes a channel's subscription, and says when shard 0 will
// write it back from DIGEST_CHANNEL_IDS.
func (a *app) unsubscribe(ctx context.Context, st subscriptionStore, channelID, where string) int {
	subs, err := st.Subscriptions(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot subscriptions:", err)
		return exitError
	}
	removed, err := st.Unsubscribe(ctx, channelID)
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot subscriptions:", err)
		return exitError
	}
	if !removed {
		fmt.Fprintf(a.stderr, "reportbot subscriptions: %s is not subscribed (%s)\n", channelID, where)
		return exitError
	}
	fmt.Fprintf(a.stdout, "unsubscribed %s (%s)\n", channelID, where)
	for _, s := range subs {
		if s.ChannelID == channelID && s.Source == report.SourceConfig {
			fmt.Fprintln(a.stdout, "note: it is in DIGEST_CHANNEL_IDS, which shard 0 writes back when it starts; remove it there too")
		}
	}
	return exitOK
}

// listSubscriptions prints every subscription with its last post: one
// JSON object a line, or a table.
func (a *app) listSubscriptions(ctx context.Context, st subscriptionStore, jsonOut bool, where string) int {
	subs, err := st.Subscriptions(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot subscriptions:", err)
		return exitError
	}
	last, err := st.LastPosts(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot subscriptions:", err)
		return exitError
	}
	lines := []subscriptionLine{}
	for _, s := range subs {
		lines = append(lines, subscriptionLine{ChannelID: s.ChannelID, GuildID: s.GuildID, Source: s.Source, CreatedBy: s.CreatedBy,
			Broken: s.Broken, BrokenReason: s.BrokenReason, LastPosted: last[s.ChannelID]})
	}
	if jsonOut {
		for _, l := range lines {
			if err := writeJSON(a.stdout, l); err != nil {
				return exitError
			}
		}
		return exitOK
	}
	out := bufio.NewWriter(a.stdout)
	defer out.Flush()
	fmt.Fprintf(out, "%d subscriptions (%s)\n", len(lines), where)
	for _, l := range lines {
		fmt.Fprintln(out, l.row())
	}
	return exitOK
}

// row is a subscription as a line of the table.
func (l subscriptionLine) row() string {
	state := "ok"
	if l.Broken {
		state = "broken: " + l.BrokenReason
	}
	posted := l.LastPosted
	if posted == "" {
		posted = "never"
	}
	guild := l.GuildID
	if guild == "" {
		guild = "-"
	}
	return fmt.Sprintf("%-20s guild %-20s %-7s last posted %-10s %s", l.ChannelID, guild, l.Source, posted, state)
}
