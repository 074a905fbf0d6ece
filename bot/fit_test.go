package bot_test

import (
	"context"
	"flag"
	"strings"
	"testing"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/index"
)

var fit = flag.Bool("fit", false, "fit the reranker's weights on the tuning set and print them")

// weighted ranks with given weights, for fitting them.
type weighted struct {
	*index.Index
	w index.Weights
}

func (s weighted) Rank(ctx context.Context, q string) (*index.Ranking, error) {
	return s.RankWith(ctx, q, s.w)
}

// TestFitWeights fits the reranker's weights on the tuning sets
// (tuningSets) by coordinate ascent: each weight in turn takes the value
// from its grid that scores best, until nothing improves. It runs only with
// -fit, and never reads the held-out sets.
func TestFitWeights(t *testing.T) {
	if !*fit {
		t.Skip("run with -fit to fit the weights")
	}
	st := bottest.New(t, index.BM25)
	cases := tuningCases(t)
	score := func(w index.Weights) float64 {
		b := bot.New(weighted{st.Index, w}, st.KB, nil)
		rep, err := bot.Evaluate(t.Context(), b.AskQuestion, cases, st.Docs, 3)
		if err != nil {
			t.Fatal(err)
		}
		return fitScore(rep)
	}
	w := index.DefaultWeights
	best := score(w)
	t.Logf("start: %.1f (in-scope rate + out-of-scope rate) on %d cases", best, len(cases))
	grids := []weightGrid{
		{&w.BM25, []float64{0, 0.5, 1, 1.5, 2, 3}},
		{&w.Bare, []float64{0, 0.5, 1, 1.5, 2, 3}},
		{&w.Coverage, []float64{0, 1, 2, 3, 4}},
		{&w.Window, []float64{0, 1, 2, 3, 4}},
		{&w.Entities, []float64{0, 0.5, 1, 2}},
		{&w.AnswerType, []float64{0, 0.5, 1, 1.5, 2, 3, 4}},
		{&w.Date, []float64{0, 0.5, 1, 2, 3}},
		{&w.Speaker, []float64{0, 0.5, 1, 1.5, 2, 3, 4}},
		{&w.Proximity, []float64{0, 0.5, 1, 2, 3}},
		{&w.MinCovered, []float64{0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65}},
		{&w.Unknown, []float64{0.25, 0.5, 0.75, 1}},
		{&w.Verbal, []float64{0, 0.25, 0.5, 0.75, 1}},
		{&w.MinCoveredKnown, []float64{0, 0.25, 0.3, 0.35, 0.4, 0.45}},
	}
	ascend(&w, grids, 4, best, score, func(round int, best float64) {
		t.Logf("round %d: %.1f: %+v", round, best, w)
	})
}

// weightGrid is one weight coordinate ascent sets, and the values it tries.
type weightGrid struct {
	p    *float64
	grid []float64
}

// ascend fits *w by coordinate ascent from a score of best: each weight in
// turn (grids point into *w) takes the value from its grid that scores
// best, for at most rounds rounds or until a round improves nothing. done,
// when set, is told each round's best score.
func ascend(w *index.Weights, grids []weightGrid, rounds int, best float64, score func(index.Weights) float64, done func(round int, best float64)) {
	for round := 0; round < rounds; round++ {
		improved := false
		for _, g := range grids {
			keep := *g.p
			for _, v := range g.grid {
				*g.p = v
				if s := score(*w); s > best {
					best, keep, improved = s, v, true
				}
			}
			*g.p = keep
		}
		if done != nil {
			done(round, best)
		}
		if !improved {
			return
		}
	}
}

// fitScore is what fitting maximizes: the in-scope hit rate plus the
// out-of-scope refusal rate, as the product's targets weigh them (a rate
// each, however many questions of each kind a set holds), less a little for
// any citation that is not verbatim.
func fitScore(rep *bot.EvalReport) float64 {
	return 100*(rep.HitRate+rep.RefusalRate) - float64(rep.BadCitations)
}

var cv = flag.Bool("cv", false, "estimate unseen performance by 5-fold cross-validation on the tuning set")

