package knowledge

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// analyze reads a prepared question into its intent: what it asks (a
// figure, a time, a person, a list), of which things (its concepts, weighed
// by rarity), of which year and place, and which of its words the report
// never uses. Each step is one function, run in order.
func (b *Book) analyze(qs question) intent {
	it := intent{text: qs.text}
	b.readPeriod(&it)
	b.readTimes(&it)
	tags := qs.tags
	if tags == nil {
		tags = b.seg.Tag(it.text)
	}
	b.readAsks(&it, qs, tags)
	var matched []string // the question's words found in the synonym table or the lexicon
	b.readParts(&it, qs, tags)
	b.readConcepts(&it, qs, tags, &matched)
	b.readAttributes(&it, qs, &matched)
	readDecline(&it)
	around := b.everydayAround(it.concepts)
	if qs.lang != LangEN {
		it.unknown, it.nouns, it.unknownFirm = b.unknownWords(it.text, tags, matched, around)
		if codes := b.unknownCodes(it.text); len(codes) > 0 {
			// PM10, 5G: a name the report must write as it is
			it.unknown, it.unknownFirm = append(it.unknown, codes...), true
		}
	} else {
		it.unknown, it.unknownFirm = englishUnknown(qs)
		it.dict, it.enUnknown, it.enGroups, it.enText = qs.dict, qs.unknown, len(qs.groups)-len(qs.dict), qs.original
	}
	b.readPlaces(&it, qs, tags)
	b.weighConcepts(&it)
	if qs.lang == LangEN && !it.wantFigure && !it.wantTime && !it.wantDate && !it.wantPerson && b.namesMetric(&it) {
		// What was Lanxi's GDP in 2017?: a question of what a metric was
		// asks its figure.
		it.wantFigure = true
	}
	if it.wantTime && !it.wantDate && !slices.ContainsFunc(it.concepts, func(c concept) bool { return !b.isEventWord(&c) }) && len(it.unknown) == 0 && namesReport(qs) {
		// 报告是什么时候作的, When was the report delivered (交付使用, an
		// event)?: the report's own date, on its date line
		it.wantTime, it.wantDate = false, true
	}
	if qs.lang != LangEN && len(it.unknown) == 0 && len(it.concepts) <= 1 {
		// 感冒发烧应该吃什么药: one word the report knows (药) among
		// several it never uses is a question about something else.
		if other := b.unknownContent(tags, matched, around); len(other) >= minUnknownContent {
			it.unknown, it.unknownFirm = other, true
		}
	}
	return it
}

// reProvince is a province named with 省 (东海省), not a word of 省 (省级,
// 省委, 全省).
var reProvince = regexp.MustCompile(`\p{Han}{2,3}省`)

// provinceIn returns the province a question names that the report writes
// too (its own, which the places list may lack), or "".
func (b *Book) provinceIn(q string) string {
	for _, loc := range reProvince.FindAllStringIndex(q, -1) {
		p := q[loc[0]:loc[1]]
		after, _ := utf8.DecodeRuneInString(q[loc[1]:])
		first, _ := utf8.DecodeRuneInString(p)
		if strings.ContainsRune(provinceWordAfter, after) || strings.ContainsRune(provinceWordBefore, first) {
			continue
		}
		if strings.Contains(b.texts.text, p) && !b.isHome(strings.TrimSuffix(p, "省")) {
			return p
		}
	}
	return ""
}

// namesReport tells whether a question speaks of the report itself.
func namesReport(qs question) bool {
	return strings.Contains(qs.text, "报告") || qs.lang == LangEN && strings.Contains(strings.ToLower(qs.original), "report")
}

