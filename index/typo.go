package index

import (
	"strings"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/knowledge/lexicon"
)

// adjacentKeys reports whether two letters are neighbours on a QWERTY
// keyboard.
func adjacentKeys(a, b byte) bool {
	row := func(c byte) (int, int) {
		for r, keys := range keyboard {
			if i := strings.IndexByte(keys, c); i >= 0 {
				return r, i
			}
		}
		return -1, -1
	}
	ra, ia := row(a)
	rb, ib := row(b)
	if ra < 0 || rb < 0 {
		return false
	}
	dr, di := ra-rb, ia-ib
	return (dr == 0 && (di == 1 || di == -1)) || ((dr == 1 || dr == -1) && di >= -1 && di <= 1)
}

// slip reports whether typed is intended one mistyped once: a letter left
// out, added or doubled, two letters swapped, or a neighbouring key hit.
// Another letter far away on the keyboard makes another word ("price",
// "prime").
func slip(typed, intended string) bool {
	switch len(typed) - len(intended) {
	case 1, -1:
		return knowledge.WithinOneEdit(typed, intended)
	case 0:
	default:
		return false
	}
	var diff []int
	for i := 0; i < len(typed); i++ {
		if typed[i] != intended[i] {
			diff = append(diff, i)
		}
	}
	switch len(diff) {
	case 1:
		return adjacentKeys(typed[diff[0]], intended[diff[0]])
	case 2:
		i, j := diff[0], diff[1]
		return j == i+1 && typed[i] == intended[j] && typed[j] == intended[i]
	}
	return false
}

// typo returns the corpus word an unknown word of four letters or more was
// most likely meant to be, one slip away with the same first letter, and
// its stem; failing that, for a word English does not have, the corpus
// stem its own stem is one slip from, with no word, or a corpus word two
// edits from a word of seven letters or more.
func (ix *Index) typo(word string) (string, string) {
	if len(word) < 4 {
		return "", ""
	}
	best := ""
	for _, w := range ix.byFirst[word[0]] {
		if d := len(w) - len(word); d < -1 || d > 1 || !slip(word, w) {
			continue
		}
		// The longest candidate, then the alphabetically first, so the
		// choice is stable.
		if len(w) > len(best) || (len(w) == len(best) && w < best) {
			best = w
		}
	}
	if best != "" {
		return best, ix.meta.Vocab[best]
	}
	// A slip in an inflected word ("denouncd", "conden"): its stem one
	// slip from a corpus stem. Not for an English word: "leads" is not
	// "led".
	st := ix.stem(word)
	if len(st) < 4 || lexicon.Common(word) {
		return "", ""
	}
	for _, w := range ix.byFirst[word[0]] {
		s := ix.meta.Vocab[w]
		if d := len(s) - len(st); d < -1 || d > 1 || s == st || !slip(st, s) {
			continue
		}
		if len(s) > len(best) || (len(s) == len(best) && s < best) {
			best = s
		}
	}
	// A long word may have two slips ("govermet", "parlimet"): a corpus
	// word of the same first letter two edits away, the closest and then
	// the longest — unless an English word is one slip away
	// ("presidentil" is "presidential", not "president").
	if best != "" || len(word) < 7 || lexicon.Correct(word) != "" {
		return "", best
	}
	dist := 3
	for _, w := range ix.byFirst[word[0]] {
		if d := len(w) - len(word); d < -2 || d > 2 {
			continue
		}
		d := knowledge.Distance(word, w, 2)
		if d > 2 {
			continue
		}
		if d < dist || d == dist && (len(w) > len(best) || len(w) == len(best) && w < best) {
			best, dist = w, d
		}
	}
	if best == "" {
		return "", ""
	}
	return best, ix.meta.Vocab[best]
}

// regionSlip returns the country a word that names none is one slip from
// naming, by its name or adjective with the same first letter: "germay" is
// Germany. Of several, the alphabetically first wins, so the choice is
// stable.
func (ix *Index) regionSlip(word string) (string, bool) {
	best, country := "", ""
	for name, c := range ix.forms.region {
		if name[0] != word[0] || name == word || !slip(word, name) {
			continue
		}
		if best == "" || name < best {
			best, country = name, c
		}
	}
	return country, best != ""
}
