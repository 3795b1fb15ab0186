package commands

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"unicode"

	"reportbot/report"
)

// commandList returns the commands in the order help lists them, with
// their names and descriptions in English, simplified Chinese (zh-CN) and
// traditional Chinese (zh-TW).
func commandList() []Command {
	return []Command{
		{Name: "ask", NameZH: "提问", NameTW: "提問", Description: "Ask a question about the report",
			DescriptionZH: "提一个关于报告的问题，回答引用原文", DescriptionTW: "提一個關於報告的問題，回答引用原文",
			Options: []Option{{Name: "question", NameZH: "问题", NameTW: "問題", Description: "Your question, in Chinese (simplified or traditional) or English",
				DescriptionZH: "你的问题，例如：今年旅游收入目标是多少？（也可用繁体字或英文）", DescriptionTW: "你的問題，例如：今年旅遊收入目標是多少？（也可用繁體字或英文）", Required: true}},
			run: runAsk},
		{Name: "figure", NameZH: "数字", NameTW: "數字", Description: "Every figure for a metric, last year's actual beside this year's target",
			DescriptionZH: "某个指标的全部数字，上年实际与今年目标对照", DescriptionTW: "某個指標的全部數字，上年實際與今年目標對照",
			Options: []Option{{Name: "metric", NameZH: "指标", NameTW: "指標", Description: "A metric, e.g. 旅游总收入",
				DescriptionZH: "指标名，例如：旅游总收入", DescriptionTW: "指標名，例如：旅遊總收入", Required: true, Autocomplete: true}},
			run: runFigure},
		{Name: "target", NameZH: "目标", NameTW: "目標", Description: "This year's targets, all main ones or those of a field",
			DescriptionZH: "今年的目标：主要预期目标，或某个领域的目标", DescriptionTW: "今年的目標：主要預期目標，或某個領域的目標",
			Options: []Option{{Name: "topic", NameZH: "领域", NameTW: "領域", Description: "A field or metric, e.g. 旅游",
				DescriptionZH: "领域或指标，例如：旅游", DescriptionTW: "領域或指標，例如：旅遊", Autocomplete: true}},
			run: runTarget},
		{Name: "section", NameZH: "章节", NameTW: "章節", Description: "The outline of the report, or one part or area",
			DescriptionZH: "报告的结构，或某一部分、某一方面的内容", DescriptionTW: "報告的結構，或某一部分、某一方面的內容",
			Options: []Option{{Name: "number", NameZH: "编号", NameTW: "編號", Description: "A part or area: 二, 七, (七), 7",
				DescriptionZH: "部分或方面的编号：二、七、(七)、7", DescriptionTW: "部分或方面的編號：二、七、(七)、7", Autocomplete: true}},
			run: runSection},
		{Name: "search", NameZH: "搜索", NameTW: "搜索", Description: "Every sentence that contains the words",
			DescriptionZH: "列出包含这些词的全部句子", DescriptionTW: "列出包含這些詞的全部句子",
			Options: []Option{{Name: "keywords", NameZH: "关键词", NameTW: "關鍵詞", Description: "Words to find, separated by spaces",
				DescriptionZH: "要查找的词，多个词用空格分开", DescriptionTW: "要查找的詞，多個詞用空格分開", Required: true}},
			run: runSearch},
		{Name: "digest", NameZH: "每日摘要", NameTW: "每日摘要", Description: "The daily digest for a date",
			DescriptionZH: "某一天的每日摘要", DescriptionTW: "某一天的每日摘要", InServer: true,
			Options: []Option{{Name: "date", NameZH: "日期", NameTW: "日期", Description: "YYYY-MM-DD, default today",
				DescriptionZH: "日期，格式 YYYY-MM-DD，默认今天", DescriptionTW: "日期，格式 YYYY-MM-DD，默認今天"}},
			run: runDigest},
		{Name: "digest-channel", NameZH: "摘要订阅", NameTW: "摘要訂閱", Description: "Subscribe this channel to the daily digest, or unsubscribe it",
			DescriptionZH: "本频道订阅或退订每日摘要", DescriptionTW: "本頻道訂閱或退訂每日摘要",
			InServer: true, ManageServer: true,
			Subcommands: []Command{
				{Name: "subscribe", NameZH: "订阅", NameTW: "訂閱", Description: "Post the daily digest in this channel",
					DescriptionZH: "每天在本频道发布每日摘要", DescriptionTW: "每天在本頻道發佈每日摘要"},
				{Name: "unsubscribe", NameZH: "退订", NameTW: "退訂", Description: "Stop the daily digest in this channel",
					DescriptionZH: "停止在本频道发布每日摘要", DescriptionTW: "停止在本頻道發佈每日摘要"},
			},
			run: runDigestChannel},
		{Name: "help", NameZH: "帮助", NameTW: "幫助", Description: "What the bot can do", DescriptionZH: "机器人能做什么", DescriptionTW: "機器人能做什麼", run: runHelp},
		{Name: "about", NameZH: "关于", NameTW: "關於", Description: "About the report and where the data comes from",
			DescriptionZH: "关于这份报告和数据来源", DescriptionTW: "關於這份報告和數據來源", run: runAbout},
	}
}

