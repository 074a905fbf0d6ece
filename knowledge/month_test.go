package knowledge

import (
	"strings"
	"testing"
	"time"
)

func TestMonth(t *testing.T) {
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		for _, w := range []string{name, name[:3]} {
			if got, ok := Month(w); !ok || got != m {
				t.Errorf("Month(%q) = %v, %v, want %v, true", w, got, ok, m)
			}
		}
	}
	if got, ok := Month("sept"); !ok || got != time.September {
		t.Errorf("Month(%q) = %v, %v, want September, true", "sept", got, ok)
	}
	for _, w := range []string{"", "ma", "mayo", "junes", "june.", "septembers", "monday", "Jun"} {
		if got, ok := Month(w); ok {
			t.Errorf("Month(%q) = %v, true, want no month", w, got)
		}
	}
}

func TestFigures(t *testing.T) {
	en, err := LoadEnglish()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ in, want string }{
		{"the twenty-seventh of June", "the 27 of June"},
		{"June twenty seventh", "June 27"},
		{"thirty first of March 2020", "31 of March 2020"},
		{"the third of January", "the 3 of January"},
		{"2021-06-27", "2021-06-27"},
		{"twenty", "20"},
		{"Camp Taji", "Camp Taji"},
	} {
		if got := en.Figures(tt.in); got != tt.want {
			t.Errorf("Figures(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
