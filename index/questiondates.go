package index

import (
	"slices"
	"strings"
	"time"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/knowledge/lexicon"
)

// questionDates finds the dates a question names — "June 27", "the 8th of
// May", "March 2020", "2019", "early June", "the end of March", "6/27",
// "2021-06-27" — and ranges between them ("between June 6 and June 9",
// "after June 27"), marking their words used.
func (ix *Index) questionDates(question string, toks []knowledge.Token, used []bool) ([]DateSpan, []string) {
	ms := ix.dateMentions(toks)
	// Dates in figures join those in words, in the question's order, so
	// "after 6/27" and "between 6/9 and 6/27" are ranges too.
	found, impossible := numericDates(question, toks, ix.grammar.timeOpeners)
	for _, n := range found {
		ms = slices.DeleteFunc(ms, func(m dateMention) bool { return m.from < n.to && n.from < m.to })
		ms = append(ms, n)
	}
	slices.SortFunc(ms, func(a, b dateMention) int { return a.from - b.from })
	// A month's span narrows to the part of it the words before name.
	spans := make([]DateSpan, len(ms))
	for k := range ms {
		spans[k] = DateSpan{From: ms[k].date, To: ms[k].date}
		if ms[k].date.Day == 0 && ms[k].date.Month != 0 {
			ms[k].from = ix.grammar.monthPart(toks, ms[k].from, &spans[k])
		}
	}
	words := func(from, to int) string {
		if start, end := toks[from].Start, toks[to-1].End; start < end && end <= len(question) {
			return question[start:end]
		}
		return joinRaw(toks[from:to])
	}
	var out []DateSpan
	for k := 0; k < len(ms); k++ {
		m, span := ms[k], spans[k]
		for i := m.from; i < m.to; i++ {
			used[i] = true
		}
		span.Word = words(m.from, m.to)
		switch prev := prevNorm(toks, m.from); prev {
		case "after", "since":
			// "after June 27" opens on the 28th; "since June 28" on the day.
			if prev == "after" {
				span.From = nextOf(span.To)
			}
			span.To = knowledge.Date{}
			span.Word = words(m.from-1, m.to)
			used[m.from-1] = true
		case "before", "until", "till":
			if prev == "before" {
				span.To = previousOf(span.From)
			}
			span.From = knowledge.Date{}
			span.Word = words(m.from-1, m.to)
			used[m.from-1] = true
		case "between", "from":
			if k+1 < len(ms) && ms[k+1].from == m.to+1 {
				link := toks[m.to].Norm
				if link == "and" || link == "to" || link == "until" || link == "through" || link == "till" {
					next := ms[k+1]
					for i := next.from; i < next.to; i++ {
						used[i] = true
					}
					span.To = spans[k+1].To
					// One year written serves both ends: "between June 6
					// and June 9, 2021", "from December 20, 2020 to
					// January 5" (the new year's January).
					switch {
					case span.To.Year == 0 && span.From.Year != 0:
						span.To.Year = span.From.Year
						if span.To.Before(span.From) && !span.From.Overlaps(span.To) {
							span.To.Year++
						}
					case span.From.Year == 0 && span.To.Year != 0:
						span.From.Year = span.To.Year
						if span.To.Before(span.From) && !span.From.Overlaps(span.To) {
							span.From.Year--
						}
					}
					span.Word = words(m.from-1, next.to)
					k++
				}
			}
			used[m.from-1] = true
		}
		out = append(out, span)
	}
	return out, impossible
}

