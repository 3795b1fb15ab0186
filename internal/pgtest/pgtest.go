// Package pgtest starts a throw-away PostgreSQL server for tests: initdb on
// a temporary directory and pg_ctl start, listening on a Unix socket in a
// private directory only (no TCP port), with fsync off. One server serves a
// test binary; every test gets a schema of its own, in one database.
//
// PostgreSQL refuses to run as root: when the tests run as root, the server
// runs as the user named by PGTEST_USER (default nobody), through runuser.
// Without PostgreSQL's programs (initdb, pg_ctl, postgres in PGTEST_BIN, on
// PATH or under /usr/lib/postgresql/*/bin) the tests that need it skip, saying so; under
// CI (CI=true) they fail instead.
package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver for database/sql
)

// Server is a running throw-away PostgreSQL server.
type Server struct {
	base   string // the temporary directory: data/, sock/, log
	bin    string // the directory of initdb and pg_ctl
	runAs  string // the user the server runs as; "" for the current one
	admin  *sql.DB
	serial atomic.Int64
}

var (
	once     sync.Once
	shared   *Server
	startErr error
)

// Run runs a test binary's tests (call it from TestMain) and stops the
// server, if a test started it.
func Run(m *testing.M) int {
	code := m.Run()
	if shared != nil {
		shared.Stop()
	}
	if startErr != nil && !InCI() {
		fmt.Fprintf(os.Stderr, "pgtest: PostgreSQL tests skipped: %v\n", startErr)
	}
	return code
}

// InCI tells whether the tests run under CI, where a skip is a failure.
func InCI() bool { return os.Getenv("CI") == "true" }

