package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"reportbot/commands"
	"reportbot/knowledge"
	"reportbot/report"
	"reportbot/state"
)

// The commands router speaks to the knowledge base through this interface.
var _ commands.Knowledge = (*knowledge.Base)(nil)

// openBase opens the knowledge base in REPORTBOT_DB. The file is made ready
// first (state.PrepareSQLite): processes starting together on a new file
// would otherwise race to switch it to WAL, and all but one be refused.
// A file that cannot be made ready is left for the knowledge base to say
// why (it may be a read-only index).
func (a *app) openBase(ctx context.Context) (*knowledge.Base, bool) {
	sources, err := knowledge.ReadSources(a.cfg.Reports)
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot: REPORTBOT_REPORT:", err)
		return nil, false
	}
	a.lookAtDB()
	state.PrepareSQLite(ctx, a.cfg.DBPath)
	kb, err := knowledge.Open(ctx, knowledge.Config{Path: a.cfg.DBPath, DictDir: a.cfg.CacheDir, Logger: a.log, Reports: sources})
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot:", a.whyNotOpen(err))
		return nil, false
	}
	return kb, true
}

// whyNotOpen is err, or, when the knowledge base took a file it could not
// write for a read-only index built from other seeds, what keeps the file
// from being written: a full disk says so, not "read-only".
func (a *app) whyNotOpen(err error) error {
	if !errors.Is(err, knowledge.ErrStaleReadOnly) {
		return err
	}
	werr := writable(filepath.Dir(a.cfg.DBPath))
	if werr == nil || errors.Is(werr, syscall.EROFS) || errors.Is(werr, fs.ErrPermission) {
		return err // read-only indeed
	}
	return fmt.Errorf("cannot build the index in %s: %w", a.cfg.DBPath, werr)
}

// writable tells why a directory cannot take a new file of 64 kB, or nil.
func writable(dir string) error {
	f, err := os.CreateTemp(dir, ".reportbot-write-test-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(make([]byte, 64<<10))
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// lookAtDB warns, before REPORTBOT_DB is first opened, when it is an empty
// file: SQLite takes one for a new database, so a file truncated to nothing
// would start afresh without a word, its state (subscriptions, posts, the
// question log, votes) gone. The index is rebuilt from the report either way.
func (a *app) lookAtDB() {
	if a.dbLooked {
		return
	}
	a.dbLooked = true
	if fi, err := os.Stat(a.cfg.DBPath); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		fmt.Fprintf(a.stderr, "reportbot: warning: %s is an empty file: starting afresh, with no subscriptions, posts, question log or votes; if it held them, restore it from a backup\n", a.cfg.DBPath)
	}
}

// openState opens the state: PostgreSQL when DATABASE_URL is set, else the
// SQLite file REPORTBOT_DB.
func (a *app) openState(ctx context.Context) (*state.DB, bool) {
	if a.cfg.DatabaseURL == "" {
		a.lookAtDB()
	}
	cfg := state.Config{URL: a.cfg.DatabaseURL, Path: a.cfg.DBPath, Logger: a.log, HashSecret: a.cfg.VoteHashKey, KeyFile: a.cfg.DBPath + ".key"}
	if a.tuneState != nil {
		a.tuneState(&cfg)
	}
	st, err := state.Open(ctx, cfg)
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot:", err)
		return nil, false
	}
	return st, true
}

// router opens the knowledge base and returns a router over it.
func (a *app) router(ctx context.Context) (*commands.Router, *knowledge.Base, bool) {
	kb, ok := a.openBase(ctx)
	if !ok {
		return nil, nil, false
	}
	r := commands.NewRouter(kb, a.log)
	r.Location = a.cfg.Location
	r.FollowUpWindow = a.cfg.FollowUp
	return r, kb, true
}

// askResult is one line of `ask --json`.
type askResult struct {
	Question string `json:"question"`
	Answered bool   `json:"answered"`
	Answer   string `json:"answer,omitempty"` // the direct answer line
	// Understood is the question as read with the one before it, with
	// --conversation.
	Understood string             `json:"understood,omitempty"`
	Lang       string             `json:"lang,omitempty"`
	Answers    []knowledge.Answer `json:"answers"`
	Message    string             `json:"message,omitempty"`
	Missing    *report.Missing    `json:"missing,omitempty"`
	Report     *report.ReportRef  `json:"report,omitempty"`
	Rule       string             `json:"rule,omitempty"` // the judge's rule that found the report does not answer`
}

