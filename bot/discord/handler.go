package discord

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/time/rate"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/knowledge"
)

// Cooldown defaults: five commands per ten seconds for each user.
const (
	DefaultBurst = 5
	DefaultEvery = 2 * time.Second
)

const helpText = "**Dossier** answers questions about the 27 June 2021 US airstrikes on Iran-backed militias on the Iraq–Syria border, the reactions, the militia attacks before and after, and the earlier US strikes of 2019–2021. Every answer cites the words it came from: `[003 §12]` is passage 12 of source 003.\n\n" +
	"`/ask question:` a cited answer\n" +
	"`/timeline from: to: actor:` events in date order\n" +
	"`/who-said speaker:` a speaker's quotations\n" +
	"`/casualties event:` every casualty claim about an event, side by side\n" +
	"`/summary topic:` a cited brief for the channel (moderators)\n" +
	"`/sources` the articles answers come from"

// Handler answers Discord interactions through the command layer. It is
// shared by the gateway session and the HTTP endpoint, and holds no state
// that a second replica would need: paging lives in the buttons' custom_id.
type Handler struct {
	live    *bot.Live
	log     *slog.Logger
	cool    *cooldown
	charts  *lru.Cache[string, []byte]
	reload  func(context.Context) error
	metrics *Metrics
}

// SetMetrics makes the handler count its requests in m.
func (h *Handler) SetMetrics(m *Metrics) { h.metrics = m }

// reloadWait is how long /reload waits for the rebuild before answering
// that it goes on in the background: Discord allows 3 seconds.
const reloadWait = 2 * time.Second

// SetReloader sets what /reload runs: rebuild the index and swap it in.
func (h *Handler) SetReloader(reload func(context.Context) error) { h.reload = reload }

// chartCacheSize bounds the rendered charts kept: a chart depends only on
// its command and options, and a few dozen PNGs of ~250 KB stay small.
const chartCacheSize = 32

// NewHandler returns a handler answering from live, with the default
// per-user cooldown.
func NewHandler(live *bot.Live, log *slog.Logger) *Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	charts, _ := lru.New[string, []byte](chartCacheSize) // errors only for a size <= 0
	return &Handler{live: live, log: log, cool: newCooldown(rate.Every(DefaultEvery), DefaultBurst), charts: charts}
}

// SetCooldown changes the per-user rate: burst commands at once, then one
// every interval.
func (h *Handler) SetCooldown(every time.Duration, burst int) {
	h.cool = newCooldown(rate.Every(every), burst)
}

// Handle answers one interaction. It never panics and never returns nil.
func (h *Handler) Handle(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	start := time.Now()
	resp, command, outcome := h.handle(ctx, i)
	h.metrics.observe(command, outcome, start)
	return resp
}

// handle answers one interaction and says what command it was and how it
// went, for metrics.
func (h *Handler) handle(ctx context.Context, i *discordgo.Interaction) (resp *discordgo.InteractionResponse, command, outcome string) {
	command, outcome = interactionKind(i), "ok"
	defer func() {
		if p := recover(); p != nil {
			h.log.ErrorContext(ctx, "interaction panicked", "panic", fmt.Sprint(p), "type", int(i.Type))
			resp = reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("Something went wrong answering that. Please try again."))
			outcome = "error"
		}
	}()
	if i.Type == discordgo.InteractionApplicationCommand && i.ApplicationCommandData().Name == "reload" {
		// Not under a generation: the swap waits for every request holding
		// the old one, this one included.
		if !isModerator(i) {
			return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("Only moderators (Manage Messages) can reload Dossier.")), command, "denied"
		}
		if !h.cool.allow(userID(i), time.Now()) {
			return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("You're asking quickly — please wait a few seconds and try again.")), command, "cooldown"
		}
		msg, ok := h.runReload()
		if !ok {
			outcome = "error"
		}
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice(msg)), command, outcome
	}
	b, kb, release := h.live.Acquire()
	defer release()
	switch i.Type {
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, command, outcome
	case discordgo.InteractionApplicationCommandAutocomplete:
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: autocomplete(kb, i.ApplicationCommandData())},
		}, command, outcome
	case discordgo.InteractionApplicationCommand:
		if !h.cool.allow(userID(i), time.Now()) {
			return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("You're asking quickly — please wait a few seconds and try again.")), command, "cooldown"
		}
		data := i.ApplicationCommandData()
		opts := map[string]string{}
		for _, o := range data.Options {
			opts[o.Name] = fmt.Sprint(o.Value)
		}
		if data.Name == "summary" && !isModerator(i) {
			return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("Summaries are posted by moderators (Manage Messages).")), command, "denied"
		}
		d, outcome := h.run(ctx, b, data.Name, opts, 0)
		return reply(discordgo.InteractionResponseChannelMessageWithSource, d), command, outcome
	case discordgo.InteractionMessageComponent:
		cmd, page, opts, ok := parsePageID(i.MessageComponentData().CustomID)
		if !ok {
			return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("That button has expired; run the command again.")), command, "input_error"
		}
		if !h.cool.allow(userID(i), time.Now()) {
			return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("You're paging quickly — please wait a few seconds.")), command, "cooldown"
		}
		d, outcome := h.run(ctx, b, cmd, opts, page)
		return reply(discordgo.InteractionResponseUpdateMessage, d), command, outcome
	}
	return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("Dossier does not handle that kind of interaction.")), command, "input_error"
}