// readPeriod reads whether the question is about the report's plan (今年,
// 目标) or its review (去年, 已经), not by a word that holds a cue (人均预期寿命).
func (b *Book) readPeriod(it *intent) {
	q := it.text
	for _, w := range notPeriod {
		q = strings.ReplaceAll(q, w, " ")
	}
	this, last := strconv.Itoa(b.thisYear), strconv.Itoa(b.thisYear-1)
	hasPlan := containsAny(q, planCues) || b.thisYear > 0 && strings.Contains(q, this)
	hasReview := containsAny(q, reviewCues) || b.thisYear > 0 && strings.Contains(q, last)
	switch {
	case hasPlan && !hasReview:
		it.period = PeriodPlan
	case hasReview && !hasPlan:
		it.period = PeriodReview
	case hasPlan && hasReview:
		// "今年…完成了" is rare; the explicit year words decide.
		if containsAny(q, []string{"去年", "上年"}) || b.thisYear > 0 && strings.Contains(q, last) && !strings.Contains(q, this) {
			if !strings.Contains(q, "今年") {
				it.period = PeriodReview
				break
			}
		}
		it.period = PeriodPlan
	}
}

// readTimes reads the years the question names, the one year a number is
// asked of, and a day or a week it asks about.
func (b *Book) readTimes(it *intent) {
	it.years = b.askedYears(it.text)
	it.year = b.askedYear(it.text)
	for _, w := range b.seg.Cut(it.text) {
		// a word of its own: 市区加上周边 holds 上周 across two words
		if slices.Contains(dayWords, w) {
			it.day = w
			break
		}
	}
}

// readAsks reads how the question asks: for a figure, a count, a growth, a
// time, a date, a person, a problem or a list, and the units a figure asked
// may carry.
func (b *Book) readAsks(it *intent, qs question, tags []TaggedWord) {
	q := it.text
	it.wantTime = containsAny(q, timeCues)
	it.wantDate = containsAny(q, dateCues)
	it.wantPerson = containsAny(q, personCues) || containsAny(q, nameCues) && rePerson.MatchString(q)
	if it.wantPerson && qs.lang == LangEN {
		it.role = rePerson.FindString(q) // who is the mayor: 谁，市长
	} else if it.wantPerson {
		it.role = b.personRole(q)
	}
	it.wantProblem = containsAny(q, problemCue)
	it.wantList = containsAny(q, listCues)
	// 第几届 asks for an ordinal, 哪几个 for a list, not a figure.
	fq := strings.NewReplacer("第几", "", "哪几", "").Replace(q)
	it.wantFigure = containsAny(fq, figureCues) && !it.wantTime && !it.wantDate
	it.wantCount = (strings.Contains(fq, "多少") || strings.Contains(fq, "几") && !isYesNo(q)) && !it.wantTime && !it.wantDate
	it.wantGrowth = containsAny(q, growthCues)
	if it.wantFigure {
		it.units = askedUnits(q, nounsAt(q, tags))
	}
}

// readDecline reads whether the question asks by how much a thing fell
// (少花了多少钱; By how much did spending fall, whose 下降 is a concept read
// from English): a rate of decline (同比下降34.1%) answers it as well as an
// amount does.
func readDecline(it *intent) {
	it.asksLess = containsAny(it.text, lessWords) || slices.ContainsFunc(it.concepts, func(c concept) bool { return slices.Contains(lessWords, c.terms[0]) })
	if it.asksLess && it.units["元"] {
		it.units["%"] = true
	}
}

// readParts reads the parts of a whole the question names (出口 of
// 进出口总额), in its words or through the glossary.
func (b *Book) readParts(it *intent, qs question, tags []TaggedWord) {
	it.parts = b.partsIn(it.text, tags)
	for _, g := range qs.groups {
		// exports: the glossary's 出口, a part of 进出口总额.
		for _, p := range b.lex.parts {
			if slices.Contains(g, p) && !slices.Contains(it.parts, p) {
				it.parts = append(it.parts, p)
			}
		}
	}
}