// numericDates finds dates written in figures: "2021-06-27", "6/27/21",
// "27/06/2021" and "6/27", read month first unless the first figure cannot
// be a month. Figures joined by "-" or "." are a date only in three parts
// ("June 9-12" is a range of days, "2-3" a count, "1.5" a number); two
// figures are a date only joined by "/", and read day first only with the
// month in two digits ("27/06") or after a word that opens a time (openers:
// "on 28/6", "since 28/6"; "attacking 24/7" names none). A date right after
// a month's name is a range of its days, not a date.
//
// A date that does not exist ("2021-02-30", "13/13/2021", "6/31") is no
// number of anything: why it does not exist is returned, to be told.
func numericDates(question string, toks []knowledge.Token, openers map[string]bool) ([]dateMention, []string) {
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
	var impossible []string
	for i := 0; i < len(toks); i++ {
		a, alen, ok := digits(i)
		s := sep(i)
		if !ok || s == "" {
			continue
		}
		if _, month := knowledge.Month(prevNorm(toks, i)); month {
			continue // "June 9-12", "June 9/10": days of that month
		}
		b, blen, ok := digits(i + 1)
		if !ok {
			continue
		}
		c, clen, third := digits(i + 2)
		// The third figure is a day after a year, else a year in two or
		// four figures.
		third = third && sep(i+1) == s && (alen == 4 || clen == 2 || clen == 4)
		if !third && s != "/" {
			continue
		}
		var d knowledge.Date
		switch {
		case alen == 4 && third: // 2021-06-27
			d = knowledge.Date{Year: a, Month: b, Day: c}
		case alen == 4:
			continue
		case a > 12 && (third || blen == 2 || openers[prevNorm(toks, i)]): // 27/06, on 28/6
			d = knowledge.Date{Month: b, Day: a}
		case a > 12:
			continue // "24/7"
		default: // 6/27
			d = knowledge.Date{Month: a, Day: b}
		}
		end := i + 2
		if third {
			end = i + 3
			switch {
			case alen == 4:
			case clen == 2:
				d.Year = knowledge.FullYear(c)
			default:
				d.Year = c
			}
		}
		if d.Year != 0 && (d.Year < 1900 || d.Year > 2100) {
			continue
		}
		if err := d.Valid(); err != nil || d.Month == 0 || d.Day == 0 {
			// "6/31" is a day June lacks; "13/13" may be no date at all.
			plausible := third || d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= 31
			if plausible && err != nil {
				if !slices.Contains(impossible, err.Error()) {
					impossible = append(impossible, err.Error())
				}
				i = end - 1 // its figures are no other date ("6/31" of "2021/6/31")
			}
			continue
		}
		out = append(out, dateMention{date: d, from: i, to: end})
		i = end - 1
	}
	return out, impossible
}

// prevNorm is the folded word before token i, or "".
func prevNorm(toks []knowledge.Token, i int) string {
	if i == 0 {
		return ""
	}
	return toks[i-1].Norm
}

// monthPart narrows span, a month named at token from, to the part of it
// the words before name — "early June", "mid-May", or before "of": "the
// end of March", "the first week of July" — and returns the token its
// words now start at.
func (g *grammar) monthPart(toks []knowledge.Token, from int, span *DateSpan) int {
	at, parts := from-1, g.monthParts.Before
	if at >= 1 && toks[at].Norm == "of" {
		at, parts = at-1, g.monthParts.Of
		if at >= 1 && toks[at].Norm == "week" {
			at, parts = at-1, g.monthParts.Weeks // "the first week of July"
		}
	}
	if at < 0 {
		return from
	}
	days, ok := parts[toks[at].Norm]
	if !ok {
		return from
	}
	span.From.Day, span.To.Day = days[0], min(days[1], lastDay(span.From.Year, span.From.Month))
	return at
}

