// Package report holds the domain types of reportbot: the report's parts,
// areas, sentences and figures, and the answers built from them. It knows
// nothing of storage, segmentation or chat.
package report

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// Period tells whether a sentence's part looks back or ahead. The years
// themselves come from the report's date line: see Outline.Year.
type Period int

// The periods of the report: its review of last year and its plan for this one.
const (
	PeriodNone   Period = iota // the opening words, and parts that say neither
	PeriodReview               // a part that looks back (一、2016年工作回顾)
	PeriodPlan                 // a part that looks ahead (二、2017年…重点工作安排) and those after it
)

func (p Period) String() string {
	switch p {
	case PeriodReview:
		return "review"
	case PeriodPlan:
		return "plan"
	}
	return "none"
}

// Part is one of the report's numbered parts (一、二、三).
type Part struct {
	No    int    // 1, 2, 3
	Title string // 一、2016年工作回顾
	Areas []Area
}

// Area is an area of work inside a part: a numbered one ((一)…(十)) or, in
// the review, a paragraph led by a dash (――坚持把…).
type Area struct {
	No    int    // 1…10 for (一)…(十); 0 for a dash-led paragraph
	Label string // "(七)", or "――"
	Title string // 传承历史文脉，彰显文化特色，加快构建文化传承创新体系
	Items []string
}

// Heading returns the area as it stands in the report: (七)传承历史文脉….
func (a Area) Heading() string {
	if a.No == 0 {
		return a.Title
	}
	return a.Label + a.Title
}

// Sentence is one sentence of the report (or, where a sentence is long, one
// of its clauses), exactly as it stands after the corrections.
type Sentence struct {
	ID      int    // position in the report, from 1
	Text    string // the sentence, with its closing punctuation
	PartNo  int    // 0 before the first part
	AreaNo  int    // index+1 of the area within its part; 0 for none
	Part    string // heading of the part
	Area    string // heading of the area
	Item    string // heading of the item (一是…), or the review's topic (狠抓项目扩投资)
	Lead    string // for a clause of a long sentence: the sentence's opening words
	Period  Period
	Figures []Figure
}

// Section returns the sentence's place in the report, from the part down to
// the item, with long headings shortened: 二、2017年总体要求及重点工作安排 › (七)传承历史文脉… › 二是做大做强文化旅游产业.
func (s Sentence) Section() string {
	var parts []string
	if s.Part == "" {
		return "报告开头"
	}
	parts = append(parts, s.Part)
	if s.Area != "" {
		parts = append(parts, shortHeading(s.Area))
	}
	if s.Item != "" {
		parts = append(parts, shortHeading(s.Item))
	}
	return strings.Join(parts, " › ")
}

// Context returns the words around the sentence that say what it is about:
// its item and area headings and, for a clause, the sentence's lead.
func (s Sentence) Context() string {
	return strings.TrimSpace(strings.Join([]string{s.Item, s.Area, s.Lead}, " "))
}

// shortHeading keeps a heading's first clause and marks the cut with "…".
func shortHeading(h string) string {
	if i := strings.Index(h, "，"); i > 0 {
		return h[:i] + "…"
	}
	return h
}

// Figure is one number of the report: what it counts or measures, how, in
// which year, and whether it was achieved or is planned.
type Figure struct {
	Metric    string  `json:"metric"`              // the label: subject and measure word, 旅游总收入增长
	Subject   string  `json:"subject"`             // what is counted or measured: 旅游总收入, 省市重点项目总投资
	Measure   string  `json:"measure"`             // MeasureLevel, MeasureCount, MeasureGrowth, MeasureShare, MeasurePoints, MeasureMultiple
	Value     float64 `json:"value"`               // 1040
	Unit      string  `json:"unit"`                // 亿元
	NormValue float64 `json:"norm_value"`          // the value in BaseUnit: 1.04e11
	BaseUnit  string  `json:"base_unit,omitempty"` // the unit without 万 or 亿: 元
	Qualifier string  `json:"qualifier,omitempty"` // 以上, 左右, 余
	Raw       string  `json:"raw"`                 // as written: 1040亿元, 3%左右
	Year      int     `json:"year"`                // the year it is about (the last, for a span of years); 0 when none
	YearFrom  int     `json:"year_from,omitempty"` // the first year of a span (过去五年, 十三五), else 0
	Kind      string  `json:"kind"`                // KindActual, KindTarget, KindBase, KindRank, KindShare or KindOther
	Growth    bool    `json:"growth,omitempty"`    // a rate of change (增长8.8%), not a level (3740亿元)
}

// The kinds of figure.
const (
	KindActual = "actual" // achieved or estimated
	KindTarget = "target" // planned
	KindBase   = "base"   // an earlier value the sentence compares with (由2015年的23.5个月…)
	KindRank   = "rank"   // a place in a ranking (第3位)
	KindShare  = "share"  // a share of something named (占全市的46%, 占年计划的136.5%)
	KindOther  = "other"  // a margin over another place (高于全省4.5个百分点), a multiple, the size of a set
)