// readConcepts reads the things the question asks about, and the phrases of
// its neighbouring words.
func (b *Book) readConcepts(it *intent, qs question, tags []TaggedWord, matched *[]string) {
	text := it.text
	if t := b.withoutCityAfterMotion(text); t != text {
		// 来襄阳玩的人: 来玩的人, as the everyday words have it
		text, tags = t, b.seg.Tag(t)
	}
	if t := reCountedPeople.ReplaceAllString(text, "$1，$2"); t != text {
		// 多少人来玩: the segmenter joins 人来; coming to do something is a
		// word of its own (来玩)
		text, tags = t, b.seg.Tag(t)
	}
	it.concepts, it.phrases = b.concepts(text, tags, matched)
	for k, g := range qs.groups {
		if !slices.ContainsFunc(qs.groups[:k], func(h []string) bool { return slices.Equal(h, g) }) {
			dict := slices.ContainsFunc(qs.dict, func(d dictGroup) bool { return slices.Equal(d.terms, g) })
			terms := make([]string, len(g))
			for i, t := range g {
				terms[i] = strings.ToLower(t) // PM2.5 is found as the index holds it: pm2.5
			}
			it.concepts = append(it.concepts, concept{terms: terms, dict: dict}) // new … added: 新增 once
		}
	}
	for _, plan := range reFiveYearPlan.FindAllString(it.text, -1) {
		// 十五五时期: the plan's name whole, which the segmenter may cut
		// (十五, 五时期)
		it.concepts = slices.DeleteFunc(it.concepts, func(c concept) bool {
			rest, cut := strings.CutPrefix(c.terms[0], "五") // 五时期 of 十五五时期
			return c.terms[0] != plan && (strings.Contains(plan, c.terms[0]) || cut && strings.Contains(it.text, plan+rest))
		})
		if !slices.ContainsFunc(it.concepts, func(c concept) bool { return c.terms[0] == plan }) {
			it.concepts = append(it.concepts, concept{terms: []string{plan}, plain: true, own: true})
		}
	}
	if len(it.concepts) == 0 {
		// 今年的主要预期目标有哪些: only words that usually say how a
		// question asks; here they are what it asks about.
		it.concepts = b.softConcepts(it.text)
	}
}

// reCountedPeople is a count of people and the verb of coming or going
// after it (多少人来玩, 多少人去旅游).
var reCountedPeople = regexp.MustCompile(`(多少人|几个人)([来去到])`)

// withoutCityAfterMotion returns a question without the report's city after
// a verb of coming or going and before what one comes to do (来襄阳玩, 到雁州
// 旅游, 到清水来玩): the everyday words say 来玩, and the city is the report's
// own anyway. Not 去白云山玩, whose 白云山 is a place of its own.
func (b *Book) withoutCityAfterMotion(q string) string {
	city := b.lex.city[0]
	if city == "" || !strings.Contains(q, city) {
		return q
	}
	for _, c := range []string{city + "市", city + "县", city} {
		q = strings.NewReplacer("到"+c+"来", "来", "到"+c+"去", "去").Replace(q)
		for _, v := range []string{"来", "到", "去"} {
			for _, do := range motionAims {
				q = strings.ReplaceAll(q, v+c+do, v+do)
			}
		}
	}
	return q
}

// readAttributes reads what the question asks of a thing (全长, 门票, 排第几,
// 全国): one attribute of each kind, the longest cue first. 降成本有什么措施
// asks no amount; 门票多少钱 and 多大年纪 do.
func (b *Book) readAttributes(it *intent, qs question, matched *[]string) {
	kinds := map[int]bool{}                         // one attribute of each kind: the longest cue
	aq := strings.ReplaceAll(it.text, "多长时间", "多久") // a time, not a length
	asksAmount := it.wantFigure || it.wantTime || qs.lang == LangEN || reAsksAmount.MatchString(aq)
	rateOf := reRateOf.FindString(aq) // 安置率有多高: a rate, not a height
	var starts map[int]bool           // where the question's words start, cut when first needed
	for k := range b.lex.attrs {
		a := &b.lex.attrs[k]
		asks := asksAmount || strings.Contains(a.cue, "哪") || a.units["=@home"]
		if a.units["=@when"] && !it.wantTime {
			continue // 建成多少个 asks a count; 什么时候建成, a time
		}
		if rateOf != "" && strings.Contains(rateOf, a.cue) && !wordUnits(a.units) && !a.units["%"] {
			continue // 安置率有多高 asks a rate, not a height
		}
		if len(a.units) == 1 && a.units["米"] && b.namesFigureSubject(it) {
			continue // 人均地区生产总值有多高 asks how much, not a height
		}
		if !asks || !strings.Contains(aq, a.cue) || !a.units["=@when"] && !b.asksAttribute(aq, a.cue) {
			// (建成通车 is the report's phrase, and still asks when it opens)
			continue
		}
		if a.units["=@when"] {
			if starts == nil {
				starts = wordStarts(aq, b.seg.Cut(aq))
			}
			if !startsWord(aq, a.cue, starts) {
				continue // 哪一年创建成国家5A级景区: 建成 inside 创建成 asks no opening
			}
		}
		*matched = append(*matched, a.cue) // 多大面积: 大面积 is the cue's, as is every cue asked
		if !kinds[a.kind] {
			kinds[a.kind] = true
			it.attrs = append(it.attrs, a)
		}
	}
	if qs.lang == LangEN && it.wantTime {
		b.englishEvents(it, kinds)
	}
	it.attrs = append(it.attrs, b.scopesOfRank(it.text, it.attrs)...)
}

