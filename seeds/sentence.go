package seeds

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) within a string.
type Span struct{ Start, End int }

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "col": true, "gen": true, "lt": true,
	"maj": true, "sgt": true, "sen": true, "rep": true, "gov": true, "capt": true, "adm": true,
	"st": true, "jr": true, "sr": true, "no": true, "vs": true, "etc": true, "inc": true,
	"co": true, "ltd": true, "u.s": true, "u.k": true, "d.c": true, "a.m": true, "p.m": true,
	"u.n": true, "e.g": true, "i.e": true, "jan": true, "feb": true, "aug": true, "sept": true,
	"oct": true, "nov": true, "dec": true,
}

// Sentences returns the spans of the sentences in text, trimmed of white
// space. A sentence ends at . ! ? or … (with any closing quotes or brackets)
// followed by white space and a capital, digit or opening quote — unless the
// period closes a known abbreviation ("U.S.", "Col.") or an initial.
func Sentences(text string) []Span {
	var spans []Span
	start := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		if r != '.' && r != '!' && r != '?' && r != '…' {
			continue
		}
		end := i
		for end < len(text) {
			c, m := utf8.DecodeRuneInString(text[end:])
			if !strings.ContainsRune(`"'”’)]`, c) {
				break
			}
			end += m
		}
		next := end
		for next < len(text) {
			c, m := utf8.DecodeRuneInString(text[next:])
			if !unicode.IsSpace(c) {
				break
			}
			next += m
		}
		if next == end && next < len(text) {
			continue // no space after the stop: "2.5", "U.S.-led"
		}
		if next < len(text) {
			c, _ := utf8.DecodeRuneInString(text[next:])
			if !(unicode.IsUpper(c) || unicode.IsDigit(c) || strings.ContainsRune(`"“‘(`, c)) {
				continue
			}
		}
		if r == '.' && isAbbreviation(text[start:i-1]) {
			continue
		}
		if s, e := trimSpan(text, start, end); s < e {
			spans = append(spans, Span{s, e})
		}
		start = next
		i = next
	}
	if s, e := trimSpan(text, start, len(text)); s < e {
		spans = append(spans, Span{s, e})
	}
	return spans
}

// isAbbreviation reports whether the word ending before a period (the end of
// before) is an abbreviation or a single-letter initial.
func isAbbreviation(before string) bool {
	i := strings.LastIndexFunc(before, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(`"“(‘`, r) })
	word := strings.ToLower(before[i+1:])
	if abbreviations[word] {
		return true
	}
	return utf8.RuneCountInString(word) == 1 && unicode.IsLetter([]rune(word)[0])
}
