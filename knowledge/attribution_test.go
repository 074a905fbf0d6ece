package knowledge

import (
	"strings"
	"testing"
)

// TestAttribution checks the rule that every name and number a record
// shows is in the words it cites, on one event record built for each case.
func TestAttribution(t *testing.T) {
	const (
		iran    = "Iran condemned the strikes and warned the United States to not interfere in the Middle East."
		spokes  = "Iran's foreign ministry spokesman Saeed Khatibzadeh accused the United States of disrupting security in the region."
		drone   = "The drone strike killed seven people including General Qassem Soleimani"
		targets = "The Pentagon had said earlier that US aircraft had hit three targets - two in Syria and one in Iraq"
	)
	cite := func(doc, quote string) string {
		return "\n      - doc: " + doc + "\n        quote: " + yamlString(quote)
	}
	const d0, d3 = "000_e51b216b118453fc.txt", "003_f5a8a94412535d4e.txt"
	tests := []struct {
		name    string
		summary string
		doc     string
		quote   string
		also    string
		want    []string
	}{
		{"unattributed name", "Saeed Khatibzadeh condemned the strikes.", d3, iran, "", []string{`events.yaml:6: event probe: "Saeed" is not in its citations`, `events.yaml:6: event probe: "Khatibzadeh" is not in its citations`}},
		{"name in an also citation", "Saeed Khatibzadeh condemned the strikes.", d3, iran, cite(d0, spokes), nil},
		{"number word matches digits", "The strike killed 7 people, including Qassem Soleimani.", d3, drone, "", nil},
		{"digits match a number word", "US aircraft hit 3 targets, 2 in Syria and one in Iraq.", d0, targets, "", nil},
		{"unattributed number", "The strike killed eight people.", d3, drone, "", []string{`events.yaml:6: event probe: "eight" is not in its citations`}},
		{"alias of an actor", "The U.S. struck targets in Syria.", d0, targets, "", nil},
		{"possessive and dashes", "Iran's warning to the United States — and the Middle East's.", d3, iran, "", nil},
		{"sentence opening word", "Warned against interference: the Middle East.", d3, iran, "", nil},
		{"actor opening a sentence", "Syria condemned the strikes.", d3, iran, "", []string{`events.yaml:6: event probe: "Syria" is not in its citations`}},
		{"name opening a sentence", "Molotov cocktails were thrown.", d3, iran, "", []string{`events.yaml:6: event probe: "Molotov" is not in its citations`}},
		{"generic word", "Tweet on the strikes.", d3, iran, "", nil},
		{"document label", "As 000 reports, Iran condemned the strikes.", d3, iran, cite(d0, spokes), nil},
		{"label of an uncited document", "As 002 reports, Iran condemned the strikes.", d3, iran, "", []string{`events.yaml:6: event probe: "002" is not in its citations`}},
	}
	docs := seedDocs(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			also := ""
			if tt.also != "" {
				also = "\n    also:" + tt.also
			}
			fsys := embeddedWith(t, map[string]string{
				"events.yaml": "events:\n  - id: probe\n    date: 2021-06-28\n    precision: day\n    kind: statement\n" +
					"    summary: " + yamlString(tt.summary) + "\n    doc: " + tt.doc + "\n    quote: " + yamlString(tt.quote) + also + "\n",
				"quotes.yaml":     "quotes: []\n",
				"casualties.yaml": "casualties: []\n",
				"summary.yaml":    "topics: []\n",
			})
			got := problems(t, fsys, docs)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Load(summary %q) = %q, want %q", tt.summary, got, tt.want)
			}
		})
	}
}

// yamlString quotes s as a YAML double-quoted scalar.
func yamlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
