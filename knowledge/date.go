package knowledge

import (
	"errors"
	"fmt"
	"iter"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"gopkg.in/yaml.v3"
)

// Date is a calendar date known to a precision: a day, a month or a year.
// Month and Day are 0 when not known.
type Date struct {
	Year  int `json:"year,omitempty"`
	Month int `json:"month,omitempty"`
	Day   int `json:"day,omitempty"`
}

// ParseISO reads YYYY-MM-DD, YYYY-MM or YYYY, rejecting impossible dates.
func ParseISO(s string) (Date, error) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD, YYYY-MM or YYYY", s)
	}
	var d Date
	nums := []*int{&d.Year, &d.Month, &d.Day}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || !digits(p) || (i > 0 && len(p) != 2) {
			return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD, YYYY-MM or YYYY", s)
		}
		*nums[i] = n
	}
	// Month and Day are 0 when not known; a 0 written is no month or day.
	switch {
	case d.Year == 0:
		return Date{}, fmt.Errorf("date %q: %w", s, errors.New("there is no year 0"))
	case len(parts) > 1 && d.Month == 0:
		return Date{}, fmt.Errorf("date %q: %w", s, errors.New("there is no month 0"))
	case len(parts) > 2 && d.Day == 0 && d.Month <= 12:
		return Date{}, fmt.Errorf("date %q: %w", s, fmt.Errorf("%s has no day 0", time.Month(d.Month)))
	}
	if err := d.Valid(); err != nil {
		return Date{}, fmt.Errorf("date %q: %w", s, err)
	}
	return d, nil
}

// digits reports whether s is ASCII figures only: no sign, no space.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Valid reports why a date does not exist ("February 2021 has no day
// 29"), or nil. A day and month without a year exist if they do in some
// year: 29 February does.
func (d Date) Valid() error {
	y := d.Year
	if y == 0 {
		y = 2020 // a leap year
	}
	err := Date{Year: y, Month: d.Month, Day: d.Day}.check()
	if err != nil && d.Year != 0 && d.Month >= 1 && d.Month <= 12 && d.Day > 0 {
		return fmt.Errorf("%s %d has no day %d", time.Month(d.Month), d.Year, d.Day)
	}
	return err
}

func (d Date) check() error {
	if d.Month < 0 || d.Month > 12 || (d.Month == 0 && d.Day != 0) {
		return fmt.Errorf("there is no month %d", d.Month)
	}
	if d.Day != 0 {
		t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		if t.Day() != d.Day || d.Day < 0 {
			return fmt.Errorf("%s has no day %d", time.Month(d.Month), d.Day)
		}
	}
	return nil
}

