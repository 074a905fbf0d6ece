package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/dossier/dossier/index"
	"github.com/dossier/dossier/seeds"
)

// EvalCase is one question of an evaluation set.
type EvalCase struct {
	// Q is the question as a user would ask it.
	Q string `yaml:"q" json:"q"`
	// Want lists phrases of which one must appear in a top result (case
	// and white space aside) for an in-scope question. In YAML one phrase
	// may be written alone, without a list.
	Want Phrases `yaml:"want,omitempty" json:"want,omitempty"`
	// Out marks a question the sources cannot answer: it must be refused.
	Out bool `yaml:"out,omitempty" json:"out,omitempty"`
	// Tags say what the case exercises.
	Tags []string `yaml:"tags,omitempty" json:"tags,omitempty"`
}

// evalFields are the fields a case of an evaluation set may have.
const evalFields = "q, want, out, tags"

// Phrases are the wanted phrases of a case: a YAML list, or one string.
type Phrases []string

// UnmarshalYAML reads a list of phrases or a single phrase.
func (p *Phrases) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		var s string
		if err := n.Decode(&s); err != nil {
			return err
		}
		*p = Phrases{s}
		return nil
	}
	var l []string
	if err := n.Decode(&l); err != nil {
		return fmt.Errorf("line %d: want is a phrase or a list of phrases", n.Line)
	}
	*p = l
	return nil
}

// evalFormat says what an evaluation set looks like, for its errors.
const evalFormat = `an evaluation set is a YAML mapping with a "cases" list, each case {q: QUESTION, want: PHRASE or [PHRASES]} or {q: QUESTION, out: true}`

// ParseEval reads an evaluation set: a YAML document with a "cases" list.
func ParseEval(raw []byte) ([]EvalCase, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("parse evaluation set: %w", err)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("parse evaluation set: the file is empty; %s", evalFormat)
	}
	if root := doc.Content[0]; root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("parse evaluation set: line %d: not a mapping; %s", root.Line, evalFormat)
	}
	var f struct {
		Cases []EvalCase `yaml:"cases"`
	}
	// A misspelt field ("wnt:") is named, not read as a case without it.
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			// yaml names the Go type ("field wnt not found in type
			// bot.EvalCase"): say it in the file's terms.
			msgs := make([]string, len(te.Errors))
			for i, m := range te.Errors {
				m, _ = strings.CutPrefix(m, "yaml: ")
				if k := strings.Index(m, " not found in type "); k >= 0 {
					if j := strings.LastIndex(m[:k], "field "); j >= 0 {
						of := "a case (" + evalFields + ")"
						if !strings.HasSuffix(m, ".EvalCase") {
							of = "an evaluation set (cases)"
						}
						m = fmt.Sprintf("%s%q is no field of %s", m[:j], m[j+len("field "):k], of)
					}
				}
				msgs[i] = m
			}
			return nil, fmt.Errorf("parse evaluation set: %s", strings.Join(msgs, "; "))
		}
		return nil, fmt.Errorf("parse evaluation set: %w", err)
	}
	if len(f.Cases) == 0 {
		return nil, fmt.Errorf("parse evaluation set: no cases; %s", evalFormat)
	}
	for i, c := range f.Cases {
		switch {
		case strings.TrimSpace(c.Q) == "":
			return nil, fmt.Errorf("parse evaluation set: case %d has no question", i+1)
		case !c.Out && len(c.Want) == 0:
			return nil, fmt.Errorf("parse evaluation set: case %d (%q) has neither want nor out", i+1, c.Q)
		case c.Out && len(c.Want) > 0:
			// Which is meant cannot be told: the answer is wanted, or
			// the question is out of scope.
			return nil, fmt.Errorf("parse evaluation set: case %d (%q) has both want and out; give one", i+1, c.Q)
		case slices.ContainsFunc(c.Want, func(w string) bool { return strings.TrimSpace(w) == "" }):
			// Every answer holds the empty phrase.
			return nil, fmt.Errorf("parse evaluation set: case %d (%q) wants a blank phrase", i+1, c.Q)
		}
	}
	return f.Cases, nil
}

