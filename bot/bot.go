// Package bot is reportbot's Discord adapter, the only package that knows
// Discord: it turns interactions and messages into requests of the commands
// router, renders the replies as embeds, and posts the daily digest.
package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"reportbot/commands"
	"reportbot/report"
)

// Store keeps the bot's state: digest subscriptions, and the claims and
// records of digest posts. It may be shared by several processes (see
// state.Store, which implements it on SQLite and PostgreSQL).
type Store interface {
	Subscribe(ctx context.Context, s report.Subscription, at time.Time) (bool, error)
	Unsubscribe(ctx context.Context, channelID string) (bool, error)
	SyncConfigSubscriptions(ctx context.Context, channelIDs []string, at time.Time) error
	MarkBroken(ctx context.Context, channelID, reason string, at time.Time) error
	// DueDigests lists the subscriptions whose digest of date is neither
	// posted nor held by a live claim at now.
	DueDigests(ctx context.Context, date string, now time.Time) ([]report.Subscription, error)
	// ClaimDigest claims a post for owner until until; true when the
	// caller holds it (no post recorded, no other live claim).
	ClaimDigest(ctx context.Context, channelID, date, owner string, now, until time.Time) (bool, error)
	RecordDigestPost(ctx context.Context, channelID, date, messageID string, at time.Time) error
	// FailDigest counts a failed post and frees the claim from the time
	// retry gives.
	FailDigest(ctx context.Context, channelID, date, owner string, fault bool, retry func(attempts, transient int) time.Time) (attempts, transient int, err error)
	Ping(ctx context.Context) error
	Engine() string // sqlite or postgres, for /healthz
}

// Votes keeps the 👍 and 👎 on answers (the state store does).
type Votes interface {
	// UserHash returns a keyed hash of a user's id, which a vote keeps
	// instead of the id.
	UserHash(ctx context.Context, userID string) (string, error)
	// RecordVote records a vote, replacing the user's earlier vote on the
	// same answer; replaced says whether there was one.
	RecordVote(ctx context.Context, v report.Vote) (replaced bool, err error)
}

