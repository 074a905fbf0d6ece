package discord

import (
	"bytes"
	"context"
	"errors"
	"runtime"

	"github.com/bwmarrin/discordgo"

	"github.com/dossier/dossier/bot"
)

// chartCacheSize bounds the rendered charts kept: a chart depends only on
// its command and options, and a few dozen PNGs of ~250 KB stay small.
const chartCacheSize = 32

// defaultRenders is how many charts are drawn at once: drawing is CPU
// work, and more at once than there are cores only makes each one slower
// and the memory higher.
func defaultRenders() int { return max(runtime.GOMAXPROCS(0), 1) }

// SetRenderLimit changes how many charts are drawn at once.
func (h *Handler) SetRenderLimit(n int) { h.renders = make(chan struct{}, max(n, 1)) }

// attachChart adds the picture of an answer as a PNG attachment that the
// first embed shows, drawing it unless key (the command and its options)
// is cached. Identical charts asked for at once are drawn once, and at
// most the render limit are drawn at a time. A chart that fails to draw,
// or waits past ctx, is logged and left out: the cited text still answers.
func (h *Handler) attachChart(ctx context.Context, d *discordgo.InteractionResponseData, cmd, key string, draw func() ([]byte, error)) {
	name := cmd + ".png"
	img, ok := h.charts.Get(key)
	if !ok {
		v, err, _ := h.flight.Do(key, func() (any, error) {
			if img, ok := h.charts.Get(key); ok {
				return img, nil
			}
			select {
			case h.renders <- struct{}{}:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			defer func() { <-h.renders }()
			img, err := draw()
			h.metrics.rendered(err)
			if err == nil {
				h.charts.Add(key, img)
			}
			return img, err
		})
		if err != nil {
			if !errors.Is(err, bot.ErrNothingToDraw) {
				h.log.ErrorContext(ctx, "draw chart", "command", cmd, "error", err)
			}
			return
		}
		img = v.([]byte)
	}
	d.Files = []*discordgo.File{{Name: name, ContentType: "image/png", Reader: bytes.NewReader(img)}}
	d.Embeds[0].Image = &discordgo.MessageEmbedImage{URL: "attachment://" + name}
}