// runExplain prints how a question is read and judged: its report, its
// intent, the candidate sentences with their scores, and the judge's rules.
func (a *app) runExplain(ctx context.Context, args []string) int {
	_, _, words, err := splitFlags(args, false)
	if err == nil && len(words) == 0 {
		err = errors.New("--explain needs a question")
	}
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot ask:", err)
		return exitUsage
	}
	kb, ok := a.openBase(ctx)
	if !ok {
		return exitError
	}
	defer kb.Close()
	text, err := kb.Explain(ctx, strings.Join(words, " "))
	if errors.Is(err, knowledge.ErrInvalidInput) {
		fmt.Fprintln(a.stderr, "reportbot ask:", commands.MsgNoQuestion)
		return exitUsage
	}
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot:", err)
		return exitError
	}
	fmt.Fprint(a.stdout, text)
	return 0
}

// runAsk answers one question, or one per line of standard input. A single
// question without --json gets the reply /ask would post; --json and the
// line-by-line form print the knowledge base's answers.
func (a *app) runAsk(ctx context.Context, args []string) int {
	if i := slices.Index(args, "--explain"); i >= 0 {
		return a.runExplain(ctx, slices.Delete(slices.Clone(args), i, i+1))
	}
	// --conversation: the lines of standard input are one conversation, an
	// empty line starting the next; a follow-up is read with the question
	// before it.
	conversation := false
	if i := slices.Index(args, "--conversation"); i >= 0 {
		conversation, args = true, slices.Delete(slices.Clone(args), i, i+1)
	}
	jsonOut, top, words, err := splitFlags(args, true)
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot ask:", err)
		return exitUsage
	}
	if len(words) > 0 && !jsonOut {
		return a.runCommand(ctx, "ask", words)
	}
	kb, ok := a.openBase(ctx)
	if !ok {
		return exitError
	}
	defer kb.Close()
	stdout, stderr := a.stdout, a.stderr
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	invalid := false
	asker := &lineAsker{kb: kb, top: top, conversation: conversation}
	answer := func(q string) error {
		res, err := asker.ask(ctx, q)
		if errors.Is(err, knowledge.ErrInvalidInput) {
			invalid = true
		} else if err != nil {
			return err
		}
		if jsonOut {
			return writeJSON(out, res)
		}
		writeAnswers(out, res)
		return nil
	}
	if len(words) > 0 {
		if err := answer(strings.Join(words, " ")); err != nil {
			fmt.Fprintln(stderr, "reportbot ask:", err)
			return exitError
		}
		if invalid {
			return exitUsage // as the text mode does: a question with nothing to ask
		}
		return exitOK
	}
	// One question per line; every line gets one result, whatever it holds
	// (the first commands.MaxText characters of it).
	r := newLineReader(a.stdin, maxLineBytes)
	for {
		line, err := r.ReadString()
		if conversation && strings.TrimSpace(line) == "" {
			asker.prev = "" // a new conversation
		} else if line != "" || err == nil {
			if aerr := answer(strings.TrimRight(line, "\r\n")); aerr != nil {
				fmt.Fprintln(stderr, "reportbot ask:", aerr)
				return exitError
			}
			if !jsonOut {
				out.WriteString("\n")
			}
			out.Flush()
		}
		if err != nil {
			break
		}
	}
	return exitOK
}

// lineAsker answers the questions of ask's command line and standard input,
// each alone or, with conversation, each read with the one before it.
type lineAsker struct {
	kb           *knowledge.Base
	top          int
	conversation bool
	prev         string // the conversation's previous question, as understood
}

