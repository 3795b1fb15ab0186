package knowledge

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"reportbot/report"
)

// Follow-up questions: 那去年呢, 游客呢, 增长了多少, and its growth? leave out
// what the previous question of the conversation said. Such a question is
// read with the previous one: its time, its subject and what it asks carry
// over unless the new question replaces them, and the question as read is
// the answer's "understood".

// maxFollowUpRunes is the length of the longest Chinese question read as a
// follow-up when it names a thing of its own (抚育改造森林呢).
const maxFollowUpRunes = 12

// maxFollowUpWords is the same for an English question.
const maxFollowUpWords = 6

var (
	// reZhTime: the time words of a Chinese question, replaced by a
	// follow-up's own.
	reZhTime = regexp.MustCompile(`(?:19|20)\d\d年(?:底|末)?|今年|去年|明年|前年|上年|本年|当年`)
	// reEnTime: the same in English.
	reEnTime = regexp.MustCompile(`(?i)\b(?:in |for |of )?(?:(?:19|20)\d\d|this year|last year|next year|the previous year|the year before)\b`)
	// reZhLead and reZhTail: the words that open and close a follow-up (那,
	// 还有; 呢).
	reZhLead = regexp.MustCompile(`^(?:那么|那|还有|另外|再问一下|再问|然后)[，, ]*`)
	reZhTail = regexp.MustCompile(`[呢吗]?[？?。！!]*$`)
	reEnLead = regexp.MustCompile(`(?i)^(?:and|what about|how about|also|then)\b[ ,]*`)
	// rePointBack: a question that points back at the thing before (它, 其, 每套).
	rePointBack = regexp.MustCompile(`^(?:它|其|这个|该|每[个套家所项])`)
	// reFollowCue: a question that points back (它, 这个, 该) or asks on (呢, and …?).
	reFollowCue = regexp.MustCompile(`^(?:那么|那|还有|另外|然后)|呢[？?]*$|^它|^其|^这个|^该|^每[个套家所项]|(?i)^(?:and|what about|how about)\b|(?i)\b(?:it|its|that|this one)\b`)
)

// AskIn answers a question of a conversation: a follow-up is read with the
// previous question as the conversation understood it (prev; "" for the
// first). The result's Understood is the question as read, to be passed as
// prev with the next one. A follow-up with nothing before it is not answered,
// with a hint to ask a whole question.
func (b *Base) AskIn(ctx context.Context, question, prev string, top int) (report.Result, error) {
	q := NormalizeQuestion(question)
	bk, _ := b.pick(question)
	if prev != "" {
		bk, _ = b.pick(prev + " " + question)
	}
	prev = NormalizeQuestion(prev)
	r, follow := bk.understand(q, prev)
	if follow && prev == "" {
		res := report.Result{Lang: bk.prepare(q).lang, Answers: []Answer{}, Understood: q,
			Missing: &report.Missing{Kind: report.MissingContext, Rule: "no-context"}}
		res.Message = bk.message(res)
		return res, nil
	}
	if prev != "" && reWhereInReport.MatchString(q) {
		// 它在哪一部分: where the previous answer stands
		res, err := b.askBook(ctx, bk, prev, top)
		if err == nil && res.Answered && len(res.Answers) > 0 {
			res.Line = whereLine(bk.prepare(q).lang, res.Answers[0].Section)
		}
		res.Understood, res.FollowUp = prev, true
		return res, err
	}
	res, err := b.askBook(ctx, bk, r.text, top)
	res.Understood, res.FollowUp = r.text, follow
	if err == nil && len(r.unknown) > 0 && res.Answered {
		// 臭氧呢 after a question on PM2.5: the report never speaks of it.
		res.Answered, res.Line = false, ""
		res.Missing = &report.Missing{Kind: report.MissingTerm, What: r.unknown, Rule: "unknown-word"}
		res.Message = bk.message(res)
		return res, nil
	}
	if err != nil || r.alone == "" {
		return res, err
	}
	if res.Answered && covers(res, r.things) || res.Answered && r.keep && coversHead(res, r.things) {
		// 六大新兴产业呢 after 五大主导产业…重大项目: read as it stands
		// alone when that finds the same answer, which says it plainer
		if res2, err := b.askBook(ctx, bk, r.alone, top); err == nil && res2.Answered && len(res2.Answers) > 0 && res2.Answers[0].ID == res.Answers[0].ID {
			res2.Understood, res2.FollowUp = r.alone, true
			return res2, nil
		}
		return res, nil
	}
	// The answer leaves out the thing the follow-up names, or there is none:
	// 那旅游呢 after 去年GDP增长目标是多少 asks of 旅游, not of GDP, so the
	// follow-up's thing takes the previous one's place; when that answer
	// leaves it out too, the report does not give the number asked (農村的呢
	// after a question on all residents' income).
	if res2, err := b.askBook(ctx, bk, r.alone, top); err == nil && res2.Answered && covers(res2, r.things) {
		res2.Understood, res2.FollowUp = r.alone, true
		return res2, nil
	}
	if !res.Answered || r.keep {
		return res, nil
	}
	res.Answered, res.Line = false, ""
	res.Missing = &report.Missing{Kind: report.MissingFigure, Rule: "follow-up-thing"}
	res.Message = bk.message(res)
	return res, nil
}

