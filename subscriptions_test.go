package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportbot/internal/pgtest"
)

func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) == "reportbot" {
		main() // the tests run this binary as reportbot: see buildBinary
	}
	code := pgtest.Run(m)
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// runEnv runs the command line in process with the given settings.
func runEnv(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestSubscriptionsSQLite(t *testing.T) {
	t.Parallel()
	testSubscriptionsCLI(t, map[string]string{"REPORTBOT_DB": filepath.Join(t.TempDir(), "reportbot.db")})
}

func TestSubscriptionsPostgres(t *testing.T) {
	t.Parallel()
	testSubscriptionsCLI(t, map[string]string{"REPORTBOT_DB": filepath.Join(t.TempDir(), "reportbot.db"), "DATABASE_URL": pgtest.URL(t)})
}

// testSubscriptionsCLI: reportbot subscriptions list, add and remove, on
// whichever store the settings name.
func testSubscriptionsCLI(t *testing.T, env map[string]string) {
	const ch, ch2, guild = "100000000000000001", "100000000000000002", "200000000000000001"
	if code, out, errOut := runEnv(t, env, "subscriptions", "list"); code != 0 || !strings.HasPrefix(out, "0 subscriptions") {
		t.Fatalf("empty list: %d %q %q", code, out, errOut)
	}
	if code, out, _ := runEnv(t, env, "subscriptions", "add", ch, "--guild", guild); code != 0 || !strings.Contains(out, "subscribed "+ch) {
		t.Errorf("add: %d %q", code, out)
	}
	if code, out, _ := runEnv(t, env, "subscriptions", "add", ch); code != 0 || !strings.Contains(out, "already subscribed") {
		t.Errorf("add twice: %d %q", code, out)
	}
	runEnv(t, env, "subscriptions", "add", ch2)
	code, out, _ := runEnv(t, env, "subscriptions", "list", "--json")
	if code != 0 {
		t.Fatalf("list --json: %d", code)
	}
	var lines []subscriptionLine
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var s subscriptionLine
		if err := json.Unmarshal([]byte(l), &s); err != nil {
			t.Fatalf("%v: %q", err, l)
		}
		lines = append(lines, s)
	}
	if len(lines) != 2 || lines[0].ChannelID != ch || lines[0].GuildID != guild || lines[0].Broken || lines[1].ChannelID != ch2 {
		t.Errorf("list --json: %+v", lines)
	}
	if code, out, _ := runEnv(t, env, "subscriptions", "list"); code != 0 || !strings.Contains(out, "2 subscriptions") || !strings.Contains(out, ch2) {
		t.Errorf("list: %d %q", code, out)
	}
	if code, out, _ := runEnv(t, env, "subscriptions", "remove", ch); code != 0 || !strings.Contains(out, "unsubscribed "+ch) {
		t.Errorf("remove: %d %q", code, out)
	}
	if code, _, errOut := runEnv(t, env, "subscriptions", "remove", ch); code != exitError || !strings.Contains(errOut, "not subscribed") {
		t.Errorf("remove twice: %d %q", code, errOut)
	}
	for _, args := range [][]string{
		{"subscriptions"}, {"subscriptions", "add"}, {"subscriptions", "add", "12"}, {"subscriptions", "frob"},
		{"subscriptions", "add", ch, "--guild", "x"}, {"subscriptions", "list", ch}, {"subscriptions", "remove", ch, "--bogus"},
		{"subscriptions", "add", "99999999999999999999"}, // 20 digits, beyond 64 bits: no Discord id
		{"subscriptions", "add", ch, "--guild", "18446744073709551616"},
	} {
		if code, _, errOut := runEnv(t, env, args...); code != exitUsage || errOut == "" {
			t.Errorf("%v: exit %d, %q; want 2 and a message", args, code, errOut)
		}
	}
}

func TestDatabaseURLChecked(t *testing.T) {
	t.Parallel()
	env := map[string]string{"REPORTBOT_DB": filepath.Join(t.TempDir(), "reportbot.db"), "DATABASE_URL": "mysql://bot:hunter2@db/reportbot"}
	code, _, errOut := runEnv(t, env, "subscriptions", "list")
	if code != exitUsage || !strings.Contains(errOut, "DATABASE_URL") || strings.Contains(errOut, "hunter2") {
		t.Errorf("a wrong DATABASE_URL: %d %q", code, errOut)
	}
	env["DATABASE_URL"] = "postgres://bot:hunter2@127.0.0.1:1/reportbot?connect_timeout=2"
	code, _, errOut = runEnv(t, env, "subscriptions", "list")
	if code != exitError || !strings.Contains(errOut, "DATABASE_URL") || strings.Contains(errOut, "hunter2") {
		t.Errorf("an unreachable DATABASE_URL: %d %q", code, errOut)
	}
}
