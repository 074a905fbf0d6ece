package discord

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/dossier/dossier/bot"
)

// Metrics counts what the handler does, for Prometheus.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	deferred *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	panics   *prometheus.CounterVec
	renders  *prometheus.CounterVec
	// chart counts the requests waiting for a chart and the drawings
	// queued and running now, by stage.
	chart *prometheus.GaugeVec
}

// The stages of a chart request, as the dossier_chart_work gauge's labels.
const (
	chartsWaiting  = "requests_waiting"
	rendersQueued  = "renders_queued"
	rendersRunning = "renders_running"
)

// NewMetrics registers Dossier's metrics on a registry of its own (plus the
// Go runtime and process collectors), reading index size and reloads from
// live.
func NewMetrics(live *bot.Live) *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dossier_requests_total",
			Help: "Interactions answered, by command and the outcome the asker saw (ok, not_covered, input_error, error, cooldown, denied); a deferred answer is counted when its edit is done.",
		}, []string{"command", "outcome"}),
		deferred: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "dossier_requests_deferred_total",
			Help: "Interactions answered with a deferred response and then by editing the message, by command and final outcome (error when the edit or the deferred response failed); each is in dossier_requests_total too.",
		}, []string{"command", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "dossier_request_duration_seconds",
			Help: "Time until an interaction's answer reached the asker (a deferred one: until its edit), by command.",
			// Deferred answers take up to deferredWork (30 s).
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"command"}),
	}
	m.panics = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "dossier_panics_total",
		Help: "Panics recovered (each a defect, logged with its stack), by where they happened.",
	}, []string{"where"})
	m.renders = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "dossier_chart_renders_total",
		Help: "Charts drawn (identical requests at once share one drawing; cached charts are not drawn again), by outcome.",
	}, []string{"outcome"})
	m.chart = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "dossier_chart_work",
		Help: "Chart work now: requests_waiting for a chart not cached (their own drawing or an identical one), renders_queued for a render slot, renders_running (at most the render limit).",
	}, []string{"stage"})
	for _, stage := range []string{chartsWaiting, rendersQueued, rendersRunning} {
		m.chart.WithLabelValues(stage)
	}
	build := bot.Build()
	info := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "dossier_build_info",
		Help: "Always 1; the labels say which build of Dossier is running.",
	}, []string{"version", "revision", "goversion"})
	info.WithLabelValues(build.Version, build.Revision, build.GoVersion).Set(1)
	reg.MustRegister(m.requests, m.deferred, m.latency, m.panics, m.renders, m.chart, info,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "dossier_index_documents", Help: "Passages and facts in the serving index."}, func() float64 {
			b, _, release := live.Acquire()
			defer release()
			return float64(b.Documents())
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "dossier_reloads_total", Help: "Reloads that swapped in a rebuilt index."}, func() float64 {
			ok, _ := live.Reloads()
			return float64(ok)
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "dossier_reload_failures_total", Help: "Reloads that failed; the previous index kept serving."}, func() float64 {
			_, failed := live.Reloads()
			return float64(failed)
		}),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler { return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}) }

func (m *Metrics) observe(command, outcome string, deferred bool, start time.Time) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(command, outcome).Inc()
	if deferred {
		m.deferred.WithLabelValues(command, outcome).Inc()
	}
	m.latency.WithLabelValues(command).Observe(time.Since(start).Seconds())
}

// panicked counts a recovered panic. where is reduced to its first word
// (interaction, reload, gateway, ...) so the label's values stay few.
func (m *Metrics) panicked(where string) {
	if m == nil {
		return
	}
	if i := strings.IndexByte(where, ' '); i > 0 {
		where = where[:i]
	}
	m.panics.WithLabelValues(where).Inc()
}

// rendered counts a chart drawn, or that failed to draw.
func (m *Metrics) rendered(err error) {
	if m == nil {
		return
	}
	outcome := "ok"
	switch {
	case errors.Is(err, bot.ErrNothingToDraw):
		outcome = "nothing_to_draw"
	case err != nil:
		outcome = "error"
	}
	m.renders.WithLabelValues(outcome).Inc()
}

// charts adds delta to the chart work at stage.
func (m *Metrics) charts(stage string, delta float64) {
	if m == nil {
		return
	}
	m.chart.WithLabelValues(stage).Add(delta)
}
