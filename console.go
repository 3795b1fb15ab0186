package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"reportbot/commands"
	"reportbot/report"
)

// runCommand runs one router command and prints its reply, for a terminal or,
// with --json, as the reply value. A user's mistake exits with status 2.
func (a *app) runCommand(ctx context.Context, name string, args []string) int {
	pngPath, args, err := cutPNG(args)
	if err != nil {
		fmt.Fprintf(a.stderr, "reportbot %s: %v\n", name, err)
		return exitUsage
	}
	jsonOut, page := false, 1
	var rest []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--json" || arg == "-json":
			jsonOut = true
		case isOption(arg, "--page"):
			var v string
			v, i, _ = optionValue(args, i)
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 1000 {
				fmt.Fprintf(a.stderr, "reportbot %s: --page %q: want a page number from 1\n", name, v)
				return exitUsage
			}
			page = n
		default:
			rest = append(rest, arg)
		}
	}
	r, kb, ok := a.router(ctx)
	if !ok {
		return exitError
	}
	defer kb.Close()
	reply, err := r.Handle(ctx, commands.ParseArgs(name, rest))
	// --page N: follow the next-page cursor to page N.
	for p := 1; err == nil && p < page && !reply.UserError; p++ {
		if reply.Next == "" {
			reply = commands.Reply{Title: "没有第" + strconv.Itoa(page) + "页", Body: []string{"共" + strconv.Itoa(p) + "页。"}, UserError: true}
			break
		}
		reply, err = r.Handle(ctx, commands.Request{Cursor: reply.Next})
	}
	if err != nil {
		a.log.Error("command failed", "command", name, "err", err)
		fmt.Fprintln(a.stderr, "reportbot: something went wrong:", err)
		return exitError
	}
	if pngPath != "" && !reply.UserError {
		if code := a.writeChart(name, reply, pngPath); code != exitOK {
			return code
		}
	}
	if jsonOut {
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(reply); err != nil {
			return exitError
		}
	} else {
		renderText(a.stdout, reply, func(lang string) string {
			// A one-shot command says how to get the next page from the
			// command line, not the console's /more.
			cmd := "reportbot " + name + " " + shellWords(rest) + " --page " + strconv.Itoa(page+1)
			if lang == report.LangEN {
				return "(next page: " + cmd + ")"
			}
			return "（下一页：" + cmd + "）"
		})
	}
	if reply.UserError {
		return exitUsage
	}
	return exitOK
}

const consoleBanner = `reportbot 控制台：直接输入问题（可以接着上一个问题问，例如“那去年呢”；/new 开始新的对话），或输入 /help 查看命令，/more 看下一页，/quit 退出。
（没有配置 DISCORD_TOKEN，所以在本地运行；配置方法见 README。）
`

// consoleConversation is the console session's conversation: a follow-up
// question is read with the one before, until /new.
const consoleConversation = "console"

// runConsole reads questions and /commands, one per line, from a terminal or
// a pipe, and prints each reply as Discord would show it, for a terminal.
func (a *app) runConsole(ctx context.Context) int {
	r, kb, ok := a.router(ctx)
	if !ok {
		return exitError
	}
	defer kb.Close()
	if a.cfg.QuestionLogDays > 0 && (a.cfg.DatabaseURL != "" || !kb.ReadOnly()) {
		if st, ok := a.openState(ctx); ok {
			defer st.Close()
			if ql := a.logQuestions(r, st); ql != nil {
				defer ql.Close()
			}
		}
	}
	fmt.Fprint(a.stderr, consoleBanner)
	in := newLineReader(a.stdin, maxLineBytes)
	out := bufio.NewWriter(a.stdout)
	defer out.Flush()
	var last commands.Reply
	for {
		if a.interactive {
			fmt.Fprint(out, "reportbot> ")
		}
		out.Flush()
		line, err := in.ReadString()
		if line == "" && err != nil {
			return exitOK
		}
		if ctx.Err() != nil {
			return exitOK
		}
		line = strings.TrimSpace(line)
		var reply commands.Reply
		var herr error
		switch {
		case line == "":
			continue
		case line == "/quit" || line == "/exit" || line == "/q":
			return exitOK
		case line == "/new" || line == "/新对话":
			r.Forget(consoleConversation)
			fmt.Fprintln(out, "新的对话：接下来的问题不接着前面的问。")
			continue
		case line == "/more" || line == "/next" || line == "更多":
			if last.Next == "" {
				reply = commands.Reply{Title: "没有更多了", UserError: true}
			} else {
				reply, herr = r.Handle(ctx, commands.Request{Cursor: last.Next})
			}
		case strings.HasPrefix(line, "/") || strings.HasPrefix(line, "／"):
			req := commands.ParseLine(line)
			req.Conversation = consoleConversation
			reply, herr = r.Handle(ctx, req)
		default:
			var said bool
			reply, said, herr = r.Chat(ctx, commands.Message{Text: line, Direct: true, Conversation: consoleConversation})
			if !said && herr == nil {
				continue
			}
		}
		if herr != nil {
			a.log.Error("command failed", "err", herr)
			fmt.Fprintln(out, "出错了，请稍后再试。")
			continue
		}
		renderText(out, reply, consoleNextHint)
		if reply.Image != nil {
			a.saveConsoleChart(out, reply.Image)
		}
		fmt.Fprintln(out)
		if !reply.UserError {
			last = reply
		}
	}
}

