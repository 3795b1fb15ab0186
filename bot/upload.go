package bot

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/bwmarrin/discordgo"

	"reportbot/commands"
)

// outgoing is a reply as Discord takes it: embeds, buttons and, when the
// reply has a chart, its PNG, which the last embed shows as its image
// (attachment://NAME).
type outgoing struct {
	embeds []*discordgo.MessageEmbed
	comps  []discordgo.MessageComponent
	image  *upload // nil: no image
}

// upload is a file sent with a message.
type upload struct {
	name string // ASCII: figure.png
	alt  string // the attachment's description, for screen readers
	png  []byte
}

// attachmentRef describes an uploaded file in a payload_json: id is the
// index N of its files[N] part.
type attachmentRef struct {
	ID          string `json:"id"`
	Filename    string `json:"filename"`
	Description string `json:"description,omitempty"`
}

// maxAltText is Discord's limit on an attachment's description.
const maxAltText = 1024

// render turns a reply into what is sent. It draws the reply's chart (about
// 25 ms), so an interaction's answer renders off the 3-second path. A chart
// that cannot be drawn is logged, and the reply goes without it.
func (b *Bot) render(r commands.Reply) outgoing {
	o := outgoing{embeds: b.embeds(r), comps: buttons(r, b.votes != nil)}
	if r.Image == nil || r.UserError || len(o.embeds) == 0 {
		return o
	}
	png, err := r.Image.PNG()
	if err != nil {
		b.log.Warn("chart not drawn; the reply goes without it", "image", r.Image.Name, "err", err)
		return o
	}
	o.image = &upload{name: r.Image.Name, alt: clip(r.Image.Alt, maxAltText), png: png}
	last := *o.embeds[len(o.embeds)-1]
	last.Image = &discordgo.MessageEmbedImage{URL: "attachment://" + r.Image.Name}
	o.embeds[len(o.embeds)-1] = &last
	return o
}

// withoutImage returns the message with no image.
func (o outgoing) withoutImage() outgoing {
	if o.image == nil {
		return o
	}
	embeds := append([]*discordgo.MessageEmbed(nil), o.embeds...)
	last := *embeds[len(embeds)-1]
	last.Image = nil
	embeds[len(embeds)-1] = &last
	return outgoing{embeds: embeds, comps: o.comps}
}

// files returns the message's uploads, as files[0]…, each with a fresh reader.
func (o outgoing) files() []*discordgo.File {
	if o.image == nil {
		return nil
	}
	return []*discordgo.File{{Name: o.image.name, ContentType: "image/png", Reader: bytes.NewReader(o.image.png)}}
}

// attachments lists the message's uploads for payload_json; on an edit, it
// is also the list of files to keep, so an empty list drops the image of
// the page before.
func (o outgoing) attachments() []attachmentRef {
	if o.image == nil {
		return []attachmentRef{}
	}
	return []attachmentRef{{ID: "0", Filename: o.image.name, Description: o.image.alt}}
}

// refusedFile tells whether Discord may have refused a request for its
// file: too large (413, 40005), a permission missing (50013: Attach Files),
// or a form it could not take (50035). A message with an image is then
// sent again without it. Missing Access (50001), an unknown channel and the
// like are not the file's fault and are not tried again.
func refusedFile(err error) bool {
	var re *discordgo.RESTError
	if !errors.As(err, &re) || re.Response == nil {
		return false
	}
	if re.Response.StatusCode == http.StatusRequestEntityTooLarge {
		return true
	}
	if re.Message == nil {
		return false
	}
	switch re.Message.Code {
	case discordgo.ErrCodeRequestEntityTooLarge, discordgo.ErrCodeMissingPermissions, discordgo.ErrCodeInvalidFormBody:
		return true
	}
	return false
}

// withFallback sends o, and, when Discord refuses it perhaps for its image
// (refusedFile), logs that and sends it again without the image.
func (b *Bot) withFallback(what string, o outgoing, send func(outgoing) error) error {
	err := send(o)
	if err != nil && o.image != nil && refusedFile(err) {
		b.log.Warn("message with a chart refused; sent without it", "what", what, "image", o.image.name, "err", err)
		err = send(o.withoutImage())
	}
	return err
}

