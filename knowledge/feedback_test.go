package knowledge

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"reportbot/report"
)

// FeedbackStore is the state the question log and the votes need. Base
// implements it on SQLite; a PostgreSQL store must pass the same contract,
// testFeedbackStore.
type FeedbackStore interface {
	LogQuestion(ctx context.Context, q report.Asked) (int64, error)
	LoggedQuestion(ctx context.Context, id int64) (report.Asked, error)
	PruneQuestions(ctx context.Context, before time.Time) (int64, error)
	RecordVote(ctx context.Context, v report.Vote) (bool, error)
	UserHash(ctx context.Context, userID string) (string, error)
	Stats(ctx context.Context, since time.Time, loc *time.Location, top int) (report.Stats, error)
}

var _ FeedbackStore = (*Base)(nil)

func TestSQLiteFeedbackStore(t *testing.T) {
	testFeedbackStore(t, func(t *testing.T) FeedbackStore { return openTestBase(t) })
}

// testFeedbackStore states what a feedback store does, whatever its engine.
func testFeedbackStore(t *testing.T, open func(t *testing.T) FeedbackStore) {
	ctx := context.Background()
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }

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
		if _, err := s.LoggedQuestion(ctx, id+100); !errors.Is(err, ErrNotFound) {
			t.Errorf("a missing row: %v, want ErrNotFound", err)
		}
		if _, err := s.LogQuestion(ctx, report.Asked{Command: "ask", Question: "旧问题", At: day(1, 1)}); err != nil {
			t.Fatal(err)
		}
		n, err := s.PruneQuestions(ctx, day(20, 0))
		if err != nil || n != 1 {
			t.Errorf("PruneQuestions = %d, %v; want 1", n, err)
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
		if _, err := s.RecordVote(ctx, report.Vote{Question: "x", SentenceID: 8}); !errors.Is(err, ErrInvalidInput) {
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
		st, _ = s.Stats(ctx, time.Date(2026, 11, 27, 0, 0, 0, 0, loc), loc, 1)
		if st.Questions != 3 || st.Since != "2026-11-27" || len(st.Unanswered) != 1 {
			t.Errorf("since 2026-11-27: %+v", st)
		}
	})
}

// TestFeedbackSurvives: the question log and the votes survive a restart
// and a rebuild of the index.
func TestFeedbackSurvives(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reportbot.db")
	b, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC)
	id, err := b.LogQuestion(ctx, report.Asked{Command: "ask", Question: "市委书记是谁", At: at})
	if err != nil {
		t.Fatal(err)
	}
	user, _ := b.UserHash(ctx, "100000000000000001")
	if _, err := b.RecordVote(ctx, report.Vote{Question: "市委书记是谁", SentenceID: 7, Up: false, UserHash: user, At: at}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.DB().Exec(`UPDATE idx_meta SET value = 'stale' WHERE key = 'fingerprint'`); err != nil {
		t.Fatal(err)
	}
	b.Close()
	b, err = Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if !b.Rebuilt() {
		t.Fatal("the index was not rebuilt")
	}
	if q, err := b.LoggedQuestion(ctx, id); err != nil || q.Question != "市委书记是谁" {
		t.Errorf("after a restart and a rebuild: %+v, %v", q, err)
	}
	if again, _ := b.UserHash(ctx, "100000000000000001"); again != user {
		t.Error("the user hash changed across a restart")
	}
	st, err := b.Stats(ctx, time.Time{}, time.UTC, 5)
	if err != nil || len(st.Downvoted) != 1 || st.Questions != 1 {
		t.Errorf("stats after a restart: %+v, %v", st, err)
	}
}
