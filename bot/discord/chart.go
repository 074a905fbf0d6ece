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

// RenderHook is told, with a chart's key, that the chart starts drawing:
// it holds one of the render slots, and the drawing begins when the hook
// returns. The function it returns is called when the drawing ends.
type RenderHook func(ctx context.Context, key string) (done func())

// SetRenderHook sets the function told of each chart drawn. Tests use it
// to hold drawings and count them; it must not be changed while the
// handler serves.
func (h *Handler) SetRenderHook(f RenderHook) { h.onRender = f }

// attachChart adds the picture of an answer as a PNG attachment that the
// first embed shows, drawing it unless key (the command and its options)
// is cached. Identical charts asked for at once are drawn once, and at
// most the render limit are drawn at a time. A chart that fails to draw,
// or waits past ctx, is logged and left out: the cited text still answers.
func (h *Handler) attachChart(ctx context.Context, d *discordgo.InteractionResponseData, cmd, key string, draw func() ([]byte, error)) {
	name := cmd + ".png"
	img, ok := h.charts.Get(key)
	if !ok {
		h.metrics.charts(chartsWaiting, 1)
		v, err, _ := h.flight.Do(key, func() (any, error) {
			if img, ok := h.charts.Get(key); ok {
				return img, nil
			}
			return h.render(ctx, key, draw)
		})
		h.metrics.charts(chartsWaiting, -1)
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

// render draws the chart of key once a render slot is free, and caches it.
func (h *Handler) render(ctx context.Context, key string, draw func() ([]byte, error)) ([]byte, error) {
	h.metrics.charts(rendersQueued, 1)
	select {
	case h.renders <- struct{}{}:
		h.metrics.charts(rendersQueued, -1)
	case <-ctx.Done():
		h.metrics.charts(rendersQueued, -1)
		return nil, ctx.Err()
	}
	defer func() { <-h.renders }()
	h.metrics.charts(rendersRunning, 1)
	defer h.metrics.charts(rendersRunning, -1)
	if h.onRender != nil {
		defer h.onRender(ctx, key)()
	}
	img, err := draw()
	h.metrics.rendered(err)
	if err == nil {
		h.charts.Add(key, img)
	}
	return img, err
}
