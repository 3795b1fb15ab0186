package knowledge

import "testing"

// TestRespelled: a typo is put right by what the report writes after the
// word before it; a question the report's words do not continue that way,
// or continue two ways, stays as asked.
func TestRespelled(t *testing.T) {
	bk := openTestBase(t).Default()
	for _, tt := range []struct{ q, want string }{
		{"去年城镇话率是多少", "去年城镇化率是多少"},             // 话 sounds as 化
		{"去年旅游总收人是多少", "去年旅游总收人是多少"},           // 人 is not of 入's sound, and ends the word: left as asked
		{"去年地区生厂总值是多少", "去年地区生产总值是多少"},         // four letters, going on past the wrong one
		{"今年新建改扩建公办幼儿圆多少个", "今年新建改扩建公办幼儿园多少个"}, // 圆 sounds as 园, and 幼儿园 is one word
		{"今年要完成多少个小城振和贫困村的电网改造", "今年要完成多少个小城镇和贫困村的电网改造"},
		{"去年城镇居民收入是多少", "去年城镇居民收入是多少"}, // as the report writes it
		{"洛阳市的总面积有多大", "洛阳市的总面积有多大"},   // the report never goes on so
		{"明年的世界杯在哪里举办", "明年的世界杯在哪里举办"},
		{"2026年世界杯在哪里举办", "2026年世界杯在哪里举办"}, // a word of the dictionary, after a year
		{"郑州市2016年的地区生产总值是多少", "郑州市2016年的地区生产总值是多少"},
	} {
		got, _, _ := bk.respelled(tt.q)
		if got != tt.want {
			t.Errorf("respelled(%s) = %s, want %s", tt.q, got, tt.want)
		}
	}
}
