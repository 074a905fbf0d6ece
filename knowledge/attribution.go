package knowledge

import (
	"cmp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier/seeds"
)

// Shown is one piece of text a record displays, named by its field, with
// the line it is on.
type Shown struct {
	Field string
	Text  string
	Line  int
}

// attribution holds what the attribution rule needs: the tagger, to match
// an actor named one way in displayed text and another in its citation,
// and the vocabulary of numbers and generic words.
type attribution struct {
	tagger  *Tagger
	numbers map[string]string // number word → digits
	generic map[string]bool   // folded capitalised words that name nothing
	lower   map[string]bool   // words the corpus writes in lower case
}

func newAttribution(t *Tagger, w Words, docs []*seeds.Document) *attribution {
	a := &attribution{tagger: t, numbers: map[string]string{}, generic: map[string]bool{}, lower: map[string]bool{}}
	for _, d := range docs {
		for _, tk := range Tokenize(d.Text) {
			if tk.Raw == tk.Norm {
				a.lower[tk.Norm] = true
			}
		}
	}
	for word, n := range w.Numbers {
		a.numbers[strings.ToLower(word)] = strconv.Itoa(n)
	}
	for _, g := range w.Generic {
		a.generic[strings.ToLower(g)] = true
	}
	return a
}

// number returns the digits a folded word stands for ("seven" → "7", "27"
// → "27"), or "" for a word that is not a number.
func (a *attribution) number(norm string) string {
	if d, ok := a.numbers[norm]; ok {
		return d
	}
	if norm == "" {
		return ""
	}
	for _, r := range norm {
		if r < '0' || r > '9' {
			return ""
		}
	}
	// "07" and "7" are one number.
	if n, err := strconv.Atoi(norm); err == nil {
		return strconv.Itoa(n)
	}
	return norm
}

// cited is what a record's citations hold: their folded words, numbers
// as digits, the actors they name and the labels of the documents cited.
type cited struct {
	words  map[string]bool
	actors map[string]bool
	docs   map[string]bool
}

func (a *attribution) cited(cites []Cite) cited {
	c := cited{words: map[string]bool{}, actors: map[string]bool{}, docs: map[string]bool{}}
	for _, ct := range cites {
		c.docs[seeds.Label(ct.Doc)] = true
		for _, t := range Tokenize(ct.Quote) {
			c.words[t.Norm] = true
			if d := a.number(t.Norm); d != "" {
				c.words[d] = true
			}
		}
		for _, m := range a.tagger.Tag(ct.Quote) {
			c.actors[m.ID] = true
		}
	}
	return c
}

// unsupported returns the names and numbers in text that the citations do
// not hold, as written, each once. A name is a capitalised word, unless it
// is listed as generic. One that opens a sentence counts only when it is
// part of an actor's name or the corpus never writes it in lower case,
// since any word may open a sentence. An actor named by one alias in the
// text is supported by any of its aliases in the citations. A number
// matches its digits or its word ("seven" and 7); a document's label (003)
// matches a citation of that document.
func (a *attribution) unsupported(text string, c cited) []string {
	toks := Tokenize(text)
	covered := make([]bool, len(toks))
	tagged := make([]bool, len(toks))
	for _, m := range a.tagger.TagTokens(toks, false) {
		for i, t := range toks {
			if t.Start >= m.Start && t.End <= m.End {
				tagged[i] = true
				covered[i] = c.actors[m.ID]
			}
		}
	}
	var out []string
	seen := map[string]bool{}
	for i, t := range toks {
		num := a.number(t.Norm)
		r, _ := utf8.DecodeRuneInString(t.Raw)
		name := unicode.IsUpper(r) && !a.generic[t.Norm] && (tagged[i] || !opensSentence(text, t.Start) || !a.lower[t.Norm])
		switch {
		case num == "" && !name, covered[i]:
			continue
		case num != "" && (c.words[num] || c.docs[t.Raw]):
			continue
		case num == "" && c.words[t.Norm]:
			continue
		}
		if !seen[t.Raw] {
			seen[t.Raw] = true
			out = append(out, t.Raw)
		}
	}
	return out
}

// opensSentence reports whether the word at byte offset start opens the
// text or a sentence in it (after ".", "!", "?" or ":", and any opening
// quotes or brackets).
func opensSentence(text string, start int) bool {
	s := strings.TrimRightFunc(text[:start], func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"“‘'([", r)
	})
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:", r)
}

// attributed checks that everything a record shows is in the words it
// cites.
func (c *checker) attributed(file string, line int, rec string, shown []Shown, cites []Cite) {
	if c.attr == nil {
		return
	}
	held := c.attr.cited(cites)
	seen := map[string]bool{}
	for _, s := range shown {
		for _, w := range c.attr.unsupported(s.Text, held) {
			if !seen[w] {
				seen[w] = true
				c.add(file, cmp.Or(s.Line, line), rec, "%q is not in its citations", w)
			}
		}
	}
}