// Bot is a connection to Discord that answers with a commands router.
type Bot struct {
	cfg     Config
	router  *commands.Router
	store   Store
	votes   Votes // nil: answers have no vote buttons
	log     *slog.Logger
	session *discordgo.Session
	limiter *limiter
	work    *workLimit
	busyLog busyLog
	// transport is the way to the REST API; it knows the gateway's URL,
	// which tells this bot's lines of discordgo's log from another's.
	transport *apiTransport

	mu           sync.Mutex
	selfID       string
	appID        string
	ready        chan struct{}
	once         sync.Once
	reconnecting bool              // a reconnection is under way
	commandIDs   map[string]string // command name → id, from the registration
	botRoles     map[string]string // guild → the bot's managed role
	parents      map[string]string // channel → its parent, for threads; "" for none

	connected atomic.Bool  // the gateway connection is up
	connects  atomic.Int64 // gateway connections so far

	fatal    chan error // the error that ended the connection for good
	failOnce sync.Once
	failed   atomic.Bool

	ctx    context.Context // ends when the bot closes
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// New returns a bot that is not connected yet. When the store keeps votes
// too (it is a Votes, as the state store is), answers to questions carry
// 👍 and 👎 buttons.
func New(cfg Config, router *commands.Router, store Store, log *slog.Logger) (*Bot, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("component", "discord")
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	tr, err := newAPITransport(cfg.APIURL, cfg.RESTRetryBase)
	if err != nil {
		return nil, fmt.Errorf("DISCORD_API_URL: %w", err)
	}
	s.Client = &http.Client{Transport: tr, Timeout: 20 * time.Second}
	s.MaxRestRetries = 0 // the transport tries a 5xx again, with back-off
	s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	s.ShouldReconnectOnError = false // onDisconnect reconnects, unless the close was fatal
	s.LogLevel = discordgo.LogWarning
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if cfg.MessageContent {
		s.Identify.Intents |= discordgo.IntentsMessageContent
	}
	votes, _ := store.(Votes)
	if votes == nil {
		log.Info("the store keeps no votes: answers have no 👍 and 👎 buttons")
	}
	b := &Bot{cfg: cfg, router: router, store: store, votes: votes, log: log, session: s, appID: cfg.AppID, transport: tr,
		limiter: newLimiter(cfg.RateEvery, cfg.RateBurst, cfg.Now), work: newWorkLimit(cfg.MaxInFlight, cfg.MaxQueued),
		ready: make(chan struct{}), fatal: make(chan error, 1),
		botRoles: map[string]string{}, parents: map[string]string{}}
	if b.cfg.ReconnectBase <= 0 {
		b.cfg.ReconnectBase = time.Second
	}
	b.ctx, b.cancel = context.WithCancel(context.Background())
	routeDiscordgoLogs(b)
	s.AddHandler(b.onReady)
	s.AddHandler(b.onDisconnect)
	s.AddHandler(b.onConnect)
	s.AddHandler(b.onRawEvent)
	s.AddHandler(b.onInteraction)
	s.AddHandler(b.onMessage)
	return b, nil
}

// Open connects to the gateway, waits for READY, registers the slash
// commands and writes DIGEST_CHANNEL_IDS into the store (on shard 0), and
// starts the digest scheduler (on every shard: the claims in the store
// make each post happen once). A GatewayError says that Discord refused
// the token or the settings.
func (b *Bot) Open(ctx context.Context) error {
	if err := b.session.Open(); err != nil {
		if ge := gatewayError(err); ge != nil {
			return ge
		}
		return fmt.Errorf("connect to discord: %w", b.apiErr(err))
	}
	select {
	case <-b.ready:
	case err := <-b.fatal:
		return b.abort(err)
	case <-time.After(30 * time.Second):
		return b.abort(errors.New("connect to discord: no READY within 30 s"))
	case <-ctx.Done():
		return b.abort(ctx.Err())
	}
	if b.cfg.ShardID == 0 {
		if err := b.register(); err != nil {
			return b.abort(err)
		}
		if err := b.store.SyncConfigSubscriptions(ctx, b.cfg.DigestChannels, b.cfg.Now()); err != nil {
			return b.abort(err)
		}
	}
	sch := &scheduler{cfg: b.cfg, store: b.store, router: b.router, post: b.postDigest, log: b.log.With("part", "digest"), owner: claimOwner(b.cfg.ShardID),
		observe: b.observer().DigestPost}
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		sch.run(b.ctx)
	}()
	return nil
}

// abort ends a failed Open, with no reconnection, and returns err.
func (b *Bot) abort(err error) error {
	b.mu.Lock()
	b.cancel()
	b.mu.Unlock()
	b.session.Close()
	return err
}

// Close stops the scheduler and any reconnection, waiting for them at most
// a few seconds, and closes the gateway connection.
func (b *Bot) Close() error {
	b.mu.Lock()
	b.cancel()
	b.mu.Unlock()
	defer unrouteDiscordgoLogs(b)
	done := make(chan struct{})
	go func() { b.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		b.log.Warn("digest scheduler or reconnection did not stop in time")
	}
	return b.session.Close()
}

// register overwrites the application's commands with the router's, in one
// request; the same set twice changes nothing.
func (b *Bot) register() error {
	b.mu.Lock()
	app := b.appID
	b.mu.Unlock()
	if app == "" {
		return errors.New("register commands: no application id (set DISCORD_APP_ID)")
	}
	cmds := applicationCommands(b.router.Commands())
	got, err := b.session.ApplicationCommandBulkOverwrite(app, b.cfg.GuildID, cmds)
	err = b.apiErr(err)
	if ge := gatewayError(err); ge != nil {
		return ge
	}
	if err != nil {
		return fmt.Errorf("register commands: %w", err)
	}
	ids := map[string]string{}
	for _, c := range got {
		if c != nil && c.ID != "" {
			ids[c.Name] = c.ID
		}
	}
	b.mu.Lock()
	b.commandIDs = ids
	b.mu.Unlock()
	where := "globally"
	if b.cfg.GuildID != "" {
		where = "in guild " + b.cfg.GuildID
	}
	b.log.Info("commands registered", "count", len(cmds), "where", where)
	return nil
}

