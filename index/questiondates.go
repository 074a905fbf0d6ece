package index

import (
	"strings"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/knowledge/lexicon"
)

// questionDates finds the dates a question names — "June 27", "the 8th of
// May", "March 2020", "2019" — and ranges between them ("between June 6
// and June 9", "after June 27"), marking their words used.
func (ix *Index) questionDates(question string, toks []knowledge.Token, used []bool) []DateSpan {
	var out []DateSpan
	for _, m := range numericDates(question, toks) {
		for i := m.from; i < m.to; i++ {
			used[i] = true
		}
		out = append(out, DateSpan{From: m.date, To: m.date, Word: question[toks[m.from].Start:toks[m.to-1].End]})
	}
	ms := ix.dateMentions(toks)
	for k := 0; k < len(ms); k++ {
		m := ms[k]
		if used[m.from] {
			continue // part of a date written in figures
		}
		for i := m.from; i < m.to; i++ {
			used[i] = true
		}
		span := DateSpan{From: m.date, To: m.date, Word: joinRaw(toks[m.from:m.to])}
		if m.date.Day == 0 && m.date.Month != 0 {
			at := ix.grammar.monthPart(toks, m.from, &span)
			for ; m.from > at; m.from-- {
				used[m.from-1] = true
			}
			span.Word = joinRaw(toks[m.from:m.to])
		}
		prev := ""
		if m.from > 0 {
			prev = toks[m.from-1].Norm
		}
		switch prev {
		case "after", "since":
			span.To = knowledge.Date{}
			used[m.from-1] = true
		case "before", "until", "till":
			span.From = knowledge.Date{}
			used[m.from-1] = true
		case "between", "from":
			if k+1 < len(ms) && ms[k+1].from == m.to+1 {
				link := toks[m.to].Norm
				if link == "and" || link == "to" || link == "until" || link == "through" || link == "till" {
					next := ms[k+1]
					for i := next.from; i < next.to; i++ {
						used[i] = true
					}
					span.To = next.date
					if span.To.Year == 0 && span.From.Year != 0 {
						span.To.Year = span.From.Year
					}
					span.Word = joinRaw(toks[m.from-1 : next.to])
					k++
				}
			}
			used[m.from-1] = true
		}
		out = append(out, span)
	}
	return out
}

