package bot

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// GatewayError is a close of the gateway connection that no reconnection can
// mend (a wrong token, a disallowed intent, a wrong shard): the bot stops,
// and the message names the setting to fix.
type GatewayError struct {
	Code int // the close code, 4004 or 4010 to 4014; 401 for a REST answer
}

func (e *GatewayError) Error() string {
	const prefix = "discord closed the connection with "
	switch e.Code {
	case http.StatusUnauthorized:
		return "discord refused the token (HTTP 401 Unauthorized): check DISCORD_TOKEN (Developer Portal → Bot → Reset Token)"
	case 4004:
		return prefix + "4004 (authentication failed): the token is wrong or was reset; check DISCORD_TOKEN (Developer Portal → Bot → Reset Token)"
	case 4010:
		return prefix + "4010 (invalid shard): check SHARD_ID and SHARD_COUNT"
	case 4011:
		return prefix + "4011 (sharding required): the bot is in too many servers for one connection; set SHARD_COUNT and run one process per SHARD_ID, all sharing one DATABASE_URL"
	case 4012:
		return prefix + "4012 (invalid API version): this build speaks a gateway version Discord no longer accepts; update reportbot"
	case 4013:
		return prefix + "4013 (invalid intents): this build asks for intents Discord does not know; update reportbot"
	case 4014:
		return prefix + "4014 (disallowed intents): MESSAGE_CONTENT_INTENT=true needs the portal switch under Bot → Privileged Gateway Intents → Message Content Intent; switch it on or set MESSAGE_CONTENT_INTENT=false"
	}
	return fmt.Sprintf("%s%d", prefix, e.Code)
}

// fatalCode tells whether a gateway close code forbids reconnecting.
func fatalCode(code int) bool {
	return code == 4004 || (code >= 4010 && code <= 4014)
}

// gatewayError returns the GatewayError an error of discordgo's Open stands
// for: a fatal close code, or a 401 from the REST API. It returns nil for
// any other error, which a reconnection may mend.
func gatewayError(err error) error {
	var ce *websocket.CloseError
	if errors.As(err, &ce) && fatalCode(ce.Code) {
		return &GatewayError{Code: ce.Code}
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
		return &GatewayError{Code: http.StatusUnauthorized}
	}
	return nil
}

// fail stops the bot for good with err: Fatal delivers it once.
func (b *Bot) fail(err error) {
	b.failOnce.Do(func() {
		b.failed.Store(true)
		b.fatal <- err
	})
}

// Fatal delivers the error that ended the bot's connection for good (a
// GatewayError): the caller should print it and stop.
func (b *Bot) Fatal() <-chan error { return b.fatal }

// sawClose is told of every close code the gateway sent while connected
// (discordgo reports it only in its log); a fatal one stops the bot before
// the reconnection begins.
func (b *Bot) sawClose(code int) {
	if fatalCode(code) {
		b.log.Error("gateway closed; not reconnecting", "code", code)
		b.fail(&GatewayError{Code: code})
	}
}

// onDisconnect reconnects after the gateway connection ended, unless the
// bot is closing or the close was fatal. discordgo's own reconnection is
// off: it retries for ever, whatever the close code.
func (b *Bot) onDisconnect(s *discordgo.Session, _ *discordgo.Disconnect) {
	b.connected.Store(false)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.ctx.Err() != nil || b.failed.Load() || b.reconnecting {
		return
	}
	b.reconnecting = true
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		b.reconnect()
		b.mu.Lock()
		b.reconnecting = false
		b.mu.Unlock()
	}()
}

// reconnect opens the gateway again (discordgo resumes the session when it
// can), waiting ReconnectBase after the first failure and twice as long
// after each next one, up to five minutes.
func (b *Bot) reconnect() {
	wait := b.cfg.ReconnectBase
	for {
		if b.ctx.Err() != nil || b.failed.Load() {
			return
		}
		err := b.session.Open()
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			b.log.Info("reconnected")
			return
		}
		if ge := gatewayError(err); ge != nil {
			b.log.Error("gateway refused the reconnection", "err", ge)
			b.fail(ge)
			return
		}
		b.log.Warn("reconnect failed; will retry", "in", wait, "err", b.apiErr(err))
		select {
		case <-b.ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(wait*2, 5*time.Minute)
	}
}