// The measures of figure.
const (
	MeasureLevel    = "level"    // an amount: 3740亿元, 364万平方米
	MeasureCount    = "count"    // a number of things: 415个, 1515家
	MeasureGrowth   = "growth"   // a rate of change: 增长8.8%
	MeasureShare    = "share"    // a proportion or rate: 46%, 城镇化率55.8%
	MeasurePoints   = "points"   // a change or margin in percentage points
	MeasureMultiple = "multiple" // times something: 1.5倍
)

// Comparison is a figure of last year beside the same figure planned for this
// year: same subject, same measure, compatible units.
type Comparison struct {
	Metric    string    `json:"metric"`
	Actual    FigureHit `json:"actual"`
	Target    FigureHit `json:"target"`
	Change    *float64  `json:"change"`     // target minus actual, in the actual's unit; null when a qualifier (左右, 以上, 余) makes it inexact
	ChangePct *float64  `json:"change_pct"` // the change in percent of the actual; null for rates and when inexact
}

// Answer is one sentence of the report that answers a question.
type Answer struct {
	ID      int      `json:"id"`      // the sentence's position in the report
	Text    string   `json:"text"`    // the sentence exactly as it stands
	Section string   `json:"section"` // where it stands: part › area › item
	Score   float64  `json:"score"`
	Figures []Figure `json:"figures"`
}

// FigureHit is a figure of the report that matches a metric query, with its
// sentence.
type FigureHit struct {
	Figure
	SentenceID int     `json:"sentence_id"`
	Text       string  `json:"text"`
	Section    string  `json:"section"`
	Score      float64 `json:"score"`
}

// Outline is the report's frame: its opening lines and its headings.
type Outline struct {
	Name     string // the report's name among those loaded: its folder's or file's (luoyang-2017)
	Origin   string // where it was read from: a path, or seeds/reports/NAME for the embedded one
	City     string // the city the report is of, read from its opening lines (洛阳); "" when none
	Place    string // the city as its opening lines write it in full (洛阳市, 丰溪县, 黔山布依族苗族自治州); "" when none
	Area     string // the district or county of the city the report is of (金水区 of 临江市金水区); "" for the city's own
	Title    string // 2017年洛阳市政府工作报告
	Subtitle string // ――2017年1月9日在洛阳市第十四届人民代表大会第五次会议上
	Speaker  string // 洛阳市人民政府代市长刘宛康
	Date     string // the date the report was given, 2017-01-09, from the date line; "" when none
	Year     int    // 今年: the year of the date line (2017); 0 when none
	Parts    []Part
}

// The kinds of error the knowledge base and the commands return, checked
// with errors.Is.
var (
	// ErrInvalidInput: the input cannot be read (a malformed data file line,
	// a question with nothing to search for).
	ErrInvalidInput = errors.New("invalid input")
	// ErrNotFound: nothing in the report matches.
	ErrNotFound = errors.New("not found")
	// ErrUnavailable: the state store does not answer (it is down, or
	// hangs); what needed it was not done, and may be tried again later.
	ErrUnavailable = errors.New("state store unavailable")
)

// Subscription is a channel that receives the daily digest.
type Subscription struct {
	ChannelID    string
	GuildID      string
	Source       string // SourceCommand or SourceConfig
	CreatedBy    string // the user who subscribed, for SourceCommand
	Broken       bool   // posting failed for good; no more attempts
	BrokenReason string
}

// Where a subscription comes from.
const (
	SourceCommand = "command" // /digest subscribe
	SourceConfig  = "config"  // DIGEST_CHANNEL_IDS
)

// ParseNumber reads a number from 1 to 99 written in Arabic or Chinese
// numerals (7, 七, 十一, 二十三); it returns 0 for anything else.
func ParseNumber(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		if n > 0 && n < 100 {
			return n
		}
		return 0
	}
	digits := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return digits[rs[0]]
	case len(rs) == 2 && rs[0] == '十':
		if d := digits[rs[1]]; d > 0 {
			return 10 + d
		}
	case len(rs) == 2 && rs[1] == '十':
		if d := digits[rs[0]]; d > 0 {
			return 10 * d
		}
	case len(rs) == 3 && rs[1] == '十':
		if a, b := digits[rs[0]], digits[rs[2]]; a > 0 && b > 0 {
			return 10*a + b
		}
	}
	return 0
}

// The languages of a question, and so of the words around its answer.
const (
	LangZH     = "zh"      // simplified Chinese
	LangZHHant = "zh-Hant" // traditional Chinese
	LangEN     = "en"      // English
)

// What a question asks that the report does not give, when it does not
// answer it.
const (
	MissingYear   = "year"   // a year the report gives nothing for (2018, 明年)
	MissingPlace  = "place"  // a place other than the report's city (郑州)
	MissingTerm   = "term"   // something the report never mentions (董事长, 票价)
	MissingFigure = "figure" // a number the report does not state
	MissingTopic  = "topic"  // nothing the report is about
	// MissingContext: a follow-up question (那去年呢) with no question before it.
	MissingContext = "context"
)

