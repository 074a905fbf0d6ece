package knowledge

import (
	"github.com/dossier/dossier/knowledge/lexicon"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one word of a text, folded for matching, with its byte span in
// the original text.
type Token struct {
	// Norm is the word lower-cased, with inner apostrophes removed
	// ("Kata'ib" → "kataib") and a possessive 's dropped ("Iraq's" → "iraq").
	Norm string
	// Raw is the word as written.
	Raw        string
	Start, End int
}

// Tokenize splits text into words: runs of letters and digits. Hyphens,
// periods and other punctuation separate words, so "al-Shuhada" is two words
// and "U.S." is "u", "s".
func Tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/6+1)
	var b strings.Builder
	start := -1
	plain := true // the word so far is lower-case ASCII: Norm is a slice of text
	flush := func(end int) {
		if start >= 0 {
			norm := text[start:end]
			if !plain {
				norm = b.String()
			}
			toks = append(toks, Token{Norm: norm, Raw: text[start:end], Start: start, End: end})
		}
		b.Reset()
		start, plain = -1, true
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf && (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			if start < 0 {
				start = i
			}
			if !plain {
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case Apostrophe(r) && start < 0:
			// Before a word: a quotation mark (‘), or nothing (ʼ).
			flush(i)
		case unicode.IsLetter(r) && !Apostrophe(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
			if plain {
				plain = false
				b.WriteString(text[start:i])
			}
			b.WriteRune(unicode.ToLower(r))
		case Apostrophe(r):
			// Inside a word: "Kata'ib" joins, "Iraq's" drops the possessive.
			next, m := utf8.DecodeRuneInString(text[i+n:])
			after, _ := utf8.DecodeRuneInString(text[i+n+m:])
			if (next == 's' || next == 'S') && !(unicode.IsLetter(after) || unicode.IsDigit(after)) {
				flush(i)
				i += n + m
				continue
			}
			if !unicode.IsLetter(next) {
				flush(i)
			} else if plain {
				plain = false
				b.WriteString(text[start:i])
			}
		default:
			flush(i)
		}
		i += n
	}
	flush(len(text))
	return toks
}

// Mention is an actor named in a text.
type Mention struct {
	ID         string
	Start, End int // byte span of the alias in the text
}

type alias struct {
	id    string
	words []string
	exact string // non-empty: the alias matches only when written exactly so ("KH", "US")
}

// Tagger finds the actors a text names, by any of their aliases.
type Tagger struct {
	byFirst  map[string][]alias
	byLetter map[byte][]alias // for fuzzy matching: aliases by first letter
	// words are every alias's words: one of them is never a slip of
	// another ("iran" is no misspelt "iraq").
	words map[string]bool
}

// NewTagger builds a tagger over the actors' names and aliases. caseWords are
// ordinary words ("is", "us") that an all-capitals alias must not match when
// written in lower case.
func NewTagger(actors []Actor, caseWords []string) *Tagger {
	common := make(map[string]bool, len(caseWords))
	for _, w := range caseWords {
		common[strings.ToLower(w)] = true
	}
	t := &Tagger{byFirst: map[string][]alias{}, byLetter: map[byte][]alias{}, words: map[string]bool{}}
	for _, a := range actors {
		for _, name := range append([]string{a.Name}, a.Aliases...) {
			toks := Tokenize(name)
			if len(toks) == 0 {
				continue
			}
			al := alias{id: a.ID}
			for _, tk := range toks {
				al.words = append(al.words, tk.Norm)
				t.words[tk.Norm] = true
			}
			letters := strings.Join(al.words, "")
			if len(letters) <= 3 && strings.ToUpper(name) == name && common[letters] {
				al.exact = strings.Join(rawWords(toks), "")
			}
			t.byFirst[al.words[0]] = append(t.byFirst[al.words[0]], al)
			t.byLetter[al.words[0][0]] = append(t.byLetter[al.words[0][0]], al)
		}
	}
	// Longest aliases first, so "Kataib Sayyid al Shuhada" wins over "Kataib".
	for k := range t.byFirst {
		sort.SliceStable(t.byFirst[k], func(i, j int) bool { return len(t.byFirst[k][i].words) > len(t.byFirst[k][j].words) })
	}
	for k := range t.byLetter {
		sort.SliceStable(t.byLetter[k], func(i, j int) bool { return len(t.byLetter[k][i].words) > len(t.byLetter[k][j].words) })
	}
	return t
}

func rawWords(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Raw
	}
	return out
}

// Tag returns the actors named in text, longest alias first at each place,
// without overlaps, in text order. Matching is exact on folded words.
func (t *Tagger) Tag(text string) []Mention {
	return t.tag(Tokenize(text), false)
}

// TagFuzzy is Tag for user questions: a word of five letters or more may
// also differ from an alias word by one edit ("Khatibzade", "Blinkin"), and
// one of seven or more by two ("Marroto"), keeping the first letter.
func (t *Tagger) TagFuzzy(text string) []Mention {
	return t.tag(Tokenize(text), true)
}

