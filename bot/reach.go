package bot

import (
	"encoding/json"
	"slices"

	"github.com/bwmarrin/discordgo"

	"reportbot/commands"
)

// The bot keeps, from the gateway's events, what a message alone does not
// say: which role of a server is the bot's own (its managed role, which
// people mention as they would the bot) and which channel a thread is under
// (a thread under an ask channel is part of it).

// onRawEvent reads roles and threads from GUILD_CREATE, GUILD_ROLE_CREATE,
// GUILD_ROLE_UPDATE, THREAD_CREATE, THREAD_UPDATE and THREAD_LIST_SYNC.
// discordgo does not decode a role's tags, which name its bot.
func (b *Bot) onRawEvent(s *discordgo.Session, e *discordgo.Event) {
	if e == nil || len(e.RawData) == 0 {
		return
	}
	defer b.recoverPanic("event", e.Type, nil)
	type role struct {
		ID   string `json:"id"`
		Tags struct {
			BotID string `json:"bot_id"`
		} `json:"tags"`
	}
	type thread struct {
		ID       string `json:"id"`
		ParentID string `json:"parent_id"`
	}
	var d struct {
		ID      string   `json:"id"`
		GuildID string   `json:"guild_id"`
		Roles   []role   `json:"roles"`
		Role    *role    `json:"role"`
		Threads []thread `json:"threads"`
		thread
	}
	switch e.Type {
	case "GUILD_CREATE", "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE", "THREAD_CREATE", "THREAD_UPDATE", "THREAD_LIST_SYNC":
	default:
		return
	}
	if err := json.Unmarshal(e.RawData, &d); err != nil {
		b.log.Debug("event not read", "type", e.Type, "err", err)
		return
	}
	guild := d.GuildID
	if e.Type == "GUILD_CREATE" {
		guild = d.ID
	}
	roles := d.Roles
	if d.Role != nil {
		roles = append(roles, *d.Role)
	}
	threads := d.Threads
	if e.Type == "THREAD_CREATE" || e.Type == "THREAD_UPDATE" {
		threads = append(threads, d.thread)
	}
	self := b.self()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range roles {
		if r.Tags.BotID != "" && r.Tags.BotID == self && guild != "" {
			b.botRoles[guild] = r.ID
		}
	}
	for _, t := range threads {
		if t.ID != "" {
			b.rememberParent(t.ID, t.ParentID)
		}
	}
}

// rememberParent notes a channel's parent ("" for none); b.mu is held.
func (b *Bot) rememberParent(channelID, parentID string) {
	if len(b.parents) > 100000 { // forget all rather than grow without end
		b.parents = map[string]string{}
	}
	b.parents[channelID] = parentID
}

// mentionsBotRole tells whether a message mentions the bot's managed role:
// the role whose tags name the bot or, before that event is read, a managed
// role the bot's own member holds (discordgo's state has it already).
func (b *Bot) mentionsBotRole(m *discordgo.Message) bool {
	if len(m.MentionRoles) == 0 || m.GuildID == "" {
		return false
	}
	b.mu.Lock()
	role := b.botRoles[m.GuildID]
	b.mu.Unlock()
	mine := func(id string) bool { return id == role }
	if role == "" && b.session.State != nil {
		mine = func(id string) bool {
			member, err := b.session.State.Member(m.GuildID, b.self())
			if err != nil || !slices.Contains(member.Roles, id) {
				return false
			}
			r, err := b.session.State.Role(m.GuildID, id)
			return err == nil && r.Managed
		}
	}
	for _, r := range m.MentionRoles {
		if r != "" && mine(r) {
			return true
		}
	}
	return false
}

// parentOf returns a channel's parent ("" for none) when the gateway's
// events told it: discordgo's state, read as the events arrive, or the
// threads this bot noted.
func (b *Bot) parentOf(channelID string) (parent string, known bool) {
	if b.session.State != nil {
		if c, err := b.session.State.Channel(channelID); err == nil {
			if c.IsThread() {
				return c.ParentID, true
			}
			return "", true
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	parent, known = b.parents[channelID]
	return parent, known
}

// inAskChannel tells whether a message came in an ask channel or in a
// thread under one. A channel the events did not describe is looked up once.
func (b *Bot) inAskChannel(m *discordgo.Message) bool {
	if len(b.cfg.AskChannels) == 0 || m.GuildID == "" {
		return false
	}
	if b.cfg.AskChannels[m.ChannelID] {
		return true
	}
	parent, known := b.parentOf(m.ChannelID)
	if !known {
		c, err := b.session.Channel(m.ChannelID)
		if err != nil {
			b.log.Debug("channel not looked up", "channel", m.ChannelID, "err", b.apiErr(err))
			return false
		}
		parent = ""
		if c.IsThread() {
			parent = c.ParentID
		}
		b.mu.Lock()
		b.rememberParent(m.ChannelID, parent)
		b.mu.Unlock()
	}
	return parent != "" && b.cfg.AskChannels[parent]
}

// unreadableReply answers a reply to the bot whose text the bot may not read
// (no Message Content intent): a reply that does not ping the bot arrives
// without its text.
var unreadableReply = commands.Reply{
	Title: "请@我提问",
	Body:  []string{"我看不到这条回复的文字。请在消息里@我再问一次，或者用 /ask，例如：/ask 今年旅游收入目标是多少？"},
}
