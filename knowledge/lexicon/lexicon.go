// Package lexicon says whether a word is common English or a proper name,
// and what WordNet knows of its forms and parts of speech, from SCOWL (Spell
// Checker Oriented Word Lists, by Kevin Atkinson, as packaged in Debian's
// wamerican 2020.12.07-2; see COPYRIGHT.scowl).
//
// words.txt holds the list's entries written in lower case; names.txt the
// entries it writes only capitalized ("Vienna", "Assad"), folded to lower
// case. verbal.txt holds the words of words.txt that WordNet 3.0 (Debian's
// wordnet-base; see COPYRIGHT.wordnet) has as a verb, adjective or adverb
// and, through its exception lists and suffix rules, in no form as a noun.
// adjectives.txt holds the words of words.txt WordNet has as an adjective,
// through its exception list and its -er and -est rules too.
// irregular.txt holds WordNet's verb exceptions; phrasal.txt its two-word
// verbs whose second word is an adverbial particle ("set_up"), and
// adverbs.txt its multiword adverbs ("so_far") but those that count, speak
// of time or name a place or direction ("in_the_south", "on_base").
// initialisms.txt holds, for each noun WordNet writes in two to five
// capitals ("PM", "HQ"), folded to lower case, the other lemmas of the
// synsets it is in ("prime_minister", "headquarters"). All are
// sorted bytewise, one entry a line, and searched in place, so nothing is
// decoded at start-up.
package lexicon

import (
	_ "embed"
	"strings"
)

//go:embed words.txt
var words string

// maxWord is the length, in bytes, of the longest word in words.txt
// (checked by a test).
const maxWord = 22

//go:embed names.txt
var names string

//go:embed irregular.txt
var irregular string

//go:embed verbal.txt
var verbal string

//go:embed phrasal.txt
var phrasal string

//go:embed adjectives.txt
var adjectives string

//go:embed adverbs.txt
var adverbs string

//go:embed initialisms.txt
var initialisms string

// Common reports whether a lower-case word is common English.
func Common(word string) bool { return contains(words, word) }

// Name reports whether a lower-case word is, in English, only a proper
// name ("vienna", "assad").
func Name(word string) bool { return contains(names, word) }

// Verbal reports whether a lower-case word is common English that WordNet
// knows only as a verb, adjective or adverb, in none of its forms as a
// noun: "achieve", "picked", "worried", "bigger", but not "cost" or "set".
func Verbal(word string) bool { return contains(verbal, word) }

// Adjective reports whether WordNet has a lower-case word of words.txt as
// an adjective, in its base form or compared ("particular", "bigger",
// "largest"), whatever else it has it as.
func Adjective(word string) bool { return contains(adjectives, word) }

// Phrasal reports whether a verb (in its base form) and a particle make
// one of WordNet's phrasal verbs: "set up", "end up", "bring up".
func Phrasal(verb, particle string) bool { return contains(phrasal, verb+"_"+particle) }

// Adverb reports whether lower-case words make one of WordNet's multiword
// adverbs: "so far", "in the first place", "at least".
func Adverb(words ...string) bool {
	return len(words) > 1 && contains(adverbs, strings.Join(words, "_"))
}

// AdverbStart reports whether some multiword adverb opens with a word:
// only then need Adverb be asked of the words after it.
func AdverbStart(word string) bool { return hasPrefix(adverbs, word+"_") }

// Expansions returns what a lower-case initialism stands for in WordNet,
// each as its words: "pm" gives "prime minister" and "postmortem" among
// others; nil for a word that is no initialism WordNet knows.
func Expansions(word string) [][]string {
	line, ok := find(initialisms, word)
	if !ok {
		return nil
	}
	var out [][]string
	for _, lemma := range strings.Fields(line[len(word):]) {
		out = append(out, strings.Split(lemma, "_"))
	}
	return out
}

// hasPrefix binary-searches a sorted list of lines for one that starts
// with prefix.
func hasPrefix(list, prefix string) bool {
	lo, hi := 0, len(list)
	for lo < hi {
		line, start, end := lineAt(list, (lo+hi)/2)
		switch {
		case strings.HasPrefix(line, prefix):
			return true
		case line < prefix:
			lo = end + 1
		default:
			hi = start
		}
	}
	return false
}

