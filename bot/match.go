package bot

import (
	"slices"

	"github.com/dossier/dossier/knowledge"
)

// contentWords returns the words of s that carry meaning, lower-cased.
func (b *Bot) contentWords(s string) []string {
	var out []string
	for _, t := range knowledge.Tokenize(s) {
		if !b.skip[t.Norm] && len(t.Norm) > 1 {
			out = append(out, t.Norm)
		}
	}
	return out
}

// sameWord reports whether two folded words match, allowing a shared
// five-letter start ("strikes", "strike").
func sameWord(a, b string) bool {
	return a == b || (len(a) >= 5 && len(b) >= 5 && a[:5] == b[:5])
}

// sharesWord reports whether the two lists of folded words share one,
// whole or in its regular plural ("civilians", "civilian"): a claimant's
// words are names ("military" is not "militia").
func sharesWord(qw, tw []string) bool {
	return slices.ContainsFunc(qw, func(w string) bool {
		return slices.ContainsFunc(tw, func(t string) bool { return knowledge.SameNoun(w, t) })
	})
}

// overlap is the share of the content words qw found among tw.
func overlap(qw, tw []string) float64 {
	if len(qw) == 0 {
		return 0
	}
	hit := 0
	for _, w := range qw {
		for _, t := range tw {
			if sameWord(w, t) {
				hit++
				break
			}
		}
	}
	return float64(hit) / float64(len(qw))
}

// phraseOverlap scores how well text holds the words of query in their
// order: half for the share of content words found, half for the share of
// adjacent content-word pairs found adjacent. Words scattered through a
// long statement score low; the statement itself scores 1.
func phraseOverlap(qw, tw []string) float64 {
	if len(qw) == 0 {
		return 0
	}
	uni := overlap(qw, tw)
	if len(qw) == 1 {
		return uni
	}
	pairs := 0
	for i := 0; i+1 < len(qw); i++ {
		for j := 0; j+1 < len(tw); j++ {
			if sameWord(qw[i], tw[j]) && sameWord(qw[i+1], tw[j+1]) {
				pairs++
				break
			}
		}
	}
	return uni/2 + float64(pairs)/float64(len(qw)-1)/2
}