// AskFunc answers one question with at most limit results; Evaluate scores
// the pipeline (Bot.Ask) and baselines alike through it.
type AskFunc func(ctx context.Context, question string, limit int) (*Answer, error)

// EvalReport is how well an answering function did on an evaluation set.
type EvalReport struct {
	// InScope counts in-scope questions; Hits those with a wanted phrase
	// in the top TopK results.
	InScope int `json:"in_scope"`
	Hits    int `json:"hits"`
	// PassageHits counts in-scope questions with a wanted phrase in the
	// passage a top result cites, whether or not its quoted window holds
	// it: the right passage found, its answer sentence perhaps not shown.
	// A whole-passage baseline scores the same on both.
	PassageHits int `json:"passage_hits"`
	// FalseRefusals counts in-scope questions that got no results.
	FalseRefusals int `json:"false_refusals"`
	// OutScope counts out-of-scope questions; Refused those that got no
	// results.
	OutScope int `json:"out_of_scope"`
	Refused  int `json:"refused"`
	// HitRate and RefusalRate are Hits/InScope and Refused/OutScope;
	// PassageRate is PassageHits/InScope.
	HitRate     float64 `json:"hit_rate"`
	PassageRate float64 `json:"passage_rate"`
	RefusalRate float64 `json:"refusal_rate"`
	// Citations counts the citations checked; BadCitations those whose
	// quote is not verbatim in the document they name.
	Citations    int `json:"citations"`
	BadCitations int `json:"bad_citations"`
	TopK         int `json:"top_k"`
	// Failures lists every case that went wrong, in set order.
	Failures []EvalFailure `json:"failures"`
}

// EvalFailure is one case that went wrong and what was answered instead.
type EvalFailure struct {
	Q string `json:"q"`
	// Why is "missed", "answered out-of-scope" or "citation not verbatim".
	Why string `json:"why"`
	Got string `json:"got"`
}

// Evaluate asks every case through ask and scores the answers: an
// in-scope case counts when one of its wanted phrases is in the text or a
// citation of the top topK results; an out-of-scope case when it gets no
// results. Every citation is checked to be verbatim in docs (document name
// → text). An error from ask stops the evaluation: a pipeline that fails
// is not scored.
func Evaluate(ctx context.Context, ask AskFunc, cases []EvalCase, docs map[string]string, topK int) (*EvalReport, error) {
	if topK <= 0 {
		topK = DefaultLimit
	}
	rep := &EvalReport{TopK: topK, Failures: []EvalFailure{}}
	passages := map[string]string{} // passage ID → text, for the documents cited
	split := map[string]bool{}
	passage := func(cit Citation) string {
		if !split[cit.Doc] {
			split[cit.Doc] = true
			for _, p := range seeds.Split(cit.Doc, docs[cit.Doc]) {
				passages[p.ID()] = p.Text
			}
		}
		return passages[cit.Passage]
	}
	for _, c := range cases {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, err := ask(ctx, c.Q, topK)
		if IsInputError(err) {
			// A question the pipeline tells off ("June 31 does not
			// exist") is answered with no results, as a refusal.
			a, err = &Answer{Query: c.Q, Text: err.Error(), NotCovered: true, Results: []Result{}}, nil
		}
		if err != nil {
			return nil, fmt.Errorf("evaluate %q: %w", c.Q, err)
		}
		for _, r := range a.Results {
			for _, cit := range r.Citations {
				rep.Citations++
				if text, ok := docs[cit.Doc]; !ok || !seeds.ContainsQuote(text, cit.Quote) {
					rep.BadCitations++
					rep.Failures = append(rep.Failures, EvalFailure{Q: c.Q, Why: "citation not verbatim", Got: cit.Doc + ": " + cit.Quote})
				}
			}
		}
		if c.Out {
			rep.OutScope++
			if len(a.Results) == 0 {
				rep.Refused++
			} else {
				rep.Failures = append(rep.Failures, EvalFailure{Q: c.Q, Why: "answered out-of-scope", Got: firstResult(a)})
			}
			continue
		}
		rep.InScope++
		// A hit in the quoted words is a hit in the passage they are from.
		hit := answers(a, c.Want, topK, nil)
		inPassage := hit || answers(a, c.Want, topK, passage)
		if inPassage {
			rep.PassageHits++
		}
		if hit {
			rep.Hits++
			continue
		}
		why := "missed"
		if inPassage {
			why = "quoted another sentence of the right passage"
		}
		if len(a.Results) == 0 {
			rep.FalseRefusals++
			why = "refused in scope"
		}
		rep.Failures = append(rep.Failures, EvalFailure{Q: c.Q, Why: why, Got: firstResult(a)})
	}
	if rep.InScope > 0 {
		rep.HitRate = float64(rep.Hits) / float64(rep.InScope)
		rep.PassageRate = float64(rep.PassageHits) / float64(rep.InScope)
	}
	if rep.OutScope > 0 {
		rep.RefusalRate = float64(rep.Refused) / float64(rep.OutScope)
	}
	return rep, nil
}

