package bot

import (
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"reportbot/commands"
	"reportbot/report"
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

// tooLong is the note that ends a reply cut to fit Discord's limits.
const tooLong = "（内容太长，只显示了前一部分；请缩小范围）"

// embeds renders a reply with the command ids the registration gave, so that
// a command in it is a link (</ask:ID>) that Discord shows in each user's
// language.
func (b *Bot) embeds(r commands.Reply) []*discordgo.MessageEmbed {
	b.mu.Lock()
	ids := b.commandIDs
	b.mu.Unlock()
	return embeds(r, ids)
}

// embeds renders a reply as Discord embeds within Discord's limits: the body
// goes into descriptions and the fields into fields, split between embeds
// at line and field boundaries, never inside a figure or a sentence. A reply
// too long for one message is cut, and the footer says so; the note counts
// toward the 6,000 characters like every other text. ids maps a command name
// to its id, for command links; it may be nil.
func embeds(r commands.Reply, ids map[string]string) []*discordgo.MessageEmbed {
	if out, cut := layout(r, ids, false); !cut {
		return out
	}
	out, _ := layout(r, ids, true)
	return out
}

// layout lays a reply out; it reports whether the reply did not fit. With
// cut, it fits what it can and puts the tooLong note in the footer.
func layout(r commands.Reply, ids map[string]string, cut bool) ([]*discordgo.MessageEmbed, bool) {
	color := colorAnswer
	if r.UserError {
		color = colorError
	}
	footer := footerText(r, cut)
	title := clip(escape(r.Title), maxTitle)
	first := &discordgo.MessageEmbed{Title: title, Color: color}
	p := &packer{out: []*discordgo.MessageEmbed{first}, e: first, color: color, total: runes(title) + runes(footer)}
	// The pieces, in order: description chunks, then fields.
	for _, d := range descriptions(r.Answer, r.Body) {
		p.add(runes(d), func(e *discordgo.MessageEmbed) bool {
			if e.Description != "" || len(e.Fields) > 0 {
				return false
			}
			e.Description = d
			return true
		})
	}
	for _, f := range embedFields(r.Fields, ids) {
		p.add(runes(f.Name)+runes(f.Value), func(e *discordgo.MessageEmbed) bool {
			if len(e.Fields) == maxFields {
				return false
			}
			e.Fields = append(e.Fields, f)
			return true
		})
	}
	if p.overflow && !cut {
		return nil, true
	}
	if footer != "" {
		p.out[len(p.out)-1].Footer = &discordgo.MessageEmbedFooter{Text: footer}
	}
	return p.out, false
}

// footerText is a reply's footer: its citation and its own footer, with the
// tooLong note when the reply is cut.
func footerText(r commands.Reply, cut bool) string {
	var foot []string
	if r.Citation != "" {
		source := "出处："
		if r.Lang == report.LangEN {
			source = "Source: "
		}
		foot = append(foot, source+r.Citation)
	}
	if r.Footer != "" {
		foot = append(foot, r.Footer)
	}
	footer := clip(escape(strings.Join(foot, "\n")), maxFooter)
	if cut {
		footer = strings.TrimSpace(clip(footer, maxFooter-runes(tooLong)-1) + "\n" + tooLong)
	}
	return footer
}

// descriptions is a reply's answer line, in bold, then its body, escaped,
// in pieces that fit a description.
func descriptions(answer string, body []string) []string {
	var escaped []string
	if a := strings.TrimSpace(commands.OneLine(answer)); a != "" {
		escaped = append(escaped, "**"+escape(a)+"**")
	}
	for _, line := range body {
		escaped = append(escaped, escape(line))
	}
	if len(escaped) == 0 {
		return nil
	}
	return splitLines(strings.Join(escaped, "\n"), maxDescription)
}

// embedFields is a reply's fields as embed fields: a value too long for one
// field goes on in the next, named （续）.
func embedFields(fs []commands.Field, ids map[string]string) []*discordgo.MessageEmbedField {
	var fields []*discordgo.MessageEmbedField
	for _, f := range fs {
		name := clip(escape(f.Name), maxFieldName)
		if strings.TrimSpace(name) == "" {
			name = "\u200b"
		}
		value := fieldValue(f, ids)
		if strings.TrimSpace(value) == "" {
			value = "—"
		}
		for i, v := range splitLines(value, maxFieldValue) {
			n := name
			if i > 0 {
				n = clip(name, maxFieldName-3) + "（续）"
			}
			fields = append(fields, &discordgo.MessageEmbedField{Name: n, Value: v})
		}
	}
	return fields
}

// packer fills embeds with pieces in order, within Discord's limits: a
// piece goes into the current embed, or a new one, until the message's
// characters or embeds run out (overflow).
type packer struct {
	out      []*discordgo.MessageEmbed
	e        *discordgo.MessageEmbed // the embed being filled
	color    int
	total    int // characters so far
	overflow bool
}

// add puts a piece of size characters with put, which says whether the
// piece fit in the embed it was given.
func (p *packer) add(size int, put func(*discordgo.MessageEmbed) bool) {
	if p.overflow {
		return
	}
	if p.total+size > maxEmbedsTotal {
		p.overflow = true
		return
	}
	if !put(p.e) {
		if len(p.out) == maxEmbeds {
			p.overflow = true
			return
		}
		p.e = &discordgo.MessageEmbed{Color: p.color}
		p.out = append(p.out, p.e)
		put(p.e)
	}
	p.total += size
}

// fieldValue is a field's value as markdown: escaped text, with the command
// it begins with as a link when the command's id is known.
func fieldValue(f commands.Field, ids map[string]string) string {
	top, _, _ := strings.Cut(f.Command, " ")
	id := ids[top]
	if f.Command == "" || id == "" || !strings.HasPrefix(f.Value, "/"+f.Command) {
		return escape(f.Value)
	}
	return "</" + f.Command + ":" + id + ">" + escape(strings.TrimPrefix(f.Value, "/"+f.Command))
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

// maxRowButtons is how many buttons one action row holds.
const maxRowButtons = 5

// buttons returns a reply's buttons: 上一页 for the previous page and 更多
// for the next (Previous and More on an English reply), each carrying its page's cursor, and, on an answer to a
// question when votes are kept, 👍 and 👎 (in the same row when it has
// room, else in a row of their own).
func buttons(r commands.Reply, votes bool) []discordgo.MessageComponent {
	prev, next := "上一页", "更多"
	if r.Lang == report.LangEN {
		prev, next = "Previous", "More"
	}
	var row []discordgo.MessageComponent
	if r.Prev != "" {
		row = append(row, discordgo.Button{Label: prev, Style: discordgo.SecondaryButton, CustomID: r.Prev})
	}
	if r.Next != "" {
		row = append(row, discordgo.Button{Label: next, Style: discordgo.SecondaryButton, CustomID: r.Next})
	}
	var rows []discordgo.MessageComponent
	if votes && r.Feedback != nil && !r.UserError && !r.Private {
		vote := []discordgo.MessageComponent{
			discordgo.Button{Label: "👍", Style: discordgo.SecondaryButton, CustomID: r.Feedback.VoteID(true)},
			discordgo.Button{Label: "👎", Style: discordgo.SecondaryButton, CustomID: r.Feedback.VoteID(false)},
		}
		if len(row)+len(vote) <= maxRowButtons {
			row = append(row, vote...)
		} else {
			rows = append(rows, discordgo.ActionsRow{Components: vote})
		}
	}
	if row != nil {
		rows = append([]discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}, rows...)
	}
	if rows == nil {
		return []discordgo.MessageComponent{}
	}
	return rows
}
