package knowledge

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"reportbot/report"
	"reportbot/seeds"
)

// The domain types live in package report, shared with the commands.
type (
	Period   = report.Period
	Part     = report.Part
	Area     = report.Area
	Sentence = report.Sentence
	Figure   = report.Figure
	Answer   = report.Answer
)

// The periods of the report.
const (
	PeriodNone   = report.PeriodNone
	PeriodReview = report.PeriodReview
	PeriodPlan   = report.PeriodPlan
)

// The kinds and measures of figure.
const (
	KindActual = report.KindActual
	KindTarget = report.KindTarget
	KindBase   = report.KindBase
	KindRank   = report.KindRank
	KindShare  = report.KindShare
	KindOther  = report.KindOther

	MeasureLevel    = report.MeasureLevel
	MeasureCount    = report.MeasureCount
	MeasureGrowth   = report.MeasureGrowth
	MeasureShare    = report.MeasureShare
	MeasurePoints   = report.MeasurePoints
	MeasureMultiple = report.MeasureMultiple
)

// Document is the report, parsed: its headings and its sentences in order.
type Document struct {
	Name      string     // the report's name among those loaded (luoyang-2017)
	Title     string     // 2017年洛阳市政府工作报告
	Subtitle  string     // ――2017年1月9日在…会议上
	Speaker   string     // 洛阳市人民政府代市长刘宛康
	Date      string     // 2017-01-09, from the date line; "" when there is none
	Year      int        // 今年: the date line's year; 去年 is Year-1; 0 when there is no date line
	Parts     []Part     // 一、二、三
	Sentences []Sentence // every sentence, in report order

	text     string         // the paragraphs kept, one a line: what the report's words are looked up in
	spans    []yearSpan     // the years each part speaks of, by part index
	leadTime map[int]string // sentence id → the time words opening its paragraph (2018年, 去年)
	names    []string       // by sentence: the names its figures are read to have that it does not write whole (figureNamesOf)
}

// Correction replaces From with To in the report text before parsing.
type Correction struct {
	From, To string
}

// ParseCorrections reads corrections: one per line, the text as it stands, a
// tab, the text it becomes; # starts a comment. It returns ErrInvalidInput for
// a line without a tab.
func ParseCorrections(data []byte) ([]Correction, error) {
	var out []Correction
	err := eachDataLine(data, func(n int, line string) error {
		from, to, ok := strings.Cut(line, "\t")
		if !ok || from == "" {
			return fmt.Errorf("corrections line %d: want FROM<tab>TO: %w", n, ErrInvalidInput)
		}
		out = append(out, Correction{From: from, To: to})
		return nil
	})
	return out, err
}

// eachDataLine calls fn for every line of a data file that is neither blank
// nor a comment, with its 1-based line number.
func eachDataLine(data []byte, fn func(n int, line string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if err := fn(n, line); err != nil {
			return err
		}
	}
	return sc.Err()
}

// CleanText makes text safe for the segmenter and the index: valid UTF-8
// only, no NULs, no zero-width characters or byte-order marks, \n line ends.
func CleanText(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Map(func(r rune) rune {
		switch r {
		case 0, '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
			return -1
		case '\r':
			return '\n'
		}
		return r
	}, s)
}

// maxSentence is the length, in characters, past which a sentence is cut
// at its semicolons into clauses.
const maxSentence = 100

// hardMaxSentence is the length past which a clause is cut at commas.
const hardMaxSentence = 240