// runDigestChannel answers where there are no channels to subscribe (the
// console); the chat front end runs the command itself.
func runDigestChannel(ctx context.Context, r *Router, req Request) (Reply, error) {
	return Reply{}, userErrorf("订阅每日摘要要在 Discord 服务器的频道里用 /digest-channel subscribe")
}

// askTop is how many answers one question keeps for paging.
const askTop = 8

func runAsk(ctx context.Context, r *Router, req Request) (Reply, error) {
	if c, ok := decodeCursor(req.Options[cursorOption]); ok {
		return r.askPage(c)
	}
	q := strings.TrimSpace(req.Options["question"])
	res, err := r.ask(ctx, q, req.Conversation)
	if errors.Is(err, report.ErrInvalidInput) {
		return Reply{}, userErrorf("%s", MsgNoQuestion)
	}
	if err != nil {
		return Reply{}, err
	}
	lang := res.Lang
	if strings.HasPrefix(req.Locale, "en") {
		lang = report.LangEN
	}
	ch := chromeFor(lang)
	title := ch.question + clip(OneLine(q), 200)
	if len(res.Answers) == 0 {
		body := []string{noAnswer(r.titleOf(res))}
		if res.Message != "" {
			body = []string{res.Message, ch.scope(r.titleOf(res))}
		}
		return Reply{Title: title, Body: body, Footer: ch.help, NotAnswered: true, Feedback: &Feedback{Command: "ask", Question: q}, Lang: replyLang(lang)}, nil
	}
	var ids []string
	for _, a := range res.Answers {
		ids = append(ids, strconv.Itoa(a.ID))
	}
	s, _ := r.sentence(res.Answers[0].ID)
	page := askPage{lang: lang, answered: res.Answered, n: 1, ids: ids}
	reply := r.askReply(title, s, page)
	reply.Feedback.Question = q
	reply.Answer = res.Line
	if res.FollowUp && res.Understood != "" {
		reply.Understood = res.Understood
		reply.Body = append([]string{ch.understood + res.Understood}, reply.Body...)
	}
	if !res.Answered {
		reply.Body = append([]string{res.Message, ch.closest}, reply.Body...)
		reply.NotAnswered = true
	}
	return reply, nil
}

// ask answers a question, as a follow-up of its conversation's previous one
// when it has a conversation, and makes it the conversation's last.
func (r *Router) ask(ctx context.Context, q, conversation string) (report.Result, error) {
	if conversation == "" {
		return r.kb.Ask(ctx, q, askTop)
	}
	window := r.root.FollowUpWindow
	if window <= 0 {
		window = DefaultFollowUpWindow
	}
	prev := r.root.convs.get(conversation, r.Now(), window)
	res, err := r.kb.AskIn(ctx, q, prev, askTop)
	if err == nil && res.Missing == nil || err == nil && res.Missing.Kind != report.MissingContext {
		r.root.convs.put(conversation, res.Understood, r.Now())
	}
	return res, err
}