func (b *Bot) onReady(s *discordgo.Session, r *discordgo.Ready) {
	defer b.recoverPanic("ready", "", nil)
	b.mu.Lock()
	if r.User != nil {
		b.selfID = r.User.ID
	}
	if b.appID == "" && r.Application != nil {
		b.appID = r.Application.ID
	}
	b.mu.Unlock()
	// READY is a connection too: discordgo runs the Connect handler in a
	// goroutine of its own, which may come after Open has returned.
	b.connected.Store(true)
	b.log.Info("connected", "user", b.self(), "shard", b.cfg.ShardID)
	b.once.Do(func() { close(b.ready) })
}

func (b *Bot) self() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.selfID
}

// recoverPanic ends a handler's panic: it logs it with the event's id and
// runs after (to say "something went wrong"), itself protected.
func (b *Bot) recoverPanic(event, id string, after func()) {
	p := recover()
	if p == nil {
		return
	}
	b.log.Error("panic in handler", "event", event, "id", id, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
	if after != nil {
		func() {
			defer func() {
				if p := recover(); p != nil {
					b.log.Error("panic while reporting a panic", "event", event, "id", id, "panic", fmt.Sprint(p))
				}
			}()
			after()
		}()
	}
}

// failureReply is what a user sees when the bot itself failed.
var failureReply = commands.Reply{Title: "出错了", Body: []string{"处理这条消息时出了问题，请稍后再试。"}, UserError: true}

// unavailableReply answers what needed the state store (a vote, a
// subscription) while it does not answer; questions are answered as ever.
var unavailableReply = commands.Reply{Title: "暂时无法保存", Body: []string{"保存记录的数据库暂时连不上，这次没有记下，请稍后再试。提问不受影响。"}, Private: true}

// apiErr names, in an error of a REST request, the address it went to
// (DISCORD_API_URL, as it may be printed) instead of Discord's.
func (b *Bot) apiErr(err error) error { return b.transport.named(err) }

// failure is the reply to work that failed: unavailableReply when the state
// store did not answer (the store logs its outage, once), else
// failureReply, with the error logged.
func (b *Bot) failure(id string, err error) commands.Reply {
	if errors.Is(err, report.ErrUnavailable) {
		return unavailableReply
	}
	b.log.Error("command failed", "id", id, "err", err)
	return failureReply
}

func cooldownReply(d time.Duration) commands.Reply {
	secs := int((d + time.Second - 1) / time.Second)
	if secs < 1 {
		secs = 1
	}
	return commands.Reply{Title: "请慢一点", Body: []string{fmt.Sprintf("你问得太快了，请%d秒后再问。", secs)}, UserError: true}
}

func (b *Bot) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return
	}
	i := ic.Interaction
	defer b.recoverPanic("interaction", i.ID, func() { b.respondNow(i, failureReply, asNew) })
	b.observer().Interaction(interactionKind(i.Type))
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		b.onCommand(i)
	case discordgo.InteractionApplicationCommandAutocomplete:
		b.onAutocomplete(i)
	case discordgo.InteractionMessageComponent:
		b.onComponent(i)
	default:
		b.log.Debug("interaction ignored", "type", int(i.Type), "id", i.ID)
	}
}

func interactionUser(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}

