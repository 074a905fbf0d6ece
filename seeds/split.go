package seeds

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says what a passage is, so ranking and rendering can treat a headline,
// a list item or one turn of an interview differently.
type Kind string

// Passage kinds.
const (
	KindParagraph Kind = "paragraph"
	KindHeading   Kind = "heading"
	KindBullet    Kind = "bullet"
	KindStatement Kind = "statement" // a labelled quotation: "PSAKI: …", "Kirby on June 27, 2021: “…"
	KindQuestion  Kind = "question"  // a reporter's question in a Q&A transcript
	KindRelated   Kind = "related"   // a "Related Content:" link line, not part of the article
	KindCaption   Kind = "caption"   // a photo's caption, closed by its credit: "… 2014. (Reuters)"
)

// Passage is one citable unit of a document: a paragraph, a bullet, one Q&A
// turn or one statement.
type Passage struct {
	// Doc is the document's file name.
	Doc string
	// Ordinal is the 1-based position of the passage in its document.
	Ordinal int
	// Start and End are byte offsets of Text in the original file.
	Start, End int
	// Text is the passage, verbatim.
	Text string
	// Kind says what the passage is.
	Kind Kind
	// Context is the label the passage belongs to: the speaker of a statement
	// it continues ("SECRETARY BLINKEN", "White House Press Secretary Jen Psaki
	// on June 28, 2021"), or the date of the timeline entry it continues.
	Context string
}

// ID is the passage's stable identifier, "003:12".
func (p Passage) ID() string { return fmt.Sprintf("%s:%d", Label(p.Doc), p.Ordinal) }

// Cite is the passage's citation as users see it, "[003 §12]".
func (p Passage) Cite() string { return CiteID(p.ID()) }

// CiteID turns a passage ID ("003:12") into its citation form ("[003 §12]").
func CiteID(id string) string {
	if i := strings.LastIndexByte(id, ':'); i >= 0 {
		return "[" + id[:i] + " §" + id[i+1:] + "]"
	}
	return "[" + id + "]"
}

var (
	// A metadata line some sources open with: " date 2021-06-28 …".
	dateHeader = regexp.MustCompile(`^\s*date (\d{4}-\d{2}-\d{2})\s+`)
	bullet     = regexp.MustCompile(`^\s*[•●▪◦‣*-]\s+`)
	// A label before a colon: a speaker ("PSAKI", "Senator Bob Menendez, … on
	// June 28, 2021") or a timeline date ("December 29"). It holds no sentence
	// break and no quotation mark.
	label     = regexp.MustCompile(`^([^:“”"\n]{2,200}?):[\s\x{00a0}]+\S`)
	dateLabel = regexp.MustCompile(`^(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}(, \d{4})?$`)
)

type span struct {
	start, end int
	bullet     bool
}

// Split cuts a document's text into passages at natural boundaries: blank
// lines separate paragraphs; within a block each line stands alone (one
// bullet, one sentence-per-line paragraph) unless a quotation opened on one
// line continues on the next, in which case the lines form one statement.
func Split(doc, text string) []Passage {
	start := 0
	if m := dateHeader.FindStringSubmatchIndex(text); m != nil {
		start = m[1]
	}
	units := lineUnits(text, start)
	passages := make([]Passage, 0, len(units))
	var prev *Passage
	for _, u := range units {
		p := Passage{Doc: doc, Ordinal: len(passages) + 1, Start: u.start, End: u.end, Text: text[u.start:u.end]}
		if u.bullet {
			p.Kind = KindBullet
		} else {
			classify(&p, prev)
		}
		passages = append(passages, p)
		prev = &passages[len(passages)-1]
	}
	return passages
}

