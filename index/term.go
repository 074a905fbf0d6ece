package index

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/knowledge/lexicon"
)

// term makes the focus term of one word, with its other forms in the corpus.
// It returns false for a stop word, and for a verb form of one ("downed") or
// of a light verb ("going", "getting"), which name nothing. The plural of a
// designation ("F-15s") is taken as its figures.
func (ix *Index) term(t knowledge.Token, capsMatter bool) (Term, bool) {
	// The plural of a designation ("F-15s", "the 1990s") is its figures.
	if _, figure := ix.forms.number(t.Norm); figure && len(t.Norm) >= 3 && strings.HasSuffix(t.Norm, "s") {
		t.Norm = strings.TrimSuffix(t.Norm, "s")
	}
	stem := ix.stem(t.Norm)
	verbForm := strings.HasSuffix(t.Norm, "ed") || strings.HasSuffix(t.Norm, "ing")
	if stem == "" || verbForm && stem != t.Norm && (ix.stem(stem) == "" || ix.grammar.lightVerbs[stem]) {
		return Term{}, false
	}
	r, _ := utf8.DecodeRuneInString(t.Raw)
	term := Term{Word: t.Raw, Stem: stem, Known: ix.knows(t.Norm, stem)}
	term.Name = capsMatter && unicode.IsUpper(r)
	add := func(s string) {
		if s != "" && s != stem && ix.byStem[s] {
			for _, a := range term.Alts {
				if a == s {
					return
				}
			}
			term.Alts = append(term.Alts, s)
		}
	}
	// Numbers: "8th", "eight" and "8" are one term. A spelled ordinal
	// ranks ("the third target"): "three" and "003" do not count as it.
	if v, ok := ix.forms.number(t.Norm); ok && !(ix.forms.ordinal(t.Norm) && isLetters(t.Norm)) {
		for _, s := range ix.numberStems[v] {
			add(s)
		}
	}
	// A designation's variants: "F-18s" are the sources' "F-18E".
	if isDigits(t.Norm) && len(t.Norm) >= 2 {
		for c := byte('a'); c <= 'z'; c++ {
			if s := t.Norm + string(c); ix.byStem[s] {
				add(s)
				term.Known = true
			}
		}
	}
	// Derivations the stemmer leaves apart: "injured", "injuries".
	for _, s := range ix.derivations(stem) {
		add(s)
	}
	// A verb's irregular forms: "holding" and "held", "chose" and "chosen".
	for _, w := range irregular(t.Norm, stem) {
		add(ix.stem(w))
	}
	// The person who does it: "spokesman", "spokesperson"; "chair",
	// "chairman".
	for _, w := range agentNouns(t.Norm) {
		add(ix.stem(w))
	}
	if stem != t.Norm {
		for _, w := range agentNouns(stem) { // "chairs": "chairman"
			add(ix.stem(w))
		}
	}
	// A country and its adjective: "Germany", "German"; misspelt too
	// ("germay"), the name one slip away.
	country, ok := ix.forms.region[t.Norm]
	if _, inCorpus := ix.meta.Vocab[t.Norm]; !ok && !inCorpus && len(t.Norm) >= 5 && !lexicon.Common(t.Norm) {
		country, ok = ix.regionSlip(t.Norm)
	}
	if ok {
		term.Name = true
		for _, s := range ix.regionStems[country] {
			add(s)
		}
	}
	// An abbreviation the corpus defines: "UAV" → "unmanned aerial vehicle".
	if words, ok := ix.meta.Abbrev[t.Norm]; ok {
		if st := ix.stems(words); len(st) > 0 {
			term.Phrases = append(term.Phrases, st)
		}
	} else if !term.Known && initials(t.Raw) {
		// One it never writes, by the initials of a name it does: "AP",
		// "The Associated Press".
		for _, words := range ix.meta.Initials[t.Norm] {
			if st := ix.stems(words); len(st) >= minInitials {
				term.Phrases = append(term.Phrases, st)
			}
		}
	}
	// An initialism the corpus never writes, by what WordNet says it
	// stands for: a word the corpus uses ("hq", "headquarters") or a
	// name it writes with those initials ("pm", "Prime Minister"; not
	// "un", "united" and "nations" apart).
	if !term.Known && len(term.Phrases) == 0 {
		for _, words := range lexicon.Expansions(t.Norm) {
			if len(words) == 1 {
				switch st := ix.stems(words[0]); {
				case !ix.writes(words[0]):
				case len(st) == 1:
					add(st[0])
				case len(st) > 1:
					term.Phrases = append(term.Phrases, st) // "d.c."
				}
			} else if slices.Contains(ix.meta.Initials[t.Norm], strings.Join(words, " ")) {
				term.Phrases = append(term.Phrases, ix.stems(strings.Join(words, " ")))
			}
		}
	}
	// Domain aliases from words.yaml.
	for _, mb := range ix.syn[stem] {
		if len(mb) == 1 {
			add(mb[0])
		} else if ix.allKnown(mb) {
			term.Phrases = append(term.Phrases, mb)
		}
	}
	if !term.Known && len(term.Alts) == 0 && len(term.Phrases) == 0 {
		// A people and its adjective: "Kurds", "Kurdish".
		for _, s := range ix.people(t.Norm) {
			add(s)
		}
	}
	// A name is corrected too ("Hezbolah"): a slip is one letter, so
	// another real name ("Italian", "Iranian") is never taken for it.
	// A word neither the corpus nor English has is mistyped even when its
	// stem is a corpus word: "rockes" means "rockets", not "rock". An
	// English word the corpus lacks is no slip: "founded" is not
	// "funded".
	_, inCorpus := ix.meta.Vocab[t.Norm]
	misspelt := !inCorpus && !lexicon.Common(t.Norm)
	if misspelt && len(term.Phrases) == 0 {
		// The word meant, with its forms and aliases ("militis":
		// "militias", and so "factions").
		mean := func(word string) {
			if meant, ok := ix.term(knowledge.Token{Raw: word, Norm: word, Start: t.Start, End: t.End}, false); ok && meant.Known {
				add(meant.Stem)
				for _, a := range meant.Alts {
					add(a)
				}
				term.Phrases = append(term.Phrases, meant.Phrases...)
			}
		}
		word, fix := ix.typo(t.Norm)
		if word != "" {
			mean(word)
		}
		add(fix)
		if len(term.Alts) == 0 {
			// An English word the corpus lacks, with what the corpus has
			// of it ("chiar": "chair", so "chairman").
			if term.english = lexicon.Correct(t.Norm); term.english != "" {
				mean(term.english)
			}
		}
	}
	if !term.Known && len(term.Alts) == 0 && len(term.Phrases) == 0 && !term.Name {
		if s := ix.prefixStem(t.Norm); s != "" {
			add(s)
		} else if s := ix.contraction(t.Norm); s != "" {
			add(s)
		}
	}
	term.Known = term.Known || len(term.Alts) > 0 || len(term.Phrases) > 0
	if !term.Known && !term.Name {
		term.Name = lexicalName(t.Norm)
	}
	df := ix.meta.DF[stem]
	for _, a := range term.Alts {
		df = max(df, ix.meta.DF[a])
	}
	n := float64(max(ix.meta.Docs, 1))
	term.Weight = math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))

	return term, true
}

