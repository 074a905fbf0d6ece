package index

import (
	"slices"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

// dateIn returns how many dates sentences lo..hi write.
func (f *featurer) dateIn(a *analyzed, lo, hi int) int {
	n := 0
	for _, d := range a.dates {
		if s := a.sentOf[d.from]; s >= lo && s <= hi {
			n++
		}
	}
	return n
}

// datesIn counts the question's dates that sentences lo..hi or the label
// of candidate h agree with.
func (f *featurer) datesIn(h *Hit, a, label *analyzed, lo, hi int) int {
	if len(f.q.Dates) == 0 {
		return 0
	}
	have := f.withYears(h, datesHeld(a, label, lo, hi))
	n := 0
	for _, w := range f.q.Dates {
		if dateAgreement([]DateSpan{w}, have) > 0 {
			n++
		}
	}
	return n
}

// dateAgreement compares the question's dates with those of the window and
// the label.
func (f *featurer) dateAgreement(h *Hit, a, label *analyzed, lo, hi int) float64 {
	if len(f.q.Dates) == 0 {
		return 0
	}
	return dateAgreement(f.q.Dates, f.withYears(h, datesHeld(a, label, lo, hi)))
}

// withYears gives the dates a candidate writes without a year ("On June
// 28, U.S. forces … came under fire") the year of an event recorded from
// it on that day or in that month or, failing one, the year all the events
// recorded from it share, when the question's dates have a year: such a
// day is of that year, not of every year. The dates are changed in place.
func (f *featurer) withYears(h *Hit, have []knowledge.Date) []knowledge.Date {
	if !f.yearAsked {
		return have
	}
	var events []knowledge.Date
	for i, d := range have {
		if d.Year != 0 || d.Month == 0 {
			continue
		}
		if events == nil {
			recorded := f.ix.eventDates()
			events = append(append(events, recorded[h.ID]...), recorded[h.Cites]...)
			if len(events) == 0 {
				return have
			}
		}
		if y := oneYear(events, func(e knowledge.Date) bool {
			return e.Month == d.Month && (d.Day == 0 || e.Day == 0 || e.Day == d.Day)
		}); y != 0 {
			have[i].Year = y
		} else if y := oneYear(events, func(knowledge.Date) bool { return true }); y != 0 {
			have[i].Year = y
		}
	}
	return have
}

// oneYear returns the year every date for which ok holds has, or 0 when
// there is none or they have two.
func oneYear(dates []knowledge.Date, ok func(knowledge.Date) bool) int {
	year := 0
	for _, d := range dates {
		if d.Year == 0 || !ok(d) {
			continue
		}
		if year != 0 && year != d.Year {
			return 0
		}
		year = d.Year
	}
	return year
}

// datesHeld returns the dates sentences lo..hi write, with the label's.
func datesHeld(a, label *analyzed, lo, hi int) []knowledge.Date {
	var have []knowledge.Date
	for _, d := range a.dates {
		if s := a.sentOf[d.from]; s >= lo && s <= hi {
			have = append(have, d.date)
		}
	}
	if label != nil {
		for _, d := range label.dates {
			have = append(have, d.date)
		}
	}
	return have
}

// speaker is 1 when the candidate is the asked speaker's own words: a
// statement labelled with their name, or a quote record of theirs.
func (f *featurer) speaker(h Hit, a, label *analyzed, lo, hi int) float64 {
	if f.q.Speaker == "" || label == nil {
		return 0
	}
	if h.Kind == string(seeds.KindStatement) && !quoted(h.Text, seeds.Span{Start: a.sents[lo].Start, End: a.sents[hi].End}) {
		return 0 // the narrative between a statement's quotations
	}
	if h.Kind != string(seeds.KindStatement) && h.Kind != "quote" {
		// Narrative: "…," Khatibzadeh said; Iran called on the U.S. to …
		from, to := tokensIn(a, lo, hi)
		for _, m := range a.mentions {
			if !f.speaks(m.ID) {
				continue
			}
			for i := from; i < to; i++ {
				t := a.toks[i]
				near := (t.Start >= m.End && t.Start-m.End < 12) || (m.Start >= t.End && m.Start-t.End < 12)
				if near && f.ix.grammar.speech[t.Norm] {
					return 0.5
				}
			}
		}
		return 0
	}
	for _, m := range label.mentions {
		if f.speaks(m.ID) {
			return 1
		}
		if h.Kind == "quote" {
			// A quotation's label is its speaker, then its context:
			// "Jen Psaki on the Iran deal" is not Iran's words.
			break
		}
	}
	return 0
}

// speaks reports whether an actor is the asked speaker or speaks for it.
func (f *featurer) speaks(id string) bool {
	for _, inst := range f.ix.kb.SpeaksFor(id) {
		if inst == f.q.Speaker {
			return true
		}
	}
	return false
}

// lacking names the question's terms and actors a candidate does not hold.
func (f *featurer) lacking(r *Ranked) []string {
	text, label := r.textA, r.labelA
	if text == nil {
		text, label = f.ix.analyze(r.Text), f.ix.analyze(r.Label)
	}
	fd, lab := f.find(text), f.find(label)
	var out []string
	for i, t := range f.q.Terms {
		if i >= 64 || (fd.all|lab.all)&(1<<i) == 0 {
			out = append(out, t.Word)
		}
	}
	for i, e := range f.q.Entities {
		// A yes/no question's actor met only by a title is not met.
		met := fd.allEnt | lab.allEnt
		if f.q.YesNo {
			met = fd.byName | lab.allEnt
		}
		if i >= 64 || met&(1<<i) == 0 {
			out = append(out, e.Word)
		}
	}
	return out
}

// proximity scores how tightly sentences lo..hi hold the question's terms
// and actors: the number of distinct ones matched over the length, in
// words, of the shortest stretch that holds them all. One match alone
// scores 1; none scores 0.
func (f *featurer) proximity(a *analyzed, lo, hi int) float64 {
	from, to := tokensIn(a, lo, hi)
	type pos struct {
		i    int
		mask uint64
	}
	f.masks = slices.Grow(f.masks[:0], to-from)[:to-from]
	masks := f.masks
	clear(masks)
	for i := from; i < to; i++ {
		masks[i-from] = f.termMask(a.stems[i])
	}
	if len(f.ents) > 0 {
		for _, mt := range a.mentions {
			var em uint64
			for _, id := range f.ix.kb.Institutions(mt.ID) {
				if k, ok := f.ents[id]; ok && k < 64 {
					em |= 1 << (63 - k) // actors from the top bit down
				}
			}
			if em == 0 {
				continue
			}
			for i := from; i < to; i++ {
				if a.toks[i].Start >= mt.Start && a.toks[i].End <= mt.End {
					masks[i-from] |= em
				}
			}
		}
	}
	var ps []pos
	var all uint64
	for i, m := range masks {
		if m != 0 {
			ps = append(ps, pos{from + i, m})
			all |= m
		}
	}
	n := popcount(all)
	if n <= 1 {
		return float64(n)
	}
	best := to - from + 1
	for s := range ps {
		var have uint64
		for e := s; e < len(ps); e++ {
			have |= ps[e].mask
			if have == all {
				best = min(best, ps[e].i-ps[s].i+1)
				break
			}
		}
	}
	return min(1, float64(n)/float64(best))
}