// MsgNoQuestion answers a question with nothing to search for, in every
// front end alike.
const MsgNoQuestion = "请输入一个问题"

// titleOf names the report a question was answered from, or the reports
// loaded.
func (r *Router) titleOf(res report.Result) string {
	if res.Report != nil {
		return res.Report.Title
	}
	return r.book.Outline().FullTitle()
}

// noAnswer says that nothing in the report matches a question.
func noAnswer(title string) string {
	return "报告里没有找到与这个问题相关的内容。" + chromeFor(report.LangZH).scope(title)
}

// chrome is the words around an answer, in the asker's language.
type chrome struct {
	question, more, closest, moreClosest, help, understood string
	footer                                                 func(n, total int, answered bool) string
	scope                                                  func(title string) string // what the bot answers
}

// replyLang is a reply's Lang: English, or empty for Chinese chrome.
func replyLang(lang string) string {
	if lang == report.LangEN {
		return report.LangEN
	}
	return ""
}

func chromeFor(lang string) chrome {
	if lang == report.LangEN {
		return chrome{
			question: "Q: ", more: "More answers", closest: "The closest passages of the report, which do not answer it:", understood: "Read as: ",
			moreClosest: "More passages close to the question", help: "Type /help to see what I can do",
			scope: func(title string) string {
				return "I answer questions about the report " + title + ", for example: What is this year's tourism revenue target?"
			},
			footer: func(n, total int, answered bool) string {
				if answered {
					return "Answer " + strconv.Itoa(n) + " of " + strconv.Itoa(total) + " · the report's own sentence, in Chinese"
				}
				return "Closest passage " + strconv.Itoa(n) + " of " + strconv.Itoa(total) + " · not an answer"
			},
		}
	}
	return chrome{
		question: "问：", more: "更多答案", closest: "以下是报告中最接近的原文，并非答案：", understood: "理解为：",
		moreClosest: "更多相近原文（并非答案）", help: "输入 /help 查看我能做什么",
		scope: func(title string) string {
			return "我只回答关于" + title + "的问题，例如：今年旅游收入目标是多少？"
		},
		footer: func(n, total int, answered bool) string {
			if answered {
				return "第" + strconv.Itoa(n) + "条，共" + strconv.Itoa(total) + "条相关原文"
			}
			return "相近原文第" + strconv.Itoa(n) + "条，共" + strconv.Itoa(total) + "条（报告没有直接回答）"
		},
	}
}

// askPage is where a reader stands in the answers to a question.
type askPage struct {
	lang     string
	answered bool
	n        int      // the answer shown, from 1
	ids      []string // the ids of every answer, best first
}

// encode writes the page as a cursor argument: "N:TOTAL:ID,ID,…" (every
// answer's id), led by "e" for English and "u" for a question the report
// does not answer.
func (p askPage) encode() string {
	flags := ""
	if p.lang == report.LangEN {
		flags += "e"
	}
	if !p.answered {
		flags += "u"
	}
	return flags + strconv.Itoa(p.n) + ":" + strconv.Itoa(len(p.ids)) + ":" + strings.Join(p.ids, ",")
}

