package bot

import (
	"strings"
	"testing"

	"reportbot/commands"
)

func embedChars(r commands.Reply) (total int, ok bool) {
	ok = true
	for _, e := range embeds(r) {
		total += runes(e.Title) + runes(e.Description)
		if runes(e.Title) > maxTitle || runes(e.Description) > maxDescription || len(e.Fields) > maxFields {
			ok = false
		}
		for _, f := range e.Fields {
			total += runes(f.Name) + runes(f.Value)
			if runes(f.Name) > maxFieldName || runes(f.Value) > maxFieldValue {
				ok = false
			}
		}
		if e.Footer != nil {
			total += runes(e.Footer.Text)
			if runes(e.Footer.Text) > maxFooter {
				ok = false
			}
		}
	}
	return total, ok
}

func TestEmbedsStayWithinLimits(t *testing.T) {
	line := strings.Repeat("全年接待游客1.23亿人次，实现旅游总收入1040亿元。", 5) // 140 characters
	var body []string
	var fields []commands.Field
	for i := 0; i < 60; i++ {
		body = append(body, line)
		fields = append(fields, commands.Field{Name: "旅游总收入", Value: strings.Repeat(line+"\n", 10)})
	}
	for _, r := range []commands.Reply{
		{Title: strings.Repeat("问", 400), Body: body, Fields: fields, Citation: "二 › (七)", Footer: "第1/2页"},
		{Title: "短", Body: []string{line}},
		{Title: "", Fields: []commands.Field{{Name: "", Value: ""}}},
	} {
		total, ok := embedChars(r)
		if !ok || total > maxEmbedsTotal || len(embeds(r)) > maxEmbeds {
			t.Errorf("reply of %d body lines: %d characters in %d embeds, within limits %v", len(r.Body), total, len(embeds(r)), ok)
		}
	}
	// Nothing is cut inside a line: every description line is a whole body line.
	for _, e := range embeds(commands.Reply{Title: "t", Body: body}) {
		for _, l := range strings.Split(e.Description, "\n") {
			if l != line {
				t.Fatalf("a line was cut: %q", l)
			}
		}
	}
	// A field value too long for one field continues in the next, at a line break.
	es := embeds(commands.Reply{Title: "t", Fields: []commands.Field{{Name: "旅游总收入", Value: strings.Repeat(line+"\n", 10)}}})
	if got := len(es[0].Fields); got != 2 || es[0].Fields[1].Name != "旅游总收入（续）" {
		t.Errorf("long field: %d fields, second named %q", got, es[0].Fields[1].Name)
	}
}

func TestEscapeShowsTextAsTyped(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"@everyone 今年GDP", "@\u200beveryone 今年GDP"},
		{"<@123> **粗体** `代码`", "\\<@\u200b123\\> \\*\\*粗体\\*\\* \\`代码\\`"},
		{"[链接](http://x)", `\[链接\](http://x)`},
		{"旅游总收入1040亿元", "旅游总收入1040亿元"},
	} {
		if got := escape(tt.in); got != tt.want {
			t.Errorf("escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestButtons(t *testing.T) {
	if b := buttons(commands.Reply{}); len(b) != 0 {
		t.Errorf("no next page, %d components", len(b))
	}
	if b := buttons(commands.Reply{Next: "v1|search|1|项目"}); len(b) != 1 {
		t.Errorf("next page, %d components", len(b))
	}
}
