package report

import "testing"

func TestParseNumber(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{{"七", 7}, {"7", 7}, {"十", 10}, {"十一", 11}, {"二十", 20}, {"二十三", 23}, {"", 0}, {"abc", 0}, {"0", 0}, {"100", 0}, {"十十", 0}} {
		if got := ParseNumber(tt.in); got != tt.want {
			t.Errorf("ParseNumber(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestSection(t *testing.T) {
	s := Sentence{Part: "二、2017年总体要求及重点工作安排", Area: "(七)传承历史文脉，彰显文化特色，加快构建文化传承创新体系", Item: "二是做大做强文化旅游产业"}
	if got, want := s.Section(), "二、2017年总体要求及重点工作安排 › (七)传承历史文脉… › 二是做大做强文化旅游产业"; got != want {
		t.Errorf("Section() = %q, want %q", got, want)
	}
	if got := (Sentence{}).Section(); got != "报告开头" {
		t.Errorf("Section() of the opening = %q", got)
	}
}
