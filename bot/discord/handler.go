package discord

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"
	"golang.org/x/time/rate"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/feedback"
)

// Handler answers Discord interactions through the command layer. It is
// shared by the gateway session and the HTTP endpoint, and holds no state
// that a second replica would need: paging lives in the buttons' custom_id
// — but for options too long for one, which only this replica remembers
// (see buttonKey).
type Handler struct {
	live   *bot.Live
	log    *slog.Logger
	cool   *cooldown
	charts *lru.Cache[string, []byte]
	// longKeys holds the options of answers whose paging buttons could
	// not carry them in Discord's 100 characters ("/ask" with a long
	// question), under a short hash the buttons carry instead.
	longKeys *lru.Cache[string, string]
	// answers counts the answers being worked on or delivered, for
	// Drain.
	answers inflight
	reload  func(context.Context) error
	metrics *Metrics
	onPanic PanicHook
	// rest edits deferred answers (nil: answers are never deferred).
	rest       *discordgo.Session
	deferAfter time.Duration
	// flight coalesces identical renders; renders bounds how many run at
	// once.
	flight   singleflight.Group
	renders  chan struct{}
	onRender RenderHook
	// commands is the command table by name.
	commands map[string]*bot.Command
	// helpText is /help's text, derived from the table once.
	helpText string
	// local answers the commands that have no Run in the table, because
	// only the front end can answer them.
	local map[string]localFunc
	// feedback stores answers, votes and reviews; nil turns them off.
	feedback feedback.Store
}

// localFunc answers a command the front end handles itself.
type localFunc func(ctx context.Context, i *discordgo.Interaction, in bot.Input) (*discordgo.InteractionResponseData, string)

// NewHandler returns a handler answering from live, with the default
// per-user cooldown.
func NewHandler(live *bot.Live, log *slog.Logger) *Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	charts, _ := lru.New[string, []byte](chartCacheSize) // errors only for a size <= 0
	longKeys, _ := lru.New[string, string](longKeyMemory)
	h := &Handler{live: live, log: log, cool: newCooldown(rate.Every(DefaultEvery), DefaultBurst), charts: charts, longKeys: longKeys, commands: map[string]*bot.Command{},
		deferAfter: DeferAfter, renders: make(chan struct{}, defaultRenders())}
	table := bot.Commands()
	for _, c := range table {
		h.commands[c.Name] = &c
	}
	h.helpText = helpText(table)
	h.local = map[string]localFunc{"help": h.help, "reload": h.runReload, "review": h.review}
	return h
}

// SetMetrics makes the handler count its requests in m.
func (h *Handler) SetMetrics(m *Metrics) { h.metrics = m }

// SetReloader sets what /reload runs: rebuild the index and swap it in.
func (h *Handler) SetReloader(reload func(context.Context) error) { h.reload = reload }

// SetCooldown changes the per-user rate: burst commands at once, then one
// every interval.
func (h *Handler) SetCooldown(every time.Duration, burst int) {
	h.cool = newCooldown(rate.Every(every), burst)
}

// Handle answers one interaction. It never panics and never returns nil.
// An answer it defers (see SetFollowups) is delivered at once, which can
// come before the deferred response: transports use Respond.
func (h *Handler) Handle(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	resp, sent := h.Respond(ctx, i)
	sent(nil)
	return resp
}

// Respond answers one interaction, and returns the function the transport
// calls once it has tried to send the response, with the error of sending
// it (nil once sent): for a deferred answer, it edits the original message
// when the answer is ready. It never panics and never returns nil.
//
// Each interaction is counted and logged once, with the outcome its asker
// saw: a deferred answer when its edit is done (or failed), marked as
// deferred.
func (h *Handler) Respond(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, func(sendErr error)) {
	start := time.Now()
	rec := &record{}
	rec.results.Store(-1)
	resp, command, outcome, later := h.handle(withRecord(ctx, rec), i)
	if later == nil {
		h.finish(ctx, i, command, outcome, false, start, rec)
		return resp, func(error) {}
	}
	// The follow-up outlives the request: keep its values, not its end.
	ctx = context.WithoutCancel(ctx)
	return resp, func(sendErr error) {
		later(sendErr, func(outcome string) { h.finish(ctx, i, command, outcome, true, start, rec) })
	}
}

