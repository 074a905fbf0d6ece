package seeds

import "testing"

// TestQuoteSpan checks that a quote is found white space aside and that
// the span returned covers its words in the text as written.
func TestQuoteSpan(t *testing.T) {
	text := "One drone was shot down.\u00a0 Two  others\nhit the base — “near” it."
	tests := []struct {
		quote, want string
		ok          bool
	}{
		{"Two others hit the base", "Two  others\nhit the base", true},
		{"shot down. Two", "shot down.\u00a0 Two", true},
		{"“near” it.", "“near” it.", true},
		{"  One drone ", "One drone", true},
		{"three others", "", false},
		{"   ", "", false},
	}
	for _, tt := range tests {
		sp, ok := QuoteSpan(text, tt.quote)
		got := ""
		if ok {
			got = text[sp.Start:sp.End]
		}
		if ok != tt.ok || got != tt.want {
			t.Errorf("QuoteSpan(%q) = %q, %v, want %q, %v", tt.quote, got, ok, tt.want, tt.ok)
		}
	}
}

// TestQuoteSpanInvalidUTF8 checks that a byte that is not UTF-8 counts as
// one byte: it panicked near the end of the text and shifted offsets
// elsewhere.
func TestQuoteSpanInvalidUTF8(t *testing.T) {
	if sp, ok := QuoteSpan("abc\xff", "abc"); !ok || sp != (Span{0, 3}) {
		t.Errorf("QuoteSpan(%q, %q) = %+v, %v; want {0 3}, true", "abc\xff", "abc", sp, ok)
	}
	if sp, ok := QuoteSpan("\xffxy abc", "xy abc"); !ok || sp != (Span{1, 7}) {
		t.Errorf("QuoteSpan(%q, %q) = %+v, %v; want {1 7}, true", "\xffxy abc", "xy abc", sp, ok)
	}
}