// englishEvents reads the when-attribute an English when-question asks
// through its concepts (When will Metro Line 1 open: 建成…通车), whose words
// the Chinese text, made of cues only, lacks.
func (b *Book) englishEvents(it *intent, kinds map[int]bool) {
	for k := range b.lex.attrs {
		a := &b.lex.attrs[k]
		if !a.units["=@when"] || kinds[a.kind] {
			continue
		}
		if slices.ContainsFunc(it.concepts, func(c concept) bool { return c.terms[0] == a.cue }) {
			kinds[a.kind] = true
			it.attrs = append(it.attrs, a)
		}
	}
}

// namesFigureSubject tells whether a question names a thing the report
// gives figures of (人均地区生产总值), by one of its concepts' terms.
func (b *Book) namesFigureSubject(it *intent) bool {
	for _, c := range it.concepts {
		for _, t := range c.terms {
			if b.subjects[t] {
				return true
			}
		}
	}
	return false
}

// readPlaces reads the places the question names: the report's counties,
// other places, and whether it names the report's own city. A place other
// than the city is no topic to seek (郑州去年旅游收入 asks about tourism;
// whether the report speaks of 郑州 is judged on the answer).
func (b *Book) readPlaces(it *intent, qs question, tags []TaggedWord) {
	for h := range b.lex.home {
		if h != b.lex.city[0] && h != b.lex.area && strings.Contains(it.text, h) {
			it.homeParts = append(it.homeParts, h)
		}
	}
	it.places = append(b.placesIn(it.text), qs.places...)
	it.kindPlaces = b.kindPlacesIn(it.text, tags)
	b.wholePlaceNames(it)
	if p := b.provinceIn(it.text); p != "" && !slices.Contains(it.places, p) {
		it.places = append(it.places, p) // 东海省2024年地区生产总值: the province's, not the city's
	}
	it.namesCity = qs.home || b.lex.city[0] != "" && strings.Contains(it.text, b.lex.city[0]) || b.lex.area != "" && strings.Contains(it.text, b.lex.area)
	if len(it.places) == 0 {
		return
	}
	kept := it.concepts[:0]
	for _, c := range it.concepts {
		if !slices.Contains(it.places, c.terms[0]) {
			kept = append(kept, c)
		}
	}
	it.concepts = kept
}

// placeKinds are the letters that name a place by its kind after its name
// (白原市, 竹岭镇): not 省 (the report's province is the scope of its ranks,
// 全省) nor 州 (自治州).
const placeKinds = "市县区镇乡"

// wholePlaceNames makes a place the question names by its kind, and the
// report writes whole, one concept in place of the pieces the segmenter
// cut it into (都岭市, not 岭市): the place's sentences are the ones asked.
func (b *Book) wholePlaceNames(it *intent) {
	for _, stem := range it.kindPlaces {
		i := strings.Index(it.text, stem)
		kind, _ := utf8.DecodeRuneInString(it.text[i+len(stem):])
		full := stem + string(kind)
		if !strings.ContainsRune(placeKinds, kind) || !strings.Contains(b.texts.text, full) {
			continue
		}
		levels, df := b.match([]string{full})
		if df == 0 {
			continue
		}
		it.concepts = slices.DeleteFunc(it.concepts, func(c concept) bool {
			return c.terms[0] != full && (strings.Contains(full, c.terms[0]) || overlapsEnd(full, c.terms[0]))
		})
		if !slices.ContainsFunc(it.concepts, func(c concept) bool { return c.terms[0] == full }) {
			it.concepts = append(it.concepts, concept{terms: []string{full}, weight: idf(len(b.sentences), df), plain: true, own: true, levels: levels})
		}
	}
}