// covers tells whether a result's best answer names every one of things
// (by one of its words), or the item heading right above it names the
// thing by the follow-up's own word (一是做大做强六大新兴产业 over 计划实施
// 重大项目160个; not the area's heading, which lists many things, nor a
// word of the thing's wider senses: 医院 is not 公共服务).
func covers(res report.Result, things [][]string) bool {
	if len(res.Answers) == 0 {
		return false
	}
	a := res.Answers[0]
	text, item := strings.ToLower(a.Text), ""
	if path := strings.Split(a.Section, " › "); len(path) >= 3 {
		item = strings.ToLower(path[len(path)-1])
	}
	for _, terms := range things {
		if !slices.ContainsFunc(terms, func(t string) bool { return strings.Contains(text, strings.ToLower(t)) }) &&
			(item == "" || !strings.Contains(item, strings.ToLower(terms[0]))) {
			return false
		}
	}
	return true
}

// coversHead tells whether a result's answer line names each of things, by
// one of its words or, for a kind of thing whose words share their last
// letter (中心村, 行政村, 农村: 村), by that letter (214个贫困村): an English
// follow-up's glossary words need not stand in the answer as they are. The
// line, not the whole sentence, which may list other figures; and a letter
// only when words share it, not the last of one word (入 of 旅游总收入 is in
// 一般公共预算收入).
func coversHead(res report.Result, things [][]string) bool {
	text := res.Line
	for _, terms := range things {
		head := sharedLast(terms)
		if !slices.ContainsFunc(terms, func(t string) bool { return strings.Contains(text, t) }) && (head == 0 || !strings.ContainsRune(text, head)) {
			return false
		}
	}
	return true
}

// sharedLast returns the Chinese letter that ends at least two of words and
// at least half of them, or 0.
func sharedLast(words []string) rune {
	count := map[rune]int{}
	for _, w := range words {
		if r, _ := utf8.DecodeLastRuneInString(w); isHan(r) {
			count[r]++
		}
	}
	for r, n := range count {
		if n >= 2 && 2*n >= len(words) {
			return r
		}
	}
	return 0
}

// reWhereInReport asks where in the report an answer stands.
var reWhereInReport = regexp.MustCompile(`哪一?部分|哪个部分|哪一?节|哪一?章|出处|在报告(?:的)?哪|(?i)which (?:part|section|chapter)|where in the report`)

// whereLine says where in the report the answer stands.
func whereLine(lang, section string) string {
	switch lang {
	case LangEN:
		return "In the report: " + section
	case LangZHHant:
		return ToTraditional("出处：") + section
	}
	return "出处：" + section
}

// reading is a question as read with the previous one of its conversation.
type reading struct {
	text string // the question as read
	// alone is a Chinese follow-up that names things of its own (things,
	// the words of each) read with the previous question's time and way of
	// asking but not its subject (那旅游呢 after 去年GDP增长目标是多少 is
	// 去年旅游目标是多少); "" when it names none.
	alone  string
	things [][]string
	// unknown are the words a Chinese follow-up names of its own that the
	// report never uses (臭氧呢 after a question on PM2.5): what it asks of
	// is not in the report.
	unknown []string
	// keep: when neither reading's answer names the follow-up's things, the
	// merged reading's answer stands (English).
	keep bool
}

