package knowledge

import (
	"sort"
	"strings"
	"unicode/utf8"

	"reportbot/report"
)

// FigureHit is a figure with its sentence; see report.FigureHit.
type FigureHit = report.FigureHit

// maxFigureHits bounds the figures one query returns.
const maxFigureHits = 20

// Figures returns the figures whose metric matches query (旅游总收入, 旅遊總收入, GDP,
// 养老床位), best match first; among equally good matches, 2016's actual
// comes before 2017's target, so a metric's two years stand side by side.
// Levels come before growth rates unless the query asks for growth. A query
// with no words gives ErrInvalidInput; no match gives an empty list.
func (b *Book) Figures(query string) ([]FigureHit, error) {
	q := NormalizeQuestion(query)
	if !hasWordRune(q) {
		return nil, ErrInvalidInput
	}
	q, _ = ToSimplified(q) // 旅遊總收入 is 旅游总收入
	mq := b.metricVariants(q)
	wantGrowth := containsAny(q, growthCues)
	var hits []FigureHit
	for i := range b.sentences {
		s := &b.sentences[i]
		scores := make([]float64, len(s.Figures))
		best := 0.0
		for j, f := range s.Figures {
			scores[j] = metricScore(f.Metric, b.lower[i], mq)
			best = max(best, scores[j])
		}
		for j, f := range s.Figures {
			score := scores[j]
			if score <= 0 {
				continue
			}
			if score < best && best >= 6 {
				// 游客 beside 旅游总收入: a sentence about the metric
				// makes its other figures likelier company.
				score++
			}
			if strings.Contains(s.Item, mq.variants[0].text) {
				score += 0.5
			}
			if f.Growth != wantGrowth {
				score -= 1.5
			}
			hits = append(hits, FigureHit{Figure: f, SentenceID: s.ID, Text: s.Text, Section: s.Section(), Score: score})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Year < hits[j].Year
	})
	if len(hits) > maxFigureHits {
		hits = hits[:maxFigureHits]
	}
	return hits, nil
}

// metricVariant is one way to write the queried metric, with how much a
// match on it counts.
type metricVariant struct {
	text   string
	weight float64
}

// metricQuery is a metric query read: the ways to write it, and its words.
type metricQuery struct {
	variants []metricVariant
	words    []string // content words, each of which a loose match must hold
}

// metricVariants returns the query as typed, its synonyms' canonical words
// put in (GDP增长 → 地区生产总值增长), and its content words.
func (b *Book) metricVariants(q string) metricQuery {
	q = strings.Join(strings.Fields(q), "")
	mq := metricQuery{variants: []metricVariant{{q, 1}}}
	for _, w := range b.synonyms.byLenth {
		if !strings.Contains(q, w) {
			continue
		}
		for _, alt := range b.synonyms.Group(w)[1:] {
			mq.variants = append(mq.variants, metricVariant{strings.ReplaceAll(q, w, alt), 0.95})
		}
		break
	}
	for _, w := range b.seg.Cut(q) {
		if utf8.RuneCountInString(w) >= 2 && !stopWords[w] {
			mq.words = append(mq.words, w)
		}
	}
	return mq
}

// metricScore rates how well a figure's metric matches the query: the same
// words best, then a metric that holds the query, then a query that holds
// the metric, then a sentence that holds the query, then a sentence that
// holds each of its words.
// text is the sentence with latin letters lower-cased, as the query is.
func metricScore(metric, text string, mq metricQuery) float64 {
	best := 0.0
	ml := utf8.RuneCountInString(metric)
	for _, v := range mq.variants {
		vl := utf8.RuneCountInString(v.text)
		var s float64
		switch {
		case metric == v.text:
			s = 10
		case strings.Contains(strings.ToLower(metric), v.text):
			s = 7 - 0.1*float64(ml-vl)
		case ml >= 2 && strings.Contains(v.text, metric):
			s = 5 - 0.1*float64(vl-ml)
		case strings.Contains(text, v.text):
			s = 3
		}
		if s*v.weight > best {
			best = s * v.weight
		}
	}
	if best == 0 && len(mq.words) > 1 {
		for _, w := range mq.words {
			if !strings.Contains(text, w) {
				return 0
			}
		}
		best = 2
	}
	return best
}
