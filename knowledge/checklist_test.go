package knowledge

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/dossier/dossier/seeds"
)

type checklist struct {
	Events []struct {
		Doc   string `yaml:"doc"`
		Says  string `yaml:"says"`
		Event string `yaml:"event"`
		Date  string `yaml:"date"`
	} `yaml:"events"`
	Casualties []struct {
		Doc   string `yaml:"doc"`
		Says  string `yaml:"says"`
		Claim string `yaml:"claim"`
	} `yaml:"casualties"`
}

func seedTexts(t *testing.T) (map[string]*seeds.Document, []*seeds.Document) {
	t.Helper()
	docs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	byLabel := map[string]*seeds.Document{}
	for _, d := range docs {
		byLabel[d.Label()] = d
	}
	return byLabel, docs
}

// TestChecklist holds the knowledge base to the checklist of dated events
// and casualty figures extracted from the texts: each item's words are in
// its document, its record exists with the right date, and every record is
// on the checklist, so nothing is missing and nothing is invented.
func TestChecklist(t *testing.T) {
	raw, err := os.ReadFile("testdata/checklist.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cl checklist
	if err := yaml.Unmarshal(raw, &cl); err != nil {
		t.Fatal(err)
	}
	b := loadBase(t)
	docs, _ := seedTexts(t)

	listed := map[string]bool{}
	for _, it := range cl.Events {
		d := docs[it.Doc]
		if d == nil || !seeds.ContainsQuote(d.Text, it.Says) {
			t.Errorf("checklist event %q: %q is not in document %s", it.Event, it.Says, it.Doc)
		}
		e := b.Event(it.Event)
		if e == nil {
			t.Errorf("checklist event %q (%q) has no record in events.yaml", it.Event, it.Says)
			continue
		}
		if e.When.ISO() != it.Date {
			t.Errorf("event %s date = %s, want %s (from %q)", e.ID, e.When.ISO(), it.Date, it.Says)
		}
		listed[it.Event] = true
	}
	for _, e := range b.Events {
		if !listed[e.ID] {
			t.Errorf("events.yaml:%d: event %s is not on the checklist", e.Line, e.ID)
		}
	}
	if len(listed) != len(b.Events) {
		t.Errorf("events: %d on the checklist, %d in the knowledge base", len(listed), len(b.Events))
	}

	claims := map[string]*Casualty{}
	for i := range b.Casualties {
		claims[b.Casualties[i].ID] = &b.Casualties[i]
	}
	seen := map[string]bool{}
	for _, it := range cl.Casualties {
		d := docs[it.Doc]
		if d == nil || !seeds.ContainsQuote(d.Text, it.Says) {
			t.Errorf("checklist claim %q: %q is not in document %s", it.Claim, it.Says, it.Doc)
		}
		c := claims[it.Claim]
		if c == nil {
			t.Errorf("checklist claim %q (%q) has no record in casualties.yaml", it.Claim, it.Says)
			continue
		}
		cites := c.Quote
		for _, a := range c.Also {
			cites += " | " + a.Quote
		}
		if !strings.Contains(seeds.NormalizeSpace(cites), seeds.NormalizeSpace(it.Says)) && !strings.Contains(seeds.NormalizeSpace(it.Says), seeds.NormalizeSpace(c.Quote)) {
			t.Errorf("claim %s cites %q, which does not hold the figure %q", c.ID, c.Quote, it.Says)
		}
		seen[it.Claim] = true
	}
	for _, c := range b.Casualties {
		if !seen[c.ID] {
			t.Errorf("casualties.yaml:%d: claim %s is not on the checklist", c.Line, c.ID)
		}
	}
}

var quoteSpan = regexp.MustCompile(`“([^”]*)(?:”|$)|"([^"]*)(?:"|$)`)

// TestEveryQuotationIsRecorded scans every passage for text in quotation
// marks and requires each quotation of two words or more to be held by a
// quote record (or an event or claim citing it). Reporters' questions in
// the Q&A transcript are not quotations of anyone in the story.
func TestEveryQuotationIsRecorded(t *testing.T) {
	b := loadBase(t)
	_, docs := seedTexts(t)
	var held []string
	for _, q := range b.Quotes {
		held = append(held, seeds.NormalizeSpace(q.Quote))
	}
	found := 0
	for _, d := range docs {
		for _, p := range d.Passages {
			if p.Kind == seeds.KindQuestion {
				continue
			}
			for _, m := range quoteSpan.FindAllStringSubmatch(p.Text, -1) {
				span := seeds.NormalizeSpace(m[1] + m[2])
				if len(strings.Fields(span)) < 2 {
					continue
				}
				found++
				ok := false
				for _, h := range held {
					if strings.Contains(h, span) || strings.Contains(span, h) && len(h) > len(span)/2 {
						ok = true
						break
					}
				}
				if !ok {
					t.Errorf("%s: quotation %q has no quote record", p.Cite(), span)
				}
			}
		}
	}
	if found < 50 {
		t.Errorf("found %d quotations in the texts; the scan is broken (want 50 or more)", found)
	}
}

// TestDisputedAttribution checks words the sources give to several
// speakers: the "necessary, appropriate … deliberate action" words are
// Kirby's in his statement (003), Blinken's the next day (001 and 003) and
// in part Psaki's, and every record is kept; and a casualty figure the
// sources give to two claimants, each record naming the other.
func TestDisputedAttribution(t *testing.T) {
	b := loadBase(t)
	speakers := map[string]bool{}
	for _, q := range b.Quotes {
		if q.SameWords == "necessary" {
			speakers[q.Speaker] = true
		}
	}
	for _, want := range []string{"kirby", "blinken", "psaki"} {
		if !speakers[want] {
			t.Errorf("same_words necessary: no record for %s (have %v)", want, speakers)
		}
	}
	var usMil, monitor *Casualty
	for i := range b.Casualties {
		switch b.Casualties[i].ID {
		case "jun27-us-military":
			usMil = &b.Casualties[i]
		case "jun27-monitor":
			monitor = &b.Casualties[i]
		}
	}
	if usMil == nil || monitor == nil || !contains(usMil.Disputes, monitor.ID) || !contains(monitor.Disputes, usMil.ID) {
		t.Errorf("the 'at least seven' claims of the US military (000) and a Britain-based monitor (003) must both exist and dispute each other")
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestQuotesStayWithinOneStatement guards against a quote record that runs
// from one speaker's words into another's: located in its document, a
// quote's words must overlap at most three passages (the longest statement
// in the sources runs over three paragraphs).
func TestQuotesStayWithinOneStatement(t *testing.T) {
	b := loadBase(t)
	_, docs := seedTexts(t)
	for _, q := range b.Quotes {
		var d *seeds.Document
		for _, doc := range docs {
			if doc.Name == q.Doc {
				d = doc
			}
		}
		if d == nil {
			t.Fatalf("quote %s cites unknown doc %s", q.ID, q.Doc)
		}
		var parts []string
		for _, w := range strings.Fields(q.Quote) {
			parts = append(parts, regexp.QuoteMeta(w))
		}
		re := regexp.MustCompile(strings.Join(parts, `[\s\x{00a0}]+`))
		fewest := -1
		for _, loc := range re.FindAllStringIndex(d.Text, -1) {
			n := 0
			for _, p := range d.Passages {
				if p.Start < loc[1] && loc[0] < p.End {
					n++
				}
			}
			if fewest < 0 || n < fewest {
				fewest = n
			}
		}
		if fewest < 0 {
			t.Errorf("quotes.yaml:%d: quote %s not found in %s", q.Line, q.ID, q.Doc)
		} else if fewest > 3 {
			t.Errorf("quotes.yaml:%d: quote %s spans %d passages; it runs into other statements", q.Line, q.ID, fewest)
		}
	}
}