// ask answers a question; a question with nothing to ask gets a result that
// says so, with knowledge.ErrInvalidInput.
func (s *lineAsker) ask(ctx context.Context, q string) (askResult, error) {
	q = commands.CapText(q)
	res := askResult{Question: q, Answers: []knowledge.Answer{}}
	var r report.Result
	var err error
	if s.conversation {
		r, err = s.kb.AskIn(ctx, q, s.prev, s.top)
		s.prev, res.Understood = r.Understood, r.Understood
	} else {
		r, err = s.kb.Ask(ctx, q, s.top)
	}
	if errors.Is(err, knowledge.ErrInvalidInput) {
		res.Message = commands.MsgNoQuestion
		return res, err
	}
	if err != nil {
		return res, err
	}
	res.Answered, res.Lang, res.Missing, res.Message = r.Answered, r.Lang, r.Missing, r.Message
	res.Answers, res.Report, res.Answer = r.Answers, r.Report, r.Line
	if r.Missing != nil {
		res.Rule = r.Missing.Rule
	}
	return res, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func writeAnswers(w io.Writer, res askResult) {
	fmt.Fprintf(w, "问：%s\n", commands.OneLine(res.Question))
	if res.Message != "" {
		fmt.Fprintln(w, res.Message)
		if len(res.Answers) == 0 {
			return
		}
		fmt.Fprintln(w, "以下是报告中最接近的原文，并非答案：")
	}
	for i, a := range res.Answers {
		fmt.Fprintf(w, "%d. %s\n   出处：%s\n", i+1, a.Text, a.Section)
		if len(a.Figures) > 0 {
			var fs []string
			for _, f := range a.Figures {
				fs = append(fs, figureText(f))
			}
			fmt.Fprintf(w, "   数字：%s\n", strings.Join(fs, "；"))
		}
	}
}

// figureText renders a figure for a person: 旅游总收入 1040亿元（2017年目标）.
func figureText(f knowledge.Figure) string {
	s := f.Metric + " " + f.Raw
	switch f.Kind {
	case knowledge.KindActual:
		s += "（" + strconv.Itoa(f.Year) + "年实际）"
	case knowledge.KindTarget:
		s += "（" + strconv.Itoa(f.Year) + "年目标）"
	}
	return s
}

// figureResult is the output of `figure --json`: the figures of a metric and
// the pairs of them that the text output shows with an arrow.
type figureResult struct {
	Query       string                 `json:"query"`
	Figures     []knowledge.FigureHit  `json:"figures"`
	Comparisons []knowledge.Comparison `json:"comparisons"`
	Message     string                 `json:"message,omitempty"`
}

// figureLine is one line of `figures --json`: a figure of the report with its
// sentence.
type figureLine struct {
	knowledge.Figure
	Text       string `json:"text"`
	Section    string `json:"section"`
	SentenceID int    `json:"sentence_id"`
}

// runFigures prints every figure of the report in report order: with --json
// one JSON object a line, else one line of text a figure.
func (a *app) runFigures(ctx context.Context, args []string) int {
	jsonOut, _, words, err := splitFlags(args, false)
	if err == nil && len(words) > 0 {
		err = fmt.Errorf("figures takes no arguments; to look for a metric: reportbot figure %s", strings.Join(words, " "))
	}
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot figures:", err)
		return exitUsage
	}
	kb, ok := a.openBase(ctx)
	if !ok {
		return exitError
	}
	defer kb.Close()
	out := bufio.NewWriter(a.stdout)
	defer out.Flush()
	for _, s := range kb.Sentences() {
		for _, f := range s.Figures {
			if !jsonOut {
				fmt.Fprintf(out, "%d\t%s\t%s\t%s\t%s\n", s.ID, f.Metric, f.Raw, commands.YearKind(f), s.Section())
				continue
			}
			if err := writeJSON(out, figureLine{Figure: f, Text: s.Text, Section: s.Section(), SentenceID: s.ID}); err != nil {
				fmt.Fprintln(a.stderr, "reportbot figures:", err)
				return exitError
			}
		}
	}
	return exitOK
}

// runFigure prints the figures of a metric: with --json the knowledge base's
// list, else the reply /figure would post.
func (a *app) runFigure(ctx context.Context, args []string) int {
	pngPath, args, err := cutPNG(args)
	if err != nil {
		fmt.Fprintln(a.stderr, "reportbot figure:", err)
		return exitUsage
	}
	jsonOut, _, words, err := splitFlags(args, false)
	stdout, stderr := a.stdout, a.stderr
	if err != nil {
		fmt.Fprintln(stderr, "reportbot figure:", err)
		return exitUsage
	}
	if len(words) == 0 {
		fmt.Fprintln(stderr, "reportbot figure: name a metric, for example: reportbot figure 旅游总收入")
		return exitUsage
	}
	if !jsonOut {
		if pngPath != "" {
			words = append(words, "--png", pngPath)
		}
		return a.runCommand(ctx, "figure", words)
	}
	kb, ok := a.openBase(ctx)
	if !ok {
		return exitError
	}
	defer kb.Close()
	q := strings.Join(words, " ")
	res := figureResult{Query: q, Figures: []knowledge.FigureHit{}, Comparisons: []knowledge.Comparison{}}
	hits, err := kb.Figures(q)
	invalid := errors.Is(err, knowledge.ErrInvalidInput)
	switch {
	case invalid:
		res.Message = "请给出一个指标名，例如：旅游总收入、地区生产总值、养老床位。"
	case err != nil:
		fmt.Fprintln(stderr, "reportbot figure:", err)
		return exitError
	case len(hits) == 0:
		res.Message = "报告中没有找到这个指标的数字。"
	default:
		res.Figures = hits
		if cs := kb.Comparisons(hits); cs != nil {
			res.Comparisons = cs
		}
	}
	if err := writeJSON(stdout, res); err != nil {
		return exitError
	}
	if invalid {
		return exitUsage // as the text mode does: no metric named
	}
	if pngPath != "" && len(res.Figures) > 0 {
		r := commands.NewRouter(kb, a.log)
		reply, err := r.Handle(ctx, commands.ParseArgs("figure", words))
		if err != nil {
			fmt.Fprintln(stderr, "reportbot figure:", err)
			return exitError
		}
		return a.writeChart("figure", reply, pngPath)
	}
	return exitOK
}