// lineUnits returns the trimmed spans of non-empty lines from start, joining
// lines of one block while a quotation is open.
func lineUnits(text string, start int) []span {
	var units []span
	open := false // a quotation is open at the end of the last unit
	blank := true // the previous line was blank
	for pos := start; pos < len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		s, e := trimSpan(text, pos, end)
		if s == e {
			blank, open = true, false
		} else {
			line := text[s:e]
			bl := bullet.FindStringIndex(line)
			if bl != nil {
				s += bl[1]
			}
			if open && !blank && bl == nil && len(units) > 0 {
				units[len(units)-1].end = e
			} else {
				units = append(units, span{start: s, end: e, bullet: bl != nil})
			}
			u := units[len(units)-1]
			open = quoteOpen(text[u.start:u.end])
			blank = false
		}
		pos = end + 1
	}
	return units
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// quoteOpen reports whether text leaves a quotation open: more “ than ”, or
// an odd number of straight double quotes.
func quoteOpen(text string) bool {
	return strings.Count(text, "“") > strings.Count(text, "”") || strings.Count(text, `"`)%2 == 1
}

func startsWithQuote(s string) bool {
	return strings.HasPrefix(s, "“") || strings.HasPrefix(s, `"`)
}

func classify(p *Passage, prev *Passage) {
	text := p.Text
	if strings.HasPrefix(text, "Related Content:") {
		p.Kind = KindRelated
		return
	}
	if m := label.FindStringSubmatch(text); m != nil && len(Sentences(m[1])) == 1 {
		p.Context = m[1]
		rest := strings.TrimSpace(text[len(m[1])+1:])
		switch {
		case m[1] == "QUESTION":
			p.Kind = KindQuestion
		case startsWithQuote(rest):
			p.Kind = KindStatement
		default:
			p.Kind = KindParagraph
		}
		return
	}
	if isHeading(text) {
		p.Kind = KindHeading
		return
	}
	if caption.MatchString(text) {
		p.Kind = KindCaption
		return
	}
	p.Kind = KindParagraph
	if prev == nil {
		return
	}
	switch {
	case startsWithQuote(text) && prev.Context != "" && prev.Kind != KindHeading && prev.Kind != KindBullet:
		// A further paragraph of the same statement or question.
		p.Context = prev.Context
		if prev.Kind == KindQuestion {
			p.Kind = KindQuestion
		} else {
			p.Kind = KindStatement
		}
	case startsWithQuote(text) && !namesSpeaker(text) && prev.Kind == KindParagraph && prev.Context == "" && len(prev.Text) <= 300:
		// A quotation introduced by the passage before it ("Blinken spoke to
		// reporters in Rome on Monday.") or attributed to "he" or "she".
		p.Context = prev.Text
		p.Kind = KindStatement
	case dateLabel.MatchString(prev.Context) && strings.HasPrefix(prev.Text, prev.Context+":"):
		// The second paragraph of a dated timeline entry.
		p.Context = prev.Context
	}
}

func isHeading(text string) bool {
	if len(text) > 90 || startsWithQuote(text) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(text)
	if strings.ContainsRune(".?!:;,\"”’)", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(text)
	return unicode.IsUpper(first) && len(Sentences(text)) == 1
}

// caption matches a photo's caption: a short passage whose last sentence
// is followed by a credit in brackets, "… October 4, 2014. (Reuters)",
// "(AP Photo/Hadi Mizban)".
var caption = regexp.MustCompile(`^.{0,250}[.!?]\s*\([A-Z][^()]{0,40}\)$`)

// attribution matches the clause after a quotation that ends with a comma:
// `," Kirby said.`, `," said PMU.`, `," he tweeted.`.
var attribution = regexp.MustCompile(`[,?!]["”]\s+([^.]{1,60})\.?\s*$`)

// namesSpeaker reports whether a passage that opens with a quotation names
// its speaker in a closing attribution. An attribution to "he" or "she" does
// not name one, so the passage before it gives the speaker.
func namesSpeaker(text string) bool {
	m := attribution.FindStringSubmatch(text)
	if m == nil {
		return false
	}
	for _, w := range strings.Fields(m[1]) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}