// Missing says what the report lacks to answer a question.
type Missing struct {
	Kind string   `json:"kind"`           // MissingYear, MissingPlace, …
	What []string `json:"what,omitempty"` // the year, the place, the words
	Rule string   `json:"-"`              // the name of the judge's rule that found it (ask --json shows it as "rule")
}

// Result is the knowledge base's reply to a question: whether the report
// answers it and the sentences, best first. When Answered is false, Answers
// holds at most three closest passages, and Missing says why.
type Result struct {
	Answered bool     `json:"answered"`
	Lang     string   `json:"lang"`              // the question's language: LangZH, LangZHHant, LangEN
	Missing  *Missing `json:"missing,omitempty"` // when not answered
	Message  string   `json:"message,omitempty"` // when not answered: what the report lacks, in the question's language
	Line     string   `json:"answer,omitempty"`  // when answered: the one line that answers, in the question's language
	// Understood is a follow-up question as it was read with the one
	// before it (那去年呢 → 去年旅游收入目标是多少), else the question as the
	// knowledge base reads it (lower case, half-width); set by AskIn.
	Understood string `json:"understood,omitempty"`
	// FollowUp tells whether the question was read with the one before it.
	FollowUp bool     `json:"follow_up,omitempty"`
	Answers  []Answer `json:"answers"`
	// Report names the report quoted when more than one is loaded.
	Report *ReportRef `json:"report,omitempty"`
}

// Book is one loaded report as the commands read it.
type Book interface {
	// Outline returns the report's opening lines and headings.
	Outline() Outline
	// Sentences returns every sentence in report order.
	Sentences() []Sentence
	// Figures returns the figures of a metric, best first.
	Figures(query string) ([]FigureHit, error)
	// Comparisons returns the pairs among hits of last year's actual and
	// this year's target that are the same figure; none when unsure.
	Comparisons(hits []FigureHit) []Comparison
	// English returns the glossary's English for a term of the report, or "".
	English(term string) string
}

// ReportRef names one of the loaded reports in an answer.
type ReportRef struct {
	Name  string `json:"name"`  // its name among those loaded
	Title string `json:"title"` // its full title: 2017年洛阳市政府工作报告
	Year  int    `json:"year"`  // the year it plans for
}

// FullTitle is the report's title with its year and city, when the title
// itself leaves them out (政府工作报告 of 襄阳, 2021: 2021年襄阳市政府工作报告).
func (o Outline) FullTitle() string {
	t := o.Title
	if t == "" {
		t = "政府工作报告"
	}
	if o.City != "" && !strings.Contains(t, o.City) {
		place := o.Place
		if place == "" {
			place = o.City + "市"
		}
		t = place + strings.TrimPrefix(t, "市")
	}
	if y := strconv.Itoa(o.Year); o.Year > 0 && !strings.Contains(t, y) {
		t = y + "年" + t
	}
	return t
}

// Asked is one question put to the bot, as the question log keeps it: no
// user names.
type Asked struct {
	ID         int64     `json:"id"`          // the log's row, set when logged
	Command    string    `json:"command"`     // ask, figure, target, search
	Question   string    `json:"question"`    // as typed
	Answered   bool      `json:"answered"`    // the report answered it
	SentenceID int       `json:"sentence_id"` // the top sentence; 0 when none
	Answer     string    `json:"answer"`      // the top sentence's text
	At         time.Time `json:"at"`
}

// Vote is one user's 👍 or 👎 on the answer to a question.
type Vote struct {
	Question   string    `json:"question"`
	SentenceID int       `json:"sentence_id"` // 0 when the reply quoted no sentence
	Answer     string    `json:"answer"`      // the sentence's text, which survives a re-index
	Up         bool      `json:"up"`
	UserHash   string    `json:"-"` // a keyed hash of the user's id, never the id
	At         time.Time `json:"at"`
}

// Stats is what the question log and the votes say about a period.
type Stats struct {
	Since      string          `json:"since,omitempty"` // YYYY-MM-DD; "" for everything kept
	Questions  int             `json:"questions"`
	Answered   int             `json:"answered"`
	Days       []DayStats      `json:"days"`       // oldest first
	Unanswered []QuestionCount `json:"unanswered"` // most asked first
	Downvoted  []AnswerVotes   `json:"downvoted"`  // most 👎 first
}

// DayStats counts one day's questions.
type DayStats struct {
	Date      string `json:"date"` // YYYY-MM-DD in the digest's time zone
	Questions int    `json:"questions"`
	Answered  int    `json:"answered"`
}

// QuestionCount is a question and how often it was asked.
type QuestionCount struct {
	Question string    `json:"question"`
	Count    int       `json:"count"`
	Last     time.Time `json:"last"`
}

// AnswerVotes is an answer and the votes on it.
type AnswerVotes struct {
	SentenceID int    `json:"sentence_id"`
	Answer     string `json:"answer"`
	Down       int    `json:"down"`
	Up         int    `json:"up"`
	Question   string `json:"question"` // one question it was voted on
}