// TagTokens tags already tokenized text.
func (t *Tagger) TagTokens(toks []Token, fuzzy bool) []Mention { return t.tag(toks, fuzzy) }

func (t *Tagger) tag(toks []Token, fuzzy bool) []Mention {
	var out []Mention
	for i := 0; i < len(toks); {
		// After "the", a word spelt like a capitals alias is that name:
		// "the us strikes" (the pronoun and the verb never follow "the");
		// so it is before a plural noun ("how many us soldiers", "is
		// fighters"), which neither precedes.
		named := i > 0 && toks[i-1].Norm == "the" || i+1 < len(toks) && pluralNoun(toks[i+1])
		n, id := t.longest(toks, i, fuzzy, named)
		if n == 0 {
			i++
			continue
		}
		// "the Pentagon spokesperson": an alias that opens with "the"
		// yields to a longer one right after it.
		if toks[i].Norm == "the" {
			if after, _ := t.longest(toks, i+1, fuzzy, true); after > n-1 {
				i++
				continue
			}
			// "the president of Iran": "of" after an alias that opens
			// with "the" names another holder of the office.
			if i+n < len(toks) && toks[i+n].Norm == "of" {
				i++
				continue
			}
		}
		out = append(out, Mention{ID: id, Start: toks[i].Start, End: toks[i+n-1].End})
		i += n
	}
	return out
}

// longest returns how many tokens the longest alias matching at toks[i]
// covers, and whose alias it is; 0 when none matches. named lets an alias
// that must be written in capitals match in lower case.
func (t *Tagger) longest(toks []Token, i int, fuzzy, named bool) (int, string) {
	if i >= len(toks) {
		return 0, ""
	}
	cands := t.byFirst[toks[i].Norm]
	if fuzzy && toks[i].Norm != "" {
		// A misspelling keeps its first letter (see match).
		cands = t.byLetter[toks[i].Norm[0]]
	}
	n, id := 0, ""
	for _, al := range cands {
		if k := al.match(toks[i:], fuzzy, named, t.words); k > n {
			n, id = k, al.id
		}
	}
	return n, id
}

// match returns how many tokens the alias covers at the start of toks, or 0.
// named lets an alias that must be written in capitals match in lower case.
func (al alias) match(toks []Token, fuzzy, named bool, words map[string]bool) int {
	if len(toks) < len(al.words) {
		return 0
	}
	if al.exact != "" && !named {
		var b strings.Builder
		for _, tk := range toks[:len(al.words)] {
			b.WriteString(tk.Raw)
		}
		if b.String() != al.exact {
			return 0
		}
	}
	short := 0 // short words misspelt
	for i, w := range al.words {
		got := toks[i].Norm
		if got == w {
			continue
		}
		if fuzzy && len(w) >= 5 && len(got) >= 5 && got[0] == w[0] && Distance(got, w, maxEdits(w)) <= maxEdits(w) {
			continue
		}
		// A word of four letters, one edit off, when the alias's other
		// words are right: "camp tajii" is Camp Taji, "tajii" alone
		// nothing.
		if fuzzy && len(al.words) > 1 && len(w) == 4 && len(got) >= 3 && got[0] == w[0] && !words[got] && Distance(got, w, 1) <= 1 {
			short++
			continue
		}
		return 0
	}
	if short > 0 {
		for i, w := range al.words {
			if toks[i].Norm != w && len(w) != 4 {
				return 0 // another word misspelt too
			}
		}
		if short > 1 {
			return 0
		}
	}
	return len(al.words)
}

// maxEdits is how many edits a misspelling of an alias word may have.
func maxEdits(w string) int {
	if len(w) >= 7 {
		return 2
	}
	return 1
}

// Distance returns the edit distance between a and b (insertions,
// deletions, substitutions and adjacent transpositions), or max+1 once it
// is known to exceed max.
func Distance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(rb)], max+1)
}

// WithinOneEdit reports whether a and b differ by at most one insertion,
// deletion, substitution or transposition of adjacent letters.
func WithinOneEdit(a, b string) bool { return Distance(a, b, 1) <= 1 }

// pluralNoun reports whether a token is, in lower case, the regular plural
// of a common English word: "soldiers", "militias", "facilities"; not
// "this" or "class".
func pluralNoun(t Token) bool {
	w := t.Norm
	if t.Raw != w || len(w) < 4 || strings.HasSuffix(w, "ss") || !lexicon.Common(w) || lexicon.Verbal(w) {
		return false
	}
	if stem, ok := strings.CutSuffix(w, "ies"); ok && lexicon.Common(stem+"y") {
		return true
	}
	stem, ok := strings.CutSuffix(w, "s")
	return ok && lexicon.Common(stem)
}

// Apostrophe reports whether r is written as an apostrophe: the
// typewriter's ', the typographer's ’, the ‘ that keyboards' autocorrect
// sometimes puts for it, and the modifier letter ʼ of transliterations
// ("Kataʼib").
func Apostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '‘' || r == 'ʼ'
}
