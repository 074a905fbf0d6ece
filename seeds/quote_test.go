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