func (b *Bot) onCommand(i *discordgo.Interaction) {
	d, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
	if !ok {
		return
	}
	if ok, _, wait := b.limiter.allow(interactionUser(i)); !ok {
		b.respondNow(i, cooldownReply(wait), asNew)
		return
	}
	switch {
	case d.Name == cmdDigestChannel:
		b.onDigestChannel(i, d.Options)
		return
	case d.Name == "digest" && len(d.Options) > 0 && d.Options[0] != nil && d.Options[0].Type == discordgo.ApplicationCommandOptionSubCommand:
		// /digest show|subscribe|unsubscribe, as registered before the split,
		// from a client that has not seen the new commands yet.
		if d.Options[0].Name != "show" {
			b.onDigestChannel(i, d.Options)
			return
		}
		d.Options = d.Options[0].Options
	}
	req := commands.Request{Command: d.Name, Options: optionValues(d.Options), Locale: string(i.Locale), Conversation: conversation(i.ChannelID, interactionUser(i))}
	b.respond(i, asNew, func(ctx context.Context) (commands.Reply, error) { return b.router.Handle(ctx, req) })
}

// optionValues reads options as text, whatever their type, each cut to
// commands.MaxText characters before anything reads it all.
func optionValues(opts []*discordgo.ApplicationCommandInteractionDataOption) map[string]string {
	out := map[string]string{}
	for _, o := range opts {
		if o == nil || o.Value == nil {
			continue
		}
		out[o.Name] = optionText(o.Value)
	}
	return out
}

// optionText is an option's value as text, at most commands.MaxText
// characters: a string is cut before it is read.
func optionText(v any) string {
	if s, ok := v.(string); ok {
		return commands.CapText(s)
	}
	return commands.CapText(fmt.Sprint(v))
}

// onDigestChannel runs /digest-channel subscribe or unsubscribe.
func (b *Bot) onDigestChannel(i *discordgo.Interaction, opts []*discordgo.ApplicationCommandInteractionDataOption) {
	sub := ""
	if len(opts) > 0 && opts[0] != nil {
		sub = opts[0].Name
	}
	if sub != subSubscribe && sub != subUnsubscribe {
		b.respondNow(i, commands.Reply{Title: "用法：/digest-channel subscribe 或 /digest-channel unsubscribe", UserError: true}, asNew)
		return
	}
	b.respond(i, asNew, func(ctx context.Context) (commands.Reply, error) { return b.subscription(ctx, i, sub == subSubscribe) })
}

// digestPermissions are what the bot needs in a channel to post the digest.
var digestPermissions = []struct {
	bit  int64
	name string
}{
	{discordgo.PermissionViewChannel, "查看频道"},
	{discordgo.PermissionSendMessages, "发送消息"},
	{discordgo.PermissionEmbedLinks, "嵌入链接"},
	{discordgo.PermissionAttachFiles, "附加文件"},
}

// missingPermissions names the permissions the bot lacks in the channel of
// an interaction (its app_permissions) to post the digest there.
func missingPermissions(appPerms int64) []string {
	if appPerms&discordgo.PermissionAdministrator != 0 {
		return nil
	}
	var out []string
	for _, p := range digestPermissions {
		if appPerms&p.bit == 0 {
			out = append(out, p.name)
		}
	}
	return out
}