// askPage shows another answer of an earlier question; the cursor carries
// the page (askPage.encode).
func (r *Router) askPage(c cursor) (Reply, error) {
	arg := c.arg
	p := askPage{lang: report.LangZH, answered: true}
	for len(arg) > 0 && (arg[0] == 'e' || arg[0] == 'u') {
		if arg[0] == 'e' {
			p.lang = report.LangEN
		} else {
			p.answered = false
		}
		arg = arg[1:]
	}
	parts := strings.SplitN(arg, ":", 3)
	if len(parts) != 3 {
		return expired(), nil
	}
	n, err1 := strconv.Atoi(parts[0])
	total, err2 := strconv.Atoi(parts[1])
	ids := strings.Split(parts[2], ",")
	if err1 != nil || err2 != nil || n < 1 || n > len(ids) || total != len(ids) {
		return expired(), nil
	}
	id, err := strconv.Atoi(ids[n-1])
	s, ok := r.sentence(id)
	if err != nil || !ok {
		return expired(), nil
	}
	p.n, p.ids = n, ids
	ch := chromeFor(p.lang)
	title := ch.more
	if !p.answered {
		title = ch.moreClosest
	}
	reply := r.askReply(title, s, p)
	reply.NotAnswered = !p.answered
	return reply, nil
}

func (r *Router) askReply(title string, s report.Sentence, p askPage) Reply {
	reply := Reply{
		Title:    title,
		Body:     []string{s.Text},
		Fields:   r.figureFieldsIn(p.lang, s.Figures),
		Citation: s.Section(),
		Footer:   chromeFor(p.lang).footer(p.n, len(p.ids), p.answered),
		Feedback: &Feedback{Command: "ask", Answered: p.answered, SentenceID: s.ID, Answer: s.Text},
		Lang:     replyLang(p.lang),
	}
	if p.n < len(p.ids) {
		next := p
		next.n++
		reply.Next = r.cursor("ask", next.n-1, next.encode())
	}
	if p.n > 1 {
		prev := p
		prev.n--
		reply.Prev = r.cursor("ask", prev.n-1, prev.encode())
	}
	return reply
}

// sentence finds a sentence of any loaded report by its id, with the
// router of its report.
func (r *Router) sentence(id int) (report.Sentence, bool) {
	s, _, ok := r.sentenceIn(id)
	return s, ok
}

func (r *Router) sentenceIn(id int) (report.Sentence, *Router, bool) {
	for _, b := range r.kb.Books() {
		all := b.Sentences()
		if len(all) == 0 || id < all[0].ID || id > all[len(all)-1].ID {
			continue
		}
		return all[id-all[0].ID], r.forBook(b), true
	}
	return report.Sentence{}, nil, false
}

// argument returns a command's argument without the name of the report it
// chose (襄阳 旅游总收入 → 旅游总收入).
func (r *Router) argument(arg string) string {
	if len(r.kb.Books()) == 1 {
		return arg
	}
	_, rest := r.kb.Pick(arg)
	return rest
}

// figureFieldsIn shows figures as fields in the asker's language: for an
// English question, the subject as the glossary writes it (the report's
// label where it has none), and the year and kind in English:
// total tourism revenue | 1040亿元 · 2017 target.
func (r *Router) figureFieldsIn(lang string, figs []report.Figure) []Field {
	if lang != report.LangEN {
		return figureFields(figs)
	}
	var out []Field
	for _, f := range figs {
		name := metricName(f)
		if en := r.book.English(f.Subject); en != "" {
			name = en
			if f.Measure == report.MeasureGrowth {
				name += " growth"
			}
		}
		value := f.Raw
		if yk := yearKindEN(f); yk != "" {
			value += " · " + yk
		}
		out = append(out, Field{Name: name, Value: value})
	}
	return out
}

// yearKindEN says what a figure is of which year, in English: 2016 actual.
func yearKindEN(f report.Figure) string {
	y := figureYears(f, "–")
	switch f.Kind {
	case report.KindActual, report.KindTarget, report.KindBase, report.KindShare, report.KindRank:
		return strings.TrimSpace(y + " " + f.Kind)
	}
	return y
}