// TestCrossValidate estimates how the pipeline does on questions it was not
// fitted on: the tuning set is cut into five folds; for each, the weights
// are fitted (coordinate ascent from DefaultWeights) on the other four and
// scored on the one held back. Each question is asked as written, in lower
// case, and in lower case with one letter of its longest word dropped, as
// people type in chat; the three forms of a question stay in one fold. It
// runs only with -cv, and never reads the held-out set.
func TestCrossValidate(t *testing.T) {
	if !*cv {
		t.Skip("run with -cv to cross-validate")
	}
	st := bottest.New(t, index.BM25)
	cases := tuningCases(t)
	eval := func(w index.Weights, cs []bot.EvalCase) *bot.EvalReport {
		b := bot.New(weighted{st.Index, w}, st.KB, nil)
		rep, err := bot.Evaluate(t.Context(), b.AskQuestion, cs, st.Docs, 3)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	const k = 5
	type tally struct{ hits, in, refused, out, falseRef int }
	var asWritten, casual tally
	add := func(a *tally, rep *bot.EvalReport) {
		a.hits, a.in, a.refused, a.out, a.falseRef = a.hits+rep.Hits, a.in+rep.InScope, a.refused+rep.Refused, a.out+rep.OutScope, a.falseRef+rep.FalseRefusals
	}
	for fold := 0; fold < k; fold++ {
		var train, test, testCasual []bot.EvalCase
		for i, c := range cases {
			forms := casualForms(c)
			if i%k == fold {
				test = append(test, c)
				testCasual = append(testCasual, forms...)
			} else {
				train = append(train, c)
				train = append(train, forms...)
			}
		}
		w := fitWeights(func(w index.Weights) float64 {
			rep := eval(w, train)
			return fitScore(rep)
		})
		rep, repCasual := eval(w, test), eval(w, testCasual)
		t.Logf("fold %d: %s; casual %s; weights %+v", fold, rep.Summary(), repCasual.Summary(), w)
		add(&asWritten, rep)
		add(&casual, repCasual)
	}
	for _, r := range []struct {
		name string
		a    tally
	}{{"as written", asWritten}, {"casual", casual}} {
		t.Logf("cross-validated, %s: in-scope top-3 %.1f%% (%d/%d; %d refused), out-of-scope refused %.1f%% (%d/%d)", r.name,
			100*float64(r.a.hits)/float64(r.a.in), r.a.hits, r.a.in, r.a.falseRef, 100*float64(r.a.refused)/float64(r.a.out), r.a.refused, r.a.out)
	}
	t.Logf("tuning set, default weights: %s", eval(index.DefaultWeights, cases).Summary())
}

// casualForms returns a question as people type it in chat: in lower case,
// and in lower case with the second-to-last letter of its longest word
// dropped.
func casualForms(c bot.EvalCase) []bot.EvalCase {
	lower := c
	lower.Q = strings.ToLower(c.Q)
	typo := lower
	ws := strings.Fields(lower.Q)
	long := 0
	for i, w := range ws {
		if len(w) > len(ws[long]) {
			long = i
		}
	}
	if w := ws[long]; len(w) > 5 {
		ws[long] = w[:len(w)-2] + w[len(w)-1:]
	}
	typo.Q = strings.Join(ws, " ")
	return []bot.EvalCase{lower, typo}
}

// fitWeights fits a few weights by coordinate ascent on a grid, from
// DefaultWeights, two rounds at most.
func fitWeights(score func(index.Weights) float64) index.Weights {
	w := index.DefaultWeights
	best := score(w)
	grids := []weightGrid{
		{&w.Bare, []float64{0, 0.5, 1, 2, 3}},
		{&w.BM25, []float64{0.5, 1, 2, 3}},
		{&w.Coverage, []float64{0, 1, 2, 3}},
		{&w.AnswerType, []float64{0, 0.5, 1, 2}},
		{&w.Speaker, []float64{0, 1, 1.5, 2}},
		{&w.MinCovered, []float64{0.35, 0.4, 0.45, 0.5, 0.55}},
		{&w.MinCoveredKnown, []float64{0, 0.3, 0.35, 0.4}},
		{&w.Unknown, []float64{0.25, 0.5, 0.75, 1}},
		{&w.Verbal, []float64{0.25, 0.5, 1}},
	}
	ascend(&w, grids, 2, best, score, nil)
	return w
}
