package index

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/dossier/dossier/knowledge"
)

// forms links the different words the same thing goes by, from kept data
// rather than hand lists: the stemmer of the English analyzer, the English
// number words, the country names of the Unicode CLDR (as shipped in
// golang.org/x/text) and the adjectives regular English derives from them,
// and the abbreviations the corpus itself defines in brackets.
type forms struct {
	numbers map[string]int // number words and ordinals → value
	// region maps a country name, or a regular adjective derived from it
	// ("german", "italian", "iraqi"), to the country's name.
	region map[string]string
}

func newForms(en *knowledge.English) *forms {
	f := &forms{numbers: en.Numbers, region: map[string]string{}}
	namer := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() {
				continue
			}
			name := namer.Name(r)
			if name == "" || strings.ContainsAny(name, " -&,.()") {
				continue // one-word names only: "Germany", not "United Kingdom"
			}
			lower := strings.ToLower(name)
			f.region[lower] = lower
			for _, d := range derivedAdjectives(lower) {
				if _, taken := f.region[d]; !taken && len(d) >= 5 {
					f.region[d] = lower
				}
			}
		}
	}
	return f
}

// derivedAdjectives returns the adjectives regular English derives from a
// country name: Syria → Syrian, Iran → Iranian, Iraq → Iraqi, Italy →
// Italian, Germany → German, China → Chinese, Turkey → Turkish. Irregular
// ones (Spain → Spanish) are not derived, and nothing derived is used unless
// a question or the corpus writes it.
func derivedAdjectives(name string) []string {
	out := []string{name + "n", name + "an", name + "ian", name + "i", name + "ese", name + "ish"}
	if n := len(name); n > 4 {
		last := name[n-1]
		if strings.IndexByte("aeiouy", last) >= 0 {
			s := name[:n-1]
			out = append(out, s, s+"an", s+"ian", s+"ese", s+"ish", s+"i")
		}
		out = append(out, name[:n-2]+"ese", name[:n-2]+"ish", name[:n-3]+"ish")
	}
	return out
}

// number returns the value of a number written in digits ("8", "2,500"),
// as an ordinal ("8th", "1st") or in words ("eight", "eighth").
func (f *forms) number(word string) (int, bool) {
	if v, ok := f.numbers[word]; ok {
		return v, true
	}
	digits := strings.TrimRight(word, "stndrh")
	if len(digits) < len(word) {
		suffix := word[len(digits):]
		if suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th" && suffix != "s" { // "8th", "F-16s"
			return 0, false
		}
	}
	if digits == "" || len(digits) > 9 {
		return 0, false
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(digits)
	return n, err == nil
}

// ordinal reports whether a number word ranks rather than counts: "8th",
// "21st", "first", "second", "twentieth".
func (f *forms) ordinal(word string) bool {
	if _, ok := f.number(word); !ok {
		return false
	}
	if word == "first" || word == "second" || word == "third" || strings.HasSuffix(word, "th") {
		return true
	}
	// Figures take any of the suffixes ("21st", "2nd"); a word that ends
	// in one may be a cardinal ("thousand").
	figures := word[0] >= '0' && word[0] <= '9'
	return figures && (strings.HasSuffix(word, "st") || strings.HasSuffix(word, "nd") || strings.HasSuffix(word, "rd"))
}

// abbreviations finds the abbreviations a text defines in brackets —
// "unmanned aerial vehicle (UAV)", "Popular Mobilisation Units (PMU)" —
// and returns them, folded, with the words they stand for. toks are the
// text's words.
func abbreviations(text string, toks []knowledge.Token) map[string]string {
	out := map[string]string{}
	for i, t := range toks {
		n := len(t.Raw)
		if n < 2 || n > 6 || t.Start == 0 || text[t.Start-1] != '(' || t.End >= len(text) || text[t.End] != ')' {
			continue
		}
		upper := true
		for _, r := range t.Raw {
			upper = upper && unicode.IsUpper(r)
		}
		if !upper {
			continue
		}
		// Walk back over the words before the bracket, matching initials
		// from the last letter; short joining words may be skipped.
		letters := strings.ToLower(t.Raw)
		j, k := i-1, len(letters)-1
		for j >= 0 && k >= 0 && i-j <= len(letters)+3 {
			w := toks[j].Norm
			switch {
			case w[0] == letters[k]:
				k--
			case !joiningWord(w):
				j = -1
				continue
			}
			j--
		}
		if k < 0 && j+1 < i {
			var words []string
			for _, w := range toks[j+1 : i] {
				words = append(words, w.Norm)
			}
			out[t.Norm] = strings.Join(words, " ")
		}
	}
	return out
}

