package bot

import (
	"strings"

	"github.com/dossier/dossier/knowledge"
)

// listing is a command that lists something by name: "timeline",
// "who said", "casualties".
type listing struct {
	name  string
	words []string // the name's words, folded
}

// pointing is what see compares a question with.
type pointing struct {
	listings []listing
	speech   map[string]bool // verbs that report words
	listing  map[string]bool // verbs that ask for a list
}

// pointing gathers the commands whose answers are lists a short question
// may ask for by name, and the verbs that report words.
func (b *Bot) pointing() pointing {
	p := pointing{listings: listings(), speech: map[string]bool{}, listing: map[string]bool{}}
	if en, err := b.kb.English(); err == nil {
		for _, v := range en.SpeechVerbs {
			p.speech[v] = true
		}
		for _, v := range en.Listing {
			p.listing[v] = true
		}
	}
	return p
}

// listings returns the commands whose answers are lists a short question
// may ask for by name.
func listings() []listing {
	var out []listing
	for _, c := range Commands() {
		if c.Heading == "" || c.Run == nil || c.Moderators != "" {
			continue
		}
		var words []string
		for _, t := range knowledge.Tokenize(c.Name) {
			words = append(words, fold(t.Norm))
		}
		out = append(out, listing{name: c.Name, words: words})
	}
	return out
}

// fold reduces a word to its singular, so "timelines" names the timeline
// and "casualty" the casualties.
func fold(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// seeMaxWords bounds the questions a hint is given for: "timeline pls" asks
// for the list, "who said the strikes would deter future action" is a
// question ask answers.
const seeMaxWords = 6

// seeOtherWords bounds the words besides a command's name, question and
// function words, a question naming it may have: "give me a timeline".
const seeOtherWords = 2

// see names the command that lists what a short question asks for by
// name ("timeline pls", "kh casualties?", "who said what") or by a verb
// asking for a list ("list all us strikes": the timeline), or "". A
// question asking for someone's words is about them, whatever it names
// ("what did iraqi sources say").
func (b *Bot) see(q string) string {
	toks := knowledge.Tokenize(q)
	if len(toks) > seeMaxWords {
		return ""
	}
	p := b.pointers()
	for _, l := range p.listings {
		for i := 0; i+len(l.words) <= len(toks); i++ {
			match := true
			for k, w := range l.words {
				match = match && fold(toks[i+k].Norm) == w
			}
			if !match {
				continue
			}
			other, says := 0, false
			for k, t := range toks {
				if k < i || k >= i+len(l.words) {
					if !b.skip[t.Norm] {
						other++
					}
					says = says || p.speech[t.Norm]
				}
			}
			if other <= seeOtherWords && !says {
				return l.name
			}
		}
	}
	// "List all us strikes": a list of events is the timeline's; a list of
	// what someone said is not ("list what kirby said").
	if len(toks) > 1 && p.listing[toks[0].Norm] && !b.asksWords(toks) {
		return "timeline"
	}
	return ""
}

// asksWords reports whether tokens hold a verb that reports words ("say",
// "said", "tweeted"): such a question asks for someone's words.
func (b *Bot) asksWords(toks []knowledge.Token) bool {
	speech := b.pointers().speech
	for _, t := range toks {
		if speech[t.Norm] {
			return true
		}
	}
	return false
}

// Pointer returns the line that points to the command See names, with the
// command written as the front end invokes it (invoke is "/" on Discord,
// "dossier " in the CLI); "" when See is empty.
func (a *Answer) Pointer(invoke string) string {
	if a.See == "" {
		return ""
	}
	for _, c := range Commands() {
		if c.Name == a.See {
			return "See also " + invoke + c.Name + ": " + strings.ToLower(c.Description[:1]) + c.Description[1:] + "."
		}
	}
	return ""
}