// subscription subscribes or unsubscribes the interaction's channel, for
// members with Manage Server (or Administrator) only.
func (b *Bot) subscription(ctx context.Context, i *discordgo.Interaction, subscribe bool) (commands.Reply, error) {
	if i.GuildID == "" || i.Member == nil {
		return commands.Reply{Title: "只能在服务器频道里订阅", UserError: true}, nil
	}
	if i.Member.Permissions&(discordgo.PermissionManageGuild|discordgo.PermissionAdministrator) == 0 {
		return commands.Reply{Title: "没有权限", Body: []string{"只有拥有“管理服务器”权限的成员才能订阅或退订每日摘要。"}, UserError: true}, nil
	}
	when := fmt.Sprintf("%02d:%02d（%s）", b.cfg.DigestHour, b.cfg.DigestMinute, b.cfg.Location)
	if subscribe {
		if missing := missingPermissions(i.AppPermissions); len(missing) > 0 {
			return commands.Reply{Title: "我在本频道缺少权限", Body: []string{
				"发布每日摘要需要：" + strings.Join(missing, "、") + "。",
				"请在频道设置 → 权限里给机器人加上这些权限，再订阅。"}, UserError: true}, nil
		}
		changed, err := b.store.Subscribe(ctx, report.Subscription{ChannelID: i.ChannelID, GuildID: i.GuildID, Source: report.SourceCommand, CreatedBy: interactionUser(i)}, b.cfg.Now())
		if err != nil {
			return commands.Reply{}, err
		}
		if !changed {
			return commands.Reply{Title: "本频道已经订阅了每日摘要", Body: []string{"每天 " + when + " 发布。"}}, nil
		}
		return commands.Reply{Title: "已订阅每日摘要", Body: []string{"本频道每天 " + when + " 收到每日摘要。退订：/digest-channel unsubscribe"}}, nil
	}
	for _, c := range b.cfg.DigestChannels {
		if c == i.ChannelID {
			return commands.Reply{Title: "本频道的订阅写在设置里", Body: []string{"它来自 DIGEST_CHANNEL_IDS，请在机器人的设置里去掉。"}, UserError: true}, nil
		}
	}
	removed, err := b.store.Unsubscribe(ctx, i.ChannelID)
	if err != nil {
		return commands.Reply{}, err
	}
	if !removed {
		return commands.Reply{Title: "本频道没有订阅每日摘要", UserError: true}, nil
	}
	return commands.Reply{Title: "已退订每日摘要", Body: []string{"本频道不再收到每日摘要。"}}, nil
}

func (b *Bot) onAutocomplete(i *discordgo.Interaction) {
	d, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
	if !ok {
		return
	}
	name, typed := focused(d.Options)
	var choices []*discordgo.ApplicationCommandOptionChoice
	for _, c := range b.router.Autocomplete(d.Name, name, typed) {
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: clip(c.Name, 100), Value: clip(c.Value, 100)})
	}
	if choices == nil {
		choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	err := b.session.InteractionRespond(i, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	})
	if err != nil {
		b.log.Warn("autocomplete answer failed", "id", i.ID, "err", b.apiErr(err))
	}
}

// focused finds the option being typed, in subcommands too.
func focused(opts []*discordgo.ApplicationCommandInteractionDataOption) (name, value string) {
	for _, o := range opts {
		if o == nil {
			continue
		}
		if o.Focused {
			if o.Value != nil {
				value = optionText(o.Value)
			}
			return o.Name, value
		}
		if n, v := focused(o.Options); n != "" {
			return n, v
		}
	}
	return "", ""
}

// onComponent answers a button press. The asker (or anyone, on a message
// only they see) gets the page in place; anyone else gets it as a message of
// their own, so that nobody turns a page under someone else's eyes. A button
// that is not (or no longer) ours is answered, never left to fail.
func (b *Bot) onComponent(i *discordgo.Interaction) {
	d, ok := i.Data.(discordgo.MessageComponentInteractionData)
	if ok && commands.IsVoteID(d.CustomID) && b.votes != nil {
		b.onVote(i, d.CustomID)
		return
	}
	if !ok || !commands.IsCursor(d.CustomID) {
		b.respondNow(i, expiredReply, asNew)
		return
	}
	if ok, _, wait := b.limiter.allow(interactionUser(i)); !ok {
		b.respondNow(i, cooldownReply(wait), asNew)
		return
	}
	mode := asPrivate
	if m := i.Message; m != nil && (m.Flags&discordgo.MessageFlagsEphemeral != 0 || messageAsker(m) == interactionUser(i)) {
		mode = asUpdate
	}
	req := commands.Request{Cursor: d.CustomID, Locale: string(i.Locale)}
	b.respond(i, mode, func(ctx context.Context) (commands.Reply, error) { return b.router.Handle(ctx, req) })
}