// Bounds on the initials kept: names of two to four words, a few names
// for the same initials, and a few thousand initials in all, so a large
// corpus cannot grow them without end.
const (
	minInitials     = 2
	maxInitials     = 4
	namesPerInitial = 4
	maxInitialSets  = 5000
)

// addInitials records the initials of every run of two to four
// capitalized words among a text's words, within a sentence ("The
// Associated Press": "ap" for "associated press", "tap" for "the
// associated press"). Joining words may stand inside a run without a
// letter of their own ("Secretary of State": "ss").
func (m *meta) addInitials(text string, toks []knowledge.Token) {
	for i := range toks {
		if !capitalized(toks[i].Raw) {
			continue
		}
		var letters, words []string
		for j := i; j < len(toks) && len(letters) < maxInitials; j++ {
			if j > i && strings.ContainsAny(text[toks[j-1].End:toks[j].Start], ".!?:;") {
				break // another sentence, or a list
			}
			w := toks[j].Norm
			if !capitalized(toks[j].Raw) {
				if joiningWord(w) && j+1 < len(toks) {
					words = append(words, w)
					continue
				}
				break
			}
			r, _ := utf8.DecodeRuneInString(w)
			letters = append(letters, string(r))
			words = append(words, w)
			if len(letters) < minInitials {
				continue
			}
			key, name := strings.Join(letters, ""), strings.Join(words, " ")
			names, seen := m.Initials[key]
			if !seen && len(m.Initials) >= maxInitialSets || len(names) >= namesPerInitial || slices.Contains(names, name) {
				continue
			}
			m.Initials[key] = append(names, name)
		}
	}
}

func joiningWord(w string) bool {
	switch w {
	case "of", "and", "the", "for", "al", "el", "on", "in", "de":
		return true
	}
	return false
}

// derivationStem is the shortest stem derivations are looked for from.
const derivationStem = 5

// derivationEndings are what the Porter stemmer leaves at the end of one
// form of a word and not of another: injur-i (injuries), deter-r
// (deterrent), sovereign-ti (sovereignty), leg-al.
var derivationEndings = map[string]bool{"i": true, "r": true, "e": true, "ti": true, "iti": true, "al": true, "ic": true, "ion": true, "ent": true}

// derivations returns the corpus stems derived from stem, or it from them,
// by an ending the stemmer does not remove: "injur" and "injuri"
// (injured, injuries), "deter" and "deterr" (deterrent), "sovereign" and
// "sovereignti". Stems of five letters or more only, so that short words
// do not run together.
func (ix *Index) derivations(stem string) []string {
	if len(stem) < derivationStem {
		return nil
	}
	var out []string
	for _, s := range ix.byPrefix[stem[:derivationStem]] {
		if s == stem {
			continue
		}
		short, long := stem, s
		if len(short) > len(long) {
			short, long = long, short
		}
		if strings.HasPrefix(long, short) && derivationEndings[long[len(short):]] {
			out = append(out, s)
		}
	}
	return out
}

// peopleEndings are the endings English names of peoples and their
// adjectives add to a shared stem: Kurd-ish, Kurd-s, Filipin-o; they link
// a word the corpus lacks to one it has.
var peopleEndings = []string{"ish", "ian", "an", "i", "ese", "s", "o", "a"}

// people returns the stems of corpus words that share a stem of four
// letters or more with word, each with an ending of a people's name or
// adjective: "kurds" finds "kurdish".
func (ix *Index) people(word string) []string {
	var out []string
	for _, e := range append([]string{""}, peopleEndings...) {
		base, ok := strings.CutSuffix(word, e)
		if !ok || len(base) < 4 {
			continue
		}
		for _, e2 := range peopleEndings {
			if e2 == e {
				continue
			}
			if s, ok := ix.meta.Vocab[base+e2]; ok && s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func appendUniq(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// keyboard is the QWERTY layout, for telling a slip of the finger from a
// different word.
var keyboard = [3]string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}
