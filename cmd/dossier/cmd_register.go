package main

import (
	"fmt"

	"github.com/bwmarrin/discordgo"
	"github.com/dossier/dossier/bot/discord"
	"github.com/spf13/cobra"
)

func newRegisterCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:   "register",
		Short: "Register the slash commands over REST, for the HTTP endpoint mode (DISCORD_TOKEN, DISCORD_APP_ID)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			token, err := o.env("DISCORD_TOKEN")
			if err != nil {
				return err
			}
			appID, err := o.env("DISCORD_APP_ID")
			if err != nil {
				return err
			}
			s, err := discordgo.New("Bot " + token)
			if err != nil {
				return fmt.Errorf("create discord session: %w", err)
			}
			guild := o.getenv("DISCORD_GUILD_ID")
			if err := discord.Register(s, appID, guild); err != nil {
				return err
			}
			where := "globally (may take up to an hour to appear)"
			if guild != "" {
				where = "to guild " + guild
			}
			fmt.Fprintf(o.stdout, "registered %d commands %s\n", len(discord.Commands()), where)
			return nil
		},
	}
}
