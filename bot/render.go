package bot

import (
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"reportbot/commands"
)

// Discord's limits on embeds, counted in characters.
const (
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxEmbedsTotal = 6000 // all embeds of one message together
	maxEmbeds      = 10
)

const (
	colorAnswer = 0x2b6cb0
	colorError  = 0xc53030
)

// noMentions lets a message ping nobody, whatever its text holds.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// escaper shows text as typed: Discord markdown, masked links and mentions
// are escaped, and @ gets a zero-width space after it so that @everyone
// stays text.
var escaper = strings.NewReplacer(
	`\`, `\\`, `*`, `\*`, `_`, `\_`, `~`, `\~`, "`", "\\`", `|`, `\|`, `>`, `\>`, `<`, `\<`,
	`[`, `\[`, `]`, `\]`, `#`, `\#`, `@`, "@\u200b",
)

func escape(s string) string { return escaper.Replace(s) }

func runes(s string) int { return utf8.RuneCountInString(s) }

// clip cuts s to n characters at most, marking the cut.
func clip(s string, n int) string {
	if runes(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// embeds renders a reply as Discord embeds within Discord's limits: the body
// goes into descriptions and the fields into fields, split between embeds
// at line and field boundaries, never inside a figure or a sentence.
func embeds(r commands.Reply) []*discordgo.MessageEmbed {
	color := colorAnswer
	if r.UserError {
		color = colorError
	}
	var foot []string
	if r.Citation != "" {
		foot = append(foot, "出处："+r.Citation)
	}
	if r.Footer != "" {
		foot = append(foot, r.Footer)
	}
	footer := strings.Join(foot, "\n")
	// The pieces, in order: description chunks, then fields.
	var descs []string
	if len(r.Body) > 0 {
		escaped := make([]string, len(r.Body))
		for i, line := range r.Body {
			escaped[i] = escape(line)
		}
		descs = splitLines(strings.Join(escaped, "\n"), maxDescription)
	}
	var fields []*discordgo.MessageEmbedField
	for _, f := range r.Fields {
		name := clip(escape(f.Name), maxFieldName)
		if name == "" {
			name = "\u200b"
		}
		for i, v := range splitLines(escape(f.Value), maxFieldValue) {
			n := name
			if i > 0 {
				n = clip(name, maxFieldName-3) + "（续）"
			}
			fields = append(fields, &discordgo.MessageEmbedField{Name: n, Value: v})
		}
	}

	title := clip(escape(r.Title), maxTitle)
	first := &discordgo.MessageEmbed{Title: title, Color: color}
	out := []*discordgo.MessageEmbed{first}
	total := runes(title)
	if footer != "" {
		total += runes(clip(escape(footer), maxFooter))
	}
	e := first
	overflow := false
	add := func(size int, put func(*discordgo.MessageEmbed) bool) {
		if overflow {
			return
		}
		if total+size > maxEmbedsTotal {
			overflow = true
			return
		}
		if !put(e) {
			if len(out) == maxEmbeds {
				overflow = true
				return
			}
			e = &discordgo.MessageEmbed{Color: color}
			out = append(out, e)
			put(e)
		}
		total += size
	}
	for _, d := range descs {
		add(runes(d), func(e *discordgo.MessageEmbed) bool {
			if e.Description != "" || len(e.Fields) > 0 {
				return false
			}
			e.Description = d
			return true
		})
	}
	for _, f := range fields {
		add(runes(f.Name)+runes(f.Value), func(e *discordgo.MessageEmbed) bool {
			if len(e.Fields) == maxFields {
				return false
			}
			e.Fields = append(e.Fields, f)
			return true
		})
	}
	if overflow {
		footer = strings.TrimSpace(footer + "\n（内容太长，只显示了前一部分；请缩小范围）")
	}
	if footer != "" {
		out[len(out)-1].Footer = &discordgo.MessageEmbedFooter{Text: clip(escape(footer), maxFooter)}
	}
	return out
}

// splitLines cuts text into pieces of at most n characters at line breaks
// (and, for a single longer line, at n characters).
func splitLines(text string, n int) []string {
	if runes(text) <= n {
		return []string{text}
	}
	var out []string
	cur := ""
	for _, line := range strings.Split(text, "\n") {
		for runes(line) > n {
			if cur != "" {
				out = append(out, cur)
				cur = ""
			}
			rs := []rune(line)
			out = append(out, string(rs[:n]))
			line = string(rs[n:])
		}
		if cur != "" && runes(cur)+1+runes(line) > n {
			out = append(out, cur)
			cur = ""
		}
		if cur != "" {
			cur += "\n"
		}
		cur += line
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// buttons returns a reply's paging buttons: 上一页 for the previous page and
// 更多 for the next, each carrying its page's cursor.
func buttons(r commands.Reply) []discordgo.MessageComponent {
	var row []discordgo.MessageComponent
	if r.Prev != "" {
		row = append(row, discordgo.Button{Label: "上一页", Style: discordgo.SecondaryButton, CustomID: r.Prev})
	}
	if r.Next != "" {
		row = append(row, discordgo.Button{Label: "更多", Style: discordgo.SecondaryButton, CustomID: r.Next})
	}
	if row == nil {
		return []discordgo.MessageComponent{}
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}
}