// request sends payload to Discord: as JSON, or as multipart/form-data
// (payload_json and files[N]) when there are files.
func (b *Bot) request(method, endpoint, bucket string, payload any, files []*discordgo.File) ([]byte, error) {
	if len(files) == 0 {
		resp, err := b.session.RequestWithBucketID(method, endpoint, payload, bucket)
		return resp, b.apiErr(err)
	}
	ctype, body, err := discordgo.MultipartBodyWithJSON(payload, files)
	if err != nil {
		return nil, fmt.Errorf("encode %s %s: %w", method, endpoint, err)
	}
	resp, err := b.session.RequestRaw(method, endpoint, ctype, body, bucket, 0)
	return resp, b.apiErr(err)
}

// interactionRespond answers an interaction with a message (typ 4 or 7).
// An update (7) always lists the attachments to keep, so that a page
// without a chart does not keep the chart of the page before.
func (b *Bot) interactionRespond(i *discordgo.Interaction, typ discordgo.InteractionResponseType, data *discordgo.InteractionResponseData, o outgoing) error {
	update := typ == discordgo.InteractionResponseUpdateMessage
	return b.withFallback("interaction response", o, func(o outgoing) error {
		d := *data
		d.Embeds, d.Components = o.embeds, o.comps
		if o.image == nil && !update {
			return b.apiErr(b.session.InteractionRespond(i, &discordgo.InteractionResponse{Type: typ, Data: &d}))
		}
		payload := struct {
			Type discordgo.InteractionResponseType `json:"type"`
			Data responseDataUpload                `json:"data"`
		}{typ, responseDataUpload{&d, o.attachments()}}
		endpoint := discordgo.EndpointInteractionResponse(i.ID, i.Token)
		_, err := b.request(http.MethodPost, endpoint, endpoint, payload, o.files())
		return err
	})
}

// responseEdit replaces the deferred answer of an interaction (its
// original message), attachments included.
func (b *Bot) responseEdit(i *discordgo.Interaction, o outgoing) error {
	return b.withFallback("interaction edit", o, func(o outgoing) error {
		payload := webhookEditUpload{&discordgo.WebhookEdit{Embeds: &o.embeds, Components: &o.comps, AllowedMentions: noMentions()}, o.attachments()}
		endpoint := discordgo.EndpointWebhookMessage(i.AppID, i.Token, "@original")
		_, err := b.request(http.MethodPatch, endpoint, discordgo.EndpointWebhookToken("", ""), payload, o.files())
		return err
	})
}

// channelSend posts a message in a channel.
func (b *Bot) channelSend(channelID string, ms *discordgo.MessageSend, o outgoing) (*discordgo.Message, error) {
	var msg *discordgo.Message
	err := b.withFallback("channel message", o, func(o outgoing) error {
		m := *ms
		m.Embeds, m.Components = o.embeds, o.comps
		if o.image == nil {
			var err error
			msg, err = b.session.ChannelMessageSendComplex(channelID, &m)
			return b.apiErr(err)
		}
		endpoint := discordgo.EndpointChannelMessages(channelID)
		body, err := b.request(http.MethodPost, endpoint, endpoint, messageSendUpload{&m, o.attachments()}, o.files())
		if err != nil {
			return err
		}
		msg = &discordgo.Message{}
		if err := json.Unmarshal(body, msg); err != nil {
			return fmt.Errorf("read the posted message: %w", err)
		}
		return nil
	})
	return msg, err
}

// Message bodies of discordgo's with the attachments field as Discord takes
// it for uploads (id, filename, description), which discordgo's own types
// cannot say; the outer field wins over the embedded one in JSON.
type (
	responseDataUpload struct {
		*discordgo.InteractionResponseData
		Attachments []attachmentRef `json:"attachments"`
	}
	webhookEditUpload struct {
		*discordgo.WebhookEdit
		Attachments []attachmentRef `json:"attachments"`
	}
	messageSendUpload struct {
		*discordgo.MessageSend
		Attachments []attachmentRef `json:"attachments"`
	}
)
