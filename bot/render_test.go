package bot

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"reportbot/charts"
	"reportbot/commands"
	"reportbot/report"
)

func embedChars(r commands.Reply) (total int, ok bool) {
	ok = true
	for _, e := range embeds(r, nil) {
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
	t.Parallel()
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
		if !ok || total > maxEmbedsTotal || len(embeds(r, nil)) > maxEmbeds {
			t.Errorf("reply of %d body lines: %d characters in %d embeds, within limits %v", len(r.Body), total, len(embeds(r, nil)), ok)
		}
	}
	// Nothing is cut inside a line: every description line is a whole body line.
	for _, e := range embeds(commands.Reply{Title: "t", Body: body}, nil) {
		for _, l := range strings.Split(e.Description, "\n") {
			if l != line {
				t.Fatalf("a line was cut: %q", l)
			}
		}
	}
	// A field value too long for one field continues in the next, at a line break.
	es := embeds(commands.Reply{Title: "t", Fields: []commands.Field{{Name: "旅游总收入", Value: strings.Repeat(line+"\n", 10)}}}, nil)
	if got := len(es[0].Fields); got != 2 || es[0].Fields[1].Name != "旅游总收入（续）" {
		t.Errorf("long field: %d fields, second named %q", got, es[0].Fields[1].Name)
	}
}

func TestEscapeShowsTextAsTyped(t *testing.T) {
	t.Parallel()
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

// TestButtons: paging buttons, and 👍 👎 on an answer to a question when
// votes are kept, in one row; none on a mistake or a private reply.
func TestButtons(t *testing.T) {
	t.Parallel()
	fb := &commands.Feedback{Command: "ask", Question: "今年GDP目标", Answered: true, SentenceID: 7, Answer: "某句。"}
	labels := func(comps []discordgo.MessageComponent) [][]string {
		var rows [][]string
		for _, c := range comps {
			var row []string
			for _, b := range c.(discordgo.ActionsRow).Components {
				row = append(row, b.(discordgo.Button).Label)
			}
			rows = append(rows, row)
		}
		return rows
	}
	for _, tt := range []struct {
		name  string
		reply commands.Reply
		votes bool
		want  string
	}{
		{"nothing", commands.Reply{}, true, "[]"},
		{"next page", commands.Reply{Next: "v1|search|1|项目"}, true, "[[更多]]"},
		{"an answer", commands.Reply{Feedback: fb}, true, "[[👍 👎]]"},
		{"an answer with pages", commands.Reply{Prev: "p", Next: "n", Feedback: fb}, true, "[[上一页 更多 👍 👎]]"},
		{"an English answer with pages", commands.Reply{Prev: "p", Next: "n", Feedback: fb, Lang: report.LangEN}, true, "[[Previous More 👍 👎]]"},
		{"votes not kept", commands.Reply{Next: "n", Feedback: fb}, false, "[[更多]]"},
		{"a mistake", commands.Reply{Feedback: fb, UserError: true}, true, "[]"},
		{"a private reply", commands.Reply{Feedback: fb, Private: true}, true, "[]"},
	} {
		got := buttons(tt.reply, tt.votes)
		if s := fmt.Sprint(labels(got)); s != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, s, tt.want)
		}
		if got == nil {
			t.Errorf("%s: nil, want an empty list (components: [] clears a page's buttons)", tt.name)
		}
	}
	b := buttons(commands.Reply{Feedback: fb}, true)[0].(discordgo.ActionsRow).Components
	if up, down := b[0].(discordgo.Button).CustomID, b[1].(discordgo.Button).CustomID; !commands.IsVoteID(up) || !commands.IsVoteID(down) || up == down {
		t.Errorf("vote ids %q %q", up, down)
	}
}

// TestSourceLabel: the citation's label follows the reply's language.
func TestSourceLabel(t *testing.T) {
	t.Parallel()
	for lang, want := range map[string]string{"": "出处：一、回顾", report.LangEN: "Source: 一、回顾"} {
		embeds, _ := layout(commands.Reply{Title: "t", Body: []string{"b"}, Citation: "一、回顾", Lang: lang}, nil, false)
		if len(embeds) == 0 || embeds[len(embeds)-1].Footer == nil || !strings.Contains(embeds[len(embeds)-1].Footer.Text, want) {
			t.Errorf("lang %q: footer lacks %q", lang, want)
		}
	}
}