// figureYears writes the year a figure is of (2016), or its span with dash
// between (2014—2018); "" when it has none.
func figureYears(f report.Figure, dash string) string {
	switch {
	case f.Year == 0:
		return ""
	case f.YearFrom != 0 && f.YearFrom != f.Year:
		return strconv.Itoa(f.YearFrom) + dash + strconv.Itoa(f.Year)
	}
	return strconv.Itoa(f.Year)
}

// figureFields shows figures as fields: 旅游总收入 | 1040亿元 · 2017年目标.
func figureFields(figs []report.Figure) []Field {
	var out []Field
	for _, f := range figs {
		out = append(out, Field{Name: metricName(f), Value: figureValue(f)})
	}
	return out
}

func metricName(f report.Figure) string {
	if f.Metric == "" {
		return "数字"
	}
	return f.Metric
}

func figureValue(f report.Figure) string {
	if yk := YearKind(f); yk != "" {
		return f.Raw + " · " + yk
	}
	return f.Raw
}

// YearKind says what a figure is of which year: 2016年实际, 2017年目标,
// 2015年基数, 2014—2018年实际.
func YearKind(f report.Figure) string {
	y := figureYears(f, "—")
	if y != "" {
		y += "年"
	}
	switch f.Kind {
	case report.KindActual:
		return y + "实际"
	case report.KindTarget:
		return y + "目标"
	case report.KindBase:
		return y + "基数"
	case report.KindShare:
		return y + "占比"
	case report.KindRank:
		return y + "位次"
	}
	return y
}

// maxComparisons bounds the comparison lines of one figure reply.
const maxComparisons = 5

func runFigure(ctx context.Context, r *Router, req Request) (Reply, error) {
	page, arg := pageOf(req, "metric")
	q := r.argument(arg)
	hits, err := r.book.Figures(q)
	if errors.Is(err, report.ErrInvalidInput) {
		return Reply{}, userErrorf("请给出一个指标名")
	}
	if err != nil {
		return Reply{}, err
	}
	title := "数字：" + clip(OneLine(q), 100)
	if len(hits) == 0 {
		return Reply{Title: title, Body: []string{"报告中没有找到“" + clip(OneLine(q), 40) + "”的数字。可以试试 /search 查找原文。"}, Feedback: hitFeedback("figure", q, nil)}, nil
	}
	shown, footer, next, prev := paginate(r, hits, page, 5, "figure", arg)
	reply := Reply{Title: title, Footer: footer, Next: next, Prev: prev}
	if page == 0 {
		reply.Feedback = hitFeedback("figure", q, hits)
		cs := r.book.Comparisons(hits)
		if len(cs) > maxComparisons {
			cs = cs[:maxComparisons]
		}
		for _, c := range cs {
			reply.Body = append(reply.Body, ChangeLine(c))
		}
		if len(cs) > 0 {
			reply.Image = r.comparisonChart(comparisonTitle(OneLine(q), cs), cs)
		}
	}
	for _, h := range shown {
		reply.Fields = append(reply.Fields, Field{Name: metricName(h.Figure) + " · " + YearKind(h.Figure), Value: h.Raw + "\n" + h.Text + "\n出处：" + h.Section})
	}
	return reply, nil
}