// onVote records a 👍 or 👎 and thanks the voter, to them alone. A second
// vote on the same answer replaces the first (and says so), also after a
// restart: the button's id says what the vote is about.
func (b *Bot) onVote(i *discordgo.Interaction, customID string) {
	user := interactionUser(i)
	if ok, _, wait := b.limiter.allow(user); !ok {
		b.respondNow(i, cooldownReply(wait), asPrivate)
		return
	}
	b.respond(i, asPrivate, func(ctx context.Context) (commands.Reply, error) {
		v, ok := b.router.Vote(ctx, customID)
		if !ok || user == "" {
			return expiredReply, nil
		}
		hash, err := b.votes.UserHash(ctx, user)
		if err != nil {
			return commands.Reply{}, fmt.Errorf("vote: %w", err)
		}
		v.UserHash, v.At = hash, b.cfg.Now()
		replaced, err := b.votes.RecordVote(ctx, v)
		if err != nil {
			return commands.Reply{}, fmt.Errorf("vote: %w", err)
		}
		return commands.VoteAck(v.Up, replaced), nil
	})
}

// expiredReply answers a button the bot does not know.
var expiredReply = commands.Reply{Title: "这个按钮已过期", Body: []string{"请重新发送命令。"}, UserError: true}

// messageAsker returns the id of the person a message of the bot's answers:
// who ran the command, or who wrote the message it replies to; "" when the
// message does not say.
func messageAsker(m *discordgo.Message) string {
	switch {
	case m.InteractionMetadata != nil && m.InteractionMetadata.User != nil:
		return m.InteractionMetadata.User.ID
	case m.Interaction != nil && m.Interaction.User != nil:
		return m.Interaction.User.ID
	case m.ReferencedMessage != nil && m.ReferencedMessage.Author != nil:
		return m.ReferencedMessage.Author.ID
	}
	return ""
}

// answerMode is how an interaction is answered.
type answerMode int

const (
	asNew     answerMode = iota // a new message in the channel
	asUpdate                    // the message the button was pressed on, replaced
	asPrivate                   // a new message only the user sees
)