// TestEmbedsBudgetCountsTheNote: a reply cut to fit says so in its footer,
// and the note counts toward the 6,000 characters; no field value is empty.
func TestEmbedsBudgetCountsTheNote(t *testing.T) {
	t.Parallel()
	// Fields that fill the budget to the character, with a long footer.
	var fields []commands.Field
	for i := 0; i < 7; i++ {
		fields = append(fields, commands.Field{Name: "名", Value: strings.Repeat("字", 999)})
	}
	for _, r := range []commands.Reply{
		{Title: "t", Fields: fields, Footer: strings.Repeat("页", 1990)},
		{Title: "t", Fields: fields, Footer: "第1/2页"},
		{Title: strings.Repeat("题", 300), Body: []string{strings.Repeat("文", 5990)}, Citation: "二 › (七)"},
	} {
		es := embeds(r, nil)
		total, ok := embedChars(r)
		foot := es[len(es)-1].Footer
		if !ok || total > maxEmbedsTotal || foot == nil || !strings.Contains(foot.Text, tooLong) {
			t.Errorf("cut reply: %d characters, within limits %v, footer %+v", total, ok, foot)
		}
	}
	// A reply that fits has no note.
	if es := embeds(commands.Reply{Title: "t", Fields: fields[:2], Footer: "第1/2页"}, nil); strings.Contains(es[0].Footer.Text, tooLong) {
		t.Errorf("a reply that fits was marked cut: %q", es[0].Footer.Text)
	}
	for _, f := range embeds(commands.Reply{Title: "t", Fields: []commands.Field{{Name: "空", Value: ""}, {Name: "", Value: " \n "}}}, nil)[0].Fields {
		if strings.TrimSpace(f.Value) == "" || strings.TrimSpace(f.Name) == "" {
			t.Errorf("empty field sent: %+v", f)
		}
	}
}

func TestCommandLinks(t *testing.T) {
	t.Parallel()
	ids := map[string]string{"ask": "11", "digest-channel": "12"}
	for _, tt := range []struct {
		f    commands.Field
		want string
	}{
		{commands.Field{Value: "/ask 问题\n提问", Command: "ask"}, "</ask:11> 问题\n提问"},
		{commands.Field{Value: "/digest-channel subscribe\n订阅", Command: "digest-channel subscribe"}, "</digest-channel subscribe:12>\n订阅"},
		{commands.Field{Value: "/help", Command: "help"}, "/help"},           // no id: plain text
		{commands.Field{Value: "<@1> *x*", Command: "ask"}, `\<@​1\> \*x\*`}, // not the command: escaped
	} {
		if got := fieldValue(tt.f, ids); got != tt.want {
			t.Errorf("fieldValue(%+v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

// TestRenderChart: a reply's chart becomes the last embed's image and the
// upload's file; a chart that cannot be drawn leaves the reply without an
// image, logged.
func TestRenderChart(t *testing.T) {
	t.Parallel()
	var logged strings.Builder
	b := &Bot{log: slog.New(slog.NewTextHandler(&logged, nil))}
	good := charts.Chart{Title: "旅游总收入", Panels: []charts.Panel{{Title: "亿元", Bars: []charts.Bar{{Label: "2016年", Value: 905, Text: "905亿元"}}}}}
	reply := commands.Reply{Title: "旅游总收入", Body: []string{"全年实现旅游总收入1040亿元。"}, Image: &commands.Image{Name: "figure.png", Alt: "2016年 905亿元", Chart: good}}
	o := b.render(reply)
	if o.image == nil || o.image.name != "figure.png" || len(o.image.png) == 0 || o.image.alt != "2016年 905亿元" {
		t.Fatalf("image %+v", o.image)
	}
	if img := o.embeds[len(o.embeds)-1].Image; img == nil || img.URL != "attachment://figure.png" {
		t.Errorf("embed image %+v", img)
	}
	if f := o.files(); len(f) != 1 || f[0].Name != "figure.png" {
		t.Errorf("files %+v", f)
	}
	if plain := o.withoutImage(); plain.image != nil || plain.embeds[len(plain.embeds)-1].Image != nil || len(plain.attachments()) != 0 || o.embeds[len(o.embeds)-1].Image == nil {
		t.Errorf("without the image: %+v (and the original lost its own)", plain)
	}

	reply.Image.Chart = charts.Chart{Title: "空"} // no bars: not drawn
	o = b.render(reply)
	if o.image != nil || o.embeds[len(o.embeds)-1].Image != nil || len(o.embeds) == 0 {
		t.Errorf("a chart not drawn: image %+v", o.image)
	}
	if !strings.Contains(logged.String(), "chart not drawn") {
		t.Errorf("not logged: %s", logged.String())
	}
}
