package bot

import (
	"github.com/bwmarrin/discordgo"

	"reportbot/commands"
)

const (
	zhCN = discordgo.ChineseCN
	zhTW = discordgo.ChineseTW
)

// The command the bot answers itself (subscriptions are Discord's business,
// not the router's), and its subcommands.
const (
	cmdDigestChannel = "digest-channel"
	subSubscribe     = "subscribe"
	subUnsubscribe   = "unsubscribe"
)

// manageServer is the permission a ManageServer command asks for by default.
const manageServer = int64(discordgo.PermissionManageGuild)

// applicationCommands turns the router's commands into Discord's slash
// commands, with zh-CN and zh-TW names and descriptions. A command about a
// server (the digest, subscriptions) is for servers that installed the bot;
// every other command can also be installed by a person, and used in DMs and
// in any server. Discord sets default permissions per top-level command:
// /digest-channel (subscribe, unsubscribe) is for members with Manage Server
// by default, which a server can change in its settings.
func applicationCommands(cmds []commands.Command) []*discordgo.ApplicationCommand {
	var out []*discordgo.ApplicationCommand
	for _, c := range cmds {
		ac := &discordgo.ApplicationCommand{
			Type:                     discordgo.ChatApplicationCommand,
			Name:                     c.Name,
			NameLocalizations:        &map[discordgo.Locale]string{zhCN: c.NameZH, zhTW: c.NameTW},
			Description:              clip(c.Description, 100),
			DescriptionLocalizations: &map[discordgo.Locale]string{zhCN: clip(c.DescriptionZH, 100), zhTW: clip(c.DescriptionTW, 100)},
			Options:                  options(c.Options),
			IntegrationTypes:         &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall, discordgo.ApplicationIntegrationUserInstall},
			Contexts:                 &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM, discordgo.InteractionContextPrivateChannel},
		}
		if c.InServer {
			ac.IntegrationTypes = &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
			ac.Contexts = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
		}
		if c.ManageServer {
			perm := manageServer
			ac.DefaultMemberPermissions = &perm
		}
		for _, sc := range c.Subcommands {
			ac.Options = append(ac.Options, &discordgo.ApplicationCommandOption{
				Type:                     discordgo.ApplicationCommandOptionSubCommand,
				Name:                     sc.Name,
				NameLocalizations:        map[discordgo.Locale]string{zhCN: sc.NameZH, zhTW: sc.NameTW},
				Description:              clip(sc.Description, 100),
				DescriptionLocalizations: map[discordgo.Locale]string{zhCN: clip(sc.DescriptionZH, 100), zhTW: clip(sc.DescriptionTW, 100)},
				Options:                  options(sc.Options),
			})
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
			NameLocalizations:        map[discordgo.Locale]string{zhCN: o.NameZH, zhTW: o.NameTW},
			Description:              clip(o.Description, 100),
			DescriptionLocalizations: map[discordgo.Locale]string{zhCN: clip(o.DescriptionZH, 100), zhTW: clip(o.DescriptionTW, 100)},
			Required:                 o.Required,
			Autocomplete:             o.Autocomplete,
		})
	}
	return out
}
