package knowledge

import (
	"cmp"
	"iter"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// softConcepts returns the question's soft words as concepts.
func (b *Book) softConcepts(q string) []concept {
	var out []concept
	for _, w := range b.seg.Cut(q) {
		if softWords[w] {
			out = append(out, concept{terms: b.synonyms.Group(w), plain: true})
		}
	}
	return out
}

var reAskedYear = regexp.MustCompile(`(1[89]|20)\d\d`)

// askedYears returns the years a question names: the digits (2018年, 2015),
// and 明年, 后年, 前年 counted from the report's year.
func (b *Book) askedYears(q string) []int {
	var out []int
	for _, m := range reAskedYear.FindAllStringIndex(q, -1) {
		// 2018 inside a longer number is no year.
		if m[0] > 0 && isDigit(rune(q[m[0]-1])) || m[1] < len(q) && isDigit(rune(q[m[1]])) {
			continue
		}
		y, _ := strconv.Atoi(q[m[0]:m[1]])
		out = append(out, y)
	}
	if b.thisYear > 0 {
		for w, d := range map[string]int{"明年": 1, "后年": 2, "前年": -2} {
			if i := strings.Index(q, w); i >= 0 && !strings.HasSuffix(q[:i], "比") && !strings.HasSuffix(q[:i], "较") {
				// 比前年少了多少: the base of last year's change, not a year asked
				out = append(out, b.thisYear+d)
			}
		}
	}
	return out
}

// nounTags are jieba's tags of the words that name a thing.
func isNounTag(tag string) bool {
	switch tag {
	case "n", "nr", "nrt", "nrfg", "ns", "nt", "nz", "ng", "nw", "eng", "l":
		return true
	}
	return false
}

// unknownWords returns the nouns of a question that neither the report nor
// the lexicon nor the synonym table uses: what it asks of that the report
// never speaks about (董事长, 台风, 票价).
//
// A question in everyday words holds nouns the lexicon may not know; it
// still names, with the words around them, what the report speaks of. So
// the nouns count as unknown only when they are a large share of the
// question's nouns (maxUnknownShare), or when one is what the question asks
// the number of.
//
// A noun inside an everyday word of the terms the question was read by
// (平房 of 破旧平房, a way to say 棚户区) is the asker's way of saying one
// of them, not something else: around holds those words. What the number
// is asked of (浓度 of PM2.5浓度是多少) must still be the report's own.
func (b *Book) unknownWords(q string, tags []TaggedWord, matched, around []string) (unknown, nouns []string, asked bool) {
	what := ""
	tags = b.joinPieces(tags)
	for i, tw := range tags {
		w := tw.Word
		if stopWords[w] || softWords[w] || !isNounTag(tw.Tag) || b.lex.places[w] != "" || b.isHome(w) {
			continue
		}
		if utf8.RuneCountInString(w) < 2 && b.lex.zh[w] == nil && tw.Tag != "n" {
			continue
		}
		nouns = append(nouns, w)
		if (askedWhich(tags, i) || strings.HasSuffix(w, "率") && utf8.RuneCountInString(w) >= 3 && !b.rateWritten(w)) && !b.knownExactly(w) {
			// 在哪个交易所上市, 失业率是多少: the report must name that
			// kind of thing, that rate.
			unknown = append(unknown, w)
			what = w
			continue
		}
		if b.known(w) || insideAny(w, matched) || insideAny(w, around) && !askedAbout(tags, i) || holdsAny(w, matched) || i > 0 && b.misspelt(tags[i-1].Word, w) {
			continue
		}
		unknown = append(unknown, w)
		if askedAbout(tags, i) || b.attributeAfter(tags, i) {
			what = w
		}
	}
	if w := howThing(q, tags, nouns); what == "" && w != "" && slices.Contains(unknown, w) {
		// 怎么办理护照: how to do something to a thing the report never
		// names; 办理 alone is no topic of it.
		what = w
	}
	if what != "" {
		// 总库容是多少, 能坐多少观众: what is asked for is what the report
		// never mentions.
		return []string{what}, nouns, true
	}
	if len(nouns) == 0 {
		return nil, nouns, false
	}
	share := float64(len(unknown)) / float64(len(nouns))
	// At exactly half, the first noun decides: a Chinese question names
	// its topic first (火星上有几个基地), and a paraphrase of a known thing
	// tends to follow it (领导坐的公家车).
	if share > maxUnknownShare || share == maxUnknownShare && unknown[0] == nouns[0] {
		return unknown, nouns, false
	}
	return nil, nouns, false
}

// joinPieces joins two nouns side by side, one of a single letter and the
// other a word the report never writes, into the word the segmenter did not
// know (比特/币: 比特币); other words stay as they are.
func (b *Book) joinPieces(tags []TaggedWord) []TaggedWord {
	var out []TaggedWord
	for i := 0; i < len(tags); i++ {
		if i+1 < len(tags) {
			x, y := tags[i], tags[i+1]
			joined := x.Word + y.Word
			long := x.Word
			if utf8.RuneCountInString(x.Word) == 1 {
				long = y.Word
			}
			short := utf8.RuneCountInString(x.Word) == 1 != (utf8.RuneCountInString(y.Word) == 1)
			// the looks into the report last: they are the costly ones
			if short && isNounTag(x.Tag) && isNounTag(y.Tag) && allHan(joined) && utf8.RuneCountInString(joined) >= 3 && !b.known(long) && !b.known(joined) {
				out = append(out, TaggedWord{Word: joined, Tag: "n"})
				i++
				continue
			}
		}
		out = append(out, tags[i])
	}
	return out
}

// howThing returns the thing a question asks how to do something to: the
// last of its nouns in the clause that asks how (怎么办理护照: 护照); "" for a
// question that asks no how, or a number (怎么样, 多少).
func howThing(q string, tags []TaggedWord, nouns []string) string {
	thing, last, how, end := "", "", false, 0
	for i, at := range tagOffsets(q, tags) {
		if at < 0 {
			continue
		}
		tw := tags[i]
		if strings.ContainsAny(q[end:at], "，,？?！!；;。") {
			if how {
				thing = last // the tagger leaves out the marks between clauses
			}
			last, how = "", false
		}
		end = at + len(tw.Word)
		switch {
		case tw.Word == "多少" || strings.HasPrefix(tw.Word, "几") && tw.Tag == "m":
			return ""
		case slices.Contains(howCues, tw.Word):
			how = true
		case slices.Contains(nouns, tw.Word):
			last = tw.Word
		}
	}
	if how {
		thing = last
	}
	return thing
}

// askedAbout tells whether the i-th word is what a question asks the number
// of: the noun right after 多少 or 几 (and a measure word), or right before
// 是多少, 有多少, 多少.
func askedAbout(tags []TaggedWord, i int) bool {
	isCue := func(j int) bool {
		return j >= 0 && j < len(tags) && (tags[j].Word == "多少" || tags[j].Word == "几" || strings.HasPrefix(tags[j].Word, "几") && tags[j].Tag == "m")
	}
	if isCue(i-1) || i >= 2 && tags[i-1].Tag == "q" && isCue(i-2) {
		return true
	}
	j := i + 1
	if j < len(tags) && (tags[j].Word == "是" || tags[j].Word == "有" || tags[j].Word == "为") {
		j++
	}
	return isCue(j)
}

// maxAttributeGap is how many words may stand between a thing and what a
// question asks of it (机场/去年/旅客/吞吐量).
const maxAttributeGap = 2

// attributeAfter tells whether what a question asks of a thing (an
// attribute's cue in units: 吞吐量, 全长, 票价; not an event, a scope or a
// rank) follows word i closely: word i names the thing it is asked of.
func (b *Book) attributeAfter(tags []TaggedWord, i int) bool {
	for j := i + 1; j < len(tags) && j <= i+1+maxAttributeGap; j++ {
		for k := range b.lex.attrs {
			if a := &b.lex.attrs[k]; a.cue == tags[j].Word && !wordUnits(a.units) && !a.units["=@when"] {
				return true
			}
		}
	}
	return false
}

// everydayAround returns the everyday words (from the lexicon) of the terms
// the question's concepts were read as.
func (b *Book) everydayAround(concepts []concept) []string {
	var out []string
	for _, c := range concepts {
		for _, t := range c.terms {
			out = append(out, b.lex.zhOf[t]...)
		}
	}
	return out
}

// reCodeWord is a run of Latin letters and digits in a question (pm10, 5g,
// pm2.5).
var reCodeWord = regexp.MustCompile(`[a-z0-9.]*[a-z][a-z0-9.]*`)

// reShortCode is a code: a few letters and a short number, either way round
// (pm10, pm2.5, 5g, t2), not letters before an amount (gdp3782).
var reShortCode = regexp.MustCompile(`^(?:[a-z]{1,4}\d{1,2}(?:\.\d)?|\d{1,2}[a-z]{1,2})$`)

// unknownCodes returns the codes of a question (words that mix letters and
// digits: PM10, 5G) that the report never writes.
func (b *Book) unknownCodes(q string) []string {
	var out []string
	for _, w := range reCodeWord.FindAllString(strings.ToLower(q), -1) {
		w = strings.Trim(w, ".")
		if slices.ContainsFunc(b.lex.zh[w], func(t string) bool { return strings.Contains(b.texts.text, strings.ToLower(t)) }) {
			continue // PM2.5, which the report writes 细颗粒物
		}
		if reShortCode.MatchString(w) && !strings.Contains(b.texts.text, w) && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// maxUnknownShare is the share of a question's nouns that, unknown to the
// report and the lexicon, must be passed for the question to be one the
// report does not answer: more than half.
const maxUnknownShare = 0.5

// known tells whether the report, the lexicon or the synonym table uses a
// word, or, for a long word, each of its dictionary parts.
func (b *Book) known(w string) bool {
	lw := strings.ToLower(w)
	if strings.Contains(b.texts.text, lw) || b.lex.zh[lw] != nil {
		return true
	}
	if _, ok := b.synonyms.byWord[lw]; ok {
		return true
	}
	if utf8.RuneCountInString(w) < 3 {
		return false
	}
	parts, covered := 0, map[int]bool{}
	for _, p := range b.seg.Words(w) {
		if p == w || utf8.RuneCountInString(p) < 2 {
			continue
		}
		if !strings.Contains(b.texts.text, p) && b.lex.zh[p] == nil {
			return false
		}
		parts++
		for i := range occurrences(w, p) {
			for k := i; k < i+len(p); k++ {
				covered[k] = true
			}
		}
	}
	prev := rune(0)
	for i, r := range w {
		if !covered[i] && !suffixLetters[string(r)] && !stopWords[string(r)] && r != prev {
			return false // 世界杯: 世界 is known, 杯 is more than a kind of it (山沟沟 is 山沟, 在城镇 城镇)
		}
		prev = r
	}
	return parts > 0
}

// placesIn returns the places other than the report's city that a question
// names, none inside another, in the order the question names them.
func (b *Book) placesIn(q string) []string {
	var out []string
	for name := range b.lex.places {
		if !strings.Contains(q, name) {
			continue
		}
		inside := false
		for home := range b.lex.home {
			if strings.Contains(home, name) && strings.Contains(q, home) {
				inside = true
			}
		}
		for other := range b.lex.places {
			if other != name && strings.Contains(other, name) && strings.Contains(q, other) {
				inside = true
			}
		}
		if !inside {
			out = append(out, name)
		}
	}
	slices.SortFunc(out, func(a, c string) int {
		return cmp.Or(cmp.Compare(strings.Index(q, a), strings.Index(q, c)), strings.Compare(a, c))
	})
	return out
}

// reHanCount: a count written in Chinese numerals (七连冠, 五大, 三次).
var reHanCount = regexp.MustCompile(`[二三四五六七八九十两百]+(?:连|个|次|届|项|家|所|条|座|大|批|年)`)

// reQuotedSet: a question that quotes a count and asks within it (260家…里,
// 13万人中).
var reQuotedSet = regexp.MustCompile(`\d[^，。？！\d]{0,12}(?:里|中|当中|之中)[，,]?`)

// reAskedMonth: a month a question asks a figure of (12月, 去年12月, 三月份),
// not 几月 (a when-question) nor a month inside a dated year (2016年12月).
var reAskedMonth = regexp.MustCompile(`(?:^|[^\d年几]|[^\d]年)((?:1[0-2]|[1-9])|[一二三四五六七八九十]|十[一二])月份?`)

// statesNumber tells whether a sentence gives the number a question asks
// for: a figure with the asked unit, or any figure when none was asked.
func (b *Book) statesNumber(s *Sentence, it *intent) bool {
	if len(it.units) == 0 {
		// 走几步: no unit asked; any number will do.
		return len(s.Figures) > 0 || strings.ContainsAny(s.Text, "0123456789") || reHanCount.MatchString(s.Text)
	}
	if hasUnit(s, it.units) {
		return true // a figure in the unit, or a number written with it (3台)
	}
	for _, f := range s.Figures {
		if unitFits(s, it.units, f.Unit) && (it.units[f.Unit] || !itemUnits[f.Unit] || countsAsked(f, it)) {
			return true
		}
	}
	return false
}

// countsAsked tells whether a figure in an item unit (个, 项) counts what
// the question asks in its own measure word: its subject holds one of the
// question's words (新建学校151个 for 多少所学校), not another thing's (8个县
// for 多少张床位).
func countsAsked(f Figure, it *intent) bool {
	return slices.ContainsFunc(it.concepts, func(c concept) bool { return containsAny(f.Subject, c.terms) || containsAny(f.Metric, c.terms) })
}

// unitFits tells whether a figure's unit gives a number in one of the asked
// units: the unit itself, or an item unit (itemUnits: 个 counts anything, and
// 多少所学校 is answered by 151个) when the asked units count things and the
// sentence has no figure in one of them.
func unitFits(s *Sentence, units map[string]bool, unit string) bool {
	if units[unit] || unit == "万" && units["万人"] && peopleAfterWan(s) {
		return true // 8.12万贫困人口: ten thousands of the people named after it
	}
	if units["人"] && (unit == "户" || unit == "万户") {
		return true // 惠及多少居民: 惠及居民3.9万户 counts them by their homes
	}
	if !itemUnits[unit] {
		return false
	}
	counted := false
	for u := range units {
		if isCountUnit(u) && !peopleUnits[u] {
			counted = true
		}
	}
	if !counted {
		return false // 多少人参赛: 赛事27项 counts no people
	}
	for _, f := range s.Figures {
		if units[f.Unit] {
			return false
		}
	}
	return true
}

// peopleAfterWan tells whether a figure of the sentence in bare 万 counts
// people (8.12万贫困人口, not 市场主体2.1万).
func peopleAfterWan(s *Sentence) bool {
	return slices.ContainsFunc(s.Figures, func(f Figure) bool {
		return f.Unit == "万" && containsAny(f.Subject, peopleWords)
	})
}

// peopleWords end the names of groups of people (贫困人口, 务工人员, 农民).
var peopleWords = []string{"人", "员", "民", "众", "生", "工", "者"}

// peopleUnits count people, which no item unit (个, 项) counts.
var peopleUnits = map[string]bool{"人": true, "名": true, "人次": true, "位": true}

// insideAny tells whether w is part of any of words.
func insideAny(w string, words []string) bool {
	for _, x := range words {
		if strings.Contains(x, w) {
			return true
		}
	}
	return false
}

// holdsAny tells whether w holds one of words of two letters or more: an
// unknown compound that carries a word the question was read by (蓝天白云
// holds 蓝天) says nothing the rest of the question does not.
func holdsAny(w string, words []string) bool {
	for _, x := range words {
		if utf8.RuneCountInString(x) >= 2 && x != w && strings.Contains(w, x) {
			return true
		}
	}
	return false
}

// personRole returns the role a 是谁 question asks about (市委书记 of
// 洛阳市委书记是谁, 董事长 of 中信重工的董事长是谁), without the report's
// own city; "" when there is none.
func (b *Book) personRole(q string) string {
	i := -1
	for _, cue := range []string{"是谁", "叫什么名字", "叫什么", "是哪位"} {
		if i = strings.Index(q, cue); i >= 0 {
			break
		}
	}
	if i <= 0 {
		return ""
	}
	rs := []rune(q[:i])
	j := len(rs)
	for j > 0 && isHan(rs[j-1]) && rs[j-1] != '的' {
		j--
	}
	role := string(rs[j:])
	for _, p := range []string{"这份", "这个", "该"} {
		role = strings.TrimPrefix(role, p)
	}
	if strings.Contains(role, "报告") || containsAny(role, personCues) {
		return "" // 这份报告是谁作的, 报告人是谁: its speaker, on its title lines
	}
	for home := range b.lex.home {
		if strings.HasPrefix(role, home) {
			role = strings.TrimPrefix(role, home)
			if rest := strings.TrimPrefix(role, "市"); !strings.HasPrefix(rest, "委") {
				role = rest // 洛阳市长, but 市委书记 keeps its 市
			}
		}
	}
	if stopWords[role] || softWords[role] || utf8.RuneCountInString(role) < 2 {
		return ""
	}
	return role
}

// rareName tells whether a question's word is a name the report uses in
// one or two sentences only (孙辛路改造): a number asked of it must come
// from them.
func (b *Book) rareName(w string) bool {
	if utf8.RuneCountInString(w) < 3 || isDigit([]rune(w)[0]) || strings.HasSuffix(w, "级") {
		return false // 国家级, 省级: a level, not a name
	}
	var in []int32 // the sentences it stands in
	for _, h := range b.termHits(strings.ToLower(w)) {
		if h.level >= inLead {
			in = append(in, h.i)
		}
	}
	if len(in) == 0 || len(in) > 5 {
		return false
	}
	// A name stands as words of its own somewhere: 农村人 inside
	// 农村人居环境 is none.
	for _, i := range in {
		text := b.sentences[i].Text
		if standsAsWord(text, w, wordStarts(text, b.seg.Cut(text))) {
			return true
		}
	}
	return false
}

// isHome tells whether w names the report's own city or one of its parts,
// with or without 市 (洛阳, 洛阳市).
func (b *Book) isHome(w string) bool {
	return b.lex.home[w] || b.lex.home[strings.TrimSuffix(w, "市")]
}

// isCity tells whether w names the report's own city (洛阳, 洛阳市).
func (b *Book) isCity(w string) bool {
	return b.lex.city[0] != "" && (w == b.lex.city[0] || w == b.lex.city[0]+"市")
}

// hasUnit tells whether a sentence gives a number in one of units: a figure
// of its, or a number written with the unit (30岁); a unit written =WORD is
// a word the sentence must hold (=首位).
func hasUnit(s *Sentence, units map[string]bool) bool {
	for _, f := range s.Figures {
		if units[f.Unit] {
			return true
		}
	}
	if wordUnitIn(s.Text, units) {
		return true
	}
	for u := range units {
		if strings.HasPrefix(u, "=") {
			continue
		}
		for i := range occurrences(s.Text, u) {
			if r, _ := utf8.DecodeLastRuneInString(s.Text[:i]); isDigit(r) {
				return true
			}
		}
	}
	return false
}

// wordUnitIn tells whether text holds a unit written =WORD (全省第一,
// 首位: a word, not a unit) or, for =@rank, a rank (排名从第71位提升到第58位).
func wordUnitIn(text string, units map[string]bool) bool {
	for u := range units {
		if u == "=@rank" && reRank.MatchString(text) {
			return true
		}
		if w, ok := strings.CutPrefix(u, "="); ok && w != "@rank" && strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// reRank is a rank written with its number: 第58位, 第十二名.
var reRank = regexp.MustCompile(`第(?:\d+|[一二三四五六七八九十百]+)(?:位|名)`)

// asksAttribute tells whether q holds cue as what it asks, not as a part of
// one of the report's own terms (价格 of 居民消费价格, 收费 of 涉企收费).
func (b *Book) asksAttribute(q, cue string) bool {
	i := strings.Index(q, cue)
	if i < 0 {
		return false
	}
	before, after := []rune(q[:i]), []rune(q[i+len(cue):])
	for n := 1; n <= 2; n++ {
		if n <= len(before) && strings.Contains(b.texts.text, string(before[len(before)-n:])+cue) {
			return false
		}
		if n <= len(after) && strings.Contains(b.texts.text, cue+string(after[:n])) && isHan(after[n-1]) {
			return false
		}
	}
	return true
}

var reQuotedNumber = regexp.MustCompile(`\d+(?:\.\d+)?`)

// newNumber tells whether a sentence gives the number a question asks for
// beyond the ones it quotes, and, when it asks for each of several (各有多少,
// 分别是多少), whether it gives more than one.
func newNumber(s *Sentence, it *intent) bool {
	quoted := quotedNumbers(it.text)
	n, each := 0, containsAny(it.text, eachCues)
	for _, f := range s.Figures {
		// 总量和增速分别是多少: each ask has its own unit, the growth's % is
		// only one's
		if !quoted[f.Value] && (len(it.units) == 0 || each || unitFits(s, it.units, f.Unit)) {
			n++
		}
	}
	if each {
		return n >= 2
	}
	return n >= 1 || len(quoted) == 0 && len(s.Figures) == 0
}

// paraphrased tells whether a question whose words the report does not use
// still names, through the lexicon or the synonym table, a thing the best
// sentence itself speaks of: 发黑发臭的河沟 (黑臭水体), 饭店的剩菜剩饭
// (餐厨废弃物). Its unknown words are then the asker's own way of saying it.
// Only a question that asks what or whether: one that asks a number, a time
// or a person asks it of the thing its unknown words name (男性就业人数,
// NBA总决赛在几月).
func (b *Book) paraphrased(it *intent, best int) bool {
	if it.wantCount || it.wantFigure || it.wantTime || it.wantDate || it.wantPerson || len(it.attrs) > 0 {
		return false
	}
	for _, w := range it.unknown {
		if isLatin([]rune(w)[0]) {
			return false // Python里的列表: a name of something else
		}
	}
	for _, c := range it.concepts {
		if !c.plain && c.own && c.levels[best] == inText && utf8.RuneCountInString(c.terms[0]) > 1 {
			return true // not a one-letter word (水 of 做红烧肉要先焯水吗)
		}
	}
	return false
}

// englishUnknown returns the words of an English question that the glossary
// does not know and that say it is about something the report does not
// speak of: the word after "how many" (how many employees), or, when the
// question names at most one of the report's terms, all of them if they
// are many (a MacBook or a ThinkPad for programming: air). An English
// question's other unknown words are its verbs and adjectives.
func englishUnknown(qs question) (unknown []string, asked bool) {
	switch {
	case qs.asked != "":
		return []string{qs.asked}, true
	case slices.ContainsFunc(qs.unknown, isCode):
		// pm2.5, 5g: a name the report would have to use
		return qs.unknown, true
	case len(qs.groups) == 0:
		return qs.unknown, false
	case len(qs.groups) <= 1 && len(qs.unknown) >= minEnglishUnknown:
		return qs.unknown, false
	case len(qs.unknown) > 0 && reHowDoI.MatchString(qs.original):
		// How do I apply for a passport?: a thing to do that the report
		// never names; apply alone is no topic of it.
		return qs.unknown, true
	case len(qs.groups) == len(qs.dict) && len(qs.unknown) >= 2:
		// the difference between a list and a tuple in Python: only the
		// dictionary's words (difference: 分别) beside two no data knows
		return qs.unknown, false
	}
	return nil, false
}

// reHowDoI asks how one does a thing oneself (how do I, how can we, how
// to), not how the city will.
var reHowDoI = regexp.MustCompile(`(?i)^\W*(?:how (?:do|can|should|could|would) (?:i|we|you|one)|how to|where (?:do|can|should) i)\b`)

// isCode tells whether an English word mixes letters and digits (pm2.5, 5g).
func isCode(w string) bool {
	return strings.IndexFunc(w, isLatin) >= 0 && strings.IndexFunc(w, isDigit) >= 0
}

// minEnglishUnknown is how many words outside the glossary an English
// question naming one term of the report must hold to be about something
// else.
const minEnglishUnknown = 3

// askedYear returns the one year a question asks a number of, from its own
// time words read as the report's sentences are (去年, 今年, 2016年, 十三五末),
// or 0 when it names none or a span.
func (b *Book) askedYear(q string) int {
	if b.thisYear == 0 {
		return 0
	}
	marks := timeMarks(q, figureContext{year: b.thisYear})
	year := 0
	for _, m := range marks {
		y := m.from
		if m.from != m.to {
			rest := strings.TrimLeft(q[m.pos:], "”\"'」")
			if !strings.HasPrefix(rest, "末") && !strings.HasPrefix(rest, "期末") {
				return 0 // 过去五年, 十三五期间: a span
			}
			y = m.to
		}
		if year != 0 && y != year {
			return 0 // 去年和今年: more than one
		}
		year = y
	}
	return year
}

// figureOfYear tells whether a sentence gives a number of year y: one of
// its figures (in the asked unit, when one is asked) is of that year, spans
// it, or has no year; a sentence with no such figure has nothing to say.
func figureOfYear(s *Sentence, it *intent, y int) bool {
	// a figure of the thing asked, when one is (2019年旅客吞吐量…200万人次,
	// not 开通航线32条 beside it)
	inUnits := func(f Figure) bool { return len(it.units) == 0 || it.units[f.Unit] }
	named := slices.ContainsFunc(s.Figures, func(f Figure) bool { return inUnits(f) && subjectAsked(f.Subject, it) })
	seen := false
	for _, f := range s.Figures {
		if !inUnits(f) || named && !subjectAsked(f.Subject, it) {
			continue
		}
		seen = true
		if f.Year == 0 || f.Year == y && (f.YearFrom == 0 || f.YearFrom == f.Year || !spanSum(s.Text, f)) {
			// not a span's figure for a year inside it or at its end:
			// 年均增长 of 2017–2021 is not 2019's, 三年累计 of 2016–2018
			// not 2018's
			return true
		}
	}
	return !seen
}

// spanSum tells whether a figure of a span of years is its sum or yearly
// average (三年累计…，…620公里; 年均增长7%), not the level its last year
// reaches (到2025年突破6500亿元).
func spanSum(text string, f Figure) bool {
	if strings.Contains(f.Metric, "年均") {
		return true
	}
	i := strings.Index(text, f.Raw)
	if i < 0 {
		return false
	}
	start := strings.LastIndexAny(text[:i], "；。") + 1
	return containsAny(text[start:i], []string{"累计", "合计"})
}

// subjectAsked tells whether a figure's subject holds a thing the question
// names (旅客吞吐量首次 of 凤栖机场2020年旅客吞吐量是多少).
func subjectAsked(subject string, it *intent) bool {
	return subject != "" && slices.ContainsFunc(it.concepts, func(c concept) bool {
		return isSubject(c) && containsAny(subject, c.terms)
	})
}

// partsIn returns the parts of a whole (parts.txt) that a question names as
// words of its own: 出口 in 去年出口额多少, but not in 进出口总额, where it
// starts inside a word.
func (b *Book) partsIn(q string, tags []TaggedWord) []string {
	words := make([]string, len(tags))
	for i, tw := range tags {
		words[i] = tw.Word
	}
	starts := wordStarts(q, words)
	var out []string
	for _, p := range b.lex.parts {
		p = strings.ToLower(p) // as the question is: 人均gdp
		if !insideAny(p, out) && startsWord(q, p, starts) {
			out = append(out, p)
		}
	}
	return out
}

// namesPart tells whether a sentence names a part as a word of its own:
// 进出口额 does not name 出口额.
func (b *Book) namesPart(text, p string) bool {
	return strings.Contains(text, p) && startsWord(text, p, wordStarts(text, b.seg.Cut(text))) || namesInPair(text, p)
}

// namesInPair tells whether a text names a part in a pair that shares its
// ending: 城镇和农村居民人均可支配收入 names 城镇居民人均可支配收入.
func namesInPair(text, p string) bool {
	rs := []rune(p)
	for k := 2; k <= len(rs)-2; k++ {
		head, tail := string(rs[:k]), string(rs[k:])
		for i := range occurrences(text, head) {
			rest := text[i+len(head):]
			if !startsWithAny(rest, pairWords) {
				continue
			}
			if j := strings.Index(rest, tail); j > 0 && utf8.RuneCountInString(rest[:j]) <= maxPairRunes && !strings.ContainsAny(rest[:j], "，；。：") {
				return true
			}
		}
	}
	return false
}

// pairWords join two things that share the words after them (城镇和农村居民).
var pairWords = []string{"和", "与", "及", "、"}

// maxPairRunes bounds the words between a pair's first thing and the ending
// they share: 和农村 (3).
const maxPairRunes = 6

// wordStarts returns the byte offsets in s at which the segmenter's words start.
func wordStarts(s string, words []string) map[int]bool {
	starts := map[int]bool{}
	for _, at := range offsets(s, words, func(w string) string { return w }) {
		if at >= 0 {
			starts[at] = true
		}
	}
	return starts
}

// offsets returns where each of the segmenter's words (or tagged words)
// starts in s, each looked for after the one before that was found; -1 for
// one not found.
func offsets[T any](s string, items []T, word func(T) string) []int {
	out := make([]int, len(items))
	pos := 0
	for i, it := range items {
		w := word(it)
		j := strings.Index(s[pos:], w)
		if j < 0 {
			out[i] = -1
			continue
		}
		out[i] = pos + j
		pos += j + len(w)
	}
	return out
}

// tagOffsets is offsets of tagged words.
func tagOffsets(s string, tags []TaggedWord) []int {
	return offsets(s, tags, func(tw TaggedWord) string { return tw.Word })
}

// standsAsWord tells whether w stands in s as words of its own, beginning
// and ending where the segmenter's words do (农村人 in 农村人居环境 does not:
// 农村/人居/环境).
func standsAsWord(s, w string, starts map[int]bool) bool {
	for i := range occurrences(s, w) {
		end := i + len(w)
		if starts[i] && (end == len(s) || starts[end] || !isHan([]rune(s[end:])[0])) {
			return true
		}
	}
	return false
}

// startsWord tells whether w occurs in s at the start of a word.
func startsWord(s, w string, starts map[int]bool) bool {
	for i := range occurrences(s, w) {
		if starts[i] {
			return true
		}
	}
	return false
}

// misspelt tells whether w, after the word prev, is one character away from
// what follows prev in the report: 创新主题 for 创新主体, 综合保水区 for
// 综合保税区. A typo is no word the report lacks.
func (b *Book) misspelt(prev, w string) bool {
	if utf8.RuneCountInString(prev) < 2 || utf8.RuneCountInString(w) < 2 {
		return false
	}
	want := []rune(w)
	text := b.texts.text
	for i := range occurrences(text, prev) {
		rest, diff := text[i+len(prev):], 0
		for _, r := range want {
			got, size := utf8.DecodeRuneInString(rest)
			if size == 0 {
				diff = -1
				break
			}
			if got != r {
				diff++
			}
			rest = rest[size:]
		}
		if diff == 1 {
			return true
		}
	}
	return false
}

// eachCues ask a number of each of several things (城市和农村各有多少).
var eachCues = []string{"各有多少", "各是多少", "各多少", "分别是多少", "分别有多少", "分别多少"}

// asksSeveral tells whether a question asks more than one number: two asks
// (多少个…，投资多少) or one of each of several (各有多少).
func asksSeveral(q string) bool {
	n := 0
	for _, w := range howMuchWords {
		n += strings.Count(q, w)
	}
	return n >= 2 || containsAny(q, eachCues)
}

// figureOfOtherThing tells whether the number a question asks of a thing,
// in a sentence that names the thing in a clause (between commas) with no
// such number, belongs to something else: it stands only in clauses before
// the thing's, or only in later clauses that name a thing of their own
// before it (金沙湾旅游度假区创成国家级旅游度假区，月牙湾海滨浴场接待游客520万人次).
// A later clause that names nothing the question does not (…开通运营，全长
// 28.6公里; …开工建设，全年完成投资9.8亿元) gives the thing's own number.
func figureOfOtherThing(text, name string, it *intent) bool {
	for _, semi := range strings.Split(text, "；") {
		parts := strings.Split(semi, "，")
		k := slices.IndexFunc(parts, func(p string) bool { return strings.Contains(p, name) })
		if k < 0 {
			continue
		}
		if k == 0 && len(it.units) > 0 && startsWithAny(parts[0], effortVerbs) && detailsOf(parts[1:], it.units) {
			return false // 加大保障性住房建设力度，基本建成公共租赁房5000套: the thing's kinds
		}
		for _, p := range parts[k:] {
			if strings.Contains(p, name) && clauseHasNumber(p, "", it.units) {
				return false // 建立地企合作…制度，四次地企合作会议签约项目100个
			}
		}
		later := false
		for _, p := range parts[k+1:] {
			if clauseHasNumber(p, "", it.units) {
				if !namesOwnThing(p, it) {
					return false
				}
				later = true
			}
		}
		return later || clauseHasNumber(semi, "", it.units)
	}
	return false
}

// detailsOf tells whether the clauses after a first clause of effort
// (加大保障性住房建设力度) give a number in the asked units before another
// clause of effort opens another thing (推进石门风电项目建设).
func detailsOf(after []string, units map[string]bool) bool {
	for _, p := range after {
		if startsWithAny(p, effortVerbs) {
			return false
		}
		if clauseHasNumber(p, "", units) {
			return true
		}
	}
	return false
}

// namesOwnThing tells whether a clause names, before its first number, a
// thing the question does not: what is left of the words before the number,
// without how it is said (达到, 完成) and the question's words and terms,
// holds a run of three letters or more the question does not use (月牙湾海滨
// 浴场 of 月牙湾海滨浴场接待游客520万人次, asked of 金沙湾…接待游客; not 新建
// 养老床位3000张, asked 养老院多添多少张床).
func namesOwnThing(clause string, it *intent) bool {
	if i := strings.IndexFunc(clause, isDigit); i >= 0 {
		clause = clause[:i]
	}
	rest, _ := metricFromPrefix(clause)
	for _, c := range it.concepts {
		for _, t := range c.terms {
			rest = strings.ReplaceAll(rest, t, " ")
		}
	}
	for _, w := range doneWords {
		rest = strings.ReplaceAll(rest, w, " ") // 年内完成投资6.5亿元: when and how, no thing
	}
	run := 0
	for _, r := range rest {
		if !isHan(r) || strings.ContainsRune(it.text, r) || strings.ContainsRune(joiners, r) {
			run = 0 // 冰雪赛事和冰雪活动: two things the question's words name, joined
			continue
		}
		if run++; run >= 3 {
			return true
		}
	}
	return false
}

// clauseHasNumber tells whether the clause of a sentence (between ；) that
// names a thing gives a number, in one of units when any are asked; true
// when the sentence does not name it.
func clauseHasNumber(text, name string, units map[string]bool) bool {
	clauses := strings.Split(text, "；")
	for k, c := range clauses {
		if !strings.Contains(c, name) {
			continue
		}
		for _, next := range clauses[k+1:] {
			if !startsWithAny(next, flowWords) {
				break
			}
			// 黔岭机场旅客吞吐量达到108.6万人次；新开通至北京…等航线5条:
			// the clause after, with no subject of its own, is the name's too
			c += "；" + next
		}
		if len(units) == 0 {
			if strings.ContainsAny(c, "0123456789") || reHanCount.MatchString(c) {
				return true
			}
			continue
		}
		for u := range withAnyCount(units) {
			for i := range occurrences(c, u) {
				if r, _ := utf8.DecodeLastRuneInString(c[:i]); isDigit(r) || strings.ContainsRune("亿万余多", r) {
					return true
				}
			}
		}
	}
	return !strings.Contains(text, name)
}

// scopesOfRank returns, for a question that asks a rank (排第几), the scope
// attributes (a line of attributes.txt whose cue is its own word: 全国) that
// it names: 在全国城市中排第几 is not answered by 全省第一方阵. Outside a
// rank, 全国 is often a part of the report's own terms and asks nothing.
func (b *Book) scopesOfRank(q string, attrs []*attribute) []*attribute {
	ranked := false
	for _, a := range attrs {
		if len(a.units) > 1 && wordUnits(a.units) {
			ranked = true
		}
	}
	if !ranked {
		return nil
	}
	var out []*attribute
	for k := range b.lex.attrs {
		a := &b.lex.attrs[k]
		if len(a.units) == 1 && a.units["="+a.cue] && strings.Contains(q, a.cue) && !slices.Contains(attrs, a) {
			out = append(out, a)
		}
	}
	return out
}

// wordUnits tells whether an attribute's units are all words (=第一), not
// units of a figure.
func wordUnits(units map[string]bool) bool {
	for u := range units {
		if !strings.HasPrefix(u, "=") {
			return false
		}
	}
	return true
}

// quotesNumberOf tells whether a question quotes a number that the sentence
// gives: it already knows how many, and asks which.
func quotesNumberOf(q string, s *Sentence) bool {
	quoted := quotedNumbers(q)
	for _, f := range s.Figures {
		if quoted[f.Value] {
			return true
		}
	}
	return false
}

// askedWhich tells whether the i-th word is what a which-question asks for:
// the noun right after 哪个, 哪家, 哪所 (哪个交易所).
func askedWhich(tags []TaggedWord, i int) bool {
	if i == 0 {
		return false
	}
	switch tags[i-1].Word {
	case "哪个", "哪家", "哪所", "哪座", "哪种", "哪类", "哪一个", "哪一家":
		return true
	}
	return false
}

// knownExactly tells whether the report, the lexicon or the synonym table
// uses a word as it is, not only its parts.
func (b *Book) knownExactly(w string) bool {
	lw := strings.ToLower(w)
	if strings.Contains(b.texts.text, lw) || b.lex.zh[lw] != nil {
		return true
	}
	_, ok := b.synonyms.byWord[lw]
	return ok
}

// rateWritten tells whether the report writes a rate word with a word or
// two more before its 率 (处理率 as 处理处置率).
func (b *Book) rateWritten(w string) bool {
	prefix := strings.TrimSuffix(w, "率")
	for at := range occurrences(b.texts.text, prefix) {
		rest := []rune(b.texts.text[at+len(prefix) : min(len(b.texts.text), at+len(prefix)+(maxRateInsert+1)*utf8.UTFMax)])
		if k := slices.Index(rest, '率'); k > 0 && k <= maxRateInsert && allHan(string(rest[:k])) {
			return true
		}
	}
	return false
}

// maxRateInsert is how many letters a report may write between a rate's
// word and its 率 for the rate still to be the one asked.
const maxRateInsert = 2

// namesHomePart tells whether a text names one of the report city's counties
// or districts (home.txt).
func (b *Book) namesHomePart(text string) bool {
	for h := range b.lex.home {
		if h != b.lex.city[0] && strings.Contains(text, h) {
			return true
		}
	}
	return false
}

// unknownContent returns the content words of a question (nouns, verbs,
// adjectives, of two letters or more) that neither the report nor the
// lexicon uses.
func (b *Book) unknownContent(tags []TaggedWord, matched, around []string) []string {
	var out []string
	for i, tw := range tags {
		w := tw.Word
		if stopWords[w] || softWords[w] || utf8.RuneCountInString(w) < 2 || b.lex.places[w] != "" || b.isHome(w) {
			continue
		}
		if !isNounTag(tw.Tag) && tw.Tag != "v" && tw.Tag != "vn" && tw.Tag != "a" {
			continue
		}
		if b.known(w) || insideAny(w, matched) || insideAny(w, around) || holdsAny(w, matched) || i > 0 && b.misspelt(tags[i-1].Word, w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// minUnknownContent is how many content words the report never uses make a
// question that names only one of its terms one about something else.
const minUnknownContent = 2

// withAnyCount returns units with the item units (itemUnits) added when one
// of them counts things (所, 家): 个 counts anything.
func withAnyCount(units map[string]bool) map[string]bool {
	for u := range units {
		if isCountUnit(u) {
			out := maps.Clone(units)
			maps.Copy(out, itemUnits)
			return out
		}
	}
	return units
}

// isCountUnit tells whether a unit counts things one by one (所, 家, 间, not
// 万人次 or 亿人次),
// which 个 also does.
func isCountUnit(u string) bool {
	return (countUnits[u] || classifiers[u]) && !strings.HasPrefix(u, "万") && !strings.HasPrefix(u, "亿") && !strictUnits[u]
}

// onlyQuoted tells whether every figure of a sentence in units is one the
// question quotes: 378.4亿元民生支出里教育花了多少 is not answered by 378.4亿元.
func onlyQuoted(s *Sentence, it *intent, units map[string]bool) bool {
	quoted := quotedNumbers(it.text)
	if len(quoted) == 0 {
		return false
	}
	seen := false
	for _, f := range s.Figures {
		if !units[f.Unit] {
			continue
		}
		if !quoted[f.Value] {
			return false
		}
		seen = true
	}
	return seen
}

// quotedNumbers returns the numbers a question quotes, years aside.
func quotedNumbers(q string) map[float64]bool {
	quoted := map[float64]bool{}
	for _, m := range reQuotedNumber.FindAllString(q, -1) {
		if v, err := strconv.ParseFloat(m, 64); err == nil && !(v >= 1900 && v <= 2100 && !strings.Contains(m, ".")) {
			quoted[v] = true
		}
	}
	return quoted
}

// clauseOf returns the clause of a question (between commas) that holds one
// of words: 去年新增养老床位以后，全市一共有多少张 asks in its second clause.
func clauseOf(q string, words []string) string {
	for _, c := range strings.FieldsFunc(q, func(r rune) bool { return r == '，' || r == ',' || r == '；' }) {
		if containsAny(c, words) {
			return c
		}
	}
	return q
}

// occurrences yields the byte offsets at which w occurs in s, left to right,
// without overlaps.
func occurrences(s, w string) iter.Seq[int] {
	return func(yield func(int) bool) {
		if w == "" {
			return
		}
		for i := 0; ; {
			j := strings.Index(s[i:], w)
			if j < 0 || !yield(i+j) {
				return
			}
			i += j + len(w)
		}
	}
}
