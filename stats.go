package main

import (
	"bufio"
	"context"
	"fmt"
	"strconv"
	"time"

	"reportbot/commands"
	"reportbot/metrics"
	"reportbot/report"
	"reportbot/state"
)

// logQuestions gives the router a question log in st, written off the
// answer's path, unless QUESTION_LOG_DAYS is 0; the caller closes it (nil
// when there is none).
func (a *app) logQuestions(r *commands.Router, st *state.DB) *state.QuestionLog {
	if a.cfg.QuestionLogDays == 0 || st == nil {
		return nil
	}
	l := st.NewQuestionLog(state.LogConfig{Days: a.cfg.QuestionLogDays, Now: func() time.Time { return r.Now() }, Logger: a.log})
	r.Log = l
	return l
}

// countedLog counts every question in the metrics, then hands it to the
// question log, if there is one.
type countedLog struct {
	next commands.QuestionLog // nil when QUESTION_LOG_DAYS=0
	m    *metrics.Metrics
}

func (l *countedLog) LogQuestion(ctx context.Context, q report.Asked) (int64, error) {
	l.m.Question(q.Command, q.Answered)
	if l.next == nil {
		return 0, nil
	}
	return l.next.LogQuestion(ctx, q)
}

func (l *countedLog) LoggedQuestion(ctx context.Context, id int64) (report.Asked, error) {
	if look, ok := l.next.(commands.QuestionLookup); ok {
		return look.LoggedQuestion(ctx, id)
	}
	return report.Asked{}, fmt.Errorf("logged question %d: %w", id, report.ErrNotFound)
}

// statsTop is how many unanswered questions and voted-down answers stats lists.
const statsTop = 10

// runStats prints what the question log and the votes say: questions per
// day, the share answered, the most asked questions the report did not
// answer, the answers with the most 👎.
func (a *app) runStats(ctx context.Context, args []string) int {
	jsonOut := false
	var since time.Time
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--json" || arg == "-json":
			jsonOut = true
		case isOption(arg, "--since"):
			var v string
			v, i, _ = optionValue(args, i)
			d, err := time.ParseInLocation("2006-01-02", v, a.cfg.Location)
			if err != nil {
				fmt.Fprintf(a.stderr, "reportbot stats: --since %q: want a date, YYYY-MM-DD\n", v)
				return exitUsage
			}
			since = d
		default:
			fmt.Fprintf(a.stderr, "reportbot stats: unknown argument %q; usage: reportbot stats [--since YYYY-MM-DD] [--json]\n", arg)
			return exitUsage
		}
	}
	store, ok := a.openState(ctx)
	if !ok {
		return exitError
	}
	defer store.Close()
	st, err := store.Stats(ctx, since, a.cfg.Location, statsTop)
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot stats:", err)
		return exitError
	}
	if jsonOut {
		if err := writeJSON(a.stdout, st); err != nil {
			return exitError
		}
		return exitOK
	}
	out := bufio.NewWriter(a.stdout)
	defer out.Flush()
	from := "保留的全部记录"
	if st.Since != "" {
		from = st.Since + " 起"
	}
	fmt.Fprintf(out, "问题记录（%s；记录保留 %d 天，QUESTION_LOG_DAYS）\n", from, a.cfg.QuestionLogDays)
	if st.Questions == 0 {
		fmt.Fprintln(out, "没有记录的问题。")
	} else {
		fmt.Fprintf(out, "共 %d 个问题，报告回答了 %d 个（%s）\n\n每天：\n", st.Questions, st.Answered, percent(st.Answered, st.Questions))
		for _, d := range st.Days {
			fmt.Fprintf(out, "  %s  %4d 个问题，回答 %d 个（%s）\n", d.Date, d.Questions, d.Answered, percent(d.Answered, d.Questions))
		}
	}
	if len(st.Unanswered) > 0 {
		fmt.Fprintln(out, "\n最常问而报告没有回答的问题（可把其中的词加进 seeds/ 的数据文件）：")
		for _, q := range st.Unanswered {
			fmt.Fprintf(out, "  %3d 次  %s（最近 %s）\n", q.Count, commands.OneLine(q.Question), q.Last.In(a.cfg.Location).Format("2006-01-02"))
		}
	}
	if len(st.Downvoted) > 0 {
		fmt.Fprintln(out, "\n👎 最多的回答：")
		for _, v := range st.Downvoted {
			what := "（没有引用原文）"
			if v.SentenceID > 0 {
				what = "第" + strconv.Itoa(v.SentenceID) + "句：" + commands.OneLine(v.Answer)
			}
			q := ""
			if v.Question != "" {
				q = "（问：" + commands.OneLine(v.Question) + "）"
			}
			fmt.Fprintf(out, "  👎%d 👍%d  %s%s\n", v.Down, v.Up, what, q)
		}
	}
	return exitOK
}

// percent writes n of total as a whole percentage.
func percent(n, total int) string {
	if total == 0 {
		return "0%"
	}
	return strconv.Itoa((n*100+total/2)/total) + "%"
}