// numericDates finds dates written in figures: "2021-06-27", and "6/27",
// "6/27/21" or "27/06/2021", read month first unless the first figure
// cannot be a month. The figures must be joined by one "/", "-" or ".",
// the same each time.
func numericDates(question string, toks []knowledge.Token) []dateMention {
	digits := func(i int) (int, int, bool) {
		if i >= len(toks) {
			return 0, 0, false
		}
		n := toks[i].Norm
		if len(n) == 0 || len(n) > 4 {
			return 0, 0, false
		}
		v := 0
		for _, c := range n {
			if c < '0' || c > '9' {
				return 0, 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, len(n), true
	}
	sep := func(i int) string {
		// A chat word put in plain words is several tokens over one span.
		if i+1 >= len(toks) || toks[i].End > toks[i+1].Start || toks[i+1].Start > len(question) {
			return ""
		}
		s := question[toks[i].End:toks[i+1].Start]
		if s == "/" || s == "-" || s == "." {
			return s
		}
		return ""
	}
	var out []dateMention
	for i := 0; i < len(toks); i++ {
		a, alen, ok := digits(i)
		s := sep(i)
		if !ok || s == "" {
			continue
		}
		b, _, ok := digits(i + 1)
		if !ok {
			continue
		}
		c, clen, third := digits(i + 2)
		third = third && sep(i+1) == s
		var d knowledge.Date
		switch {
		case alen == 4 && third: // 2021-06-27
			d = knowledge.Date{Year: a, Month: b, Day: c}
		case alen == 4:
			continue
		case a > 12: // 27/06
			d = knowledge.Date{Month: b, Day: a}
		default: // 6/27
			d = knowledge.Date{Month: a, Day: b}
		}
		end := i + 2
		if alen != 4 && third && (clen == 4 || clen == 2) {
			d.Year, end = c, i+3
			if clen == 2 {
				d.Year += 2000
			}
		}
		if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > lastDay(d.Month) || d.Year != 0 && (d.Year < 1900 || d.Year > 2100) {
			continue
		}
		if alen == 4 {
			end = i + 3
		}
		out = append(out, dateMention{date: d, from: i, to: end})
		i = end - 1
	}
	return out
}

// monthPart narrows span, a month named at token from, to the part of it
// the words before name ("early June", "the end of March"), and returns
// the token its words now start at.
func (g *grammar) monthPart(toks []knowledge.Token, from int, span *DateSpan) int {
	at := from - 1
	if at >= 1 && toks[at].Norm == "of" {
		at--
	}
	if at < 0 {
		return from
	}
	days, ok := g.monthParts[toks[at].Norm]
	if !ok {
		return from
	}
	span.From.Day, span.To.Day = days[0], min(days[1], lastDay(span.From.Month))
	return at
}

// lastDay is the last day a month can have.
func lastDay(month int) int {
	switch month {
	case 2:
		return 29
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func joinRaw(toks []knowledge.Token) string {
	var parts []string
	for _, t := range toks {
		parts = append(parts, t.Raw)
	}
	return strings.Join(parts, " ")
}

// dateMention is a date written in a text, over tokens [from, to).
type dateMention struct {
	date     knowledge.Date
	from, to int
}

// dateMentions finds dates in tokens: a month with a day before or after it
// (ordinals and "the 8th of May" included) and a year after it, or a year
// alone. "may" in lower case counts as a month only beside a day.
func (ix *Index) dateMentions(toks []knowledge.Token) []dateMention {
	day := func(i int) (int, bool) {
		if i < 0 || i >= len(toks) || len(toks[i].Norm) > 4 {
			return 0, false
		}
		v, ok := ix.forms.number(toks[i].Norm)
		return v, ok && v >= 1 && v <= 31
	}
	year := func(i int) (int, bool) {
		if i < 0 || i >= len(toks) || len(toks[i].Norm) != 4 {
			return 0, false
		}
		v, ok := ix.forms.number(toks[i].Norm)
		return v, ok && v >= 1900 && v <= 2100
	}
	var out []dateMention
	taken := -1
	for i, t := range toks {
		if i <= taken {
			continue
		}
		if m, ok := knowledge.Month(t.Norm); ok && (len(t.Norm) > 3 || t.Raw != t.Norm || ix.grammar.monthContext(toks, i, day, year)) {
			d := dateMention{date: knowledge.Date{Month: int(m)}, from: i, to: i + 1}
			switch {
			case i >= 1:
				if v, ok := day(i - 1); ok {
					d.date.Day, d.from = v, i-1
				} else if toks[i-1].Norm == "of" {
					if v, ok := day(i - 2); ok {
						d.date.Day, d.from = v, i-2
					}
				}
			}
			if d.date.Day == 0 {
				if v, ok := day(i + 1); ok {
					d.date.Day, d.to = v, i+2
				}
			}
			if y, ok := year(d.to); ok {
				d.date.Year, d.to = y, d.to+1
			}
			if t.Norm == "may" && t.Raw == "may" && d.date.Day == 0 {
				continue // the verb
			}
			if d.from > 0 && toks[d.from-1].Norm == "the" && d.date.Day != 0 && d.from < i {
				d.from--
			}
			out = append(out, d)
			taken = d.to - 1
			continue
		}
		if y, ok := year(i); ok {
			out = append(out, dateMention{date: knowledge.Date{Year: y}, from: i, to: i + 1})
		}
	}
	return out
}

// dateAgreement compares the dates a question names with those of a
// candidate: 1 when one overlaps, -1 when the candidate names only other
// dates, 0 when either names none. A date without a year matches any year.
func dateAgreement(want []DateSpan, have []knowledge.Date) float64 {
	if len(want) == 0 || len(have) == 0 {
		return 0
	}
	comparable := false
	for _, w := range want {
		for _, h := range have {
			if inSpan(h, w) {
				return 1
			}
			// A year alone against a day without a year says nothing.
			if (h.Year != 0 || h.Month != 0) && !(h.Year == 0 && w.From.Month == 0 && w.To.Month == 0) && !(h.Month == 0 && w.From.Year == 0 && w.To.Year == 0) {
				comparable = true
			}
		}
	}
	if comparable {
		return -1
	}
	return 0
}

// inSpan reports whether a date falls in a span, comparing only what both
// state: a date without a year matches on month and day.
func inSpan(d knowledge.Date, s DateSpan) bool {
	yearOnly := func(x knowledge.Date) bool { return x.Year != 0 && x.Month == 0 }
	if (yearOnly(d) && s.From.Year == 0 && s.To.Year == 0) || (d.Year == 0 && (yearOnly(s.From) || yearOnly(s.To))) {
		return false // a year against a day of no year: nothing to compare
	}
	if s.From == s.To {
		return d.Overlaps(s.From)
	}
	if d.Year == 0 || (s.From.Year == 0 && s.To.Year == 0) {
		key := func(x knowledge.Date) int { return x.Month*100 + x.Day }
		if d.Month == 0 {
			return false
		}
		lo, hi := key(s.From), key(s.To)
		if s.To == (knowledge.Date{}) {
			hi = 1231
		}
		k := key(d)
		if d.Day == 0 {
			return d.Month >= s.From.Month && (s.To.Month == 0 || d.Month <= s.To.Month)
		}
		return k >= lo && k <= hi
	}
	return d.InRange(s.From, s.To)
}

func normsEqual(toks []knowledge.Token, words []string) bool {
	for i, w := range words {
		if toks[i].Norm != w {
			return false
		}
	}
	return true
}

// shapeWord reports whether a word the corpus does not use is a question
// word written casually — "whats", "wat", "whta" — or a lone letter ("r"
// for "are"): it shapes the question and names nothing.
func (ix *Index) shapeWord(w string) bool {
	if _, known := ix.meta.Vocab[w]; known {
		return false
	}
	if len(w) == 1 {
		return w[0] < '0' || w[0] > '9'
	}
	for wh := range ix.grammar.wh {
		if w == wh+"s" || (len(w) >= 3 && w[0] == wh[0] && knowledge.WithinOneEdit(w, wh)) {
			return true
		}
	}
	// Two letters of a stop word swapped ("teh", "adn") is that word, if
	// it is no English word itself ("form" is not "from").
	for i := 0; i+1 < len(w) && !lexicon.Common(w); i++ {
		b := []byte(w)
		b[i], b[i+1] = b[i+1], b[i]
		if s := string(b); s != w && ix.stem(s) == "" {
			return true
		}
	}
	// A word the corpus does not know, one slip from a word that only
	// shapes questions ("happend", "actualy"), is that word mistyped: it
	// must not weigh as a rare term the sources lack.
	if len(w) < 4 || ix.byStem[ix.stem(w)] {
		return false
	}
	for _, set := range []map[string]bool{ix.questionWords, ix.grammar.aux} {
		for q := range set {
			if len(q) >= 4 && q[0] == w[0] && slip(w, q) {
				return true
			}
		}
	}
	return false
}

// monthContext reports whether a lower-case three-letter word that may
// abbreviate a month ("feb", "mar") stands where a date does: beside a day
// or a year, or after a word that opens a time ("the feb strikes", "since
// dec").
func (g *grammar) monthContext(toks []knowledge.Token, i int, day, year func(int) (int, bool)) bool {
	if _, ok := day(i + 1); ok {
		return true
	}
	if _, ok := year(i + 1); ok {
		return true
	}
	if i == 0 {
		return false
	}
	if _, ok := day(i - 1); ok {
		return true
	}
	return g.timeOpeners[toks[i-1].Norm] && toks[i].Norm != "may"
}
