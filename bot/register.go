package bot

import (
	"github.com/bwmarrin/discordgo"

	"reportbot/commands"
)

const zhCN = discordgo.ChineseCN

// Names of the digest command's subcommands, which the bot answers itself
// (subscriptions are Discord's business, not the router's).
const (
	subShow        = "show"
	subSubscribe   = "subscribe"
	subUnsubscribe = "unsubscribe"
)

// manageServer is the permission /digest asks for by default.
const manageServer = int64(discordgo.PermissionManageGuild)

// applicationCommands turns the router's commands into Discord's slash
// commands, with zh-CN names and descriptions. /digest becomes three
// subcommands: show [date], subscribe and unsubscribe; it is for members with
// Manage Server by default, which a server can change in its settings.
func applicationCommands(cmds []commands.Command) []*discordgo.ApplicationCommand {
	var out []*discordgo.ApplicationCommand
	for _, c := range cmds {
		ac := &discordgo.ApplicationCommand{
			Type:                     discordgo.ChatApplicationCommand,
			Name:                     c.Name,
			NameLocalizations:        &map[discordgo.Locale]string{zhCN: c.NameZH},
			Description:              clip(c.Description, 100),
			DescriptionLocalizations: &map[discordgo.Locale]string{zhCN: clip(c.DescriptionZH, 100)},
			Options:                  options(c.Options),
		}
		if c.Name == "digest" {
			perm := manageServer
			ac.DefaultMemberPermissions = &perm
			ac.Contexts = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
			ac.Options = []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: subShow, NameLocalizations: map[discordgo.Locale]string{zhCN: "查看"},
					Description: "Show the digest of a date", DescriptionLocalizations: map[discordgo.Locale]string{zhCN: "查看某一天的每日摘要"}, Options: options(c.Options)},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: subSubscribe, NameLocalizations: map[discordgo.Locale]string{zhCN: "订阅"},
					Description: "Post the daily digest in this channel", DescriptionLocalizations: map[discordgo.Locale]string{zhCN: "每天在本频道发布每日摘要"}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: subUnsubscribe, NameLocalizations: map[discordgo.Locale]string{zhCN: "退订"},
					Description: "Stop the daily digest in this channel", DescriptionLocalizations: map[discordgo.Locale]string{zhCN: "停止在本频道发布每日摘要"}},
			}
		}
		out = append(out, ac)
	}
	return out
}

func options(opts []commands.Option) []*discordgo.ApplicationCommandOption {
	out := []*discordgo.ApplicationCommandOption{}
	for _, o := range opts {
		t := discordgo.ApplicationCommandOptionString
		if o.Type == commands.OptionInteger {
			t = discordgo.ApplicationCommandOptionInteger
		}
		out = append(out, &discordgo.ApplicationCommandOption{
			Type:                     t,
			Name:                     o.Name,
			NameLocalizations:        map[discordgo.Locale]string{zhCN: o.NameZH},
			Description:              clip(o.Description, 100),
			DescriptionLocalizations: map[discordgo.Locale]string{zhCN: clip(o.DescriptionZH, 100)},
			Required:                 o.Required,
			Autocomplete:             o.Autocomplete,
		})
	}
	return out
}
