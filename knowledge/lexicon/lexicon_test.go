package lexicon

import (
	"slices"
	"strings"
	"testing"
)

func TestLexicon(t *testing.T) {
	tests := []struct {
		word               string
		common, name, slip bool
	}{
		{word: "ambassador", common: true, slip: true}, // "ambassadors"
		{word: "election", common: true, slip: true},
		{word: "vienna", name: true},
		{word: "paris", name: true, slip: true}, // "pairs", "parts": Name decides first
		{word: "khamenei"},
		{word: "bieng", slip: true},
		{word: "abuot", slip: true},
		{word: "a", common: true},
		{word: "zzzzzz"},
		{word: ""},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := Common(tt.word); got != tt.common {
				t.Errorf("Common(%q) = %v, want %v", tt.word, got, tt.common)
			}
			if got := Name(tt.word); got != tt.name {
				t.Errorf("Name(%q) = %v, want %v", tt.word, got, tt.name)
			}
			if got := Slip(tt.word); got != tt.slip {
				t.Errorf("Slip(%q) = %v, want %v", tt.word, got, tt.slip)
			}
		})
	}
}

// TestListsSorted guards the binary search: every line of both lists is in
// bytewise order, lower case, and found by contains.
func TestListsSorted(t *testing.T) {
	for name, l := range map[string]struct {
		list string
		min  int
	}{
		"words.txt": {words, 50000}, "names.txt": {names, 5000}, "verbal.txt": {verbal, 10000},
		"phrasal.txt": {phrasal, 1000}, "adjectives.txt": {adjectives, 5000}, "adverbs.txt": {adverbs, 500},
	} {
		list := l.list
		if !strings.HasSuffix(list, "\n") {
			t.Fatalf("%s does not end in a newline", name)
		}
		lines := strings.Split(strings.TrimSuffix(list, "\n"), "\n")
		if len(lines) < l.min {
			t.Fatalf("%s has %d lines, want a whole word list (%d at least)", name, len(lines), l.min)
		}
		for i, l := range lines {
			if i > 0 && lines[i-1] >= l {
				t.Fatalf("%s line %d: %q after %q, want sorted", name, i+1, l, lines[i-1])
			}
			if strings.ToLower(l) != l {
				t.Fatalf("%s line %d: %q is not lower case", name, i+1, l)
			}
			if i%97 == 0 && !contains(list, l) {
				t.Fatalf("contains(%s, %q) = false, want true", name, l)
			}
		}
	}
}

// TestMaxWord guards Slip's length bound: no word of the list is longer
// than maxWord.
func TestMaxWord(t *testing.T) {
	longest := 0
	for _, w := range strings.Split(words, "\n") {
		longest = max(longest, len(w))
	}
	if longest != maxWord {
		t.Errorf("longest word in words.txt = %d bytes, want maxWord = %d", longest, maxWord)
	}
}