// Irregular returns the other forms of a verb English inflects
// irregularly that a lower-case word is a form of: "held" for "hold",
// "choose" and "chosen" for "chose"; nil for any other word.
func Irregular(word string) []string {
	if line, ok := find(irregular, word); ok {
		return strings.Fields(line[len(word):])
	}
	return nil
}

// Slip reports whether a lower-case word the lexicon lacks is one letter
// away (one deleted, added, changed or two swapped) from a common word: a
// typing slip, not a name it does not know. Words under four letters are
// one letter from too many others to say, and words longer than any in
// the lexicon (plus one) cannot be a slip of one; both report false.
func Slip(word string) bool {
	if len(word) < 4 || len(word) > maxWord+1 {
		return false
	}
	const letters = "abcdefghijklmnopqrstuvwxyz"
	for i := 0; i <= len(word); i++ {
		if i < len(word) && Common(word[:i]+word[i+1:]) {
			return true
		}
		if i+1 < len(word) && Common(word[:i]+word[i+1:i+2]+word[i:i+1]+word[i+2:]) {
			return true
		}
		for _, c := range letters {
			if Common(word[:i] + string(c) + word[i:]) {
				return true
			}
			if i < len(word) && byte(c) != word[i] && Common(word[:i]+string(c)+word[i+1:]) {
				return true
			}
		}
	}
	return false
}

// Correct returns the common word a lower-case word the lexicon lacks was
// most likely meant to be, one slip away, or "" when there is none (see
// Slip), keeping its first letter, which is seldom the slip. A letter left
// out is the likeliest slip, then two swapped, one added, and one
// changed; within a kind, the earliest place and letter win, so the
// answer is stable.
func Correct(word string) string {
	if len(word) < 4 || len(word) > maxWord+1 || Common(word) {
		return ""
	}
	const letters = "abcdefghijklmnopqrstuvwxyz"
	if w := LeftOut(word, func(string) bool { return true }); w != "" {
		return w
	}
	for i := 1; i+1 < len(word); i++ {
		if w := word[:i] + word[i+1:i+2] + word[i:i+1] + word[i+2:]; Common(w) {
			return w
		}
	}
	for i := 1; i < len(word); i++ {
		if w := word[:i] + word[i+1:]; Common(w) {
			return w
		}
	}
	for i := 1; i < len(word); i++ {
		for _, c := range letters {
			if byte(c) == word[i] {
				continue
			}
			if w := word[:i] + string(c) + word[i+1:]; Common(w) {
				return w
			}
		}
	}
	return ""
}

// LeftOut returns the first common word, for which ok holds, that a
// lower-case word is with one letter left out after its first ("mny" for
// "many", "wht" for "what"), or "" when there is none. Within it, the
// earliest place and letter win, so the answer is stable.
func LeftOut(word string, ok func(string) bool) string {
	if word == "" || len(word) > maxWord {
		return ""
	}
	for i := 1; i <= len(word); i++ {
		for c := byte('a'); c <= 'z'; c++ {
			if w := word[:i] + string(c) + word[i:]; Common(w) && ok(w) {
				return w
			}
		}
	}
	return ""
}

// contains binary-searches a sorted list of lines for word.
func contains(list, word string) bool {
	_, ok := find(list, word)
	return ok
}

// find binary-searches a sorted list of lines for the one whose first
// field is word, and returns it.
func find(list, word string) (string, bool) {
	if word == "" || strings.ContainsAny(word, " \n") {
		return "", false
	}
	lo, hi := 0, len(list)
	for lo < hi {
		line, start, end := lineAt(list, (lo+hi)/2)
		key := line
		if i := strings.IndexByte(line, ' '); i >= 0 {
			key = line[:i]
		}
		switch {
		case key == word:
			return line, true
		case key < word:
			lo = end + 1
		default:
			hi = start
		}
	}
	return "", false
}

// lineAt returns the line of a list of lines that holds byte i, with the
// offsets of its start and of the newline that ends it.
func lineAt(list string, i int) (line string, start, end int) {
	start = strings.LastIndexByte(list[:i], '\n') + 1
	end = strings.IndexByte(list[start:], '\n')
	if end < 0 {
		end = len(list) - start // the last line, without its newline
	}
	end += start
	return list[start:end], start, end
}