// respond answers an interaction within Discord's 3 seconds: directly when
// the reply (and its chart) is ready within DeferAfter, else with a deferred
// response that is edited once the reply is ready. Errors and private
// replies are the user's alone: after a deferral they come as an ephemeral
// follow-up, and the public "thinking" message is deleted.
func (b *Bot) respond(i *discordgo.Interaction, mode answerMode, work func(ctx context.Context) (commands.Reply, error)) {
	type result struct {
		reply commands.Reply
		out   outgoing
	}
	if !b.work.enter() {
		b.busy("interaction")
		b.respondNow(i, busyReply, mode)
		return
	}
	done := make(chan result, 1)
	go func() {
		defer b.work.leave()
		defer b.recoverPanic("interaction", i.ID, func() { done <- result{failureReply, b.render(failureReply)} })
		ctx, cancel := context.WithTimeout(b.ctx, 10*time.Minute)
		defer cancel()
		began := time.Now()
		if b.work.start(ctx) != nil {
			return // the bot is closing
		}
		defer b.work.done()
		r, err := work(ctx)
		b.observer().Answered("interaction", time.Since(began))
		if err != nil {
			r = b.failure(i.ID, err)
		}
		done <- result{r, b.render(r)}
	}()
	timer := time.NewTimer(b.cfg.DeferAfter)
	defer timer.Stop()
	select {
	case res := <-done:
		b.respondWith(i, res.reply, res.out, mode)
		return
	case <-timer.C:
	}
	deferral := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	switch mode {
	case asUpdate:
		deferral.Type = discordgo.InteractionResponseDeferredMessageUpdate
	case asPrivate:
		deferral.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	if err := b.session.InteractionRespond(i, deferral); err != nil {
		b.log.Warn("defer failed", "id", i.ID, "err", b.apiErr(err))
	}
	var res result
	select {
	case res = <-done:
	case <-b.ctx.Done():
		return
	}
	reply := res.reply
	if private(reply) && mode != asPrivate {
		_, err := b.session.FollowupMessageCreate(i, true, &discordgo.WebhookParams{Embeds: res.out.embeds, AllowedMentions: noMentions(), Flags: discordgo.MessageFlagsEphemeral})
		if err != nil {
			b.log.Warn("answer failed", "id", i.ID, "err", b.apiErr(err))
		}
		if mode == asNew { // the public "thinking…" message
			if err := b.session.InteractionResponseDelete(i); err != nil {
				b.log.Warn("delete the deferred answer", "id", i.ID, "err", b.apiErr(err))
			}
		}
		return
	}
	if err := b.responseEdit(i, res.out); err != nil {
		b.log.Warn("answer failed", "id", i.ID, "err", err)
	}
}

// private tells whether a reply is for the one who asked alone: a mistake
// of theirs, or a reply that says so (a vote's thanks).
func private(r commands.Reply) bool { return r.UserError || r.Private }

// respondNow answers an interaction with a reply at once.
func (b *Bot) respondNow(i *discordgo.Interaction, reply commands.Reply, mode answerMode) {
	b.respondWith(i, reply, b.render(reply), mode)
}

// respondWith answers an interaction with a rendered reply at once.
func (b *Bot) respondWith(i *discordgo.Interaction, reply commands.Reply, out outgoing, mode answerMode) {
	typ := discordgo.InteractionResponseChannelMessageWithSource
	if mode == asUpdate && !private(reply) {
		typ = discordgo.InteractionResponseUpdateMessage
	}
	data := &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
	if private(reply) || mode == asPrivate {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	if err := b.interactionRespond(i, typ, data, out); err != nil {
		b.log.Warn("answer failed", "id", i.ID, "err", err)
	}
}

func (b *Bot) onMessage(s *discordgo.Session, m *discordgo.MessageCreate) {
	if m == nil || m.Message == nil || m.Author == nil {
		return
	}
	defer b.recoverPanic("message", m.ID, func() { b.send(m.ChannelID, m.ID, failureReply) })
	self := b.self()
	if m.Author.Bot || m.Author.ID == self || m.WebhookID != "" {
		return
	}
	msg := b.chatMessage(m.Message, self)
	if !msg.Direct && !msg.MentionsBot && !msg.RepliesToBot && !msg.InAskChannel {
		return // Chat says nothing to it: no need to wait for a turn
	}
	if !b.work.enter() {
		b.busy("message")
		return
	}
	defer b.work.leave()
	reply, ok := b.chat(m.Message, msg)
	if !ok {
		return
	}
	if allowed, warn, wait := b.limiter.allow(m.Author.ID); !allowed {
		if warn {
			b.send(m.ChannelID, m.ID, cooldownReply(wait))
		}
		return
	}
	if sent, err := b.send(m.ChannelID, m.ID, reply); err == nil && sent != nil {
		b.router.Remember(answerConversation(sent.ID), questionOf(reply))
	}
}

// questionOf is the question a reply answers, as the router read it, for a
// reply to the answer to follow: its Understood when it was a follow-up, else
// the question it was asked; "" for a reply to no question.
func questionOf(reply commands.Reply) string {
	switch {
	case reply.Understood != "":
		return reply.Understood
	case reply.Feedback != nil:
		return reply.Feedback.Question
	}
	return ""
}

// chatMessage reads a message as the router's chat sees it.
func (b *Bot) chatMessage(m *discordgo.Message, self string) commands.Message {
	msg := commands.Message{
		Text:         commands.CapText(m.Content),
		Direct:       m.GuildID == "",
		InAskChannel: b.inAskChannel(m),
		MentionsBot:  b.mentionsBotRole(m),
	}
	for _, u := range m.Mentions {
		if u != nil && u.ID == self && self != "" {
			msg.MentionsBot = true
		}
	}
	msg.Conversation = conversation(m.ChannelID, authorID(m))
	if ref := m.ReferencedMessage; ref != nil && ref.Author != nil && ref.Author.ID == self && self != "" {
		msg.RepliesToBot = true
		msg.Conversation = answerConversation(ref.ID) // a reply to an answer follows its question, whoever replies
		if len(ref.Embeds) > 0 && ref.Embeds[0] != nil {
			// an answer the router did not see posted (an interaction's,
			// or one from before a restart): what it says it answered
			e := ref.Embeds[0]
			b.router.RememberIfNew(msg.Conversation, commands.AnsweredQuestion(e.Title, e.Description))
		}
	}
	return msg
}

// conversation names a person's conversation in a channel, for follow-up
// questions: another person's questions are never its context.
func conversation(channelID, userID string) string {
	if channelID == "" || userID == "" {
		return ""
	}
	return "chan:" + channelID + ":" + userID
}

// answerConversation names the conversation of one of the bot's answers.
func answerConversation(messageID string) string { return "msg:" + messageID }

func authorID(m *discordgo.Message) string {
	if m.Author == nil {
		return ""
	}
	return m.Author.ID
}

// chat answers a message, in its turn among the answers at work; ok is
// false when the bot stays silent.
func (b *Bot) chat(m *discordgo.Message, msg commands.Message) (reply commands.Reply, ok bool) {
	if msg.RepliesToBot && !msg.MentionsBot && !msg.Direct && !b.cfg.MessageContent && strings.TrimSpace(msg.Text) == "" {
		return unreadableReply, true
	}
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	if b.work.start(ctx) != nil {
		return reply, false // the bot is closing
	}
	defer b.work.done()
	began := time.Now()
	reply, ok, err := b.router.Chat(ctx, msg)
	if err != nil {
		b.log.Error("chat failed", "id", m.ID, "err", err)
		return failureReply, true
	}
	if ok {
		b.observer().Answered("message", time.Since(began))
	}
	return reply, ok
}

// send posts a reply in a channel, as a reply to a message when replyTo is
// set, pinging nobody, with its chart when it has one.
func (b *Bot) send(channelID, replyTo string, reply commands.Reply) (*discordgo.Message, error) {
	ms := &discordgo.MessageSend{AllowedMentions: noMentions()}
	if replyTo != "" {
		no := false
		ms.Reference = &discordgo.MessageReference{MessageID: replyTo, ChannelID: channelID, FailIfNotExists: &no}
	}
	msg, err := b.channelSend(channelID, ms, b.render(reply))
	if err != nil {
		b.log.Warn("send failed", "channel", channelID, "err", err)
	}
	return msg, err
}

// postDigest posts a digest in a channel and returns the message's id. The
// message carries a nonce that Discord enforces: a second post with the
// same nonce within a few minutes (a claim taken over after its holder died
// between Discord's answer and the record) returns the first message
// instead of making another.
func (b *Bot) postDigest(channelID, nonce string, reply commands.Reply) (string, error) {
	var id string
	err := b.withFallback("digest", b.render(reply), func(o outgoing) error {
		ms := &discordgo.MessageSend{Embeds: o.embeds, Components: o.comps, AllowedMentions: noMentions()}
		body := struct {
			messageSendUpload
			Nonce        string `json:"nonce"`
			EnforceNonce bool   `json:"enforce_nonce"`
		}{messageSendUpload{ms, o.attachments()}, nonce, true}
		endpoint := discordgo.EndpointChannelMessages(channelID)
		resp, err := b.request(http.MethodPost, endpoint, endpoint, body, o.files())
		if err != nil {
			return err
		}
		var msg discordgo.Message
		if json.Unmarshal(resp, &msg) == nil {
			id = strings.TrimSpace(msg.ID) // only for the record
		}
		return nil
	})
	if err != nil {
		b.log.Warn("send failed", "channel", channelID, "err", err)
		return "", err
	}
	return id, nil
}