// URL returns the URL of a new, empty database on the shared server,
// starting the server on first use. Without PostgreSQL the test skips (or,
// under CI, fails).
func URL(t testing.TB) string {
	t.Helper()
	once.Do(func() { shared, startErr = Start() })
	if startErr != nil {
		if InCI() {
			t.Fatalf("PostgreSQL is needed under CI (CI=true): %v", startErr)
		}
		t.Skipf("PostgreSQL not available, skipping (apt-get install postgresql): %v", startErr)
	}
	u, err := shared.NewDatabase()
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// binDir finds the directory holding initdb and pg_ctl: PGTEST_BIN when
// set, else PATH, else /usr/lib/postgresql/*/bin (the newest).
func binDir() (string, error) {
	if d := os.Getenv("PGTEST_BIN"); d != "" {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err != nil {
			return "", fmt.Errorf("PGTEST_BIN=%s: no initdb there", d)
		}
		return d, nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if _, err := exec.LookPath("pg_ctl"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Sort(sort.Reverse(sort.StringSlice(dirs)))
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("initdb and pg_ctl not found on PATH or under /usr/lib/postgresql/*/bin")
}

// Start initialises and starts a server in a new temporary directory.
func Start() (*Server, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	base, err := os.MkdirTemp("", "reportbot-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{base: base, bin: bin}
	if os.Geteuid() == 0 {
		s.runAs = os.Getenv("PGTEST_USER")
		if s.runAs == "" {
			s.runAs = "nobody"
		}
		u, err := user.Lookup(s.runAs)
		if err != nil {
			os.RemoveAll(base)
			return nil, fmt.Errorf("running as root, PostgreSQL needs another user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(base, uid, gid); err != nil {
			os.RemoveAll(base)
			return nil, err
		}
	}
	for _, step := range [][]string{
		{"initdb", "-D", filepath.Join(base, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"},
		{"mkdir", filepath.Join(base, "sock")},
		{"pg_ctl", "-D", filepath.Join(base, "data"), "-l", filepath.Join(base, "log"), "-w", "-t", "60", "-o",
			"-k " + filepath.Join(base, "sock") + " -c listen_addresses= -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200",
			"start"},
	} {
		if out, err := s.run(step...); err != nil {
			log, _ := os.ReadFile(filepath.Join(base, "log"))
			s.Stop()
			return nil, fmt.Errorf("%s: %v\n%s%s", step[0], err, out, log)
		}
	}
	s.admin, err = sql.Open("pgx", s.url("postgres"))
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		if err = s.admin.PingContext(ctx); err == nil {
			_, err = s.admin.ExecContext(ctx, "CREATE DATABASE "+testDatabase)
		}
		cancel()
	}
	if err == nil {
		s.admin.Close()
		s.admin, err = sql.Open("pgx", s.url(testDatabase))
	}
	if err != nil {
		s.Stop()
		return nil, fmt.Errorf("connect to the test server: %w", err)
	}
	return s, nil
}

// run runs one of PostgreSQL's programs (or mkdir) as the server's user.
func (s *Server) run(args ...string) ([]byte, error) {
	prog := args[0]
	if prog != "mkdir" {
		prog = filepath.Join(s.bin, prog)
	}
	var cmd *exec.Cmd
	if s.runAs != "" {
		cmd = exec.Command("runuser", append([]string{"-u", s.runAs, "--", prog}, args[1:]...)...)
	} else {
		cmd = exec.Command(prog, args[1:]...)
	}
	cmd.Dir = s.base
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C")
	return cmd.CombinedOutput()
}

func (s *Server) url(db string) string {
	return "postgres://postgres@/" + db + "?host=" + filepath.Join(s.base, "sock") + "&sslmode=disable"
}

// NewDatabase returns the URL of a new, empty place for a test's tables: a
// schema of its own in the server's test database, which the URL names as
// its search_path. A schema costs nothing to make; a database, a copy of
// its template, most of a second of the server's time.
func (s *Server) NewDatabase() (string, error) {
	name := "t" + strconv.Itoa(os.Getpid()) + "_" + strconv.FormatInt(s.serial.Add(1), 10)
	if _, err := s.admin.Exec("CREATE SCHEMA " + name); err != nil {
		return "", fmt.Errorf("create schema %s: %w", name, err)
	}
	return s.url(testDatabase) + "&search_path=" + name, nil
}

// testDatabase is the database every test's schema is in.
const testDatabase = "reportbot_test"

// Stop stops the server at once and removes its directory.
func (s *Server) Stop() {
	if s.admin != nil {
		s.admin.Close()
	}
	if _, err := os.Stat(filepath.Join(s.base, "data", "postmaster.pid")); err == nil {
		s.run("pg_ctl", "-D", filepath.Join(s.base, "data"), "-m", "immediate", "-w", "stop")
	}
	os.RemoveAll(s.base)
}

// Private starts a server for one test alone, one it may pause, and stops
// it when the test ends. Without PostgreSQL the test skips (or, under CI,
// fails).
func Private(t testing.TB) *Server {
	t.Helper()
	s, err := Start()
	if err != nil {
		if InCI() {
			t.Fatalf("PostgreSQL is needed under CI (CI=true): %v", err)
		}
		t.Skipf("PostgreSQL not available, skipping (apt-get install postgresql): %v", err)
	}
	t.Cleanup(func() {
		s.Resume()
		s.Stop()
	})
	return s
}

// URL returns the URL of a new, empty schema on s (see NewDatabase).
func (s *Server) URL(t testing.TB) string {
	t.Helper()
	u, err := s.NewDatabase()
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// Pause stops every process of the server with SIGSTOP, the postmaster
// first, so that it forks no more: connections stay open and nothing
// answers, as when a database host hangs. Resume lets them go on.
func (s *Server) Pause() error { return s.signal(syscall.SIGSTOP) }

// Resume continues the processes Pause stopped.
func (s *Server) Resume() error { return s.signal(syscall.SIGCONT) }

// signal sends sig to the postmaster and to each of its children.
func (s *Server) signal(sig syscall.Signal) error {
	b, err := os.ReadFile(filepath.Join(s.base, "data", "postmaster.pid"))
	if err != nil {
		return fmt.Errorf("the server's pid: %w", err)
	}
	first, _, _ := strings.Cut(string(b), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(first))
	if err != nil {
		return fmt.Errorf("the server's pid %q: %w", first, err)
	}
	pids := append([]int{pid}, children(pid)...)
	if sig == syscall.SIGCONT {
		slices.Reverse(pids)
	}
	for _, p := range pids {
		if err := syscall.Kill(p, sig); err != nil && !errors.Is(err, syscall.ESRCH) {
			return fmt.Errorf("signal %d: %w", p, err)
		}
	}
	return nil
}

// children returns the processes whose parent is pid, from /proc.
func children(pid int) []int {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var out []int
	for _, st := range stats {
		b, err := os.ReadFile(st)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces and parentheses.
		i := strings.LastIndexByte(string(b), ')')
		f := strings.Fields(string(b)[i+1:])
		if len(f) < 2 || f[1] != strconv.Itoa(pid) {
			continue
		}
		if child, err := strconv.Atoi(filepath.Base(filepath.Dir(st))); err == nil {
			out = append(out, child)
		}
	}
	return out
}

// Available tells, without starting anything, whether PostgreSQL's
// programs are there.
func Available() bool {
	_, err := binDir()
	return err == nil
}
