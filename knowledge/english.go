package knowledge

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// English is the grammar question analysis relies on: which answer a
// wh-phrase asks for, the nouns that narrow it, the verbs that report
// speech, number words. It is part of the language, not of the sources, so
// it is always the embedded english.yaml.
type English struct {
	// AnswerTypes maps a wh-phrase ("who", "how many") to the kind of
	// answer it asks for.
	AnswerTypes map[string]string `yaml:"answer_types"`
	// TimeOpeners are words after which a lower-case month abbreviation
	// is a month.
	TimeOpeners []string `yaml:"time_openers"`
	// Anaphora are words that, opening a sentence, refer back to the
	// sentence before it.
	Anaphora []string `yaml:"anaphora"`
	// Expansion holds phrases asking what an abbreviation stands for.
	Expansion []string `yaml:"expansion"`
	// Future holds phrases about a time after the sources.
	Future []string `yaml:"future"`
	// FutureAux are auxiliaries that, after "when", ask about a time to
	// come ("when will …").
	FutureAux []string `yaml:"future_aux"`
	// Locatives are prepositions that put a place after them.
	Locatives []string `yaml:"locatives"`
	// Prepositions are English's prepositions: none is a focus term.
	Prepositions []string `yaml:"prepositions"`
	// Clock are the words that tell the time of day after a number.
	Clock []string `yaml:"clock"`
	// Unknowns say a figure or a fact is not known.
	Unknowns []string `yaml:"unknowns"`
	// Recency are the words that ask for the latest of several events
	// ("the latest strikes").
	Recency []string `yaml:"recency"`
	// Listing are the verbs that ask for a list ("list the strikes").
	Listing []string `yaml:"listing"`
	// Heads maps an answer type to nouns that ask for it after "what" or
	// "which" ("what year").
	Heads map[string][]string `yaml:"heads"`
	// TimeUnits are the units a length of time is counted in.
	TimeUnits []string `yaml:"time_units"`
	// TimeOffsets make a length of time a point in time ("a day after").
	TimeOffsets []string `yaml:"time_offsets"`
	// MonthParts are the words that name part of a month ("early June",
	// "the end of March").
	MonthParts MonthParts `yaml:"month_parts"`
	// Bodies are head nouns that ask for a group rather than a person.
	Bodies []string `yaml:"bodies"`
	// Titles are offices a person holds: in "what did the Iraqi foreign
	// minister say" the minister speaks, not Iraq.
	Titles []string `yaml:"titles"`
	// Honorifics are the short forms written before a name ("Mr",
	// "Sen."), which word lists of names hold as names.
	Honorifics []string `yaml:"honorifics"`
	// Characterize are verbs (or phrases) that ask how someone put a
	// thing: "what did Psaki call Iran".
	Characterize []string `yaml:"characterize"`
	// CallWords call the thing after them something: "called the strikes
	// a violation".
	CallWords []string `yaml:"call_words"`
	// MoneyWords make "how much" ask for a sum of money.
	MoneyWords []string `yaml:"money_words"`
	// Currencies make a number a sum of money.
	Currencies []string `yaml:"currencies"`
	// SourceWords name the sources themselves: "what does the article
	// say" asks what they say, not someone's words.
	SourceWords []string `yaml:"source_words"`
	// LightVerbs carry little meaning of their own: their forms ("going",
	// "getting") name nothing a question asks about.
	LightVerbs []string `yaml:"light_verbs"`
	// VerbParticles are the adverbial particles of phrasal verbs: "set up".
	VerbParticles []string `yaml:"verb_particles"`
	// SpeechVerbs report words: "what did X say".
	SpeechVerbs []string `yaml:"speech_verbs"`
	// Auxiliaries open yes/no questions.
	Auxiliaries []string `yaml:"auxiliaries"`
	// ReasonCues are words answers to "why" use.
	ReasonCues []string `yaml:"reason_cues"`
	// Numbers maps number words and ordinals to their values.
	Numbers map[string]int `yaml:"numbers"`
	// Openers are discourse markers that open a question in chat ("wait
	// so …"): they name nothing.
	Openers []string `yaml:"openers"`
	// Chat are words of chat that name nothing wherever they stand.
	Chat []string `yaml:"chat"`
	// Foreign are common function words of other languages written in
	// Latin letters that English does not have ("dans", "und", "qué"):
	// two of them say a question is not in English.
	Foreign []string `yaml:"foreign"`
	// Knowing are words beside which a wh-word opens an indirect question
	// ("do you know when …", "is it clear where …"), as a verb of saying
	// does.
	Knowing []string `yaml:"knowing"`
	// Negations map the negated auxiliaries that are not their auxiliary
	// with "n't" after it to the auxiliary ("won't": "will").
	Negations map[string]string `yaml:"negations"`
	// Informal maps chat spellings, clippings and informal words to the
	// ordinary words they stand for.
	Informal map[string]string `yaml:"informal"`
	// RelationNouns ask how one thing stands to another ("role",
	// "relationship"); they name nothing an answer must hold.
	RelationNouns []string `yaml:"relation_nouns"`
	// Tags are question tags that close a statement ("…, right?").
	Tags []string `yaml:"tags"`
	// Prefaces open a statement to ask whether it holds ("is it true
	// that …").
	Prefaces []string `yaml:"prefaces"`
	// NameParticles open a name: the word after one is a name ("al-Hol").
	NameParticles []string `yaml:"name_particles"`
}