// understand returns the question as read with the previous one, and
// whether it is a follow-up at all.
func (b *Book) understand(q, prev string) (reading, bool) {
	qs := b.prepare(q)
	it := b.analyze(qs)
	if !isFollowUp(q, qs.lang, &it) && !(prev != "" && qs.lang != LangEN && (weakSubject(qs.text, &it) || attributeOnly(qs.text, &it) || b.eventOnly(qs.text, &it))) {
		return reading{text: q}, false
	}
	if prev == "" {
		return reading{text: q}, true
	}
	if qs.lang == LangEN || isEnglish(prev) {
		return b.readEnglishFollowUp(q, prev), true
	}
	return b.readChinese(q, prev, qs.lang, &it), true
}

// readEnglishFollowUp reads an English follow-up with the previous question;
// when it names things of its own (what about tourism revenue?), alone is
// the previous question without the things it named, with the follow-up's.
// An English answer that leaves out the follow-up's thing is not refused for
// it: the glossary's words need not stand in the answer as they are.
func (b *Book) readEnglishFollowUp(q, prev string) reading {
	r := reading{text: mergeEnglish(q, prev)}
	own := strings.TrimSpace(reEnLead.ReplaceAllString(strings.TrimSpace(q), ""))
	if !isEnglish(own) || !isEnglish(prev) {
		return r
	}
	oq := b.readEnglish(own)
	onlyDict := true
	for _, g := range oq.groups {
		if isSubject(concept{terms: g}) {
			r.things = append(r.things, g)
			onlyDict = onlyDict && slices.ContainsFunc(oq.dict, func(d dictGroup) bool { return slices.Equal(d.terms, g) })
		}
	}
	if onlyDict {
		// words only the dictionary knows name no thing of the report on
		// their own (last year's actual?: 实际)
		r.things = nil
	}
	if len(r.things) > 0 {
		r.alone = mergeEnglish(own, b.englishWithoutTerms(prev))
		r.keep = true
	}
	return r
}

// isFollowUp tells whether a question leaves out what a previous one said:
// it names nothing to ask about, or it is short and points back or on.
func isFollowUp(q, lang string, it *intent) bool {
	if !slices.ContainsFunc(it.concepts, isThing) && len(it.unknown) == 0 && !it.wantDate && !it.wantPerson {
		return true // 增长多少, 今年的目标呢, 开工和竣工分别是多少: how to ask, of nothing named
	}
	short := utf8.RuneCountInString(q) <= maxFollowUpRunes
	if lang == LangEN {
		short = len(englishWords(q)) <= maxFollowUpWords
	}
	return short && reFollowCue.MatchString(q)
}

// isSubject tells whether a concept names a thing, not only how a question
// asks (增长, 目标, 增速).
func isSubject(c concept) bool {
	w := strings.TrimSuffix(c.terms[0], "了")
	for _, cues := range [][]string{growthCues, figureCues, changeWords, planCues, reviewCues} {
		for _, cue := range cues {
			w = strings.ReplaceAll(w, cue, "")
		}
	}
	w = reZhTime.ReplaceAllString(w, "")
	// 比上年增长, 今年目标: how to ask, of a time, with nothing named
	return utf8.RuneCountInString(w) > 1 && !softWords[w]
}

// isThing tells whether a concept names a thing, not how a question asks
// nor how far a thing went (开工, 竣工: stages of the thing before).
func isThing(c concept) bool {
	return isSubject(c) && !slices.ContainsFunc(c.terms, func(t string) bool { return slices.Contains(stageWords, t) })
}

// weakSubject tells whether a short question names only a thing too general
// to stand alone after another question (完成投资多少, 今年计划投入多少,
// 扶持了多少人创业): one word of two letters.
func weakSubject(q string, it *intent) bool {
	if utf8.RuneCountInString(q) > maxWeakRunes {
		return false
	}
	n := 0
	for _, c := range it.concepts {
		if isSubject(c) {
			if utf8.RuneCountInString(c.terms[0]) > 2 {
				return false
			}
			n++
		}
	}
	return n == 1
}