var (
	// rePart: a part's heading, 一、2016年工作回顾 or 第一部分　2023年工作回顾.
	rePart = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)`)
	reDate = regexp.MustCompile(`((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日`)
	reArea = regexp.MustCompile(`^[(（]([一二三四五六七八九十]+)[)）]`)
	// reAreaDigits: an area numbered in Arabic numerals (1．聚力产业转型升级。).
	reAreaDigits = regexp.MustCompile(`^(\d{1,2})[．.、]`)
	reItem       = regexp.MustCompile(`^([一二三四五六七八九十]+)是`)
)

// Parse reads the report: it cleans the text, applies the corrections (each
// must occur, or ErrInvalidInput comes back), keeps each repeated paragraph
// once, and splits the rest into parts, areas, items and sentences, each
// sentence with its figures. A report without a numbered part is an
// ErrInvalidInput.
func Parse(raw []byte, corrections []Correction) (*Document, error) {
	text, err := applyCorrections(CleanText(string(raw)), corrections)
	if err != nil {
		return nil, err
	}
	p := &parsing{doc: &Document{}, seen: make(map[string]bool)}
	for _, line := range strings.Split(text, "\n") {
		p.paragraph(line)
	}
	doc := p.doc
	doc.text = p.all.String()
	if len(doc.Parts) == 0 {
		return nil, fmt.Errorf("no numbered part (一、…) found in the report: %w", ErrInvalidInput)
	}
	doc.readFigures()
	return doc, nil
}

// applyCorrections replaces each correction's From with its To, in order. A
// From that does not occur is an ErrInvalidInput.
func applyCorrections(text string, corrections []Correction) (string, error) {
	for _, c := range corrections {
		if !strings.Contains(text, c.From) {
			return "", fmt.Errorf("correction %q does not occur in the report: %w", c.From, ErrInvalidInput)
		}
		text = strings.ReplaceAll(text, c.From, c.To)
	}
	return text, nil
}

// parsing is Parse's walk through the report's paragraphs, in order.
type parsing struct {
	doc  *Document
	all  strings.Builder // the paragraphs kept, one a line
	seen map[string]bool // the paragraphs read, each kept once
	part *Part           // the part being read; nil in the opening
	area *Area           // the area being read, or nil
	// carry is the time words of the last paragraph of the part that opened
	// with them (过去五年，是…的五年。): they hold for the paragraphs after it
	// (综合实力跨上新台阶。…), until another opens with time words of its own.
	carry string
}

// paragraph reads one line of the report: the title, a part's heading, a
// line of the opening before the first part, or a paragraph of a part. A
// blank line or a paragraph seen before is skipped.
func (p *parsing) paragraph(line string) {
	para := strings.TrimFunc(line, unicode.IsSpace)
	if para == "" || p.seen[para] {
		return
	}
	p.seen[para] = true
	p.all.WriteString(para)
	p.all.WriteByte('\n')
	if p.title(para) || p.partHeading(para) {
		return
	}
	if p.part == nil {
		p.opening(para)
		return
	}
	p.body(para)
}

// title reads the report's title, its first line that names a 报告 and is
// no sentence, and tells whether para was it.
func (p *parsing) title(para string) bool {
	d := p.doc
	if d.Title != "" || len(d.Sentences) != 0 || !strings.Contains(para, "报告") || strings.ContainsAny(para, "。，") {
		return false
	}
	d.Title = para
	d.add(Sentence{Text: para})
	return true
}

// partHeading reads a part's heading (一、2016年工作回顾), with the years it
// speaks of, and tells whether para was one. The date line is read first, if
// it has not been, for the years.
func (p *parsing) partHeading(para string) bool {
	if !rePart.MatchString(para) || utf8.RuneCountInString(para) > 40 || strings.Contains(para, "。") {
		return false
	}
	d := p.doc
	if d.Year == 0 {
		d.readDate(d.Subtitle)
	}
	d.Parts = append(d.Parts, Part{No: len(d.Parts) + 1, Title: para})
	p.part = &d.Parts[len(d.Parts)-1]
	p.carry = ""
	prev := PeriodNone
	if n := len(d.spans); n > 0 {
		prev = d.spans[n-1].period
	}
	d.spans = append(d.spans, partSpan(para, d.Year, prev))
	p.area = nil
	return true
}

// opening reads a paragraph before the first part: the subtitle with the
// date line, the speaker, the salutation. Each is kept as sentences too.
func (p *parsing) opening(para string) {
	d := p.doc
	if d.Subtitle == "" && isDateLine(para) {
		d.Subtitle = para
		d.readDate(para)
	} else if d.Speaker == "" && strings.Contains(para, "长") && utf8.RuneCountInString(para) <= 30 && !strings.ContainsAny(para, "。，：") {
		d.Speaker = para
	}
	for _, s := range splitSentences(para) {
		d.add(Sentence{Text: s})
	}
}

// body reads a paragraph of a part: one that opens an area ((七), 1．, ――)
// starts it; any other ends the area before.
func (p *parsing) body(para string) {
	sents := splitSentences(para)
	p.area = nil
	if areaLabel(para) != nil || isDashLead(para) {
		p.part.Areas = append(p.part.Areas, newArea(para, sents[0]))
		p.area = &p.part.Areas[len(p.part.Areas)-1]
	}
	lt := leadTimeWords(sents[0])
	if lt != "" {
		p.carry = ""
	}
	p.doc.addParagraph(p.part, p.area, sents, p.carry)
	review := p.doc.spans[p.part.No-1].period == PeriodReview
	if second := leadTimeWords(sents[1%len(sents)]); lt == "" && review && len(sents) > 1 && yearsIn(second) > 1 && !strings.HasPrefix(second, "今后") {
		// 各位代表，2020年各项工作的圆满收官，标志着“十三五”规划胜利完成。
		// 五年来，…: the five years its second sentence opens hold for the
		// paragraphs after it (——民生福祉达到新水平。…城镇新增就业累计22.3万人),
		// in a part that looks back
		lt = second
	}
	if lt != "" {
		p.carry = lt
	}
}

// newArea reads the area that a paragraph opens: its label and number
// ((七), 7) or the dashes of the review's topics, and its title, the rest
// of the paragraph's first sentence.
func newArea(para, first string) Area {
	m := areaLabel(para)
	a := Area{Label: "――"}
	title := strings.TrimSuffix(first, "。")
	if m != nil {
		a.No = report.ParseNumber(m[1])
		a.Label = m[0]
		title = title[len(m[0]):]
	} else {
		title = strings.TrimLeft(title, dashes)
	}
	a.Title = title
	return a
}

// readFigures finds the figures of every sentence, and the names they are
// read to have that their sentences do not write whole.
func (d *Document) readFigures() {
	d.names = make([]string, len(d.Sentences))
	for i := range d.Sentences {
		s := &d.Sentences[i]
		s.Figures = extractFigures(s.Text, d.figureContext(s))
		d.names[i] = figureNamesOf(s)
	}
}

// figureNames returns, a line each, the subjects the figures are read to
// have that their sentences do not write whole: 农村居民人均可支配收入 of
// 城镇和农村居民人均可支配收入分别达到…. They are names of the report's
// things as much as its words are.
func (d *Document) figureNames() string {
	return strings.Join(d.names, "")
}

// figureNamesOf returns, a line each, the subjects of a sentence's figures
// that it does not write whole.
func figureNamesOf(s *Sentence) string {
	var sb strings.Builder
	var seen []string
	for _, f := range s.Figures {
		if f.Subject != "" && !strings.Contains(s.Text, f.Subject) && !slices.Contains(seen, f.Subject) {
			seen = append(seen, f.Subject)
			sb.WriteString("\n" + f.Subject)
		}
	}
	return sb.String()
}

// figureContext is what the figures of a sentence need beyond its text: the
// report's year, and the years of the sentence's part, or those of the time
// words opening its paragraph.
func (d *Document) figureContext(s *Sentence) figureContext {
	fc := figureContext{year: d.Year, period: s.Period, topic: topicOf(s.Item)}
	if s.PartNo > 0 {
		sp := d.spans[s.PartNo-1]
		fc.from, fc.to = sp.from, sp.to
	}
	if lt := d.leadTime[s.ID]; lt != "" {
		// 2018年，…。全年接待游客…: the paragraph's time words hold for all of it.
		if ms := timeMarks(lt, fc); len(ms) > 0 {
			fc.from, fc.to = ms[len(ms)-1].from, ms[len(ms)-1].to
		}
	}
	return fc
}

// areaLabel returns the label that opens an area's paragraph and its number,
// (（七）, 七) or (1．, 1), or nil.
func areaLabel(para string) []string {
	if m := reArea.FindStringSubmatch(para); m != nil {
		return m
	}
	m := reAreaDigits.FindStringSubmatch(para)
	if m == nil {
		return nil
	}
	if r, _ := utf8.DecodeRuneInString(para[len(m[0]):]); !unicode.Is(unicode.Han, r) {
		return nil // 1.5万人…: a number, not a label
	}
	return m
}

// dashes open a paragraph that names a topic of the review (――综合实力迈上新台阶。):
// a horizontal bar or an em dash, as reports write either.
const dashes = "―—"

func isDashLead(para string) bool {
	return strings.HasPrefix(para, "――") || strings.HasPrefix(para, "——")
}

// isDateLine tells whether a paragraph of the opening is the line that says
// when and where the report was given: ――2017年1月9日在…会议上, with any
// dashes or brackets around it.
func isDateLine(para string) bool {
	return reDate.MatchString(para) && (strings.Contains(para, "会议") || strings.Contains(para, "大会")) &&
		utf8.RuneCountInString(para) <= 80 && !strings.Contains(para, "。")
}

// readDate reads the report's date from its date line (――2017年1月9日在…):
// the year of 今年, from which every other year of the report follows.
func (d *Document) readDate(line string) {
	m := reDate.FindStringSubmatch(line)
	if m == nil {
		return
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	day, _ := strconv.Atoi(m[3])
	d.Year = y
	d.Date = fmt.Sprintf("%04d-%02d-%02d", y, mo, day)
}

// yearSpan is what a part of the report speaks of: whether it looks back or
// ahead, and the years from and to (equal for one year; 0 when unknown).
type yearSpan struct {
	period   Period
	from, to int
}

// The words of a part's heading that say it looks back or ahead.
var (
	headingReviewCues = []string{"回顾", "过去", "以来"}
	headingPlanCues   = []string{"安排", "重点工作", "今后", "目标", "计划", "建议", "任务", "展望"}
)

// partSpan reads a part's heading: 一、2016年工作回顾 looks back at
// 2016; 二、2017年…重点工作安排 looks ahead at 2017; 一、过去五年工作回顾
// looks back at the five years before year; 二、今后五年… ahead at the five
// from it, 二、“十五五”时期… at the plan's. A heading that says neither (三、加快建设…服务型政府) continues a
// plan before it, and else is PeriodNone.
func partSpan(title string, year int, prev Period) yearSpan {
	sp := yearSpan{}
	ys := reYear.FindAllStringSubmatch(title, -1)
	switch {
	case containsAny(title, headingReviewCues):
		sp.period = PeriodReview
	case containsAny(title, headingPlanCues):
		sp.period = PeriodPlan
	case len(ys) > 0 && year > 0:
		if y, _ := strconv.Atoi(ys[0][1]); y < year {
			sp.period = PeriodReview
		} else {
			sp.period = PeriodPlan
		}
	case prev == PeriodPlan:
		sp.period = PeriodPlan
	}
	if len(ys) > 0 {
		sp.from, _ = strconv.Atoi(ys[0][1])
		sp.to, _ = strconv.Atoi(ys[len(ys)-1][1])
		return sp
	}
	if m := reFiveYearPlan.FindStringSubmatch(title); m != nil {
		// 二、“十五五”时期发展的主要目标: the plan's five years.
		sp.from, sp.to = planYears(m[1])
		return sp
	}
	if year == 0 {
		return sp
	}
	if n := yearsIn(title); n > 0 {
		if sp.period == PeriodReview {
			return yearSpan{sp.period, year - n, year - 1}
		}
		return yearSpan{sp.period, year, year + n - 1}
	}
	switch sp.period {
	case PeriodReview:
		sp.from, sp.to = year-1, year-1
	case PeriodPlan:
		sp.from, sp.to = year, year
	}
	return sp
}

// reItemLead is the "一是" that opens an item.
var reItemLead = regexp.MustCompile(`^[一二三四五六七八九十]+是`)

// topicNouns end a heading that names a field of figures: 五大主导产业,
// 服务业, 产业集聚区.
var topicNouns = []string{"产业", "行业", "领域", "工业", "服务业", "农业", "集聚区", "园区", "组团", "板块"}

// topicOf returns the field an item heading names (一是做大做强五大主导产业
// gives 五大主导产业), for the figures under it whose subject is only 项目,
// or "".
func topicOf(item string) string {
	t := reItemLead.ReplaceAllString(strings.TrimSuffix(item, "。"), "")
	if t == item || strings.ContainsAny(t, "，、；：") {
		return ""
	}
	t = stripVerbs(t)
	for _, n := range topicNouns {
		if strings.HasSuffix(t, n) && utf8.RuneCountInString(t) <= 10 {
			return t
		}
	}
	return ""
}

func (d *Document) add(s Sentence) {
	s.ID = len(d.Sentences) + 1
	d.Sentences = append(d.Sentences, s)
}

// addParagraph adds a paragraph's sentences with their headings. In an area,
// the first sentence is the area's title; "一是…" sentences open items; in
// the review's dash-led paragraphs, a short sentence with no commas between
// two others opens a topic (狠抓项目扩投资。). The paragraph's opening time
// words hold for its later sentences; without them, carry (the time words
// of a paragraph before that opened what follows) holds for all of them.
func (d *Document) addParagraph(part *Part, area *Area, sents []string, carry string) {
	period := d.spans[part.No-1].period
	item := ""
	leadParaTime, from := "", 1 // the time words, and the first sentence they hold for
	if len(sents) > 1 {
		leadParaTime = leadTimeWords(sents[0])
	}
	if leadParaTime == "" && carry != "" {
		leadParaTime, from = carry, 0
	}
	prevHeading := false
	for i, s := range sents {
		isHeading := false
		if area != nil {
			switch {
			case reItem.MatchString(s):
				item = strings.TrimSuffix(s, "。")
				area.Items = append(area.Items, item)
				isHeading = true
			case area.No == 0 && i > 0 && i < len(sents)-1 && !prevHeading && isTopic(s):
				item = strings.TrimSuffix(s, "。")
				area.Items = append(area.Items, item)
				isHeading = true
			}
		}
		prevHeading = isHeading
		base := Sentence{PartNo: part.No, Part: part.Title, Item: item, Period: period}
		if area != nil {
			base.Area = area.Heading()
			base.AreaNo = len(part.Areas)
		}
		if i == 0 && area != nil {
			base.Item = ""
		}
		clauses := splitLong(s)
		lead := ""
		if len(clauses) > 1 {
			lead = sentenceLead(s)
		}
		para := leadParaTime
		for j, c := range clauses {
			st := base
			st.Text = c
			if j > 0 {
				st.Lead = lead
			}
			d.add(st)
			if para != "" && i >= from {
				if d.leadTime == nil {
					d.leadTime = make(map[int]string)
				}
				d.leadTime[len(d.Sentences)] = para
			}
		}
	}
}

// reLeadTime is a paragraph's opening time words: 2018年，, 去年，, 过去五年，,
// and with words before them or 是 after them: 刚刚过去的2021年，是…,
// 2021年是…, 过去的一年，, 各位代表，刚刚过去的2021年，….
var reLeadTime = regexp.MustCompile(`^(?:[―—]+)?(?:各位代表[，！,!])?(?:刚刚过去的|刚刚过去|已经过去的|过去的)?((?:19|20)\d\d年|去年|今年|过去的?[一二三四五六七八九十两]年|[一二三四五六七八九十两]年来|今后[一二三四五六七八九十两]年)(?:，|是)`)

// leadTimeWords returns the time words a paragraph opens with, or "".
func leadTimeWords(first string) string {
	if m := reLeadTime.FindStringSubmatch(first); m != nil {
		return m[1]
	}
	return ""
}

// isTopic tells whether a sentence reads as a topic heading: short, one
// clause, no figures.
func isTopic(s string) bool {
	body := strings.TrimSuffix(s, "。")
	n := utf8.RuneCountInString(body)
	if n < 4 || n > 14 || body == s {
		return false
	}
	return !strings.ContainsAny(body, "，、；：0123456789()（）ABCDEFGHIJKLMNOPQRSTUVWXYZ")
}

// sentenceLead returns the opening of a long sentence that its later clauses
// depend on: up to its colon when the first clause has one, else its first clause.
func sentenceLead(s string) string {
	first := s
	if i := strings.Index(s, "；"); i >= 0 {
		first = s[:i]
	}
	if i := strings.Index(first, "："); i >= 0 {
		return first[:i]
	}
	if i := strings.Index(first, "，"); i >= 0 {
		return first[:i]
	}
	return ""
}

// closers may follow a sentence's end mark and stay with the sentence.
const closers = "”’」』）)"

// splitSentences cuts a paragraph after 。！？ (and any closing quotes).
func splitSentences(para string) []string {
	var out []string
	start := 0
	for i := 0; i < len(para); {
		r, size := utf8.DecodeRuneInString(para[i:])
		i += size
		if r != '。' && r != '！' && r != '？' && r != '!' && r != '?' {
			continue
		}
		for i < len(para) {
			r2, s2 := utf8.DecodeRuneInString(para[i:])
			if !strings.ContainsRune(closers, r2) {
				break
			}
			i += s2
		}
		if s := strings.TrimSpace(para[start:i]); s != "" {
			out = append(out, s)
		}
		start = i
	}
	if s := strings.TrimSpace(para[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// splitLong cuts a sentence longer than maxSentence characters after its
// semicolons, and any clause still longer than hardMaxSentence after commas.
func splitLong(s string) []string {
	if utf8.RuneCountInString(s) <= maxSentence {
		return []string{s}
	}
	var out []string
	for _, c := range splitAfter(s, "；") {
		if utf8.RuneCountInString(c) <= hardMaxSentence {
			out = append(out, c)
			continue
		}
		// Rare: pack comma-separated pieces into chunks of at most half the bound.
		cur := ""
		for _, p := range splitAfter(c, "，") {
			if cur != "" && utf8.RuneCountInString(cur+p) > hardMaxSentence/2 {
				out = append(out, cur)
				cur = ""
			}
			cur += p
		}
		if cur != "" {
			out = append(out, cur)
		}
	}
	return out
}

// splitAfter cuts s after every sep, keeping sep with the piece before it.
func splitAfter(s, sep string) []string {
	var out []string
	for {
		i := strings.Index(s, sep)
		if i < 0 {
			break
		}
		out = append(out, s[:i+len(sep)])
		s = s[i+len(sep):]
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}

// parseSources parses every report, numbering its sentences after those of
// the reports before it, so that an id names one sentence of one report. A
// report that cannot be read, two reports of one name, or two of the same
// title and year are an ErrInvalidInput naming the file.
func parseSources(sources []Source) ([]*Document, error) {
	var docs []*Document
	names, titles := map[string]string{}, map[string]string{}
	first := 0
	for _, src := range sources {
		doc, err := parseSource(src)
		if err != nil {
			return nil, err
		}
		if other, dup := names[src.Name]; dup {
			return nil, fmt.Errorf("reports %s and %s have the same name %q: rename one of them: %w", other, src.Origin, src.Name, ErrInvalidInput)
		}
		names[src.Name] = src.Origin
		title := doc.outline(src).FullTitle()
		if other, dup := titles[title]; dup {
			return nil, fmt.Errorf("reports %s and %s are both %s: %w", other, src.Origin, title, ErrInvalidInput)
		}
		titles[title] = src.Origin
		for i := range doc.Sentences {
			doc.Sentences[i].ID = first + i + 1
		}
		first += len(doc.Sentences)
		docs = append(docs, doc)
	}
	return docs, nil
}

// parseSource parses one report with its own corrections.
func parseSource(src Source) (*Document, error) {
	if err := checkText(src.Text()); err != nil {
		return nil, fmt.Errorf("report %s: %w", src.Origin, err)
	}
	corrections, err := ParseCorrections(src.Files[seeds.CorrectionsFile])
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", src.Origin, err)
	}
	doc, err := Parse(src.Text(), corrections)
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", src.Origin, err)
	}
	if doc.Year == 0 {
		return nil, fmt.Errorf("report %s: no date line before the first part (a line such as ――X年X月X日在…人民代表大会…会议上), so 今年 and 去年 cannot be read: %w", src.Origin, ErrInvalidInput)
	}
	doc.Name = src.Name
	return doc, nil
}

// reCity finds the report's city in its opening lines: 2017年洛阳市政府工作报告,
// 在襄阳市第十八届人民代表大会, 江州市人民政府市长, 在黔山布依族苗族自治州 (an
// autonomous prefecture, named without its peoples), 临江区2019年政府工作报告 (a
// district, its report naming no city).
var reCity = regexp.MustCompile(`(?:^|年|在)(\p{Han}{2,4}?)(?:\p{Han}{1,3}族)*(?:自治)?[市州县区]`)

// reOwnArea is a district or a county named right after the report's city
// (临江市金水区): the report is of it.
var reOwnArea = regexp.MustCompile(`^(\p{Han}{1,3}?[区县])(?:人民|第|政府)`)

// outline is the report's frame, as the commands show it.
func (d *Document) outline(src Source) report.Outline {
	o := report.Outline{Name: src.Name, Origin: src.Origin, Title: d.Title, Subtitle: d.Subtitle, Speaker: d.Speaker, Date: d.Date, Year: d.Year, Parts: d.Parts}
	for _, line := range []string{d.Title, d.Subtitle, d.Speaker} {
		line = strings.Trim(line, dashes+"（）() ")
		if m := reCity.FindStringSubmatchIndex(line); m != nil && !strings.Contains(line[m[2]:m[3]], "政府") {
			o.City, o.Place = line[m[2]:m[3]], line[m[2]:m[1]]
			if a := reOwnArea.FindStringSubmatch(line[m[1]:]); a != nil && !strings.Contains(a[1], "政府") {
				o.Area = a[1] // 2020年临江市金水区人民政府工作报告: the district's report
			}
			break
		}
	}
	return o
}
