package seeds

import (
	"strings"
	"testing"
	"testing/fstest"
)

func loadSeeds(t *testing.T) map[string]*Document {
	t.Helper()
	docs, err := Load(Embedded())
	if err != nil {
		t.Fatalf("Load(Embedded()) error: %v", err)
	}
	out := map[string]*Document{}
	for _, d := range docs {
		out[d.Label()] = d
	}
	return out
}

func TestPassageOffsetsAreVerbatim(t *testing.T) {
	for label, d := range loadSeeds(t) {
		if len(d.Passages) == 0 {
			t.Errorf("%s has no passages", label)
		}
		for i, p := range d.Passages {
			if p.Ordinal != i+1 {
				t.Errorf("%s passage %d has ordinal %d", label, i+1, p.Ordinal)
			}
			if got := d.Text[p.Start:p.End]; got != p.Text {
				t.Errorf("%s: text[%d:%d] = %q, want passage text %q", p.ID(), p.Start, p.End, got, p.Text)
			}
			if strings.TrimSpace(p.Text) != p.Text || p.Text == "" {
				t.Errorf("%s: passage %q is empty or not trimmed", p.ID(), p.Text)
			}
		}
	}
}

func TestSplit(t *testing.T) {
	docs := loadSeeds(t)
	tests := []struct {
		id         string
		kind       Kind
		prefix     string
		suffix     string
		context    string
		contextPfx bool
	}{
		// 000 opens with a metadata line that is not part of the text.
		{id: "000:1", kind: KindParagraph, prefix: "US secretary of state Antony Blinken said"},
		// 001 has one sentence per line: a statement across lines is one passage.
		{id: "001:13", kind: KindStatement, prefix: "White House Press Secretary, Jen Psaki:", suffix: "never accept a U.S. military presence in Iraq or Syria.", context: "White House Press Secretary, Jen Psaki"},
		// A quotation introduced by the line before it takes that line as context.
		{id: "001:6", kind: KindStatement, prefix: `"We took necessary`, context: "U.S. Secretary of State Antony Blinken spoke to reporters in Rome on Monday."},
		// A quotation that names its speaker stands alone.
		{id: "002:26", kind: KindParagraph, suffix: `Kirby said.`},
		// "he tweeted" takes its speaker from the passage before.
		{id: "002:17", kind: KindStatement, context: "Some American politicians and experts, including US Senator Chris Murphy", contextPfx: true},
		{id: "002:15", kind: KindHeading, prefix: "US politicians alarmed"},
		// A photo's caption, closed by its credit.
		{id: "002:2", kind: KindCaption, prefix: "US Navy F-18E Super Hornet jets", suffix: "(Reuters)"},
		// 003: headline, bullets, related links, Q&A, statements and a timeline.
		{id: "003:1", kind: KindHeading, prefix: "U.S. Strikes Iran-Backed Militias in Iraq, Syria"},
		{id: "003:6", kind: KindBullet, prefix: "On April 14, a drone carrying explosives"},
		{id: "003:14", kind: KindRelated, prefix: "Related Content:"},
		{id: "003:34", kind: KindQuestion, prefix: "QUESTION:", context: "QUESTION"},
		{id: "003:35", kind: KindStatement, prefix: "SECRETARY BLINKEN:", context: "SECRETARY BLINKEN"},
		{id: "003:33", kind: KindStatement, prefix: "“We took necessary", context: "Secretary of State Antony Blinken on June 28, 2021"},
		{id: "003:52", kind: KindQuestion, prefix: `"And similarly`, context: "QUESTION"},
		{id: "003:59", kind: KindQuestion, prefix: `QUESTION: "In the past`, suffix: `upcoming in the future?"`, context: "QUESTION"},
		{id: "003:66", kind: KindStatement, prefix: "“My concern", context: "Senator Chris Murphy", contextPfx: true},
		{id: "003:67", kind: KindHeading, prefix: "Timeline of U.S. Airstrikes on Iraqi Militias"},
		{id: "003:69", kind: KindParagraph, prefix: "The airstrikes were in response to a rocket attack against the K1", context: "December 29"},
		{id: "003:78", kind: KindParagraph, prefix: "Some of the information", context: ""},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			label, ord, _ := strings.Cut(tt.id, ":")
			d := docs[label]
			var p *Passage
			for i := range d.Passages {
				if d.Passages[i].ID() == tt.id {
					p = &d.Passages[i]
				}
			}
			if p == nil {
				t.Fatalf("no passage %s (ordinal %s) among %d", tt.id, ord, len(d.Passages))
			}
			if p.Kind != tt.kind {
				t.Errorf("Kind = %q, want %q (text %.60q)", p.Kind, tt.kind, p.Text)
			}
			if !strings.HasPrefix(p.Text, tt.prefix) {
				t.Errorf("Text = %.80q, want prefix %q", p.Text, tt.prefix)
			}
			if !strings.HasSuffix(p.Text, tt.suffix) {
				t.Errorf("Text ends %q, want suffix %q", p.Text[max(0, len(p.Text)-60):], tt.suffix)
			}
			if tt.contextPfx {
				if !strings.HasPrefix(p.Context, tt.context) {
					t.Errorf("Context = %q, want prefix %q", p.Context, tt.context)
				}
			} else if p.Context != tt.context {
				t.Errorf("Context = %q, want %q", p.Context, tt.context)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One. Two.", []string{"One.", "Two."}},
		{"The U.S. military said so. Col. Wayne Marotto tweeted.", []string{"The U.S. military said so.", "Col. Wayne Marotto tweeted."}},
		{`“We will avenge.” The IRCC includes two.`, []string{"“We will avenge.”", "The IRCC includes two."}},
		{"Talks in Washington, D.C. continued", []string{"Talks in Washington, D.C. continued"}},
		{"No casualties were reported", []string{"No casualties were reported"}},
		{"It cost 2.5 million. Really? Yes!", []string{"It cost 2.5 million.", "Really?", "Yes!"}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range Sentences(tt.in) {
			got = append(got, tt.in[s.Start:s.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Sentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCheckReportsProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"a_1.txt":  {Data: []byte("Fine text.\n")},
		"a_1.yaml": {Data: []byte("title: A\ndate: 2021-13-45\ndate_quote: not in the text\n")},
		"b_2.txt":  {Data: []byte("bad \xff byte\n")},
		"c_3.txt":  {Data: []byte("  \n\n")},
		"d_4.txt":  {Data: []byte("Text.\n")},
		"d_4.yaml": {Data: []byte("title: [unclosed\n")},
		"d_5.txt":  {Data: []byte("Other text.\n")},
	}
	_, problems, err := Check(fsys)
	if err != nil {
		t.Fatalf("Check error: %v", err)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	joined := strings.Join(got, "\n")
	for _, want := range []string{
		`a_1.yaml: date "2021-13-45" is not an ISO date`,
		`a_1.yaml: date_quote "not in the text" is not in a_1.txt`,
		`b_2.txt:1: not valid UTF-8 text`,
		`c_3.txt: document has no text`,
		`d_4.yaml: bad metadata`,
		`d_5.txt: its label "d" is also d_4.txt's`,
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("Check problems = %q, want one containing %q", got, want)
		}
	}
	if _, err := Load(fsys); err == nil {
		t.Errorf("Load of a broken corpus succeeded, want an error")
	}
}

func TestContainsQuote(t *testing.T) {
	text := "Forces (SDF)\u00a0\"foiled\" a drone\n attack"
	tests := []struct {
		quote string
		want  bool
	}{
		{`(SDF) "foiled" a drone attack`, true},
		{"a drone attack", true},
		{"a drone strike", false},
		{"   ", false},
	}
	for _, tt := range tests {
		if got := ContainsQuote(text, tt.quote); got != tt.want {
			t.Errorf("ContainsQuote(%q) = %v, want %v", tt.quote, got, tt.want)
		}
	}
}

func TestSyntheticIsDeterministicAndSized(t *testing.T) {
	docs, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	gen := func() (int, string) {
		n, first := 0, ""
		for d := range Synthetic(docs, 250, 7) {
			for _, p := range d.Passages {
				if d.Text[p.Start:p.End] != p.Text || p.Text == "" {
					t.Fatalf("synthetic passage %s has bad offsets", p.ID())
				}
				if first == "" {
					first = p.Text
				}
				n++
			}
		}
		return n, first
	}
	n1, a := gen()
	n2, b := gen()
	if n1 != 250 || n2 != 250 || a != b {
		t.Errorf("Synthetic(250) = %d then %d passages, first %q vs %q; want 250 and the same text", n1, n2, a, b)
	}
}

// TestCaption checks what counts as a photo's caption: a short passage
// whose last sentence is followed by a credit in brackets, not one that
// ends with an abbreviation in brackets.
func TestCaption(t *testing.T) {
	for text, want := range map[string]bool{
		"US Navy F-18E Super Hornet jets fly over Iraq, October 4, 2014. (Reuters)": true,
		"Supporters march in Baghdad. (AP Photo/Hadi Mizban)":                       true,
		"The militias belong to the Popular Mobilization Forces (PMF)":              false,
		"The strikes were announced on Sunday (June 27).":                           false,
	} {
		if got := caption.MatchString(text); got != want {
			t.Errorf("caption.MatchString(%q) = %v, want %v", text, got, want)
		}
	}
}