// lastDay is the last day a month can have: in a year, if given (year 0
// is a leap year, so a February of no year has 29 days).
func lastDay(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
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
// alone. "may" in lower case counts as a month only beside a day or a
// year, or after a word that opens a time ("in may").
func (ix *Index) dateMentions(toks []knowledge.Token) []dateMention {
	// A day is a figure ("27", "27th") or a number word: an ordinal
	// ("ninth") on either side of the month, a cardinal only after it
	// ("June nine"; "five June attacks" count).
	day := func(i int) (int, bool) {
		if i < 0 || i >= len(toks) || toks[i].Norm == "" {
			return 0, false
		}
		w := toks[i].Norm
		if !ix.forms.ordinal(w) && (len(w) > 4 || w[0] > '9' && i < len(toks)-1 && monthAt(toks, i+1)) {
			return 0, false
		}
		// Half of a compound ("twenty-seventh", "thirty first") is no
		// day alone (compound reads it whole): not the 7th, nor the 20th.
		if i > 0 && tens(ix.forms, toks[i-1].Norm) || i+1 < len(toks) && tens(ix.forms, w) && w[0] > '9' && isNumberWord(ix.forms, toks[i+1].Norm) {
			return 0, false
		}
		v, ok := ix.forms.number(w)
		return v, ok && v >= 1 && v <= 31
	}
	// compound reads a day in two number words from token i: "twenty
	// seventh", "thirty-first".
	compound := func(i int) (int, bool) {
		if i < 0 || i+1 >= len(toks) || !tens(ix.forms, toks[i].Norm) || !isNumberWord(ix.forms, toks[i+1].Norm) {
			return 0, false
		}
		t, _ := ix.forms.number(toks[i].Norm)
		u, _ := ix.forms.number(toks[i+1].Norm)
		return t + u, u >= 1 && u <= 9 && t+u <= 31
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
		m, ok := knowledge.Month(t.Norm)
		slipped := false // "februay 25", "decembr 2019": a day or a year must stand beside it
		if !ok {
			m, ok = ix.monthSlip(t.Norm)
			slipped = ok
		}
		if ok && (len(t.Norm) > 3 || t.Raw != t.Norm || ix.grammar.monthContext(toks, i, day, year)) {
			d := dateMention{date: knowledge.Date{Month: int(m)}, from: i, to: i + 1}
			switch {
			case i >= 1:
				if v, ok := compound(i - 2); ok {
					d.date.Day, d.from = v, i-2
				} else if v, ok := day(i - 1); ok {
					d.date.Day, d.from = v, i-1
				} else if toks[i-1].Norm == "of" {
					if v, ok := compound(i - 3); ok {
						d.date.Day, d.from = v, i-3
					} else if v, ok := day(i - 2); ok {
						d.date.Day, d.from = v, i-2
					}
				}
			}
			if d.date.Day == 0 {
				if v, ok := compound(i + 1); ok {
					d.date.Day, d.to = v, i+3
				} else if v, ok := day(i + 1); ok {
					d.date.Day, d.to = v, i+2
				}
			}
			if y, ok := year(d.to); ok {
				d.date.Year, d.to = y, d.to+1
			}
			if slipped && d.date.Day == 0 && d.date.Year == 0 {
				continue // a word only like a month
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
			continue
		}
		if m, ok := ix.grammar.yearPart(toks, i); ok {
			from := i - 3
			if from > 0 && toks[from-1].Norm == "the" {
				from-- // "since the start of the year"
			}
			d := dateMention{date: knowledge.Date{Month: m}, from: from, to: i + 1}
			if y, ok := year(i + 1); ok {
				d.date.Year, d.to = y, i+2 // "the end of the year 2020"
			}
			out = append(out, d)
			taken = d.to - 1
		}
	}
	return out
}

// yearPart reads "the start of the year" or "of this year" (or its end)
// ending at token i as the year's first (last) month: the parts of a month
// that open or close it (month_parts) open or close a year too. A part in
// between names no month, nor does "last year", whose year is not the
// sources'.
func (g *grammar) yearPart(toks []knowledge.Token, i int) (int, bool) {
	if toks[i].Norm != "year" || i < 3 || toks[i-1].Norm != "the" && toks[i-1].Norm != "this" || toks[i-2].Norm != "of" {
		return 0, false
	}
	days, ok := g.monthParts.Of[toks[i-3].Norm]
	switch {
	case !ok:
		return 0, false
	case days[0] == 1:
		return 1, true
	case days[1] == 31:
		return 12, true
	}
	return 0, false
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
		switch {
		case s.To == (knowledge.Date{}):
			hi = 1231
		case s.To.Day == 0:
			hi += 31 // "until July": all of July
		}
		k := key(d)
		if d.Day == 0 {
			// A month of no day is in the span if one of its days is.
			first, last := d.Month*100+1, d.Month*100+31
			if lo > hi {
				return last >= lo || first <= hi
			}
			return last >= lo && first <= hi
		}
		if lo > hi {
			return k >= lo || k <= hi // across the year's end: December to January
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
	// Two letters of a stop word or a question word swapped ("teh",
	// "adn", "sya") is that word, if it is no English word itself ("form"
	// is not "from").
	for i := 0; i+1 < len(w) && !lexicon.Common(w); i++ {
		b := []byte(w)
		b[i], b[i+1] = b[i+1], b[i]
		if s := string(b); s != w && (ix.stem(s) == "" || ix.questionWords[s] && !ix.isNumber(s)) {
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
// abbreviate a month ("feb", "mar") or be one ("may", else the verb)
// stands where a date does: beside a day or a year, or after a word that
// opens a time ("the feb strikes", "since dec", "in may").
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
	return g.timeOpeners[toks[i-1].Norm]
}

// isNumber reports whether a word is a number ("two"): "wto" is no slip of
// it.
func (ix *Index) isNumber(w string) bool {
	_, ok := ix.forms.number(w)
	return ok
}

// monthSlip returns the month a word of five letters or more that is no
// word of the corpus or of English is one slip from naming, its first
// letter kept: "februay", "decembr".
func (ix *Index) monthSlip(word string) (time.Month, bool) {
	if len(word) < 5 || lexicon.Common(word) {
		return 0, false
	}
	if _, ok := ix.meta.Vocab[word]; ok {
		return 0, false
	}
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if name[0] == word[0] && slip(word, name) {
			return m, true
		}
	}
	return 0, false
}

// monthAt reports whether token i names a month.
func monthAt(toks []knowledge.Token, i int) bool {
	_, ok := knowledge.Month(toks[i].Norm)
	return ok
}

// nextOf returns the day or year after d: 28 June after 27 June, 2022
// after 2021 (shift).
func nextOf(d knowledge.Date) knowledge.Date {
	return shift(d, 1)
}

// previousOf returns the day or year before d (shift).
func previousOf(d knowledge.Date) knowledge.Date {
	return shift(d, -1)
}

// shift moves a day or a year by n of its own unit; a day of no year
// moves within a leap year and stays of no year. A month stays as it is:
// "before the end of the year" is before December's end, and "after
// June" may well mean from June on.
func shift(d knowledge.Date, n int) knowledge.Date {
	y := d.Year
	if y == 0 {
		y = 2020
	}
	switch {
	case d.Month == 0:
		if d.Year == 0 {
			return d
		}
		return knowledge.Date{Year: d.Year + n}
	case d.Day == 0:
		return d
	}
	t := time.Date(y, time.Month(d.Month), d.Day+n, 0, 0, 0, 0, time.UTC)
	out := knowledge.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	if d.Year == 0 {
		if t.Year() != y {
			// "after December 31" of no year: no later day in it to
			// open on, and wrapping round would hold the whole year.
			return d
		}
		out.Year = 0
	}
	return out
}

// tens reports whether w is a number word of tens a day may open with:
// "twenty", "thirty".
func tens(f *forms, w string) bool {
	v, ok := f.number(w)
	return ok && (v == 20 || v == 30) && w[0] > '9'
}

// isNumberWord reports whether w is a number written in letters.
func isNumberWord(f *forms, w string) bool {
	_, ok := f.number(w)
	return ok && w != "" && w[0] > '9'
}
