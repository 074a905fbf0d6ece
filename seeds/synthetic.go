package seeds

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"strings"
)

// PassagesPerSynthetic is how many passages each synthetic document holds.
const PassagesPerSynthetic = 100

// Synthetic generates n passages of text deterministically from the
// vocabulary and word order of docs (a word-bigram chain with a fixed
// seed), in documents of PassagesPerSynthetic passages. It stands in for a
// corpus 10,000 times larger than the seeds, to measure how costs grow; the
// text is plausible-looking but means nothing, so it is never shown as a
// source. Documents are produced one at a time, so n can be large.
func Synthetic(docs []*Document, n int, seed uint64) iter.Seq[*Document] {
	chain := map[string][]string{}
	var starts []string
	for _, d := range docs {
		for _, p := range d.Passages {
			words := strings.Fields(p.Text)
			for i, w := range words {
				if i == 0 || strings.HasSuffix(words[i-1], ".") {
					starts = append(starts, w)
				}
				if i+1 < len(words) {
					chain[w] = append(chain[w], words[i+1])
				}
			}
		}
	}
	return func(yield func(*Document) bool) {
		if len(starts) == 0 {
			return
		}
		rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
		for first := 0; first < n; first += PassagesPerSynthetic {
			count := min(PassagesPerSynthetic, n-first)
			name := fmt.Sprintf("syn%07d%s", first/PassagesPerSynthetic, syntheticSuffix)
			var text strings.Builder
			var passages []Passage
			for i := range count {
				start := text.Len()
				sentences := 1 + rng.IntN(4)
				for s := range sentences {
					if s > 0 {
						text.WriteByte(' ')
					}
					w := starts[rng.IntN(len(starts))]
					text.WriteString(w)
					for k := 0; k < 40 && !strings.HasSuffix(w, "."); k++ {
						next := chain[w]
						if len(next) == 0 {
							break
						}
						w = next[rng.IntN(len(next))]
						text.WriteByte(' ')
						text.WriteString(w)
					}
				}
				end := text.Len()
				passages = append(passages, Passage{Doc: name, Ordinal: i + 1, Start: start, End: end, Text: text.String()[start:end], Kind: KindParagraph})
				text.WriteString("\n\n")
			}
			d := &Document{Name: name, Title: "Synthetic document " + name, Text: text.String(), Passages: passages}
			if !yield(d) {
				return
			}
		}
	}
}

// syntheticSuffix ends the name of every synthetic document.
const syntheticSuffix = "_generated.txt"

// IsSynthetic reports whether a document name is one Synthetic gives.
func IsSynthetic(name string) bool {
	return strings.HasPrefix(name, "syn") && strings.HasSuffix(name, syntheticSuffix)
}