// ISO renders the date as ISO 8601 at its precision: 2021-06-27, 2021-04, 2014.
func (d Date) ISO() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Human renders the date for people: 27 June 2021, April 2021, 2014.
func (d Date) Human() string {
	switch {
	case d.Year == 0 && d.Month != 0 && d.Day != 0:
		return fmt.Sprintf("%d %s", d.Day, time.Month(d.Month))
	case d.Year == 0 && d.Month != 0:
		return time.Month(d.Month).String()
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return strconv.Itoa(d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%s %d", time.Month(d.Month), d.Year)
	}
	return fmt.Sprintf("%d %s %d", d.Day, time.Month(d.Month), d.Year)
}

// Before orders dates by full date, a less precise date first among those
// it contains (April 2021 before 14 April 2021).
func (d Date) Before(o Date) bool {
	if d.Year != o.Year {
		return d.Year < o.Year
	}
	if d.Month != o.Month {
		return d.Month < o.Month
	}
	return d.Day < o.Day
}

// Time returns the first day the date covers.
func (d Date) Time() time.Time { return d.first() }

// first and last return the first and last day the date covers.
func (d Date) first() time.Time {
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

func (d Date) last() time.Time {
	switch {
	case d.Month == 0:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	case d.Day == 0:
		return time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return d.first()
}

// Overlaps reports whether the two dates share a day. A date with no year
// (from "June 27") matches that month and day in any year.
func (d Date) Overlaps(o Date) bool {
	if d.Year == 0 || o.Year == 0 {
		return (d.Month == 0 || o.Month == 0 || d.Month == o.Month) && (d.Day == 0 || o.Day == 0 || d.Day == o.Day)
	}
	return !d.last().Before(o.first()) && !o.last().Before(d.first())
}

// InRange reports whether the date falls within [from, to]; a zero bound is
// open.
func (d Date) InRange(from, to Date) bool {
	if from.Year != 0 && d.last().Before(from.first()) {
		return false
	}
	if to.Year != 0 && d.first().After(to.last()) {
		return false
	}
	return true
}

var (
	isoLike       = regexp.MustCompile(`^\d{4}(-\d{1,2}){0,2}$`)
	slashISO      = regexp.MustCompile(`^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\s*$`)
	ordinalSuffix = regexp.MustCompile(`\b(\d{1,2})(?:st|nd|rd|th)\b`)
	slashDate     = regexp.MustCompile(`^(\d{1,2})([/.])(\d{1,2})(?:[/.](\d{2}|\d{4}))?$`)
)

// FullYear reads a year written in two figures: 21 is 2021, 99 is 1999 (70
// and over are of the 1900s).
func FullYear(yy int) int {
	if yy >= 70 {
		return 1900 + yy
	}
	return 2000 + yy
}

// monthNumber reads a month's name or its three-letter form.
func monthNumber(f string) (int, bool) {
	m, ok := Month(f)
	return int(m), ok
}

// UnmarshalYAML reads an ISO date, YYYY-MM-DD, YYYY-MM or YYYY.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return lineError(n, "date is not YYYY-MM-DD, YYYY-MM or YYYY")
	}
	v, err := ParseISO(n.Value)
	if err != nil {
		return lineError(n, "%v", err)
	}
	*d = v
	return nil
}

// ErrNotADate is wrapped by ParseLoose when the text is not a date at all,
// so callers can try it as words instead.
var ErrNotADate = errors.New("not a date")

// ParseLoose reads the ways people write dates: 2021-06-27, 2021-06,
// "June 27", "27 June 2021", "June 27, 2021", "the 27th of June 2021",
// "March 2020", "2020", "6/27/2021", "27/06/21", "6/27" (figures month
// first unless the first cannot be a month). A date without a year has
// Year 0. Impossible dates
// ("2021-13-45", "31/02/2021") are errors that say why; text that is not a
// date wraps ErrNotADate.
func ParseLoose(s string) (Date, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	// "27th", "1st": the figure ("august" keeps its "st").
	s = ordinalSuffix.ReplaceAllString(strings.ReplaceAll(s, ",", " "), "$1")
	// "2021/06/27", "2021.06.27": as ISO.
	if m := slashISO.FindStringSubmatch(s); m != nil {
		s = m[1] + "-" + m[2] + "-" + m[3]
	}
	s = strings.Join(strings.Fields(s), " ")
	if isoLike.MatchString(s) {
		parts := strings.Split(s, "-")
		for i := 1; i < len(parts); i++ {
			if len(parts[i]) == 1 {
				parts[i] = "0" + parts[i]
			}
		}
		d, err := ParseISO(strings.Join(parts, "-"))
		if inner := errors.Unwrap(err); inner != nil {
			return Date{}, fmt.Errorf("that is not a real date: %w", inner)
		} else if err != nil {
			return Date{}, errors.New("that is not a real date")
		}
		return d, nil
	}
	if m := slashDate.FindStringSubmatch(s); m != nil && (m[4] != "" || m[2] == "/") {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[3])
		y, _ := strconv.Atoi(m[4])
		switch {
		case m[4] == "":
			// "6/27": a day of no year; "6.27" is a number.
		case len(m[4]) == 2:
			y = FullYear(y)
		case y == 0:
			return Date{}, errors.New("that is not a real date: there is no year 0")
		}
		// Month first, as the sources (American) and ask read it, unless
		// the first figure cannot be a month ("27/06/2021").
		d := Date{Year: y, Month: a, Day: b}
		if a > 12 {
			d = Date{Year: y, Month: b, Day: a}
		}
		if err := d.Valid(); err != nil {
			return Date{}, fmt.Errorf("that is not a real date: %w", err)
		}
		return d, nil
	}
	var d Date
	dayZero := false // "0 June" is no day; "0" alone is no date
	for _, f := range strings.Fields(s) {
		// "Sept. 27", "27 June 2021.": AP's abbreviations, a sentence's stop.
		f = strings.TrimSuffix(f, ".")
		if f == "the" || f == "of" {
			continue // "the 27th of June"
		}
		if m, ok := monthNumber(f); ok && d.Month == 0 {
			d.Month = m
			continue
		}
		n, err := strconv.Atoi(f)
		switch {
		case err != nil:
			return Date{}, fmt.Errorf("%q: %w", s, ErrNotADate)
		case len(f) == 4 && n == 0:
			return Date{}, errors.New("that is not a real date: there is no year 0")
		case len(f) == 4 && d.Year == 0:
			d.Year = n
		case len(f) <= 2 && d.Day == 0 && n == 0 && !dayZero:
			dayZero = true
		case len(f) <= 2 && d.Day == 0:
			d.Day = n
		default:
			return Date{}, fmt.Errorf("%q: %w", s, ErrNotADate)
		}
	}
	if d.Month == 0 && (d.Day != 0 || d.Year == 0 || dayZero) {
		return Date{}, fmt.Errorf("%q: %w", s, ErrNotADate)
	}
	if dayZero {
		return Date{}, errors.New("that is not a real date: there is no day 0")
	}
	// A day of no year exists if it does in some year (29 February).
	if err := d.Valid(); err != nil {
		return Date{}, fmt.Errorf("that is not a real date: %w", err)
	}
	return d, nil
}

