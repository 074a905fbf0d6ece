package knowledge

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dossier/dossier/seeds"
)

func loadBase(t *testing.T) *Base {
	t.Helper()
	b, err := Load(Embedded(), seedDocs(t))
	if err != nil {
		t.Fatalf("Load(Embedded()) error: %v", err)
	}
	return b
}

func seedDocs(t *testing.T) []*seeds.Document {
	t.Helper()
	docs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// problems loads fsys against docs and returns each problem as a line;
// an error other than Problems fails the test.
func problems(t *testing.T, fsys fs.FS, docs []*seeds.Document) []string {
	t.Helper()
	_, err := Load(fsys, docs)
	var ps Problems
	if err != nil && !errors.As(err, &ps) {
		t.Fatalf("Load(fixture) error: %v", err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

// embeddedWith returns the embedded knowledge files with some replaced.
func embeddedWith(t *testing.T, replace map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	entries, err := fs.ReadDir(Embedded(), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := fs.ReadFile(Embedded(), e.Name())
		if err != nil {
			t.Fatal(err)
		}
		fsys[e.Name()] = &fstest.MapFile{Data: data}
	}
	for name, data := range replace {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// TestTagger checks which actors the tagger finds in texts: aliases,
// spellings, capitals and, for questions, misspellings.
func TestTagger(t *testing.T) {
	b := loadBase(t)
	tests := []struct {
		text  string
		fuzzy bool
		want  []string
	}{
		{"Kataib Sayyid al-Shuhada", false, []string{"kss"}},
		{"Kata'ib Sayyid al-Shuhada (KSS)", false, []string{"kss", "kss"}},
		{"Kataib Sayyed al-Shuhada faction", false, []string{"kss"}},
		{"Kata'ib Hezbollah (KH)", false, []string{"kh", "kh"}},
		{"Iraq's Hashd al Shaabi or Population Mobilisation Units (PMU)", false, []string{"iraq", "pmf", "pmf", "pmf"}},
		{"Prime Minister Mustafa al-Kadhemil-Kadhemi said", false, []string{"kadhimi"}},
		{"Iraqi Prime Minister Khadimi [sic]", false, []string{"kadhimi", "kadhimi"}},
		{"near the Abu Kamal-al Qaim crossing", false, []string{"abukamal"}},
		{"Ain al Assad and Ain al-Asad", false, []string{"ainalasad", "ainalasad"}},
		{"as Binkin said", false, []string{"blinken"}},
		// "The President" alone is Biden, the President of Israel not.
		{"the President directed further military action", false, []string{"biden"}},
		{"a visit by the President of Israel", false, []string{"israel-president"}},
		{"what did the president of iran say", false, []string{"iran"}},
		// All-capital short aliases match only in capitals.
		{"this is what it is", false, nil},
		{"Islamic State(IS) fighters", false, []string{"isis", "isis"}},
		{"let us know", false, nil},
		// Before a plural noun they are names in lower case too.
		{"how many us soldiers died", false, []string{"us"}},
		{"how many is fighters", false, []string{"isis"}},
		{"is this the first time", false, nil},
		{"the US military", false, []string{"pentagon"}},
		{"the U.S. said", false, []string{"us"}},
		// An alias opening with "the" yields to a longer one after it.
		{"the name of the pentagon spokesperson", false, []string{"kirby"}},
		// After "the" they are names in lower case too.
		{"where did the us strikes happen", false, []string{"us"}},
		{"how many of the is fighters", false, []string{"isis"}},
		// Questions tolerate misspellings.
		{"What did Khatibzade say", true, []string{"khatibzadeh"}},
		{"What did Marroto tweet", true, []string{"marotto"}},
		{"What did Khatibzade say", false, nil},
		{"Blinkin", true, []string{"blinken"}},
		// A short word of a longer alias may be one edit off when the
		// rest is right; alone it may not.
		{"casualties at camp tajii", true, []string{"taji"}},
		{"tajii", true, nil},
		{"damp tajii", true, nil},
		// So may a four-letter first name with a letter left out.
		{"who is jon kirby", true, []string{"kirby"}},
		// Another actor's name is no slip: Iran is not Iraq.
		{"the government of Iran", true, []string{"iran"}},
		{"Iran prime minister", true, []string{"iran"}},
	}
	for _, tt := range tests {
		var ms []Mention
		if tt.fuzzy {
			ms = b.Tagger().TagFuzzy(tt.text)
		} else {
			ms = b.Tagger().Tag(tt.text)
		}
		var got []string
		for _, m := range ms {
			got = append(got, m.ID)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Tag(%q, fuzzy=%v) = %v, want %v", tt.text, tt.fuzzy, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"blinken", "blinken", 2, 0},
		{"binkin", "blinken", 2, 2},
		{"marroto", "marotto", 2, 2},
		{"kirby", "kriby", 1, 1},
		{"psaki", "psakki", 1, 1},
		{"abc", "xyz", 1, 2},
		{"short", "muchlongerword", 2, 3},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}

func TestEmbeddedKnowledgeChecks(t *testing.T) {
	for _, p := range problems(t, Embedded(), seedDocs(t)) {
		t.Errorf("knowledge problem: %s", p)
	}
}

func TestInstitutions(t *testing.T) {
	b := loadBase(t)
	for _, tt := range []struct {
		id, institutions, speaksFor string
	}{
		{"kirby", "kirby,pentagon,us", "kirby,pentagon,us"},
		{"kh", "kh,pmf", "kh"}, // a part of the PMF, not its voice
		{"muhandis", "muhandis,kh,pmf", "muhandis,kh,pmf"},
	} {
		if got := strings.Join(b.Institutions(tt.id), ","); got != tt.institutions {
			t.Errorf("Institutions(%s) = %s, want %s", tt.id, got, tt.institutions)
		}
		if got := strings.Join(b.SpeaksFor(tt.id), ","); got != tt.speaksFor {
			t.Errorf("SpeaksFor(%s) = %s, want %s", tt.id, got, tt.speaksFor)
		}
	}
}

// TestCheckNamesBrokenRecord feeds a knowledge fixture with a quote that is
// not in its document and expects the problem to name file, line and record.
func TestCheckNamesBrokenRecord(t *testing.T) {
	fsys := embeddedWith(t, map[string]string{
		"actors.yaml": `actors:
  - id: kirby
    name: John Kirby
    kind: person
    doc: 003_f5a8a94412535d4e.txt
    quote: Pentagon Press Secretary John Kirby said
  - id: ghost
    name: Nobody
    kind: person
    member_of: [nowhere]
    doc: 003_f5a8a94412535d4e.txt
    quote: words that appear in no source
  - id: mars
    name: John Kirby
    kind: person
    in: [kirby, atlantis]
    doc: 003_f5a8a94412535d4e.txt
    quote: Pentagon Press Secretary John Kirby said
  - id: north
    name: Syria
    kind: place
    in: [south]
    doc: 003_f5a8a94412535d4e.txt
    quote: two locations in Syria
  - id: south
    name: Iraq
    kind: place
    in: [north]
    doc: 003_f5a8a94412535d4e.txt
    quote: one location in Iraq
`,
		"events.yaml": `events:
  - id: bad
    date: 2021-13-45
    precision: day
    kind: us-strike
    summary: A broken record.
    doc: 003_f5a8a94412535d4e.txt
    quote: On June 27, the United States conducted airstrikes
  - id: loose
    date: 2021-06-27
    precision: day
    kind: us-strike
    summary: A strike.
    retaliation_for: [nothing]
    doc: 003_f5a8a94412535d4e.txt
    quote: On June 27, the United States conducted airstrikes
  - id: odd
    date: 2021-06-27
    precision: day
    kind: air-raid
    summary: A strike.
    doc: 003_f5a8a94412535d4e.txt
    quote: On June 27, the United States conducted airstrikes
`,
		"quotes.yaml":     "quotes: []\n",
		"casualties.yaml": "casualties: []\n",
		"summary.yaml":    "topics: []\n",
	})
	got := problems(t, fsys, seedDocs(t))
	want := []string{
		`actors.yaml:10: actor ghost: member_of names unknown actor "nowhere"`,
		`actors.yaml:12: actor ghost: quote "words that appear in no source" is not verbatim in 003_f5a8a94412535d4e.txt`,
		`actors.yaml:16: actor mars: in names unknown actor "atlantis"`,
		`actors.yaml:16: actor mars: only a place lies in another (kind "person")`,
		`actors.yaml:16: actor mars: in names "kirby", a person, not a place or state`,
		`actors.yaml:22: actor north: in names "south", which lies within it`,
		`actors.yaml:28: actor south: in names "north", which lies within it`,
		`events.yaml:3: event bad: date "2021-13-45": there is no month 13`,
		`events.yaml:14: event loose: retaliation_for links to unknown event "nothing"`,
		`events.yaml:20: event odd: kind "air-raid" is not one of us-strike, militia-attack, protest, statement, parade, designation, background`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Load(fixture) problems =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLoadProblems feeds records that do not decode, or break a rule of
// their file, and expects each problem at the line that holds it.
func TestLoadProblems(t *testing.T) {
	const event = `events:
  - id: e
    date: 2021-06-27
    precision: day
    kind: us-strike
    summary: The United States conducted airstrikes.
    doc: 003_f5a8a94412535d4e.txt
    quote: On June 27, the United States conducted airstrikes
`
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"misspelt field", map[string]string{"events.yaml": strings.Replace(event, "summary:", "sumary:", 1)},
			[]string{`events.yaml:6: event e: field "sumary" is not a field of event`}},
		{"unknown precision", map[string]string{"events.yaml": strings.Replace(event, "precision: day", "precision: roughly", 1)},
			[]string{`events.yaml:4: event e: precision "roughly" is not one of day, month, year, approximate`}},
		{"date without its precision", map[string]string{"events.yaml": strings.Replace(event, "date: 2021-06-27", "date: 2021-06", 1)},
			[]string{`events.yaml:3: event e: date 2021-06 does not have day precision`}},
		{"misspelt field of a citation", map[string]string{"events.yaml": event + "    also:\n      - doc: 003_f5a8a94412535d4e.txt\n        qoute: the United States\n"},
			[]string{`events.yaml:11: event e: field "qoute" is not a field of cite`}},
		{"bad figure", map[string]string{"casualties.yaml": `casualties:
  - id: c
    event: e
    claimant: the United States
    claimant_type: us-official
    killed: lots
    doc: 003_f5a8a94412535d4e.txt
    quote: the United States conducted airstrikes
`}, []string{`casualties.yaml:6: casualty c: figure "lots" is not a number, "at least N", "N-M" or "unknown"`}},
		{"unknown claimant type", map[string]string{"casualties.yaml": `casualties:
  - id: c
    event: e
    claimant: the United States
    claimant_type: pundit
    doc: 003_f5a8a94412535d4e.txt
    quote: the United States conducted airstrikes
`}, []string{`casualties.yaml:5: casualty c: claimant_type "pundit" is not one of us-official, iraqi-official, syrian-official, militia, armed-group, monitor, state-media, anonymous, report`}},
		{"summary item naming two records", map[string]string{"summary.yaml": `topics:
  - topic: overview
    sections:
      - heading: What happened
        items:
          - event: e
          - {event: e, casualties: e}
`}, []string{`summary.yaml:7: topic overview: a summary item names 2 records; it must name exactly one (event, quote, casualties or attacks)`}},
		{"summary of an event without claims", map[string]string{"summary.yaml": `topics:
  - topic: casualties
    sections:
      - heading: The strikes
        items:
          - casualties: e
`}, []string{`summary.yaml:6: topic casualties: event "e" has no casualty claims`}},
	}
	docs := seedDocs(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"events.yaml": event, "quotes.yaml": "quotes: []\n", "casualties.yaml": "casualties: []\n", "summary.yaml": "topics: []\n"}
			for k, v := range tt.files {
				files[k] = v
			}
			got := problems(t, embeddedWith(t, files), docs)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Load problems =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestTopicsInOrder checks that summary topics keep the order summary.yaml
// gives them, the default first, and that the built-in list matches.
func TestTopicsInOrder(t *testing.T) {
	b := loadBase(t)
	got := strings.Join(b.TopicNames(), ",")
	if want := "overview,casualties,reactions,legal"; got != want {
		t.Errorf("TopicNames() = %s, want %s", got, want)
	}
	if e := strings.Join(EmbeddedTopics(), ","); e != got {
		t.Errorf("EmbeddedTopics() = %s, want %s", e, got)
	}
	if _, ok := b.Topic("legal"); !ok {
		t.Errorf("Topic(legal) not found")
	}
}

// TestVocabulary checks that every event kind and claimant type has one
// label of its own, and that the records use only those values.
func TestVocabulary(t *testing.T) {
	seen := map[string]string{}
	label := func(value, l string) {
		if l == "" {
			t.Errorf("%s has no label", value)
		} else if prev, dup := seen[l]; dup {
			t.Errorf("%s and %s share the label %q", prev, value, l)
		}
		seen[l] = value
	}
	for _, k := range Kinds() {
		label(string(k), k.Label())
	}
	seen = map[string]string{}
	for _, c := range ClaimantTypes() {
		label(string(c), c.Label())
	}
	if got := ClaimantType("anonymous").Label(); got != "anonymous sources" {
		t.Errorf("Anonymous.Label() = %q, want %q", got, "anonymous sources")
	}
	for _, w := range []string{"june", "jun", "sept", "dec"} {
		if _, ok := Month(w); !ok {
			t.Errorf("Month(%q) = false, want a month", w)
		}
	}
	if _, ok := Month("junk"); ok {
		t.Errorf("Month(junk) = true, want false")
	}
}

// TestMainEvent checks that the event the sources are about is the one the
// default brief opens with: the US strikes of 27 June 2021.
func TestMainEvent(t *testing.T) {
	b := loadBase(t)
	e := b.MainEvent()
	if e == nil || e.ID != "us-strikes-2021-06" || e.When != (Date{Year: 2021, Month: 6, Day: 27}) {
		t.Errorf("MainEvent() = %+v, want us-strikes-2021-06 of 2021-06-27", e)
	}
	if got := (&Base{}).MainEvent(); got != nil {
		t.Errorf("MainEvent() of a base with no topics = %+v, want nil", got)
	}
}

// TestQuoteOverParagraphs checks that a quotation running over several
// paragraphs is cited at the paragraph it opens in, though its opening
// words open another speaker's paragraph too: Psaki's "As a matter of
// domestic law, the President took this action -- …" is not Kirby's "As
// a matter of domestic law, the President took this action pursuant to
// his Article II authority".
func TestQuoteOverParagraphs(t *testing.T) {
	b := loadBase(t)
	if got := b.PassageOf("003_f5a8a94412535d4e.txt", quoteByID(t, b, "psaki-article2").Quote); got != "003:38" {
		t.Errorf("PassageOf(psaki-article2) = %q, want 003:38", got)
	}
	n := 0
	for _, q := range b.Quotes {
		first, _, more := strings.Cut(strings.TrimSpace(q.Quote), "\n\n")
		if !more {
			continue
		}
		n++
		id := b.PassageOf(q.Doc, q.Quote)
		held := false
		for _, p := range b.passages[q.Doc] {
			held = held || p.id == id && strings.Contains(p.text, seeds.NormalizeSpace(first))
		}
		if !held {
			t.Errorf("PassageOf(%s) = %q, which does not hold its first paragraph %.40q", q.ID, id, first)
		}
	}
	if n == 0 {
		t.Error("no quotation runs over several paragraphs; the test checks nothing")
	}
}

func quoteByID(t *testing.T, b *Base, id string) *Quote {
	t.Helper()
	for i := range b.Quotes {
		if b.Quotes[i].ID == id {
			return &b.Quotes[i]
		}
	}
	t.Fatalf("no quote %s", id)
	return nil
}

// TestEventsOrderWithinDay checks that on one day what was done comes
// before what was said of it: the 27 June 2021 strikes before the
// statements announcing them.
func TestEventsOrderWithinDay(t *testing.T) {
	b := loadBase(t)
	pairs := 0
	for i := 1; i < len(b.Events); i++ {
		prev, ev := b.Events[i-1], b.Events[i]
		if prev.When != ev.When {
			continue
		}
		pairs++
		if prev.Kind == Statement && ev.Kind != Statement {
			t.Errorf("Events: %s (statement) before %s (%s) on %s", prev.ID, ev.ID, ev.Kind, ev.When.ISO())
		}
	}
	if pairs == 0 {
		t.Error("no two events share a day; the test checks nothing")
	}
}

// TestParseLoose checks the ways people write a date on the command line,
// read as ask reads a question's dates: figures month first unless the
// first cannot be a month.
func TestParseLoose(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		err  string // "" for none; ErrNotADate's text for text that is no date
	}{
		{"2021-06-27", Date{Year: 2021, Month: 6, Day: 27}, ""},
		{"2021-6", Date{Year: 2021, Month: 6}, ""},
		{"27 June 2021", Date{Year: 2021, Month: 6, Day: 27}, ""},
		{"June 27, 2021", Date{Year: 2021, Month: 6, Day: 27}, ""},
		{"the 27th of June 2021", Date{Year: 2021, Month: 6, Day: 27}, ""},
		{"june 27", Date{Month: 6, Day: 27}, ""},
		{"6/27/2021", Date{Year: 2021, Month: 6, Day: 27}, ""},
		{"6/27/21", Date{Year: 2021, Month: 6, Day: 27}, ""},
		{"12/29/99", Date{Year: 1999, Month: 12, Day: 29}, ""},
		{"27/06/2021", Date{Year: 2021, Month: 6, Day: 27}, ""},
		{"12/01/2020", Date{Year: 2020, Month: 12, Day: 1}, ""},
		{"6/27", Date{Month: 6, Day: 27}, ""},
		{"27.06.2021", Date{Year: 2021, Month: 6, Day: 27}, ""},
		{"March 2020", Date{Year: 2020, Month: 3}, ""},
		{"2020", Date{Year: 2020}, ""},
		{"2021-02-30", Date{}, "February 2021 has no day 30"},
		{"2021-02-29", Date{}, "February 2021 has no day 29"},
		{"2020-02-29", Date{Year: 2020, Month: 2, Day: 29}, ""},
		{"29 February 2021", Date{}, "February 2021 has no day 29"},
		{"february 29", Date{Month: 2, Day: 29}, ""},
		{"August 2021", Date{Year: 2021, Month: 8}, ""},
		{"the 1st of August 2020", Date{Year: 2020, Month: 8, Day: 1}, ""},
		{"2021/06/27", Date{Year: 2021, Month: 6, Day: 27}, ""},
		{"2021/6/31", Date{}, "June 2021 has no day 31"},
		{"13/13/2021", Date{}, "there is no month 13"},
		{"2/30/2021", Date{}, "February 2021 has no day 30"},
		{"6/31", Date{}, "June has no day 31"},
		{"1/1/0000", Date{}, "there is no year 0"},
		{"Sept. 27, 2021", Date{Year: 2021, Month: 9, Day: 27}, ""},
		{"Jun. 27", Date{Month: 6, Day: 27}, ""},
		{"27 June 2021.", Date{Year: 2021, Month: 6, Day: 27}, ""},
		{"2021-06-00", Date{}, "June has no day 0"},
		{"2021-00", Date{}, "there is no month 0"},
		{"2021-13-00", Date{}, "there is no month 13"},
		{"0 June 2021", Date{}, "there is no day 0"},
		{"June 00, 2021", Date{}, "there is no day 0"},
		{"June 0", Date{}, "there is no day 0"},
		{"0", Date{}, "not a date"}, // a figure alone is no day of no month
		{"00", Date{}, "not a date"},
		{"6.27", Date{}, "not a date"},
		{"the of", Date{}, "not a date"},
		{"soon", Date{}, "not a date"},
	}
	for _, tt := range tests {
		got, err := ParseLoose(tt.in)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("ParseLoose(%q) error %v, want %v", tt.in, err, tt.want)
		case tt.err == "" && got != tt.want:
			t.Errorf("ParseLoose(%q) = %+v, want %+v", tt.in, got, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("ParseLoose(%q) = %+v, %v, want an error saying %q", tt.in, got, err, tt.err)
		case tt.err == "not a date" && !errors.Is(err, ErrNotADate):
			t.Errorf("ParseLoose(%q) error %v, want ErrNotADate", tt.in, err)
		}
	}
}

// TestParseISOStrict checks that ParseISO takes figures only, and no
// month or day written as 0: Date's 0 means "not known".
func TestParseISOStrict(t *testing.T) {
	for _, in := range []string{"+021-06-27", "+202", "2021-+6-+7", "-021", "2021-06-00", "2021-00", "2021-00-01", " 2021"} {
		if got, err := ParseISO(in); err == nil {
			t.Errorf("ParseISO(%q) = %+v, want an error", in, got)
		}
	}
}

// TestParseFigureOverflow checks that a figure too large for an int is
// refused in every form, not read as the largest int.
func TestParseFigureOverflow(t *testing.T) {
	for _, in := range []string{"99999999999999999999", "at least 99999999999999999999", "5-99999999999999999999"} {
		if got, err := ParseFigure(in); err == nil {
			t.Errorf("ParseFigure(%q) = %+v, want an error", in, got)
		}
	}
}

// TestHumanYearless checks how a date of no year is written.
func TestHumanYearless(t *testing.T) {
	for _, tt := range []struct {
		d    Date
		want string
	}{
		{Date{Month: 6}, "June"},
		{Date{Month: 6, Day: 27}, "27 June"},
		{Date{}, ""},
		{Date{Year: 2021, Month: 6}, "June 2021"},
	} {
		if got := tt.d.Human(); got != tt.want {
			t.Errorf("%+v.Human() = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// TestFindDate checks that FindDate finds a date to the precision written,
// in figures as in words.
func TestFindDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Date
		ok   bool
	}{
		{"in the June 2021 strikes", Date{Year: 2021, Month: 6}, true},
		{"on 27 June", Date{Month: 6, Day: 27}, true},
		{"in 2020", Date{Year: 2020}, true},
		{"rocket attack on 2021-06-09", Date{Year: 2021, Month: 6, Day: 9}, true},
		{"rocket attack on 6/9/2021.", Date{Year: 2021, Month: 6, Day: 9}, true},
		{"drone attack on 26 may 2021", Date{Year: 2021, Month: 5, Day: 26}, true},
		{"in may 2021", Date{Year: 2021, Month: 5}, true},
		{"the strikes may have killed 2021 people", Date{Year: 2021}, true},
		{"who may have done it", Date{}, false},
		{"Erbil attack where 2 may have died", Date{}, false},
		{"Erbil rockets 24/7", Date{}, false},
		{"on 27 June, not 2021-06-09", Date{Month: 6, Day: 27}, true},
		{"2021-06-09, not 27 June", Date{Year: 2021, Month: 6, Day: 9}, true},
		{"killed 5-7 fighters", Date{}, false},
	} {
		got, ok := FindDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("FindDate(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestTokenizeApostrophes checks that every mark written as an apostrophe
// joins a word or drops a possessive as ' does.
func TestTokenizeApostrophes(t *testing.T) {
	for in, want := range map[string]string{
		"Kata'ib Hezbollah":  "kataib hezbollah",
		"Kata’ib Hezbollah":  "kataib hezbollah",
		"Kata‘ib Hezbollah":  "kataib hezbollah",
		"Kataʼib Hezbollah":  "kataib hezbollah",
		"Iraq‘s minister":    "iraq minister",
		"Iraqʼs minister":    "iraq minister",
		"‘Death to America’": "death to america",
		"ʼtis":               "tis",
	} {
		var got []string
		for _, tok := range Tokenize(in) {
			got = append(got, tok.Norm)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("Tokenize(%q) = %q, want %q", in, strings.Join(got, " "), want)
		}
	}
}