// finish counts and logs an answered interaction.
func (h *Handler) finish(ctx context.Context, i *discordgo.Interaction, command, outcome string, deferred bool, start time.Time, rec *record) {
	h.metrics.observe(command, outcome, deferred, start)
	if i.Type != discordgo.InteractionPing {
		h.logInteraction(ctx, i, command, outcome, deferred, time.Since(start), rec)
	}
}

// record collects, while an interaction is answered, what its log line
// reports beyond the command and outcome.
type record struct {
	// results is the number of results of the answer shown, or -1 when
	// no command ran (yet). It is atomic because a deferred command
	// writes it in the background, where its log line is written too.
	results atomic.Int64
}

type recordKey struct{}

func withRecord(ctx context.Context, r *record) context.Context {
	return context.WithValue(ctx, recordKey{}, r)
}

// noteResults records how many results the answer shown has.
func noteResults(ctx context.Context, n int) {
	if r, ok := ctx.Value(recordKey{}).(*record); ok {
		r.results.Store(int64(n))
	}
}

// logInteraction writes the one log line of an answered interaction: who
// asked where, what, how it went, whether the answer was deferred, how
// long it took to reach the asker and how many results the answer had.
func (h *Handler) logInteraction(ctx context.Context, i *discordgo.Interaction, command, outcome string, deferred bool, took time.Duration, rec *record) {
	attrs := []slog.Attr{
		slog.String("user", userID(i)),
		slog.String("guild", i.GuildID),
		slog.String("channel", i.ChannelID),
		slog.String("command", command),
		slog.String("outcome", outcome),
		slog.Duration("latency", took),
	}
	if deferred {
		attrs = append(attrs, slog.Bool("deferred", true))
	}
	if n := rec.results.Load(); n >= 0 {
		attrs = append(attrs, slog.Int64("results", n))
	}
	level := slog.LevelInfo
	switch {
	case outcome == "error":
		level = slog.LevelWarn
	case command == "autocomplete":
		level = slog.LevelDebug // one per keystroke
	}
	h.log.LogAttrs(ctx, level, "interaction", attrs...)
}

// handle answers one interaction and says what command it was and how it
// went, for metrics.
func (h *Handler) handle(ctx context.Context, i *discordgo.Interaction) (resp *discordgo.InteractionResponse, command, outcome string, sent followUp) {
	command, outcome = h.kind(i), "ok"
	defer func() {
		if p := recover(); p != nil {
			h.Panicked(ctx, "interaction "+command, p)
			resp = reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("Something went wrong answering that. Please try again."))
			outcome, sent = "error", nil
		}
	}()
	switch i.Type {
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, command, outcome, nil
	case discordgo.InteractionApplicationCommandAutocomplete:
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: h.autocomplete(i.ApplicationCommandData())},
		}, command, outcome, nil
	case discordgo.InteractionApplicationCommand:
		resp, outcome, sent = h.command(ctx, i)
		return resp, command, outcome, sent
	case discordgo.InteractionMessageComponent:
		resp, outcome, sent = h.handleComponent(ctx, i)
		return resp, command, outcome, sent
	case discordgo.InteractionModalSubmit:
		resp, outcome = h.handleModal(ctx, i)
		return resp, command, outcome, nil
	}
	return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice("Dossier does not handle that kind of interaction.")), command, "input_error", nil
}