// overlapsEnd tells whether w opens with the last two letters or more of
// name (岭市 of 都岭市 cut as 都/岭市 in 都岭市今年…).
func overlapsEnd(name, w string) bool {
	r := []rune(name)
	for k := len(r) - 2; k > 0; k-- {
		if strings.HasPrefix(w, string(r[k:])) {
			return true
		}
	}
	return false
}

// kindPlacesIn returns the places a question names by their kind, each
// without its kind, that are neither the report's own city or its parts nor
// known places (whose rules are other-place and county): 白原市柳林县去年粮食
// 总产量 asks of 白原 and 柳林, which the report of 松河县 must name in its
// answer. A place is a word of two letters and its kind, or a name of two
// letters followed by its kind, that the segmenter tags a place (柳林县/ns) or
// the report writes (白原, 竹岭); not a common word (市里, 保水区).
func (b *Book) kindPlacesIn(q string, tags []TaggedWord) []string {
	var out []string
	for k, tw := range tags {
		r := []rune(tw.Word)
		var stem string
		switch {
		case len(r) == 3 && strings.ContainsRune(placeKinds, r[2]) && (tw.Tag == "ns" || tw.Tag == "x" && strings.Contains(b.texts.text, string(r[:2]))):
			// 柳林县/ns; 白原市/x, whose 白原 the report writes (棚护区/x, a
			// misspelt word, it does not)
			stem = string(r[:2])
		case len(r) == 2 && (tw.Tag == "ns" || tw.Tag == "nr" || tw.Tag == "x") && k+1 < len(tags) && utf8.RuneCountInString(tags[k+1].Word) == 1 && strings.Contains(placeKinds, tags[k+1].Word) &&
			(tw.Tag == "ns" || strings.Contains(b.texts.text, tw.Word+tags[k+1].Word)):
			// 什邡/ns 市; 竹岭/x 镇, 红柳/nr 县: a name the report writes
			// with its kind (not 看病不出/x 县)
			stem = tw.Word
		case len(r) == 1 && k+1 < len(tags) && utf8.RuneCountInString(tags[k+1].Word) == 2 && strings.ContainsRune(placeKinds, []rune(tags[k+1].Word)[1]) &&
			(tw.Tag == "ns" || tags[k+1].Tag == "x" && strings.Contains(b.texts.text, tw.Word+tags[k+1].Word)):
			// 澜/ns 州市: the segmenter cut the name; the report writes 澜州
			// (都/d 岭市/x: no word of its own, the report writes 都岭市 whole;
			// not 年/m 全县/n)
			if next := []rune(tags[k+1].Word); strings.Contains(b.texts.text, tw.Word+string(next[0])) {
				stem = tw.Word + string(next[0])
			}
		}
		if sr := []rune(stem); len(sr) != 2 || !isHan(sr[0]) || !isHan(sr[1]) {
			continue
		}
		if b.homeNamed(stem) || b.lex.places[tw.Word] != "" || b.lex.places[stem] != "" || slices.Contains(out, stem) {
			continue
		}
		out = append(out, stem)
	}
	return out
}

// homeNamed tells whether a name is the start of the report's own city, its
// area or one of its parts (松河 of 松河县).
func (b *Book) homeNamed(stem string) bool {
	for h := range b.lex.home {
		if strings.HasPrefix(h, stem) {
			return true
		}
	}
	return false
}

