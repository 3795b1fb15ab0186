package knowledge

import (
	"math"
	"strings"

	"reportbot/report"
)

// Comparison is last year's actual beside this year's target; see report.Comparison.
type Comparison = report.Comparison

// Comparisons returns the pairs among hits of a figure of last year (actual)
// and the same figure planned for this year (target), in the order of the
// hits' targets. A pair needs the same subject (as written, give or take a
// scope word such as 全社会, or as words of one synonym group, whole), the
// same measure, single years, and units of one kind (亿元 and 万元 are; 个
// and 家 are for counts of one subject); anything less is no comparison. The
// years come from the report's date line.
func (b *Book) Comparisons(hits []FigureHit) []Comparison {
	year := b.outline.Year
	if year == 0 {
		return nil
	}
	var out []Comparison
	seen := make(map[[2]int]bool)
	for j, t := range hits {
		if t.Kind != KindTarget || t.Year != year || t.YearFrom != 0 {
			continue
		}
		for i, a := range hits {
			if a.Kind != KindActual || a.Year != year-1 || a.YearFrom != 0 {
				continue
			}
			if !b.comparable(a.Figure, t.Figure) || seen[[2]int{i, j}] {
				continue
			}
			seen[[2]int{i, j}] = true
			out = append(out, compare(a, t))
		}
	}
	return out
}

// comparable tells whether two figures measure the same thing the same way.
func (b *Book) comparable(a, t Figure) bool {
	if a.Measure != t.Measure || a.Measure == "" || a.Growth != t.Growth {
		return false
	}
	if b.subjectKey(a.Subject) != b.subjectKey(t.Subject) || a.Subject == "" || isGeneric(a.Subject) {
		return false // 项目, 重大项目: projects of what is not known
	}
	if a.BaseUnit != t.BaseUnit && a.Measure != MeasureCount {
		return false
	}
	if strings.TrimPrefix(a.Metric, a.Subject) != strings.TrimPrefix(t.Metric, t.Subject) {
		return false // 增长 and 年均增长, 提高 and 下降: other rates
	}
	return true
}

// subjectKey returns the form two subjects must share to be the same thing.
func (b *Book) subjectKey(s string) string {
	for _, w := range scopeWords {
		s = strings.TrimPrefix(s, w)
	}
	if strings.HasPrefix(s, "新建") {
		s = "新增" + strings.TrimPrefix(s, "新建") // 新建养老床位, 新增养老床位: both what is added
	}
	if b.synonyms != nil {
		if g := b.synonyms.Group(s); len(g) > 1 {
			if i, ok := b.synonyms.byWord[strings.ToLower(s)]; ok {
				return b.synonyms.groups[i][0]
			}
		}
	}
	return s
}

// compare puts a target beside an actual with the change, when exact.
func compare(a, t FigureHit) Comparison {
	c := Comparison{Metric: a.Metric, Actual: a, Target: t}
	if a.Metric != t.Metric && len(t.Metric) < len(a.Metric) {
		c.Metric = t.Metric
	}
	if a.Qualifier != "" || t.Qualifier != "" {
		return c // 3%左右, 10万人以上: no exact change to give
	}
	mag := 1.0
	if a.Value != 0 {
		mag = a.NormValue / a.Value
	}
	diff := math.Round((t.NormValue-a.NormValue)/mag*100) / 100
	c.Change = &diff
	if a.NormValue != 0 && (a.Measure == MeasureLevel || a.Measure == MeasureCount) {
		pct := math.Round((t.NormValue-a.NormValue)/a.NormValue*1000) / 10
		c.ChangePct = &pct
	}
	return c
}
