package bot_test

import (
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/bot/bottest"
	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

type evalCase struct {
	Q    string   `yaml:"q"`
	Want []string `yaml:"want"`
	Out  bool     `yaml:"out"`
	Tags []string `yaml:"tags"`
}

func loadEval(t testing.TB) []evalCase {
	t.Helper()
	raw, err := os.ReadFile("testdata/eval.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []evalCase `yaml:"cases"`
	}
	if err := yaml.Unmarshal(raw, &f); err != nil {
		t.Fatalf("parse eval.yaml: %v", err)
	}
	return f.Cases
}

// fixture is a real index over the embedded seeds and knowledge.
type fixture struct {
	kb   *knowledge.Base
	docs map[string]string
	ix   *index.Index
	bot  *bot.Bot
}

func newFixture(t testing.TB, scoring string) *fixture {
	t.Helper()
	s := bottest.New(t, scoring)
	return &fixture{kb: s.KB, docs: s.Docs, ix: s.Index, bot: s.Bot}
}

func containsAny(text string, phrases []string) bool {
	norm := strings.ToLower(seeds.NormalizeSpace(text))
	for _, p := range phrases {
		if strings.Contains(norm, strings.ToLower(seeds.NormalizeSpace(p))) {
			return true
		}
	}
	return false
}

// evaluate runs every case and returns the in-scope hit rate, the share of
// out-of-scope cases correctly left unanswered, and the failures.
func evaluate(t *testing.T, f *fixture, cases []evalCase) (inScope, outScope float64, fails []string) {
	var in, inOK, out, outOK int
	for _, c := range cases {
		a, err := f.bot.Ask(t.Context(), bot.AskRequest{Question: c.Q, Limit: 3})
		if err != nil {
			t.Fatalf("Ask(%q) error: %v", c.Q, err)
		}
		if c.Out {
			out++
			if len(a.Results) == 0 {
				outOK++
			} else {
				fails = append(fails, "out of scope but answered: "+c.Q+" → "+a.Results[0].Text)
			}
			continue
		}
		in++
		ok := false
		for _, r := range a.Results {
			for _, cit := range r.Citations {
				if containsAny(cit.Quote, c.Want) || containsAny(r.Text, c.Want) {
					ok = true
				}
			}
		}
		if ok {
			inOK++
			continue
		}
		got := a.Text
		if len(a.Results) > 0 {
			got = a.Results[0].Citations[0].Passage + " " + a.Results[0].Text
		}
		fails = append(fails, "missed: "+c.Q+" → "+got)
	}
	return float64(inOK) / float64(in), float64(outOK) / float64(out), fails
}

// TestEvaluation holds the ask pipeline to 95% of the in-scope questions
// answered in the top 3 and every out-of-scope question left unanswered.
func TestEvaluation(t *testing.T) {
	cases := loadEval(t)
	f := newFixture(t, index.BM25)
	in, out, fails := evaluate(t, f, cases)
	for _, m := range fails {
		t.Log(m)
	}
	t.Logf("bm25 pipeline: in-scope %.1f%%, out-of-scope rejected %.1f%% (%d cases)", 100*in, 100*out, len(cases))
	if in < 0.95 {
		t.Errorf("in-scope top-3 accuracy = %.1f%%, want >= 95%%", 100*in)
	}
	if out < 1 {
		t.Errorf("out-of-scope rejection = %.1f%%, want 100%%", 100*out)
	}
}

// TestEvaluationBaselines measures TF-IDF against BM25 and the bare Bleve
// match query (the floor) on the same cases, and requires the pipeline to
// beat the floor clearly.
func TestEvaluationBaselines(t *testing.T) {
	cases := loadEval(t)
	bm := newFixture(t, index.BM25)
	tf := newFixture(t, index.TFIDF)
	bmIn, _, _ := evaluate(t, bm, cases)
	tfIn, tfOut, _ := evaluate(t, tf, cases)

	var in, ok int
	for _, c := range cases {
		if c.Out {
			continue
		}
		in++
		hits, err := bm.ix.Match(t.Context(), c.Q, 3)
		if err != nil {
			t.Fatalf("Match(%q) error: %v", c.Q, err)
		}
		for _, h := range hits {
			if containsAny(h.Text, c.Want) {
				ok++
				break
			}
		}
	}
	bare := float64(ok) / float64(in)
	t.Logf("in-scope top-3: bm25 pipeline %.1f%%, tf-idf pipeline %.1f%% (out-of-scope rejected %.1f%%), bare match %.1f%%", 100*bmIn, 100*tfIn, 100*tfOut, 100*bare)
	if bmIn < bare+0.05 {
		t.Errorf("pipeline %.1f%% does not clearly beat the bare match query %.1f%%", 100*bmIn, 100*bare)
	}
}

// TestQuotesVerbatim checks that every quote ask returns over the evaluation
// set is verbatim in the document it names.
func TestQuotesVerbatim(t *testing.T) {
	f := newFixture(t, index.BM25)
	for _, c := range loadEval(t) {
		a, err := f.bot.Ask(t.Context(), bot.AskRequest{Question: c.Q, Limit: bot.MaxLimit})
		if err != nil {
			t.Fatalf("Ask(%q) error: %v", c.Q, err)
		}
		for _, r := range a.Results {
			if len(r.Citations) == 0 {
				t.Errorf("Ask(%q): result %q has no citation", c.Q, r.Text)
			}
			for _, cit := range r.Citations {
				text, ok := f.docs[cit.Doc]
				if !ok {
					t.Errorf("Ask(%q): citation names unknown doc %q", c.Q, cit.Doc)
					continue
				}
				if !seeds.ContainsQuote(text, cit.Quote) {
					t.Errorf("Ask(%q): quote %q is not verbatim in %s", c.Q, cit.Quote, cit.Doc)
				}
			}
		}
	}
}