// weighConcepts weighs each concept by how rare it is in the report; a word
// the report never uses is tried through its parts (看病难: its part 看病 is
// an everyday word), and dropped when none is known.
func (b *Book) weighConcepts(it *intent) {
	var kept []concept
	for _, c := range it.concepts {
		var df int
		c.levels, df = b.match(c.terms)
		switch {
		case df == 0 && c.plain:
			kept = append(kept, b.partConcepts(c.terms[0])...)
		case df > 0:
			c.weight = idf(len(b.sentences), df)
			if c.dict {
				c.weight *= dictWeight
			}
			c.plan = reFiveYearPlan.MatchString(c.terms[0])
			kept = append(kept, c)
		}
	}
	it.concepts = kept
}

// dictWeight scales a concept read only through the dictionary: its word
// has many senses (value: 价值, 重视), of which the report's may not be the
// asker's.
const dictWeight = 0.5

// namesMetric tells whether one of the intent's concepts is the subject of
// a figure of the report.
func (b *Book) namesMetric(it *intent) bool {
	for _, c := range it.concepts {
		if slices.ContainsFunc(c.terms, func(t string) bool { return b.subjects[t] }) {
			return true
		}
	}
	return false
}

// partConcepts returns the concepts of the dictionary parts of a word the
// report never uses.
func (b *Book) partConcepts(word string) []concept {
	var out []concept
	for _, part := range b.seg.Words(word) {
		if part == word || stopWords[part] || utf8.RuneCountInString(part) < 2 {
			continue
		}
		if terms := b.lex.zh[part]; terms != nil {
			lt := append([]string{part}, terms...)
			if levels, pdf := b.match(lt); pdf > 0 {
				out = append(out, concept{terms: lt, weight: idf(len(b.sentences), pdf), levels: levels})
			}
			continue
		}
		if levels, pdf := b.match([]string{part}); pdf > 0 {
			out = append(out, concept{terms: []string{part}, weight: 0.7 * idf(len(b.sentences), pdf), plain: true, levels: levels})
		}
	}
	return out
}

// String prints the intent as --explain shows it: what it asks, of what,
// when and where, one field a line, empty ones left out.
func (it intent) String() string {
	var sb strings.Builder
	field := func(name string, v any) {
		switch x := v.(type) {
		case bool:
			if !x {
				return
			}
		case string:
			if x == "" {
				return
			}
		case int:
			if x == 0 {
				return
			}
		case []string:
			if len(x) == 0 {
				return
			}
			v = strings.Join(x, " ")
		}
		fmt.Fprintf(&sb, "  %-9s %v\n", name, v)
	}
	fmt.Fprintf(&sb, "intent of %q\n", it.text)
	field("period", periodName(it.period))
	field("asks", strings.Join(it.asks(), " "))
	field("units", sortedKeys(it.units))
	field("years", intsText(it.years))
	field("year", it.year)
	field("day", it.day)
	for _, c := range it.concepts {
		field("concept", fmt.Sprintf("%s (weight %.2f)", strings.Join(c.terms, "|"), c.weight))
	}
	field("phrases", it.phrases)
	var attrs []string
	for _, a := range it.attrs {
		attrs = append(attrs, a.cue)
	}
	field("attrs", attrs)
	field("role", it.role)
	field("parts", it.parts)
	field("places", it.places)
	field("counties", it.homeParts)
	field("city", it.namesCity)
	field("unknown", it.unknown)
	field("firm", it.unknownFirm)
	return sb.String()
}

// asks names what the intent asks for.
func (it intent) asks() []string {
	var out []string
	for _, a := range []struct {
		on   bool
		name string
	}{{it.wantFigure, "figure"}, {it.wantCount, "count"}, {it.wantGrowth, "growth"}, {it.wantTime, "time"}, {it.wantDate, "date"},
		{it.wantPerson, "person"}, {it.wantProblem, "problem"}, {it.wantList, "list"}} {
		if a.on {
			out = append(out, a.name)
		}
	}
	return out
}

func periodName(p Period) string {
	switch p {
	case PeriodPlan:
		return "plan"
	case PeriodReview:
		return "review"
	}
	return ""
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func intsText(ns []int) []string {
	var out []string
	for _, n := range ns {
		out = append(out, strconv.Itoa(n))
	}
	return out
}
