package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"

	"reportbot/knowledge"
)

func openBase(ctx context.Context, cfg Config, log *slog.Logger, stderr io.Writer) (*knowledge.Base, bool) {
	kb, err := knowledge.Open(ctx, knowledge.Config{Path: cfg.DBPath, Logger: log})
	if err != nil {
		fmt.Fprintln(stderr, "reportbot:", err)
		return nil, false
	}
	return kb, true
}

// askResult is one line of `ask --json`.
type askResult struct {
	Question string             `json:"question"`
	Answers  []knowledge.Answer `json:"answers"`
	Message  string             `json:"message,omitempty"`
}

const (
	msgNoWords   = "请输入一个关于2017年洛阳市政府工作报告的问题，例如：今年旅游收入目标是多少？"
	msgNoAnswers = "报告中没有找到与这个问题相关的内容。可以换个说法，例如：2016年地区生产总值是多少？"
)

func runAsk(ctx context.Context, cfg Config, log *slog.Logger, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	jsonOut, top, words, err := splitFlags(args, true)
	if err != nil {
		fmt.Fprintln(stderr, "reportbot ask:", err)
		return exitUsage
	}
	kb, ok := openBase(ctx, cfg, log, stderr)
	if !ok {
		return exitError
	}
	defer kb.Close()
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	answer := func(q string) error {
		res := askResult{Question: q, Answers: []knowledge.Answer{}}
		answers, err := kb.Ask(ctx, q, top)
		switch {
		case errors.Is(err, knowledge.ErrInvalidInput):
			res.Message = msgNoWords
		case err != nil:
			return err
		case len(answers) == 0:
			res.Message = msgNoAnswers
		default:
			res.Answers = answers
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
		return exitOK
	}
	// One question per line; every line gets one result, whatever it holds.
	r := bufio.NewReader(stdin)
	for {
		line, err := r.ReadString('\n')
		if line != "" || err == nil {
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

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func writeAnswers(w io.Writer, res askResult) {
	fmt.Fprintf(w, "问：%s\n", oneLine(res.Question))
	if res.Message != "" {
		fmt.Fprintln(w, res.Message)
		return
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

// oneLine keeps what a user typed on one line when it is shown back.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// figureResult is the output of `figure --json`.
type figureResult struct {
	Query   string                `json:"query"`
	Figures []knowledge.FigureHit `json:"figures"`
	Message string                `json:"message,omitempty"`
}

func runFigure(ctx context.Context, cfg Config, log *slog.Logger, args []string, stdout, stderr io.Writer) int {
	jsonOut, _, words, err := splitFlags(args, false)
	if err != nil {
		fmt.Fprintln(stderr, "reportbot figure:", err)
		return exitUsage
	}
	if len(words) == 0 {
		fmt.Fprintln(stderr, "reportbot figure: name a metric, for example: reportbot figure 旅游总收入")
		return exitUsage
	}
	kb, ok := openBase(ctx, cfg, log, stderr)
	if !ok {
		return exitError
	}
	defer kb.Close()
	q := strings.Join(words, " ")
	res := figureResult{Query: q, Figures: []knowledge.FigureHit{}}
	hits, err := kb.Figures(q)
	switch {
	case errors.Is(err, knowledge.ErrInvalidInput):
		res.Message = "请给出一个指标名，例如：旅游总收入、地区生产总值、养老床位。"
	case err != nil:
		fmt.Fprintln(stderr, "reportbot figure:", err)
		return exitError
	case len(hits) == 0:
		res.Message = "报告中没有找到这个指标的数字。"
	default:
		res.Figures = hits
	}
	if jsonOut {
		if err := writeJSON(stdout, res); err != nil {
			return exitError
		}
		return exitOK
	}
	fmt.Fprintf(stdout, "指标：%s\n", oneLine(q))
	if res.Message != "" {
		fmt.Fprintln(stdout, res.Message)
		return exitOK
	}
	for _, h := range res.Figures {
		fmt.Fprintf(stdout, "- %s\n  %s\n  出处：%s\n", figureText(h.Figure), h.Text, h.Section)
	}
	return exitOK
}
