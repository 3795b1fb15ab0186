package state

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"reportbot/internal/pgtest"
	"reportbot/report"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }

func sqliteStore(t *testing.T) Store {
	t.Helper()
	s, err := OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "reportbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func postgresStore(t *testing.T) Store {
	t.Helper()
	s, err := Open(context.Background(), Config{URL: pgtest.URL(t), KeyFile: filepath.Join(t.TempDir(), "reportbot.key")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestSQLiteStore(t *testing.T) {
	t.Parallel()
	testStore(t, sqliteStore)
}

func TestPostgresStore(t *testing.T) {
	t.Parallel()
	testStore(t, postgresStore)
}

// TestPostgresClaimsAcrossConnections: several processes (here, separate
// connection pools on one database) claiming the same post at once: one
// gets it.
func TestPostgresClaimsAcrossConnections(t *testing.T) {
	t.Parallel()
	url := pgtest.URL(t)
	ctx := context.Background()
	var stores []*DB
	for i := 0; i < 6; i++ {
		s, err := OpenPostgres(ctx, url) // six starts at once would race the migrations: the lock orders them
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores = append(stores, s)
	}
	now := time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC)
	for round := 0; round < 20; round++ {
		ch := "1000000000000000" + string(rune('a'+round))
		var wg sync.WaitGroup
		var mu sync.Mutex
		won := 0
		for i, s := range stores {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := s.ClaimDigest(ctx, ch, "2026-11-27", "p"+string(rune('0'+i)), now, now.Add(time.Minute))
				if err != nil {
					t.Error(err)
				}
				if ok {
					mu.Lock()
					won++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if won != 1 {
			t.Fatalf("round %d: %d claims won, want 1", round, won)
		}
	}
}

// TestPostgresMigrateTogether: processes starting together on an empty
// database apply each migration once.
func TestPostgresMigrateTogether(t *testing.T) {
	t.Parallel()
	url := pgtest.URL(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := OpenPostgres(ctx, url)
			if err != nil {
				errs <- err
				return
			}
			s.Close()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s, err := OpenPostgres(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, _ := s.Migrations(ctx)
	if len(got) != 3 || got[0] != 1 || got[2] != 3 {
		t.Errorf("migrations = %v", got)
	}
}

// TestSQLiteKeepsOldState: a database written before the claims migration
// keeps its subscriptions and posts.
func TestSQLiteKeepsOldState(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reportbot.db")
	s, err := OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	// Back to the layout of migration 2, with a post written then.
	for _, q := range []string{
		`DROP TABLE digest_posts`,
		`CREATE TABLE digest_posts (channel_id TEXT NOT NULL, date TEXT NOT NULL, message_id TEXT NOT NULL DEFAULT '', posted_at TEXT NOT NULL, PRIMARY KEY (channel_id, date))`,
		`INSERT INTO digest_posts VALUES ('100000000000000001', '2026-11-26', 'm', '2026-11-26T01:00:00Z')`,
		`DELETE FROM schema_migrations WHERE version = 3`,
	} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err = OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if ok, _ := s.DigestPosted(ctx, "100000000000000001", "2026-11-26"); !ok {
		t.Error("an old post was lost by the migration")
	}
	now := time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	if ok, _ := s.ClaimDigest(ctx, "100000000000000001", "2026-11-26", "p", now, now.Add(time.Minute)); ok {
		t.Error("an old post could be claimed again")
	}
}

// testStore states what a state store does, whatever its engine.
func testStore(t *testing.T, open func(t *testing.T) Store) {
	ctx := context.Background()
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }

	t.Run("subscriptions", func(t *testing.T) {
		s := open(t)
		at := day(27, 1)
		changed, err := s.Subscribe(ctx, report.Subscription{ChannelID: "100000000000000001", GuildID: "200000000000000001", CreatedBy: "300000000000000001"}, at)
		if err != nil || !changed {
			t.Fatalf("Subscribe = %v, %v", changed, err)
		}
		if changed, _ := s.Subscribe(ctx, report.Subscription{ChannelID: "100000000000000001"}, at); changed {
			t.Error("subscribing twice changed something")
		}
		if err := s.SyncConfigSubscriptions(ctx, []string{"100000000000000002", "100000000000000003"}, at.Add(time.Second)); err != nil {
			t.Fatal(err)
		}
		if err := s.SyncConfigSubscriptions(ctx, []string{"100000000000000002"}, at.Add(time.Second)); err != nil {
			t.Fatal(err)
		}
		subs, err := s.Subscriptions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(subs) != 2 || subs[0].ChannelID != "100000000000000001" || subs[0].GuildID != "200000000000000001" || len(subs[0].CreatedBy) != 32 || subs[0].CreatedBy == "300000000000000001" || subs[1].Source != report.SourceConfig {
			t.Fatalf("subscriptions = %+v", subs)
		}
		if err := s.MarkBroken(ctx, "100000000000000001", "403 Missing Access", at); err != nil {
			t.Fatal(err)
		}
		subs, _ = s.Subscriptions(ctx)
		if !subs[0].Broken || subs[0].BrokenReason != "403 Missing Access" || subs[1].Broken {
			t.Errorf("not marked broken: %+v", subs)
		}
		if changed, _ := s.Subscribe(ctx, report.Subscription{ChannelID: "100000000000000001"}, at); !changed {
			t.Error("subscribing again did not repair a broken subscription")
		}
		if subs, _ = s.Subscriptions(ctx); subs[0].Broken || subs[0].BrokenReason != "" {
			t.Errorf("still broken after subscribing again: %+v", subs[0])
		}
		if ok, _ := s.Unsubscribe(ctx, "100000000000000001"); !ok {
			t.Error("unsubscribe found nothing")
		}
		if ok, _ := s.Unsubscribe(ctx, "100000000000000001"); ok {
			t.Error("unsubscribe twice found something")
		}
	})

	t.Run("posts", func(t *testing.T) {
		s := open(t)
		at := day(27, 1)
		if posted, _ := s.DigestPosted(ctx, "100000000000000002", "2026-11-27"); posted {
			t.Error("posted before any post")
		}
		for i := 0; i < 2; i++ {
			if err := s.RecordDigestPost(ctx, "100000000000000002", "2026-11-27", "m1", at); err != nil {
				t.Fatal(err)
			}
		}
		if posted, _ := s.DigestPosted(ctx, "100000000000000002", "2026-11-27"); !posted {
			t.Error("post not recorded")
		}
		if posted, _ := s.DigestPosted(ctx, "100000000000000002", "2026-11-28"); posted {
			t.Error("another date counted as posted")
		}
		last, err := s.LastPosts(ctx)
		if err != nil || last["100000000000000002"] != "2026-11-27" || len(last) != 1 {
			t.Errorf("LastPosts = %v, %v", last, err)
		}
	})

	t.Run("claims", func(t *testing.T) {
		s := open(t)
		const ch, date = "100000000000000004", "2026-11-27"
		now := day(27, 1)
		lease := time.Minute
		if ok, err := s.ClaimDigest(ctx, ch, date, "a", now, now.Add(lease)); err != nil || !ok {
			t.Fatalf("first claim = %v, %v", ok, err)
		}
		if ok, _ := s.ClaimDigest(ctx, ch, date, "b", now.Add(time.Second), now.Add(time.Second+lease)); ok {
			t.Error("a live claim was taken")
		}
		if posted, _ := s.DigestPosted(ctx, ch, date); posted {
			t.Error("a claim counts as a post")
		}
		// a dies holding it; after the lease b takes it over.
		later := now.Add(lease)
		if ok, _ := s.ClaimDigest(ctx, ch, date, "b", later, later.Add(lease)); !ok {
			t.Fatal("an expired claim was not taken over")
		}
		if err := s.RecordDigestPost(ctx, ch, date, "m2", later); err != nil {
			t.Fatal(err)
		}
		much := later.Add(time.Hour)
		if ok, _ := s.ClaimDigest(ctx, ch, date, "c", much, much.Add(lease)); ok {
			t.Error("a posted digest was claimed again")
		}
		if posted, _ := s.DigestPosted(ctx, ch, date); !posted {
			t.Error("post not recorded")
		}
		// Another date is another claim.
		if ok, _ := s.ClaimDigest(ctx, ch, "2026-11-28", "c", much, much.Add(lease)); !ok {
			t.Error("the next date could not be claimed")
		}
	})

	t.Run("due", func(t *testing.T) {
		s := open(t)
		now := day(27, 1)
		for i, ch := range []string{"100000000000000011", "100000000000000012", "100000000000000013", "100000000000000014"} {
			if _, err := s.Subscribe(ctx, report.Subscription{ChannelID: ch, GuildID: "200000000000000001"}, now.Add(time.Duration(i)*time.Second)); err != nil {
				t.Fatal(err)
			}
		}
		s.MarkBroken(ctx, "100000000000000014", "403", now)
		s.RecordDigestPost(ctx, "100000000000000011", "2026-11-27", "m", now)
		s.ClaimDigest(ctx, "100000000000000012", "2026-11-27", "a", now, now.Add(time.Minute))
		ids := func(subs []report.Subscription) (out []string) {
			for _, sub := range subs {
				out = append(out, sub.ChannelID)
			}
			return out
		}
		due, err := s.DueDigests(ctx, "2026-11-27", now)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(due); len(got) != 1 || got[0] != "100000000000000013" || due[0].GuildID != "200000000000000001" {
			t.Errorf("due now = %v (posted, claimed and broken ones are not)", got)
		}
		due, _ = s.DueDigests(ctx, "2026-11-27", now.Add(time.Minute))
		if got := ids(due); len(got) != 2 || got[0] != "100000000000000012" || got[1] != "100000000000000013" {
			t.Errorf("due after the lease = %v", got)
		}
		due, _ = s.DueDigests(ctx, "2026-11-28", now)
		if got := ids(due); len(got) != 3 {
			t.Errorf("due the next day = %v", got)
		}
	})

	t.Run("failures", func(t *testing.T) {
		s := open(t)
		const ch, date = "100000000000000005", "2026-11-27"
		now := day(27, 1)
		if ok, _ := s.ClaimDigest(ctx, ch, date, "a", now, now.Add(time.Minute)); !ok {
			t.Fatal("no claim")
		}
		retry := func(a, tr int) time.Time { return now.Add(time.Duration(10*a+tr) * time.Second) }
		if a, _, _ := s.FailDigest(ctx, ch, date, "b", true, retry); a != 0 {
			t.Error("a failure counted for a claim another holds")
		}
		a, tr, err := s.FailDigest(ctx, ch, date, "a", true, retry)
		if err != nil || a != 1 || tr != 0 {
			t.Fatalf("FailDigest = %d, %d, %v", a, tr, err)
		}
		if ok, _ := s.ClaimDigest(ctx, ch, date, "b", now.Add(9*time.Second), now.Add(time.Minute)); ok {
			t.Error("claimed before the retry time")
		}
		if ok, _ := s.ClaimDigest(ctx, ch, date, "b", now.Add(10*time.Second), now.Add(time.Minute)); !ok {
			t.Fatal("not claimed at the retry time")
		}
		a, tr, _ = s.FailDigest(ctx, ch, date, "b", false, retry)
		if a != 1 || tr != 1 {
			t.Errorf("after a transient failure: %d, %d", a, tr)
		}
		if ok, _ := s.ClaimDigest(ctx, ch, date, "c", now.Add(11*time.Second), now.Add(time.Minute)); !ok {
			t.Fatal("not claimed after the transient wait")
		}
		a, _, _ = s.FailDigest(ctx, ch, date, "c", true, retry)
		if a != 2 {
			t.Errorf("refusals = %d, want 2 (counted across holders)", a)
		}
	})

	t.Run("log", func(t *testing.T) {
		s := open(t)
		id, err := s.LogQuestion(ctx, report.Asked{Command: "ask", Question: "今年旅游收入目标是多少？", Answered: true, SentenceID: 42, Answer: "旅游总收入1040亿元。", At: day(27, 1)})
		if err != nil || id == 0 {
			t.Fatalf("LogQuestion = %d, %v", id, err)
		}
		got, err := s.LoggedQuestion(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Question != "今年旅游收入目标是多少？" || !got.Answered || got.SentenceID != 42 || got.Answer != "旅游总收入1040亿元。" || got.Command != "ask" || !got.At.Equal(day(27, 1)) {
			t.Errorf("LoggedQuestion = %+v", got)
		}
		if _, err := s.LoggedQuestion(ctx, id+100); !errors.Is(err, report.ErrNotFound) {
			t.Errorf("a missing row: %v, want ErrNotFound", err)
		}
		if _, err := s.LogQuestion(ctx, report.Asked{Command: "ask", Question: "旧问题", At: day(1, 1)}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecordVote(ctx, report.Vote{Question: "旧问题", UserHash: "h1", At: day(1, 2)}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecordVote(ctx, report.Vote{Question: "今年旅游收入目标是多少？", UserHash: "h1", At: day(27, 2)}); err != nil {
			t.Fatal(err)
		}
		qs, vs, err := s.Prune(ctx, day(20, 0))
		if err != nil || qs != 1 || vs != 1 {
			t.Errorf("Prune = %d questions, %d votes, %v; want 1 and 1", qs, vs, err)
		}
		if st, err := s.Stats(ctx, time.Time{}, time.UTC, 10); err != nil || st.Questions != 1 {
			t.Errorf("after pruning: %+v, %v", st, err)
		}
		if _, err := s.LoggedQuestion(ctx, id); err != nil {
			t.Errorf("pruned a recent question: %v", err)
		}
	})

	t.Run("votes", func(t *testing.T) {
		s := open(t)
		alice, err := s.UserHash(ctx, "100000000000000001")
		if err != nil {
			t.Fatal(err)
		}
		again, _ := s.UserHash(ctx, "100000000000000001")
		bob, _ := s.UserHash(ctx, "100000000000000002")
		if alice == "" || alice != again || alice == bob || alice == "100000000000000001" {
			t.Errorf("UserHash: %q, %q, %q", alice, again, bob)
		}
		other := open(t)
		if h, _ := other.UserHash(ctx, "100000000000000001"); h == alice {
			t.Error("two databases hash a user alike: the salt is not per database")
		}
		v := report.Vote{Question: "市委书记是谁", SentenceID: 7, Answer: "某句。", Up: true, UserHash: alice, At: day(27, 2)}
		if replaced, err := s.RecordVote(ctx, v); err != nil || replaced {
			t.Fatalf("first vote: %v, %v", replaced, err)
		}
		v.Up = false
		if replaced, err := s.RecordVote(ctx, v); err != nil || !replaced {
			t.Fatalf("changed vote: %v, %v", replaced, err)
		}
		v.UserHash = bob
		if _, err := s.RecordVote(ctx, v); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecordVote(ctx, report.Vote{Question: "x", SentenceID: 8, Up: true, UserHash: bob, At: day(27, 3)}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecordVote(ctx, report.Vote{Question: "x", SentenceID: 8}); !errors.Is(err, report.ErrInvalidInput) {
			t.Errorf("a vote without a user: %v", err)
		}
		st, err := s.Stats(ctx, time.Time{}, time.UTC, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Downvoted) != 1 {
			t.Fatalf("downvoted = %+v", st.Downvoted)
		}
		if d := st.Downvoted[0]; d.SentenceID != 7 || d.Down != 2 || d.Up != 0 || d.Answer != "某句。" || d.Question != "市委书记是谁" {
			t.Errorf("downvoted = %+v (a changed vote counts once, as changed)", d)
		}
	})

	t.Run("stats", func(t *testing.T) {
		s := open(t)
		loc, _ := time.LoadLocation("Asia/Shanghai")
		for _, q := range []report.Asked{
			{Command: "ask", Question: "市委书记是谁", At: day(26, 1)},
			{Command: "ask", Question: "今年GDP目标", Answered: true, SentenceID: 3, At: day(26, 2)},
			{Command: "ask", Question: "市委书记是谁", At: day(27, 1)},
			{Command: "ask", Question: "郑州去年旅游收入", At: day(27, 2)},
			{Command: "figure", Question: "旅游总收入", Answered: true, SentenceID: 4, At: day(27, 20)}, // 28th in Shanghai
		} {
			if _, err := s.LogQuestion(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		st, err := s.Stats(ctx, time.Time{}, loc, 10)
		if err != nil {
			t.Fatal(err)
		}
		if st.Questions != 5 || st.Answered != 2 {
			t.Errorf("questions %d, answered %d; want 5, 2", st.Questions, st.Answered)
		}
		wantDays := []report.DayStats{{Date: "2026-11-26", Questions: 2, Answered: 1}, {Date: "2026-11-27", Questions: 2}, {Date: "2026-11-28", Questions: 1, Answered: 1}}
		if len(st.Days) != len(wantDays) {
			t.Fatalf("days = %+v", st.Days)
		}
		for i, d := range wantDays {
			if st.Days[i] != d {
				t.Errorf("day %d = %+v, want %+v", i, st.Days[i], d)
			}
		}
		if len(st.Unanswered) != 2 || st.Unanswered[0].Question != "市委书记是谁" || st.Unanswered[0].Count != 2 || st.Unanswered[1].Question != "郑州去年旅游收入" {
			t.Errorf("unanswered = %+v", st.Unanswered)
		}
		if !st.Unanswered[0].Last.Equal(day(27, 1)) {
			t.Errorf("last asked = %v", st.Unanswered[0].Last)
		}
		st, _ = s.Stats(ctx, time.Date(2026, 11, 27, 0, 0, 0, 0, loc), loc, 1)
		if st.Questions != 3 || st.Since != "2026-11-27" || len(st.Unanswered) != 1 {
			t.Errorf("since 2026-11-27: %+v", st)
		}
	})

	t.Run("ping", func(t *testing.T) {
		s := open(t)
		if err := s.Ping(ctx); err != nil {
			t.Error(err)
		}
		if e := s.Engine(); e != "sqlite" && e != "postgres" {
			t.Errorf("engine %q", e)
		}
	})
}

// TestSQLiteNewFileTogether: processes (here, goroutines with pools of
// their own) opening one new SQLite file at the same moment all succeed:
// SQLite refuses all but one of the switches to WAL at once, "database is
// locked", whatever the busy timeout, and the open tries again.
func TestSQLiteNewFileTogether(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for round := 0; round < 60; round++ {
		path := filepath.Join(dir, fmt.Sprintf("round%d.db", round))
		start := make(chan struct{})
		errs := make(chan error, 4)
		for i := 0; i < 4; i++ {
			go func() {
				<-start
				if i%2 == 0 {
					errs <- PrepareSQLite(context.Background(), path)
					return
				}
				s, err := OpenSQLite(context.Background(), path)
				if err == nil {
					s.Close()
				}
				errs <- err
			}()
		}
		close(start)
		for i := 0; i < 4; i++ {
			if err := <-errs; err != nil {
				t.Errorf("round %d: %v", round, err)
			}
		}
	}
}