// kind names an interaction for metrics: the command, or the kind of
// interaction. Only known command names are used, so a label's values stay
// few.
func (h *Handler) kind(i *discordgo.Interaction) string {
	switch i.Type {
	case discordgo.InteractionPing:
		return "ping"
	case discordgo.InteractionApplicationCommandAutocomplete:
		return "autocomplete"
	case discordgo.InteractionMessageComponent:
		return "button"
	case discordgo.InteractionModalSubmit:
		return "form"
	case discordgo.InteractionApplicationCommand:
		if name := i.ApplicationCommandData().Name; h.commands[name] != nil {
			return name
		}
		return "unknown"
	}
	return "other"
}

// command answers a slash command: it checks who may run it and how fast,
// then runs it.
func (h *Handler) command(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, string, followUp) {
	data := i.ApplicationCommandData()
	c := h.commands[data.Name]
	if c == nil {
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice(fmt.Sprintf("Unknown command %q. Try /help.", data.Name))), "input_error", nil
	}
	if c.Moderators != "" && !isModerator(i) {
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice(c.Moderators)), "denied", nil
	}
	if ok, wait := h.cool.allow(userID(i), time.Now()); !ok {
		return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice(waitNotice("asking", wait))), "cooldown", nil
	}
	in := bot.Input{}
	for _, o := range data.Options {
		in[o.Name] = fmt.Sprint(o.Value)
	}
	if c.Run == nil {
		local := h.local[c.Name]
		if local == nil {
			return reply(discordgo.InteractionResponseChannelMessageWithSource, Notice(fmt.Sprintf("Unknown command %q. Try /help.", data.Name))), "input_error", nil
		}
		// Not under a generation: /reload's swap waits for every request
		// holding the old one, this one included.
		d, outcome := local(ctx, i, in)
		return reply(discordgo.InteractionResponseChannelMessageWithSource, d), outcome, nil
	}
	return h.answer(ctx, i, c.Name, in, 0, discordgo.InteractionResponseChannelMessageWithSource,
		func(ctx context.Context, d *discordgo.InteractionResponseData, _ string, a *bot.Answer) {
			if c.Name == "ask" {
				h.recordAsk(ctx, i, in, a, d)
			}
		})
}

// served is the Bot serving a request and the number of its generation,
// which keys what is cached of its answers.
type served struct {
	bot *bot.Bot
	gen uint64
}

// acquire returns the Bot serving now and the function that releases it.
func (h *Handler) acquire() (served, func()) {
	b, gen, release := h.live.AcquireGeneration()
	return served{b, gen}, release
}

// run executes a command and renders the given page of its answer; the
// answer is nil when the command failed.
func (h *Handler) run(ctx context.Context, sv served, name string, in bot.Input, page int) (*discordgo.InteractionResponseData, string, *bot.Answer) {
	b := sv.bot
	c := h.commands[name]
	if c == nil || c.Run == nil {
		return Notice(fmt.Sprintf("Unknown command %q. Try /help.", name)), "input_error", nil
	}
	a, err := c.Run(ctx, b, in)
	if err != nil {
		if bot.IsInputError(err) {
			return Notice(err.Error()), "input_error", nil
		}
		h.log.ErrorContext(ctx, "command failed", "command", name, "error", err)
		return Notice("Something went wrong answering that. Please try again."), "error", nil
	}
	noteResults(ctx, len(a.Results))
	if a.NotCovered {
		return Notice(a.Text), "not_covered", a
	}
	key := pageKey(name, in)
	d := message(a, page, h.buttonKey(key), titleOf(h.commands[a.Command], a))
	if c.Chart != nil {
		// A chart is of one generation's facts: a reload draws anew.
		chartKey := strconv.FormatUint(sv.gen, 10) + " " + key
		h.attachChart(ctx, d, name, chartKey, func() ([]byte, error) { return c.Chart(ctx, b, in) })
	}
	return d, "ok", a
}

func reply(t discordgo.InteractionResponseType, d *discordgo.InteractionResponseData) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{Type: t, Data: d}
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
