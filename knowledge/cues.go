package knowledge

import (
	"slices"
	"sort"
	"strings"

	"reportbot/seeds"
)

// CuesFile is the general language data's list of question cues.
const CuesFile = "cues.txt"

// The Chinese words of a question that say how it asks, read from
// seeds/lang/cues.txt: the engine's word lists live there, not in the code.
var (
	cueLists = mustParseCues(seeds.Lang()[CuesFile])

	stopWords     = cueSet("stop")
	softWords     = cueSet("soft")
	suffixLetters = cueSet("suffix")
	planCues      = cueList("plan")
	reviewCues    = cueList("review")
	notPeriod     = cueList("period-not")
	figureCues    = cueList("figure")
	listCues      = cueList("list")
	timeCues      = cueList("time")
	dateCues      = cueList("date")
	personCues    = cueList("person")
	nameCues      = cueList("name")
	problemCue    = cueList("problem")
	growthCues    = cueList("growth")
	dayWords      = cueList("day")
	changeWords   = cueList("change")
	stageWords    = cueList("stage")
	valueWords    = cueList("value-word")
	durationCues  = cueList("duration")
	growthRates   = cueList("growth-rate")
	amountWords   = cueList("amount")
	motionAims    = cueList("motion-aim")
	lessWords     = cueList("less")
	whichOneCues  = cueList("which-one")
	nameKinds     = cueSet("name-kind")
	howCues       = cueList("how")
	seasonWords   = cueList("season")
	stockCues     = cueList("stock")
	totalCostCues = cueList("total-cost")
	totalGiven    = cueList("total-given")
	spentCost     = cueList("spent-cost")
	increaseWords = cueList("increase")
	flowWords     = cueList("flow")
	askWords      = cueList("ask")
	scopeWords    = cueList("scope")
	numberWords   = cueSet("number-word")
	classifiers   = cueSet("classifier")
	itemUnits     = cueSet("item-unit")
	strictUnits   = cueSet("strict-unit")
	measureWords  = strings.Join(cueList("measure"), "")
	joiners       = strings.Join(cueList("joiner"), "")
	reachWords    = cueList("reach")
	moneyWords    = cueList("money-word")
	moneyUnits    = cueList("money-unit")
	howMuchWords  = cueList("how-much")
	doneWords     = cueList("done-word")
	requestCues   = cueList("request")
	doneManner    = cueList("done-manner")
	personPast    = cueList("person-past")
	effortVerbs   = cueList("effort")
	percentAsks   = cueList("percent-ask")
	pastSaid      = cueList("person-past-said")
	// a 省 before one of these letters is a word of 省 (省级, 省委), not a
	// province; nor after one of these (全省, 本省)
	provinceWordAfter  = strings.Join(cueList("province-word-after"), "")
	provinceWordBefore = strings.Join(cueList("province-word-before"), "")
	unitCues           = unitCueList()
)

// mustParseCues reads the cue lists; a malformed file is a broken build,
// which TestCues reports.
func mustParseCues(data []byte) []TermLine {
	lines, err := ParseTermTable(CuesFile, data)
	if err != nil {
		panic(err)
	}
	return lines
}

// cueList returns the words of the named list, in order (several lines of
// one name make one list).
func cueList(name string) []string {
	var out []string
	for _, tl := range cueLists {
		if tl.Term == name {
			out = append(out, tl.Words...)
		}
	}
	return out
}

// cueSet returns the words of the named list as a set.
func cueSet(name string) map[string]bool {
	out := map[string]bool{}
	for _, w := range cueList(name) {
		out[w] = true
	}
	return out
}

// unitCue is the word after 多少 or 几 (个, 公里, 人次) and the units a figure
// asked with it may carry; none for a count in any measure word.
type unitCue struct {
	after string
	units []string
}

// unitCueList returns the unit-after lines in order.
func unitCueList() []unitCue {
	var out []unitCue
	for _, tl := range cueLists {
		after, ok := strings.CutPrefix(tl.Term, "unit-after:")
		if !ok {
			continue
		}
		uc := unitCue{after: after, units: tl.Words}
		if len(tl.Words) == 1 && tl.Words[0] == "-" {
			uc.units = nil
		}
		out = append(out, uc)
	}
	return out
}

// UnitsFile is the general language data's list of the units of figures.
const UnitsFile = "units.txt"

// mustParseUnits reads the units of figures, longest first, and those that
// count things; a malformed file is a broken build, which TestCues reports.
func mustParseUnits(data []byte) ([]string, map[string]bool) {
	lines, err := ParseTermTable(UnitsFile, data)
	if err != nil {
		panic(err)
	}
	var all []string
	count := map[string]bool{}
	for _, tl := range lines {
		for _, u := range tl.Words {
			if !slices.Contains(all, u) {
				all = append(all, u)
			}
			if tl.Term == "count" {
				count[u] = true
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return len(all[i]) > len(all[j]) })
	return all, count
}

// CantoneseFile is the general language data's Cantonese and Hong Kong
// wording.
const CantoneseFile = "cantonese.txt"

// cantonese replaces Cantonese words of a question with Mandarin ones,
// longest first (幾時 → 什么时候, 係邊個 → 是谁, 嘅 → 的).
var cantonese = mustParseCantonese(seeds.Lang()[CantoneseFile])

func mustParseCantonese(data []byte) *strings.Replacer {
	lines, err := ParseTermTable(CantoneseFile, data)
	if err != nil {
		panic(err)
	}
	type pair struct{ from, to string }
	var pairs []pair
	for _, tl := range lines {
		for _, w := range tl.Words {
			pairs = append(pairs, pair{w, tl.Term})
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return len(pairs[i].from) > len(pairs[j].from) })
	var args []string
	for _, p := range pairs {
		args = append(args, p.from, p.to)
	}
	return strings.NewReplacer(args...)
}