// interactionKind names an interaction for metrics: the command, or the
// kind of interaction. Only known command names are used, so a label's
// values stay few.
func interactionKind(i *discordgo.Interaction) string {
	switch i.Type {
	case discordgo.InteractionPing:
		return "ping"
	case discordgo.InteractionApplicationCommandAutocomplete:
		return "autocomplete"
	case discordgo.InteractionMessageComponent:
		return "button"
	case discordgo.InteractionApplicationCommand:
		name := i.ApplicationCommandData().Name
		for _, c := range Commands() {
			if c.Name == name {
				return name
			}
		}
		return "unknown"
	}
	return "other"
}

func reply(t discordgo.InteractionResponseType, d *discordgo.InteractionResponseData) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{Type: t, Data: d}
}

// runReload rebuilds in the background and reports the outcome if it comes
// within reloadWait.
func (h *Handler) runReload() (string, bool) {
	if h.reload == nil {
		return "Reloading is not enabled here.", false
	}
	done := make(chan error, 1)
	go func() { done <- h.reload(context.Background()) }()
	select {
	case err := <-done:
		if err != nil {
			return "Reload failed; the previous index keeps serving. " + err.Error(), false
		}
		return "Reloaded: answers now come from the rebuilt index.", true
	case <-time.After(reloadWait):
		return "Reloading in the background; the current index serves until the new one is ready.", true
	}
}

// run executes a command and renders the given page of its answer.
func (h *Handler) run(ctx context.Context, b *bot.Bot, cmd string, opts map[string]string, page int) (*discordgo.InteractionResponseData, string) {
	var (
		a   *bot.Answer
		err error
	)
	switch cmd {
	case "ask":
		limit, _ := strconv.Atoi(opts["limit"])
		a, err = b.Ask(ctx, bot.AskRequest{Question: opts["question"], Limit: limit})
	case "timeline":
		a, err = b.Timeline(ctx, bot.TimelineRequest{From: opts["from"], To: opts["to"], Actor: opts["actor"]})
	case "who-said":
		a, err = b.WhoSaid(ctx, bot.WhoSaidRequest{Speaker: opts["speaker"]})
	case "casualties":
		a, err = b.Casualties(ctx, bot.CasualtiesRequest{Event: opts["event"]})
	case "summary":
		a, err = b.Summary(ctx, bot.SummaryRequest{Topic: opts["topic"]})
	case "sources":
		a, err = b.Sources(ctx)
	case "help":
		return &discordgo.InteractionResponseData{
			Embeds:          []*discordgo.MessageEmbed{{Title: "Dossier", Description: helpText, Color: colour}},
			Flags:           discordgo.MessageFlagsEphemeral,
			AllowedMentions: noMentions(),
		}, "ok"
	default:
		return Notice(fmt.Sprintf("Unknown command %q. Try /help.", cmd)), "input_error"
	}
	if err != nil {
		if bot.IsInputError(err) {
			return Notice(err.Error()), "input_error"
		}
		h.log.ErrorContext(ctx, "command failed", "command", cmd, "error", err)
		return Notice("Something went wrong answering that. Please try again."), "error"
	}
	if a.NotCovered {
		return Notice(a.Text), "not_covered"
	}
	d := Message(a, page, pageKey(cmd, opts))
	h.attachChart(ctx, b, d, cmd, opts)
	return d, "ok"
}

// attachChart adds the picture of a timeline or of casualty claims as a PNG
// attachment that the first embed shows. A chart that fails to draw is
// logged and left out: the cited text still answers.
func (h *Handler) attachChart(ctx context.Context, b *bot.Bot, d *discordgo.InteractionResponseData, cmd string, opts map[string]string) {
	var draw func() ([]byte, error)
	switch cmd {
	case "timeline":
		draw = func() ([]byte, error) {
			return b.TimelineChart(ctx, bot.TimelineRequest{From: opts["from"], To: opts["to"], Actor: opts["actor"]})
		}
	case "casualties":
		draw = func() ([]byte, error) { return b.CasualtiesChart(ctx, bot.CasualtiesRequest{Event: opts["event"]}) }
	default:
		return
	}
	name := cmd + ".png"
	key := pageKey(cmd, opts)
	img, ok := h.charts.Get(key)
	if !ok {
		var err error
		if img, err = draw(); err != nil {
			h.log.ErrorContext(ctx, "draw chart", "command", cmd, "error", err)
			return
		}
		h.charts.Add(key, img)
	}
	d.Files = []*discordgo.File{{Name: name, ContentType: "image/png", Reader: bytes.NewReader(img)}}
	d.Embeds[0].Image = &discordgo.MessageEmbedImage{URL: "attachment://" + name}
}