// ChangeLine says how this year's target stands against last year's actual:
// 旅游总收入：2016年实际 905亿元 → 2017年目标 1040亿元（增加135亿元，+14.9%）.
// It is given only for a true comparison (same subject, same measure).
func ChangeLine(c report.Comparison) string {
	a, b := c.Actual, c.Target
	line := c.Metric + "：" + YearKind(a.Figure) + " " + a.Raw + " → " + YearKind(b.Figure) + " " + b.Raw
	if change := changeText(c); change != "" {
		line += "（" + change + "）"
	}
	return line // 3%左右, 10万人以上: no exact change to give
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func runTarget(ctx context.Context, r *Router, req Request) (Reply, error) {
	page, arg := pageOf(req, "topic")
	topic := r.argument(arg)
	if topic == "" {
		return r.mainTargets()
	}
	hits, err := r.book.Figures(topic)
	if errors.Is(err, report.ErrInvalidInput) {
		return Reply{}, userErrorf("请给出一个领域或指标，例如：旅游")
	}
	if err != nil {
		return Reply{}, err
	}
	var targets []report.FigureHit
	for _, h := range hits {
		if h.Kind == report.KindTarget {
			targets = append(targets, h)
		}
	}
	year := r.book.Outline().Year
	title := planYear(year) + "目标：" + clip(OneLine(topic), 60)
	if len(targets) == 0 {
		return Reply{Title: title, Body: []string{"报告中没有找到“" + clip(OneLine(topic), 40) + "”的" + planYear(year) + "目标数字。可以试试 /target 查看主要预期目标，或 /search 查找原文。"}, Feedback: hitFeedback("target", topic, nil)}, nil
	}
	shown, footer, next, prev := paginate(r, targets, page, 6, "target", arg)
	reply := Reply{Title: title, Footer: footer, Next: next, Prev: prev}
	if page == 0 {
		reply.Feedback = hitFeedback("target", topic, targets)
	}
	for _, h := range shown {
		name := metricName(h.Figure)
		if h.Year != year || h.YearFrom != 0 {
			name += " · " + YearKind(h.Figure) // a goal of another year: 到2020年…
		}
		reply.Fields = append(reply.Fields, Field{Name: name, Value: h.Raw + "\n" + h.Text + "\n出处：" + h.Section})
	}
	return reply, nil
}

// planYear names the year the report plans for, from its date line: 2017年,
// or 今年 when the report has none.
func planYear(year int) string {
	if year == 0 {
		return "今年"
	}
	return strconv.Itoa(year) + "年"
}

// mainTargets lists the year's main expected targets: the figures of the
// plan's sentence that sets them (主要预期目标).
func (r *Router) mainTargets() (Reply, error) {
	s, ok := r.mainTargetSentence()
	if !ok {
		return Reply{}, errors.New("the report has no sentence of main targets")
	}
	title := planYear(r.book.Outline().Year) + "主要预期目标"
	reply := Reply{Title: title, Citation: s.Section(), Image: r.figuresChart("target.png", title, s.Figures),
		Feedback: &Feedback{Command: "target", Answered: true, SentenceID: s.ID, Answer: s.Text}}
	for _, f := range s.Figures {
		reply.Body = append(reply.Body, "• "+metricName(f)+" "+f.Raw)
	}
	reply.Body = append(reply.Body, "原文："+s.Text)
	reply.Footer = "某个领域的目标：/target 领域，例如 /target 旅游"
	return reply, nil
}

// mainTargetSentence finds the plan's sentence of main targets: the one that
// says 主要预期目标 and carries the most figures.
func (r *Router) mainTargetSentence() (report.Sentence, bool) {
	var best report.Sentence
	for _, s := range r.book.Sentences() {
		if s.Period != report.PeriodPlan || !strings.Contains(s.Text, "预期目标") {
			continue
		}
		if len(s.Figures) > len(best.Figures) {
			best = s
		}
	}
	return best, len(best.Figures) > 0
}

func runSearch(ctx context.Context, r *Router, req Request) (Reply, error) {
	page, arg := pageOf(req, "keywords")
	kw := r.argument(arg)
	var words []string
	for _, w := range strings.Fields(strings.ToLower(kw)) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return Reply{}, userErrorf("请给出要查找的词")
	}
	var found []report.Sentence
	for _, s := range r.book.Sentences() {
		text := strings.ToLower(s.Text)
		all := true
		for _, w := range words {
			all = all && strings.Contains(text, w)
		}
		if all {
			found = append(found, s)
		}
	}
	title := "搜索：" + clip(OneLine(kw), 60)
	if len(found) == 0 {
		return Reply{Title: title, Body: []string{"报告中没有包含“" + clip(OneLine(kw), 40) + "”的句子。"}, Feedback: &Feedback{Command: "search", Question: kw}}, nil
	}
	shown, footer, next, prev := paginate(r, found, page, 5, "search", arg)
	reply := Reply{Title: title + "（" + strconv.Itoa(len(found)) + "句）", Footer: footer, Next: next, Prev: prev}
	if page == 0 {
		reply.Feedback = &Feedback{Command: "search", Question: kw, Answered: true, SentenceID: found[0].ID, Answer: found[0].Text}
	}
	for _, s := range shown {
		reply.Fields = append(reply.Fields, Field{Name: s.Section(), Value: s.Text})
	}
	return reply, nil
}