// ParseRange reads "FROM..TO", two ISO dates.
func ParseRange(s string) (Date, Date, error) {
	a, b, ok := strings.Cut(s, "..")
	if !ok {
		return Date{}, Date{}, fmt.Errorf("range %q is not FROM..TO", s)
	}
	from, err := ParseISO(a)
	if err != nil {
		return Date{}, Date{}, err
	}
	to, err := ParseISO(b)
	if err != nil {
		return Date{}, Date{}, err
	}
	return from, to, nil
}

// FindDate finds the first date written inside a text ("in the June 2021
// strikes", "on 27 June", "in 2020"), to the precision written.
func FindDate(text string) (Date, bool) {
	// A date in figures with its year: "2021-06-09", "6/9/2021" ("24/7"
	// is no date). The first date written wins.
	figures, at := Date{}, len(text)
	for off, f := range fieldsAt(text) {
		f = strings.Trim(f, ",.;:()[]")
		if !strings.ContainsAny(f, "-/") {
			continue
		}
		if d, err := ParseLoose(f); err == nil && d.Month != 0 && d.Year != 0 {
			figures, at = d, off
			break
		}
	}
	toks := Tokenize(text)
	num := func(i, digits int) (int, bool) {
		if i < 0 || i >= len(toks) {
			return 0, false
		}
		n, err := strconv.Atoi(toks[i].Norm)
		if err != nil || (digits == 4 && len(toks[i].Norm) != 4) || (digits == 2 && len(toks[i].Norm) > 2) {
			return 0, false
		}
		return n, true
	}
	for i, t := range toks {
		if t.Start > at {
			break
		}
		m, ok := monthNumber(t.Norm)
		if !ok {
			continue
		}
		if _, year := num(i+1, 4); t.Raw == "may" && !year {
			continue // "may" in lower case is a verb, but before a year ("26 may 2021")
		}
		d := Date{Month: m}
		if day, ok := num(i-1, 2); ok {
			d.Day = day
		} else if day, ok := num(i+1, 2); ok {
			d.Day = day
			i++
		}
		if y, ok := num(i+1, 4); ok {
			d.Year = y
		}
		probe := d
		if probe.Year == 0 {
			probe.Year = 2020
		}
		if probe.check() == nil {
			return d, true
		}
	}
	if figures != (Date{}) {
		return figures, true
	}
	for i := range toks {
		if y, ok := num(i, 4); ok && y >= 1900 && y <= 2100 {
			return Date{Year: y}, true
		}
	}
	return Date{}, false
}

// fieldsAt returns the fields of text, as strings.Fields splits it, by
// their byte offsets.
func fieldsAt(text string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		start := -1
		for i, r := range text {
			switch {
			case !unicode.IsSpace(r) && start < 0:
				start = i
			case unicode.IsSpace(r) && start >= 0:
				if !yield(start, text[start:i]) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield(start, text[start:])
		}
	}
}