// attributeOnly tells whether a short question names only what it asks of
// a thing, not the thing (总投资多少, 占地多大): after another question, it
// asks of that one's thing.
func attributeOnly(q string, it *intent) bool {
	if utf8.RuneCountInString(q) > maxWeakRunes || len(it.attrs) == 0 {
		return false
	}
	return !slices.ContainsFunc(it.concepts, func(c concept) bool {
		return isSubject(c) && !slices.ContainsFunc(it.attrs, func(a *attribute) bool {
			return strings.Contains(a.cue, c.terms[0]) || strings.Contains(c.terms[0], a.cue)
		})
	})
}

// eventOnly tells whether a short when-question names only an event, not
// the thing it happens to (什么时候建成通车的, 啥时候开工): after another
// question, it asks of that one's thing.
func (b *Book) eventOnly(q string, it *intent) bool {
	if utf8.RuneCountInString(q) > maxFollowUpRunes || !it.wantTime || len(it.unknown) > 0 {
		return false
	}
	return !slices.ContainsFunc(it.concepts, func(c concept) bool { return isSubject(c) && !b.isEventWord(&c) })
}

// maxWeakRunes is the length of the longest question weakSubject reads as a
// follow-up.
const maxWeakRunes = 9

// readChinese reads a Chinese follow-up with the previous question: the
// follow-up's time or else the previous one's, the previous question's
// subject, the follow-up's own words, and what the previous question asked
// when the follow-up asks nothing (游客呢 after 今年旅游收入目标是多少 is
// 今年旅游收入游客目标是多少); and, when it names things of its own, the same
// without the previous subject (alone). qit is q read (in lang), as
// understand read it.
func (b *Book) readChinese(q, prev, lang string, qit *intent) reading {
	q, _ = ToSimplified(q)
	prev, _ = ToSimplified(prev)
	time := timeWordsZH(q)
	if time == "" {
		time = timeWordsZH(prev)
	}
	own := reZhTail.ReplaceAllString(reZhLead.ReplaceAllString(withoutTimeZH(q), ""), "")
	own = strings.TrimLeft(own, "的")
	subject, ask := b.subjectAndAsk(withoutTimeZH(prev))
	if b.asksSomething(own) {
		ask = ""
		for _, cue := range timeCues {
			// 总投资多少 after 大桥什么时候主体建成: 大桥主体建成总投资多少
			subject = strings.ReplaceAll(subject, cue, "")
		}
		if containsAny(own, timeCues) {
			// 什么时候建成通车的 after 高速公路全长多少: of the road, not its
			// length; an event (主体建成) stays, and what a follow-up asks
			// other than when keeps the thing (增长多少 after 常住人口是多少)
			for k := range b.lex.attrs {
				if a := &b.lex.attrs[k]; !a.units["=@when"] {
					subject = strings.TrimSuffix(subject, a.cue)
				}
			}
		}
	}
	ownIt := b.analyze(b.prepare(own))
	things := b.ownThings(q, lang, qit, &ownIt)
	if len(things) == 1 {
		// 货币化安置率呢 after 开工和竣工分别是多少: one thing now, not each of two
		ask = strings.NewReplacer("分别", "", "各", "").Replace(ask)
	}
	r := reading{text: time + subject + own + ask, things: things}
	if len(r.things) > 0 {
		r.alone = time + own + withoutUnit(ask)
	}
	if own != "" && len(ownIt.concepts) == 0 {
		r.unknown = ownIt.unknown
	}
	return r
}

// ownThings returns the things a Chinese follow-up q (qit: q read) names
// in its own words (it: those words read), each by its words; none when it
// points back at the thing before (每套多大面积) or is a follow-up only for a
// word too general to stand alone (今年计划投入多少), and not for how it asks
// (多大面积).
func (b *Book) ownThings(q, lang string, qit, it *intent) [][]string {
	if rePointBack.MatchString(q) || !isFollowUp(q, lang, qit) {
		return nil
	}
	var things [][]string
	for _, c := range it.concepts {
		if isSubject(c) && !slices.ContainsFunc(it.attrs, func(a *attribute) bool { return strings.Contains(a.cue, c.terms[0]) }) {
			things = append(things, c.terms)
		}
	}
	return things
}