// MonthParts map the words that name a part of a month to the first and
// last day of that part.
type MonthParts struct {
	// Before stand right before the month: "early June", "mid-May".
	Before map[string][2]int `yaml:"before"`
	// Of stand before "of" and the month: "the end of March".
	Of map[string][2]int `yaml:"of"`
	// Weeks stand before "week of" and the month: "the first week of
	// July".
	Weeks map[string][2]int `yaml:"weeks"`
}

// English returns the English grammar data: read with the knowledge
// base (and kept in its caches), or else from the embedded file.
func (b *Base) English() (*English, error) {
	if b.english != nil {
		return b.english, nil
	}
	return LoadEnglish()
}

// LoadEnglish reads the embedded English grammar data.
func LoadEnglish() (*English, error) {
	raw, err := embedded.ReadFile("english.yaml")
	if err != nil {
		return nil, fmt.Errorf("english grammar data: %w", err)
	}
	var e English
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&e); err != nil {
		return nil, fmt.Errorf("english grammar data: %w", err)
	}
	return &e, nil
}

// Figures rewrites the numbers s writes in words as figures, so a date
// reader that knows figures reads them: "the twenty-seventh of June" is
// "the 27 of June", "June twenty seventh" "June 27". A tens word and a
// unit after it, joined by a hyphen or a space, are one number; every
// other word is kept as it is.
func (e *English) Figures(s string) string {
	words := strings.Fields(strings.ReplaceAll(s, "-", " - "))
	var out []string
	for i := 0; i < len(words); i++ {
		v, ok := e.Numbers[strings.ToLower(words[i])]
		if !ok {
			out = append(out, words[i])
			continue
		}
		// "twenty-seventh", "thirty first": the tens and the unit.
		j := i + 1
		if j < len(words) && words[j] == "-" {
			j++
		}
		if v >= 20 && v%10 == 0 && v < 100 && j < len(words) {
			if u, ok := e.Numbers[strings.ToLower(words[j])]; ok && u > 0 && u < 10 {
				v, i = v+u, j
			}
		}
		out = append(out, strconv.Itoa(v))
	}
	return strings.ReplaceAll(strings.Join(out, " "), " - ", "-")
}

// SameNoun reports whether two lower-case words are one noun, each the
// other or its regular plural ("agency", "agencies").
func SameNoun(a, b string) bool {
	plural := func(s, p string) bool {
		return p == s+"s" || p == s+"es" || strings.HasSuffix(s, "y") && p == s[:len(s)-1]+"ies"
	}
	return a == b || plural(a, b) || plural(b, a)
}
