package discord

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
)

// pageKey encodes a command and its options for a paging button.
func pageKey(cmd string, in bot.Input) string {
	v := url.Values{}
	for k, val := range in {
		if val != "" {
			v.Set(k, val)
		}
	}
	return cmd + "|" + v.Encode()
}

// longKeyMemory bounds the long paging keys remembered (see buttonKey).
const longKeyMemory = 4096

// buttonKey returns key as a paging button carries it: itself when its
// custom_id fits Discord's 100 characters, else "#" and a hash of it, the
// key remembered under the hash (lost on a restart, when the button says
// it has expired).
func (h *Handler) buttonKey(key string) string {
	if len(pageID(1000, key)) <= MaxCustomID {
		return key
	}
	sum := sha256.Sum256([]byte(key))
	short := "#" + hex.EncodeToString(sum[:12])
	h.longKeys.Add(short, key)
	return short
}

// pageID is a button's custom_id: "pg|page|command|options", or
// "pg|page|#hash" for a key too long to carry.
func pageID(page int, key string) string {
	return "pg|" + strconv.Itoa(max(page, 0)) + "|" + key
}

func parsePageID(id string) (cmd string, page int, in bot.Input, ok bool) {
	parts := strings.SplitN(id, "|", 4)
	if len(parts) != 4 || parts[0] != "pg" {
		return "", 0, nil, false
	}
	page, err := strconv.Atoi(parts[1])
	if err != nil || page < 0 || page > 1000 {
		return "", 0, nil, false
	}
	v, err := url.ParseQuery(parts[3])
	if err != nil {
		return "", 0, nil, false
	}
	in = bot.Input{}
	for k := range v {
		in[k] = v.Get(k)
	}
	return parts[2], page, in, true
}

// page answers a Previous/Next button: the same command and options, at
// another page.
func (h *Handler) page(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, string, followUp) {
	id := i.MessageComponentData().CustomID
	if head, short, found := strings.Cut(id, "|#"); found {
		key, known := h.longKeys.Get("#" + short)
		id = head + "|" + key
		if !known {
			id = ""
		}
	}
	name, page, in, ok := parsePageID(id)
	if !ok {
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("That button has expired; run the command again.")), "input_error", nil
	}
	// A button is another way into its command: the same permission
	// applies, whatever the custom_id says.
	if c := h.commands[name]; c != nil && c.Moderators != "" && !isModerator(i) {
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice(c.Moderators)), "denied", nil
	}
	if asker := askerID(i); asker != "" && asker != userID(i) {
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("Only the member who asked can page this reply. Run the command yourself to browse it.")), "denied", nil
	}
	if ok, wait := h.cool.allow(userID(i), time.Now()); !ok {
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice(waitNotice("paging", wait))), "cooldown", nil
	}
	return h.answer(ctx, i, name, in, page, discordgo.InteractionResponseUpdateMessage,
		func(_ context.Context, d *discordgo.InteractionResponseData, outcome string, _ *bot.Answer) {
			if id := votedAnswer(i.Message); id != "" && outcome == "ok" {
				addVoteButtons(d, id) // the answer's buttons stay on every page
			}
		})
}

// askerID is who ran the command whose reply holds the button pressed, as
// Discord reports it on the message; "" if it does not say.
func askerID(i *discordgo.Interaction) string {
	m := i.Message
	switch {
	case m == nil:
		return ""
	case m.InteractionMetadata != nil && m.InteractionMetadata.User != nil:
		return m.InteractionMetadata.User.ID
	case m.Interaction != nil && m.Interaction.User != nil:
		return m.Interaction.User.ID
	}
	return ""
}
