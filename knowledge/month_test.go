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