func TestIrregular(t *testing.T) {
	tests := []struct {
		word string
		want string
	}{
		{"held", "hold"},
		{"hold", "held"},
		{"chose", "choose chosen"},
		{"struck", "strike"},
		{"picked", ""}, // regular: the stemmer's business
		{"", ""},
		{"hold held", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(Irregular(tt.word), " "); got != tt.want {
			t.Errorf("Irregular(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	// Every line is found by its first word.
	for i, line := range strings.Split(strings.TrimSuffix(irregular, "\n"), "\n") {
		key, _, _ := strings.Cut(line, " ")
		if got, ok := find(irregular, key); !ok || got != line {
			t.Fatalf("irregular.txt line %d: find(%q) = %q, %v, want the line", i+1, key, got, ok)
		}
	}
}

// TestExpansions checks what WordNet's initialisms stand for, and that
// every line of initialisms.txt is found by its first word.
func TestExpansions(t *testing.T) {
	tests := []struct {
		word string
		want string // one of the expansions, its words joined by spaces
	}{
		{"pm", "prime minister"},
		{"hq", "headquarters"},
		{"cia", "central intelligence agency"},
		{"kh", ""},
		{"", ""},
		{"pm hq", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range Expansions(tt.word) {
			got = append(got, strings.Join(e, " "))
		}
		if tt.want == "" && got != nil || tt.want != "" && !slices.Contains(got, tt.want) {
			t.Errorf("Expansions(%q) = %q, want %q among them", tt.word, got, tt.want)
		}
	}
	lines := strings.Split(strings.TrimSuffix(initialisms, "\n"), "\n")
	if len(lines) < 500 {
		t.Fatalf("initialisms.txt has %d lines, want WordNet's (500 at least)", len(lines))
	}
	for i, line := range lines {
		key, _, _ := strings.Cut(line, " ")
		if i > 0 && lines[i-1] >= line {
			t.Fatalf("initialisms.txt line %d: %q after %q, want sorted", i+1, line, lines[i-1])
		}
		if got, ok := find(initialisms, key); !ok || got != line {
			t.Fatalf("initialisms.txt line %d: find(%q) = %q, %v, want the line", i+1, key, got, ok)
		}
	}
}

// TestVerbal checks the words WordNet has only as verbs, adjectives or
// adverbs, in every form, against words it also has as nouns.
func TestVerbal(t *testing.T) {
	for word, want := range map[string]bool{
		"achieve": true, "picked": true, "worried": true, "bigger": true, "previous": true,
		"cost": false, "set": false, "population": false, "strikes": false, "won": false, // "won", the currency
		"khamenei": false, "": false,
	} {
		if got := Verbal(word); got != want {
			t.Errorf("Verbal(%q) = %v, want %v", word, got, want)
		}
	}
}

// TestPhrases checks WordNet's phrasal verbs and multiword adverbs.
func TestPhrases(t *testing.T) {
	for _, tt := range []struct {
		verb, particle string
		want           bool
	}{
		{"set", "up", true}, {"end", "up", true}, {"bring", "up", true},
		{"strike", "up", true}, {"call", "for", false}, {"strike", "iraq", false},
	} {
		if got := Phrasal(tt.verb, tt.particle); got != tt.want {
			t.Errorf("Phrasal(%q, %q) = %v, want %v", tt.verb, tt.particle, got, tt.want)
		}
	}
	for _, tt := range []struct {
		words []string
		want  bool
	}{
		{[]string{"so", "far"}, true}, {[]string{"in", "the", "first", "place"}, true},
		{[]string{"three", "times"}, false}, {[]string{"far"}, false}, {[]string{"the", "strikes"}, false},
	} {
		if tt.want && !AdverbStart(tt.words[0]) {
			t.Errorf("AdverbStart(%q) = false, want true", tt.words[0])
		}
		if got := Adverb(tt.words...); got != tt.want {
			t.Errorf("Adverb(%q) = %v, want %v", tt.words, got, tt.want)
		}
	}
}

// TestLineAtLastLine checks that the last line of a list without a final
// newline is read whole.
func TestLineAtLastLine(t *testing.T) {
	if line, _, _ := lineAt("a\nbc", 3); line != "bc" {
		t.Errorf("lineAt(%q, 3) = %q, want %q", "a\nbc", line, "bc")
	}
}

// TestCorrect checks that a misspelt word is corrected to the common word
// one slip away, keeping its first letter, and that a common word, a
// short one or one with no near word is left alone.
func TestCorrect(t *testing.T) {
	for _, tt := range []struct{ word, want string }{
		{"worrid", "worried"},       // a letter left out
		{"acheive", "achieve"},      // two swapped
		{"permissin", "permission"}, // a letter left out
		{"detaine", "detainee"},
		{"xworried", ""}, // the first letter stays: not "worried"
		{"worried", ""},  // already a word
		{"wrd", ""},      // too short to say
		{"germay", ""},   // a name's slip is not a common word's
	} {
		if got := Correct(tt.word); got != tt.want {
			t.Errorf("Correct(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestLeftOut(t *testing.T) {
	short := func(w string) bool { return len(w) == 4 }
	for _, tt := range []struct{ word, want string }{
		{"mny", "many"},
		{"wht", "what"},
		{"xyz", ""},    // no word with a letter more
		{"hwo", ""},    // two swapped, not one left out
		{"rokets", ""}, // "rockets", but ok wants four letters
	} {
		if got := LeftOut(tt.word, short); got != tt.want {
			t.Errorf("LeftOut(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