// cutPNG takes --png FILE (or --png=FILE) out of a command's arguments.
func cutPNG(args []string) (path string, rest []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case isOption(a, "--png", "-png"):
			if path, i, _ = optionValue(args, i); path == "" {
				return "", nil, fmt.Errorf("--png needs a file name, for example --png chart.png")
			}
		default:
			rest = append(rest, a)
		}
	}
	return path, rest, nil
}

// writeChart writes the chart of a reply to path. A reply without a chart
// is a user's mistake (exit 2): the command draws none for that argument.
func (a *app) writeChart(name string, reply commands.Reply, path string) int {
	if reply.Image == nil {
		fmt.Fprintf(a.stderr, "reportbot %s: this reply has no chart (charts come with figure comparisons, target, a section area and digest days with figures); %s not written\n", name, path)
		return exitUsage
	}
	b, err := reply.Image.PNG()
	if err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "reportbot %s: chart: %v\n", name, err)
		return exitError
	}
	fmt.Fprintf(a.stderr, "图表已保存：%s\n", path)
	return exitOK
}

// saveConsoleChart saves a reply's chart in the console's chart folder
// (made on first use under the temporary directory) and says where.
func (a *app) saveConsoleChart(w io.Writer, img *commands.Image) {
	if a.chartDir == "" {
		dir, err := os.MkdirTemp(a.chartRoot, "reportbot-charts-")
		if err != nil {
			a.log.Warn("chart folder", "err", err)
			return
		}
		a.chartDir = dir
	}
	a.charts++
	path := filepath.Join(a.chartDir, strconv.Itoa(a.charts)+"-"+img.Name)
	b, err := img.PNG()
	if err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		a.log.Warn("save chart", "err", err)
		return
	}
	fmt.Fprintf(w, "图表已保存：%s\n", path)
}

// renderText renders a reply for a terminal; nextHint says how to get the
// next page when there is one.
func renderText(w io.Writer, r commands.Reply, nextHint func(lang string) string) {
	title := commands.OneLine(r.Title)
	if r.UserError {
		title = "⚠ " + title
	}
	fmt.Fprintf(w, "【%s】\n", title)
	if r.Answer != "" {
		fmt.Fprintf(w, "▶ %s\n", commands.OneLine(r.Answer))
	}
	for _, line := range r.Body {
		fmt.Fprintln(w, plain(line))
	}
	colon, source := "：", "出处："
	if r.Lang == report.LangEN {
		colon, source = ": ", "Source: "
	}
	for _, f := range r.Fields {
		value := strings.ReplaceAll(plain(f.Value), "\n", "\n    ")
		fmt.Fprintf(w, "  · %s%s%s\n", commands.OneLine(f.Name), colon, value)
	}
	if r.Citation != "" {
		fmt.Fprintf(w, "%s%s\n", source, commands.OneLine(r.Citation))
	}
	if r.Footer != "" {
		fmt.Fprintf(w, "—— %s\n", commands.OneLine(r.Footer))
	}
	if r.Next != "" && nextHint != nil {
		fmt.Fprintln(w, nextHint(r.Lang))
	}
}

// plain drops control characters but keeps line breaks, so that nothing a
// user typed can move the cursor or change the terminal.
func plain(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}

func consoleNextHint(lang string) string {
	if lang == report.LangEN {
		return "(type /more for the next page)"
	}
	return "（输入 /more 看下一页）"
}

// shellWords quotes words for a shell command line when they need it.
func shellWords(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		if w == "" || strings.ContainsAny(w, " \t\n'\"\\$`!*?[]{}()<>|&;#~") {
			w = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
		}
		out[i] = w
	}
	return strings.Join(out, " ")
}