func userID(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}

func isModerator(i *discordgo.Interaction) bool {
	return i.Member != nil && i.Member.Permissions&discordgo.PermissionManageMessages != 0
}

// pageKey encodes a command and its options for a paging button.
func pageKey(cmd string, opts map[string]string) string {
	v := url.Values{}
	for k, val := range opts {
		if val != "" {
			v.Set(k, val)
		}
	}
	return cmd + "|" + v.Encode()
}

// pageID is a button's custom_id: "pg|page|command|options".
func pageID(page int, key string) string {
	return "pg|" + strconv.Itoa(max(page, 0)) + "|" + key
}

func parsePageID(id string) (cmd string, page int, opts map[string]string, ok bool) {
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
	opts = map[string]string{}
	for k := range v {
		opts[k] = v.Get(k)
	}
	return parts[2], page, opts, true
}

// autocomplete offers at most 25 choices for the focused option.
func autocomplete(kb *knowledge.Base, data discordgo.ApplicationCommandInteractionData) []*discordgo.ApplicationCommandOptionChoice {
	var focused *discordgo.ApplicationCommandInteractionDataOption
	for _, o := range data.Options {
		if o.Focused {
			focused = o
		}
	}
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	if focused == nil {
		return choices
	}
	typed := bot.Clean(fmt.Sprint(focused.Value))
	switch {
	case data.Name == "who-said" && focused.Name == "speaker":
		choices = actorChoices(kb, typed, true)
	case data.Name == "timeline" && focused.Name == "actor":
		choices = actorChoices(kb, typed, false)
	case data.Name == "casualties" && focused.Name == "event":
		choices = eventChoices(kb, typed)
	}
	if len(choices) > 25 {
		choices = choices[:25]
	}
	return choices
}

// actorChoices lists actors (only those the sources quote, if quoted is
// set) whose name or an alias matches what was typed, nearest first.
func actorChoices(kb *knowledge.Base, typed string, quoted bool) []*discordgo.ApplicationCommandOptionChoice {
	speaks := map[string]bool{}
	for _, q := range kb.Quotes {
		speaks[q.Speaker] = true
	}
	fuzzy := map[string]bool{}
	for _, m := range kb.Tagger().TagFuzzy(typed) {
		fuzzy[m.ID] = true
	}
	t := strings.ToLower(typed)
	type scored struct {
		a     *knowledge.Actor
		score int
	}
	var list []scored
	for i := range kb.Actors {
		a := &kb.Actors[i]
		if quoted && !speaks[a.ID] {
			continue
		}
		score := -1
		for _, name := range append([]string{a.Name}, a.Aliases...) {
			n := strings.ToLower(name)
			switch {
			case t == "":
				score = max(score, 0)
			case strings.HasPrefix(n, t):
				score = max(score, 3)
			case strings.Contains(n, t):
				score = max(score, 2)
			}
		}
		if fuzzy[a.ID] {
			score = max(score, 1)
		}
		if score >= 0 {
			list = append(list, scored{a, score})
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].score != list[j].score {
			return list[i].score > list[j].score
		}
		return list[i].a.Name < list[j].a.Name
	})
	out := []*discordgo.ApplicationCommandOptionChoice{}
	for _, s := range list {
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: fit(s.a.Name, 100), Value: s.a.Name})
	}
	return out
}

// eventChoices lists events with casualty claims matching what was typed.
func eventChoices(kb *knowledge.Base, typed string) []*discordgo.ApplicationCommandOptionChoice {
	t := strings.ToLower(typed)
	out := []*discordgo.ApplicationCommandOptionChoice{}
	claimed := map[string]bool{}
	for _, c := range kb.Casualties {
		claimed[c.Event] = true
	}
	for i := range kb.Events {
		e := &kb.Events[i]
		if !claimed[e.ID] {
			continue
		}
		name := fmt.Sprintf("%s — %s", e.When.Human(), e.Where)
		if t != "" && !strings.Contains(strings.ToLower(name+" "+e.Summary+" "+e.When.ISO()), t) {
			continue
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: fit(name, 100), Value: e.ID})
	}
	return out
}

// cooldown limits how fast each user can run commands, forgetting users
// who have been idle long enough to be back at a full allowance.
type cooldown struct {
	mu    sync.Mutex
	every rate.Limit
	burst int
	users map[string]*userRate
}

type userRate struct {
	lim  *rate.Limiter
	seen time.Time
}

func newCooldown(every rate.Limit, burst int) *cooldown {
	return &cooldown{every: every, burst: burst, users: map[string]*userRate{}}
}

func (c *cooldown) allow(user string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.users) > 10000 {
		for id, u := range c.users {
			if now.Sub(u.seen) > time.Minute {
				delete(c.users, id)
			}
		}
	}
	u, ok := c.users[user]
	if !ok {
		u = &userRate{lim: rate.NewLimiter(c.every, c.burst)}
		c.users[user] = u
	}
	u.seen = now
	return u.lim.AllowN(now, 1)
}
