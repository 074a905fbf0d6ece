package knowledge

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dossier/dossier/seeds"
)

func loadBase(t *testing.T) *Base {
	t.Helper()
	b, err := Load(Embedded())
	if err != nil {
		t.Fatalf("Load(Embedded()) error: %v", err)
	}
	return b
}

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
		// All-capital short aliases match only in capitals.
		{"this is what it is", false, nil},
		{"Islamic State(IS) fighters", false, []string{"isis", "isis"}},
		{"let us know", false, nil},
		{"the US military", false, []string{"pentagon"}},
		{"the U.S. said", false, []string{"us"}},
		// Questions tolerate misspellings.
		{"What did Khatibzade say", true, []string{"khatibzadeh"}},
		{"What did Marroto tweet", true, []string{"marotto"}},
		{"What did Khatibzade say", false, nil},
		{"Blinkin", true, []string{"blinken"}},
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
	b := loadBase(t)
	docs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range b.Check(docs) {
		t.Errorf("knowledge problem: %s", p)
	}
}

func TestInstitutions(t *testing.T) {
	b := loadBase(t)
	got := strings.Join(b.Institutions("kirby"), ",")
	if want := "kirby,pentagon,us"; got != want {
		t.Errorf("Institutions(kirby) = %s, want %s", got, want)
	}
}

// TestCheckNamesBrokenRecord feeds a knowledge fixture with a quote that is
// not in its document and expects the problem to name file, line and record.
func TestCheckNamesBrokenRecord(t *testing.T) {
	words, err := Embedded().(interface {
		ReadFile(string) ([]byte, error)
	}).ReadFile("words.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{
		"words.yaml": {Data: words},
		"actors.yaml": {Data: []byte(`actors:
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
`)},
	}
	b, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load(fixture) error: %v", err)
	}
	docs, err := seeds.Load(seeds.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range b.Check(docs) {
		got = append(got, p.String())
	}
	want := []string{
		`actors.yaml:7: actor ghost: quote "words that appear in no source" is not verbatim in 003_f5a8a94412535d4e.txt`,
		`actors.yaml:7: actor ghost: member_of names unknown actor "nowhere"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Check(fixture) =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