func runHelp(ctx context.Context, r *Router, req Request) (Reply, error) {
	reply := Reply{Title: "我能做什么", Body: []string{"我回答关于" + r.titles() + "的问题，每个回答都引用报告原文并注明出处。"}}
	if len(r.kb.Books()) > 1 {
		reply.Body = append(reply.Body, "问题或命令里提到城市或年份时，从对应的报告回答；否则从《"+r.kb.Books()[0].Outline().FullTitle()+"》回答。")
	}
	for _, c := range r.commands {
		if len(c.Subcommands) == 0 {
			reply.Fields = append(reply.Fields, Field{Name: c.NameZH, Value: strings.TrimPrefix(usageLine(&c), "用法：") + "\n" + c.DescriptionZH, Command: c.Name})
			continue
		}
		for _, sc := range c.Subcommands {
			value := "/" + c.Name + " " + sc.Name + "\n" + sc.DescriptionZH
			if c.ManageServer {
				value += "（需要“管理服务器”权限）"
			}
			reply.Fields = append(reply.Fields, Field{Name: c.NameZH + " · " + sc.NameZH, Value: value, Command: c.Name + " " + sc.Name})
		}
	}
	reply.Footer = "也可以直接@我提问，或在私信里问我，例如：今年旅游收入目标是多少？"
	return reply, nil
}

// titles names the loaded reports: 《2017年洛阳市政府工作报告》, or several.
func (r *Router) titles() string {
	var out []string
	for _, b := range r.kb.Books() {
		out = append(out, "《"+b.Outline().FullTitle()+"》")
	}
	return strings.Join(out, "、")
}

func runAbout(ctx context.Context, r *Router, req Request) (Reply, error) {
	books := r.kb.Books()
	if len(books) == 1 {
		return aboutBook(books[0]), nil
	}
	reply := Reply{Title: "收录" + strconv.Itoa(len(books)) + "份报告"}
	for k, b := range books {
		a := aboutBook(b)
		if k == 0 {
			a.Title += "（默认）"
		}
		reply.Fields = append(reply.Fields, Field{Name: a.Title, Value: strings.Join(a.Body, "\n")})
	}
	reply.Footer = "问题或命令里提到城市或年份时，从对应的报告回答；否则从默认报告回答。"
	return reply, nil
}

// aboutBook says what one report is and where it was read from.
func aboutBook(b report.Book) Reply {
	o := b.Outline()
	sentences := b.Sentences()
	figures := 0
	for _, s := range sentences {
		figures += len(s.Figures)
	}
	reply := Reply{Title: o.FullTitle()}
	if o.Subtitle != "" {
		reply.Body = append(reply.Body, strings.Trim(o.Subtitle, "―— （）()"))
	}
	if o.Speaker != "" {
		reply.Body = append(reply.Body, "报告人："+o.Speaker)
	}
	reply.Body = append(reply.Body,
		"数据来源：报告全文（"+o.Origin+"），去掉重复段落与网页残留后收录；回答只引用原文。",
		"收录："+strconv.Itoa(len(o.Parts))+"个部分、"+strconv.Itoa(len(sentences))+"句、"+strconv.Itoa(figures)+"个数字。")
	return reply
}

// OneLine keeps text a user typed on one line, without control characters,
// so that showing it back cannot break a layout or a terminal.
func OneLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
}