// Summary is the report's aggregate figures on one line.
func (r *EvalReport) Summary() string {
	// A set of one kind has no rate for the other.
	in, out := "no in-scope questions", "no out-of-scope questions"
	if r.InScope > 0 {
		in = fmt.Sprintf("in-scope top-%d %.1f%% (%d/%d; %d refused; right passage %.1f%%)", r.TopK, 100*r.HitRate, r.Hits, r.InScope, r.FalseRefusals, 100*r.PassageRate)
	}
	if r.OutScope > 0 {
		out = fmt.Sprintf("out-of-scope refused %.1f%% (%d/%d)", 100*r.RefusalRate, r.Refused, r.OutScope)
	}
	return fmt.Sprintf("%s, %s, citations verbatim %d/%d", in, out, r.Citations-r.BadCitations, r.Citations)
}

// answers reports whether one of the top results holds a wanted phrase:
// in its words, or, when passage is set, in the passage a citation of it
// is from (passage gives its text).
func answers(a *Answer, want []string, topK int, passage func(Citation) string) bool {
	for i, r := range a.Results {
		if i == topK {
			break
		}
		if containsAny(r.Text, want) {
			return true
		}
		for _, cit := range r.Citations {
			if containsAny(cit.Quote, want) || passage != nil && containsAny(passage(cit), want) {
				return true
			}
		}
	}
	return false
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

func firstResult(a *Answer) string {
	if len(a.Results) == 0 {
		return a.Text
	}
	r := a.Results[0]
	if len(r.Citations) > 0 {
		return r.Citations[0].Cite() + " " + r.Text
	}
	return r.Text
}

// AskQuestion is Bot.Ask in the shape of an AskFunc.
func (b *Bot) AskQuestion(ctx context.Context, question string, limit int) (*Answer, error) {
	return b.Ask(ctx, AskRequest{Question: question, Limit: limit})
}

// Matcher runs a bare full-text match: the floor the pipeline is compared
// against.
type Matcher interface {
	Match(ctx context.Context, question string, limit int) ([]index.Hit, error)
}

// BareMatch answers with the whole passages a bare match query ranks first
// (curated facts left out), never refusing unless nothing matches: the
// baseline of an evaluation.
func BareMatch(m Matcher) AskFunc {
	return func(ctx context.Context, question string, limit int) (*Answer, error) {
		hits, err := m.Match(ctx, question, 4*limit)
		if err != nil {
			return nil, err
		}
		a := &Answer{Command: "match", Query: question, Results: []Result{}}
		for _, h := range hits {
			if h.Type != "passage" || len(a.Results) == limit {
				continue
			}
			a.Results = append(a.Results, Result{Text: h.Text, Citations: []Citation{{Doc: h.Doc, Passage: h.ID, Quote: h.Text}}})
		}
		return a, nil
	}
}
