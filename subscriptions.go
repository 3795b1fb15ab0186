package main

import (
	"bufio"
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"reportbot/report"
)

const subscriptionsUsage = "usage: reportbot subscriptions list [--json] | add CHANNEL_ID [--guild GUILD_ID] | remove CHANNEL_ID"

var reChannelID = regexp.MustCompile(`^\d{17,20}$`)

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
	verb, args := args[0], args[1:]
	jsonOut, guild := false, ""
	var ids []string
	for i := 0; i < len(args); i++ {
		switch arg := args[i]; {
		case arg == "--json" || arg == "-json":
			jsonOut = true
		case isOption(arg, "--guild"):
			v, last, has := optionValue(args, i)
			if !has {
				fmt.Fprintln(a.stderr, "reportbot subscriptions: --guild needs a server id")
				return exitUsage
			}
			i = last
			if !reChannelID.MatchString(v) {
				fmt.Fprintf(a.stderr, "reportbot subscriptions: --guild %q: not a Discord id (17 to 20 digits)\n", v)
				return exitUsage
			}
			guild = v
		case strings.HasPrefix(arg, "-"):
			fmt.Fprintf(a.stderr, "reportbot subscriptions: unknown flag %q; %s\n", arg, subscriptionsUsage)
			return exitUsage
		default:
			if !reChannelID.MatchString(arg) {
				fmt.Fprintf(a.stderr, "reportbot subscriptions: %q is not a channel id (17 to 20 digits)\n", arg)
				return exitUsage
			}
			ids = append(ids, arg)
		}
	}
	switch {
	case verb == "list" && len(ids) == 0 && guild == "":
	case (verb == "add" || verb == "remove") && len(ids) == 1 && !jsonOut && (verb == "add" || guild == ""):
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
		changed, err := st.Subscribe(ctx, report.Subscription{ChannelID: ids[0], GuildID: guild, Source: report.SourceCommand}, time.Now())
		if err != nil {
			fmt.Fprintln(a.stderr, "reportbot subscriptions:", err)
			return exitError
		}
		if changed {
			fmt.Fprintf(a.stdout, "subscribed %s to the daily digest (%s)\n", ids[0], where)
		} else {
			fmt.Fprintf(a.stdout, "%s was already subscribed (%s)\n", ids[0], where)
		}
		return exitOK
	case "remove":
		subs, err := st.Subscriptions(ctx)
		if err != nil {
			fmt.Fprintln(a.stderr, "reportbot subscriptions:", err)
			return exitError
		}
		removed, err := st.Unsubscribe(ctx, ids[0])
		if err != nil {
			fmt.Fprintln(a.stderr, "reportbot subscriptions:", err)
			return exitError
		}
		if !removed {
			fmt.Fprintf(a.stderr, "reportbot subscriptions: %s is not subscribed (%s)\n", ids[0], where)
			return exitError
		}
		fmt.Fprintf(a.stdout, "unsubscribed %s (%s)\n", ids[0], where)
		for _, s := range subs {
			if s.ChannelID == ids[0] && s.Source == report.SourceConfig {
				fmt.Fprintln(a.stdout, "note: it is in DIGEST_CHANNEL_IDS, which shard 0 writes back when it starts; remove it there too")
			}
		}
		return exitOK
	}
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
		fmt.Fprintf(out, "%-20s guild %-20s %-7s last posted %-10s %s\n", l.ChannelID, guild, l.Source, posted, state)
	}
	return exitOK
}