// writes reports whether the corpus has every word of text as it is
// written: "headquarters", "d.c."; not "post-mortem", whose "post" it has.
func (ix *Index) writes(text string) bool {
	toks := knowledge.Tokenize(text)
	for _, t := range toks {
		if s, ok := ix.meta.Vocab[t.Norm]; !ok || s == "" {
			return false
		}
	}
	return len(toks) > 0
}

// irregular returns the irregular forms of the verb a word is a form of,
// looked up by the word itself ("held"), by its stem ("holding" → "hold")
// and by its stem with the "e" the stemmer drops ("choosing" → "choose").
// A word in -s is looked up only as itself.
func irregular(word, stem string) []string {
	if forms := lexicon.Irregular(word); forms != nil {
		return forms
	}
	if strings.HasSuffix(word, "s") {
		return nil // "strikes" is more often the noun than the verb
	}
	for _, w := range []string{stem, stem + "e"} {
		if forms := lexicon.Irregular(w); forms != nil {
			if w != word {
				forms = append(forms, w)
			}
			return forms
		}
	}
	return nil
}

// initials reports whether a word is written as initials are: two to four
// capital letters ("AP", "WH").
func initials(raw string) bool {
	if len(raw) < minInitials || len(raw) > maxInitials {
		return false
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] < 'A' || raw[i] > 'Z' {
			return false
		}
	}
	return true
}

// agentEndings make a noun of the person who does something from a word
// ("spokes-man", "chair-person"), longest first: "spokes-woman", not
// "spokeswo-man".
var agentEndings = []string{"woman", "women", "persons", "person", "people", "man", "men"}

// agentNouns returns the other forms of an agent noun ("spokesperson" for
// "spokesman"), or for a word of four letters or more the agent nouns made
// from it ("chairman" for "chair"). An agent noun does not lead back to
// what it is made from: "spokesman" is not "spoke", nor "statesman"
// "state".
func agentNouns(word string) []string {
	base := word
	for _, e := range agentEndings {
		if p, ok := strings.CutSuffix(word, e); ok && len(p) >= 4 {
			base = p
			break
		}
	}
	if len(base) < 4 {
		return nil
	}
	out := []string{}
	for _, e := range agentEndings {
		if base+e != word {
			out = append(out, base+e)
		}
	}
	return out
}

// minNameLetters is the shortest lower-case word taken for a name because
// English lacks it: shorter ones are more often chat or a slip.
const minNameLetters = 4

// lexicalName reports whether a word the corpus lacks is a name even in
// lower case ("vienna", "khamenei"): English has it only as a name, or not
// at all and it is no slip of a common word. Words with digits are left
// alone (a model number or a figure is not a name), and so are words of
// three letters or fewer ("teh", "abt", "lol": chat, not names) and month
// abbreviations.
func lexicalName(word string) bool {
	if len(word) < minNameLetters || strings.IndexFunc(word, unicode.IsDigit) >= 0 {
		return false
	}
	if _, month := knowledge.Month(word); month {
		return false
	}
	return lexicon.Name(word) || !lexicon.Common(word) && !lexicon.Slip(word)
}

// isLetters reports whether a word is letters only.
func isLetters(w string) bool {
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
}

// isDigits reports whether w is a figure of ASCII digits only.
func isDigits(w string) bool {
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return r < '0' || r > '9' }) < 0
}
