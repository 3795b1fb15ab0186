package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"reportbot/commands"
	"reportbot/knowledge"
)

// TestEnvExample: .env.example has a line for every setting the code reads
// (getenv("NAME") in the main and bot packages), README's settings table
// names each, and every command .env.example names exists, subcommand
// included.
func TestEnvExample(t *testing.T) {
	t.Parallel()
	example, err := os.ReadFile(".env.example")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("*.go")
	more, _ := filepath.Glob("bot/*.go")
	reGetenv := regexp.MustCompile(`getenv\("([A-Z_]+)"\)`)
	settings := map[string]bool{}
	for _, f := range append(files, more...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range reGetenv.FindAllStringSubmatch(string(b), -1) {
			settings[m[1]] = true
		}
	}
	if len(settings) < 15 {
		t.Fatalf("found %d settings read: %v", len(settings), settings)
	}
	for name := range settings {
		if !regexp.MustCompile(`(?m)^` + name + `=`).Match(example) {
			t.Errorf(".env.example has no line for %s", name)
		}
		if !strings.Contains(string(readme), "`"+name+"`") {
			t.Errorf("README does not name %s", name)
		}
	}
	kb, err := knowledge.Open(context.Background(), knowledge.Config{Path: indexCopy(t, filepath.Join(t.TempDir(), "reportbot.db"))})
	if err != nil {
		t.Fatal(err)
	}
	defer kb.Close()
	r := commands.NewRouter(kb, nil)
	subcommands := map[string]bool{} // of any command
	for _, c := range r.Commands() {
		for _, sc := range c.Subcommands {
			subcommands[sc.Name] = true
		}
	}
	// A command stands after a space or a parenthesis (a URL's path after
	// its host); /metrics and /healthz are the bot's own HTTP paths.
	for _, m := range regexp.MustCompile(`(?:^|[\s(])/([a-z][a-z-]*)(?: ([a-z]+))?`).FindAllStringSubmatch(string(example), -1) {
		c, ok := r.Lookup(m[1])
		if !ok {
			if m[1] != "metrics" && m[1] != "healthz" {
				t.Errorf(".env.example names %s, which is no command", strings.TrimSpace(m[0]))
			}
			continue
		}
		if m[2] == "" || (len(c.Subcommands) == 0 && !subcommands[m[2]]) {
			continue // a command and its argument
		}
		found := false
		for _, sc := range c.Subcommands {
			found = found || sc.Name == m[2]
		}
		if !found {
			t.Errorf(".env.example names %s, which is no subcommand", strings.TrimSpace(m[0]))
		}
	}
}