// timeWordsZH returns the time words of a Chinese question that say when,
// not those a change is measured from (比上年, 较上年).
func timeWordsZH(q string) string {
	var sb strings.Builder
	for _, loc := range reZhTime.FindAllStringIndex(q, -1) {
		if !isChangeBase(q, loc[0]) {
			sb.WriteString(q[loc[0]:loc[1]])
		}
	}
	return sb.String()
}

// withoutTimeZH returns a question without its time words that say when.
func withoutTimeZH(q string) string {
	var sb strings.Builder
	last := 0
	for _, loc := range reZhTime.FindAllStringIndex(q, -1) {
		if isChangeBase(q, loc[0]) {
			continue
		}
		sb.WriteString(q[last:loc[0]])
		last = loc[1]
	}
	sb.WriteString(q[last:])
	return sb.String()
}

// isChangeBase tells whether the time word at i is the base of a change.
func isChangeBase(q string, i int) bool {
	return strings.HasSuffix(q[:i], "比") || strings.HasSuffix(q[:i], "较") || strings.HasSuffix(q[:i], "同")
}

// subjectAndAsk cuts a question into what it is about (up to the end of its
// last concept's words) and how it asks (the rest: 目标是多少, 多少亩).
func (b *Book) subjectAndAsk(q string) (string, string) {
	qs := b.prepare(q)
	it := b.analyze(qs)
	end := 0
	for _, c := range it.concepts {
		if !isSubject(c) {
			continue
		}
		for _, t := range c.terms[:1] {
			if i := strings.LastIndex(q, t); i >= 0 && i+len(t) > end {
				end = i + len(t)
			}
		}
	}
	subject := strings.TrimRight(q[:end], "的")
	ask := reZhTail.ReplaceAllString(q[end:], "")
	if m := reAskInside.FindString(subject); m != "" {
		// 实施多少个重大项目: the count asked moves to the end (实施重大项目多少)
		subject = strings.Replace(subject, m, "", 1)
		if ask == "" {
			ask = "多少"
		}
	}
	return strings.TrimLeft(subject, "，, "), ask
}

// withoutUnit returns a way of asking without the unit it asks in (多少亩:
// 多少): the unit of the thing before, not of a follow-up's own (那水土流失呢
// after 新增有效灌溉面积多少亩 asks 治理水土流失面积153平方公里).
func withoutUnit(ask string) string {
	for _, cue := range []string{"多少", "几"} {
		i := strings.Index(ask, cue)
		if i < 0 {
			continue
		}
		rest := ask[i+len(cue):]
		for _, u := range units {
			if strings.HasPrefix(rest, u) {
				return ask[:i+len(cue)] + rest[len(u):]
			}
		}
	}
	return ask
}

// reAskInside is how a question asks a count in the middle of what it is
// about (实施多少个重大项目, 有几家企业).
var reAskInside = regexp.MustCompile(`多少[个项家所条座套户名位张辆台只头栋层间批种门届次场株棵]?|几[个项家所条座套户名位张辆台只头栋层间批种门届次场株棵]`)

// asksSomething tells whether a follow-up's own words ask something (增长多少,
// 目标, 什么时候), so that the previous question's way of asking does not
// carry over.
func (b *Book) asksSomething(own string) bool {
	return containsAny(own, figureCues) || containsAny(own, timeCues) || containsAny(own, dateCues) ||
		containsAny(own, listCues) || containsAny(own, personCues) || containsAny(own, growthCues) || reAsksAmount.MatchString(own)
}

// mergeEnglish reads an English follow-up with the previous question: the
// previous one without its time when the follow-up gives one, and the
// follow-up's own words (and its growth? after What was per-capita disposable
// income in 2016?).
func mergeEnglish(q, prev string) string {
	own := strings.TrimSpace(reEnLead.ReplaceAllString(strings.TrimSpace(q), ""))
	base := strings.TrimRight(strings.TrimSpace(prev), "?？.。!")
	if reEnTime.MatchString(own) {
		base = strings.TrimSpace(reEnTime.ReplaceAllString(base, ""))
	}
	return base + ", " + own
}
