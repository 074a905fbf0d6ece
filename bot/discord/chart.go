package discord

import (
	"bytes"
	"context"
	"errors"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
)

// chartCacheSize bounds the rendered charts kept: a chart depends only on
// its command and options, and a few dozen PNGs of ~250 KB stay small.
const chartCacheSize = 32

// attachChart adds the picture of an answer as a PNG attachment that the
// first embed shows, drawing it unless key (the command and its options)
// is cached. A chart that fails to draw is logged and left out: the cited
// text still answers.
func (h *Handler) attachChart(ctx context.Context, d *discordgo.InteractionResponseData, cmd, key string, draw func() ([]byte, error)) {
	name := cmd + ".png"
	img, ok := h.charts.Get(key)
	if !ok {
		var err error
		if img, err = draw(); errors.Is(err, bot.ErrNothingToDraw) {
			return // the cited text answers; an empty picture would not help
		} else if err != nil {
			h.log.ErrorContext(ctx, "draw chart", "command", cmd, "error", err)
			return
		}
		h.charts.Add(key, img)
	}
	d.Files = []*discordgo.File{{Name: name, ContentType: "image/png", Reader: bytes.NewReader(img)}}
	d.Embeds[0].Image = &discordgo.MessageEmbedImage{URL: "attachment://" + name}
}
