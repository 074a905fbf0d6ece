package index

import (
	"slices"
	"strings"

	"github.com/dossier/dossier/knowledge"
)

// Answer types: what a question asks for, from its wh-phrase and head noun.
const (
	TypeAgent    = "agent"    // who: a person or group
	TypePlace    = "place"    // where
	TypeDate     = "date"     // when, what year
	TypeReason   = "reason"   // why
	TypeCount    = "count"    // how many
	TypeDuration = "duration" // how long
	TypeAge      = "age"      // how old: a number of years, as "how long"
	TypeManner   = "manner"   // how
	TypeWords    = "words"    // what did X say: X's own words
	TypeSpeaker  = "speaker"  // who said these words
	// TypeDefinition asks what or who something is: "who is Kirby".
	TypeDefinition = "definition"
	// TypeExpansion asks what an abbreviation stands for.
	TypeExpansion = "expansion"
	// TypeInstance asks which one: "which militias".
	TypeInstance = "instance"
	// TypeMoney asks for a sum of money: "how much did the strikes cost".
	TypeMoney = "money"
	// TypeName asks for a name: "what was the name of the contractor".
	TypeName = "name"
	// TypeKind asks what sort something is: "what kind of sites".
	TypeKind = "kind"
)

// Question is a question analysed by the general rules of English
// questions: the answer it expects, what it is about, when, and whose words
// it asks for. Analysis never parses the text as query syntax.
type Question struct {
	// Type is the kind of answer asked for ("" for a description).
	Type string `json:"type,omitempty"`
	// Counted are the words of "how many X": a count is wanted beside them.
	Counted []string `json:"counted,omitempty"`
	// YesNo is set for a question opened by an auxiliary ("Did …", "Was …"),
	// a statement with a question mark and no wh-word ("…hit three
	// sites?"), or one closed by a question tag ("…, right?").
	YesNo bool `json:"yes_no,omitempty"`
	// Foreign counts the question's words that belong to another language
	// written in Latin letters: its function words ("dans", "les",
	// `foreign` in english.yaml) and words with letters English does not
	// use ("über"), none of them the sources' own.
	Foreign int `json:"foreign,omitempty"`
	// Speaker is the actor whose own words are asked for.
	Speaker string `json:"speaker,omitempty"`
	// Entities are the actors the question names.
	Entities []Entity `json:"entities,omitempty"`
	// Dates are the dates and date ranges the question names.
	Dates []DateSpan `json:"dates,omitempty"`
	// Terms are the focus terms: the content words left.
	Terms []Term `json:"terms,omitempty"`
	// Who is the question's words that say whose words it asks for when
	// the sources know no actor by them ("the Italian prime minister").
	Who string `json:"who,omitempty"`
	// Future holds words that place the question after the sources
	// ("next year").
	Future []string `json:"future,omitempty"`
	// Impossible holds why a date the question names does not exist
	// ("June has no day 31").
	Impossible []string `json:"impossible,omitempty"`

	counted map[string]bool // stems of Counted
	// doer is set for a "who" question whose verb is active ("who killed
	// Soleimani"): it asks who did it, not whom it was done to ("who was
	// killed").
	doer bool
	// bareInstance is set when "which" asks one of a bare noun ("which
	// militias"), not of a noun a modifier narrows ("which militia
	// groups").
	bareInstance bool
	// later holds the words of Future that name a time ("next year");
	// ahead is set when the question asks when something will be ("when
	// will").
	later []string
	ahead bool
	// countedActors are the actors "how many" counts when their names are
	// all it counts: "how many Americans".
	countedActors []string
	// subject marks (bit i for term i) the words that say whose words
	// are asked for when no actor the sources know is named: "the
	// Italian prime minister" in "what did the Italian prime minister say".
	subject uint64
	// described marks the words "the name of" describes, the name asked
	// for standing beside one of them, or those "what kind of" asks the
	// sort of.
	described uint64
	// instanceOf is the head noun of what "which" asks one of ("which
	// senator": senator; "which camp": camp).
	instanceOf string
	// about marks the terms, and aboutEnts names the actors, of the thing
	// a question asks how someone put ("what did Psaki call Iran"): the
	// answer says what it is.
	about     uint64
	aboutEnts []string
	// byName marks (bit i for entity i) the actors the question names by
	// name, not by a title alone ("the president").
	byName uint64
	// harmed marks the terms naming harm done to people ("killed",
	// "wounded"): in a count, what is counted is who suffered that harm.
	harmed uint64
	// topic marks the terms, and topicEnts the actors (bit i for entity
	// i), of what someone's words are asked about ("what did Di Maio
	// think of the strikes"): their words must speak of it.
	topic, topicEnts uint64
	// placed marks (bit i for entity i) the actors named after a
	// preposition of place ("in Syria"): an answer must involve them.
	placed uint64
	// nameTerms marks, by entity, the terms beside its name in the
	// question ("crossing" in "the abu kamal crossing"): within the
	// sources' mentions of that actor, only those count as terms.
	nameTerms []uint64
	bodies    bool // the head noun asks for a group ("which groups")
	// offset is set for "how long after …": a length of time before or
	// after something ("a day after") is the answer.
	offset bool
}

// Entity is an actor named in a question.
type Entity struct {
	ID   string `json:"id"`
	Word string `json:"word"`
}

// DateSpan is a date or a range of dates; a zero bound is open.
type DateSpan struct {
	From knowledge.Date `json:"from"`
	To   knowledge.Date `json:"to"`
	Word string         `json:"word"`
}

// Term is a focus term with the other forms that count as it.
type Term struct {
	Word string `json:"word"`
	Stem string `json:"stem"`
	// Alts are stems of other forms: derivations, number forms, domain
	// aliases, a spelling correction.
	Alts []string `json:"alts,omitempty"`
	// Phrases are multi-word forms, as stem sequences.
	Phrases [][]string `json:"phrases,omitempty"`
	// Weight is the term's inverse document frequency.
	Weight float64 `json:"weight"`
	// Known says the corpus has the term in some form.
	Known bool `json:"known"`
	// Name marks a proper name: capitalized mid-question, or a country
	// or its adjective. An unknown name makes a question not covered.
	Name bool `json:"name,omitempty"`
	// Noun marks a word a determiner opens or "of" follows ("the price
	// of oil"): a thing the question is about, not a way of asking. A
	// modifier the sources lack between a determiner and its noun ("the
	// highest death toll") is none.
	Noun bool `json:"noun,omitempty"`
	// Verbal marks a word English has only as a verb, adjective or
	// adverb ("picked", "worried"): the way a question puts something,
	// which the sources may put otherwise, more often than the thing
	// itself.
	Verbal bool `json:"verbal,omitempty"`
	// Modifier marks a word the sources lack, no name, that English has
	// as an adjective or only as a verb's form, between a determiner and
	// the noun it qualifies ("those particular targets", "a bigger
	// deal"): it narrows what is asked of, as a verb puts it, where the
	// noun after it names it.
	Modifier bool `json:"modifier,omitempty"`
	// english is the English word a misspelt word neither the corpus nor
	// English has was meant to be ("worrid": "worried"), for what English
	// makes of it; "" otherwise.
	english string
	// opens is set for the word right after a yes/no question's opening
	// auxiliary and any determiner: its subject ("did Russia condemn").
	opens bool
}

// determiners open a noun phrase.
var determiners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"its": true, "their": true, "his": true, "her": true, "our": true, "my": true, "your": true, "any": true, "some": true, "no": true}

// grammar is the English data analysis works with, indexed for lookup.
type grammar struct {
	answerTypes map[string]string
	heads       map[string]string
	speech      map[string]bool
	aux         map[string]bool
	reason      map[string]bool
	expansion   [][]string
	bodies      map[string]bool
	titles      map[string]bool
	// characterize are the phrases that ask how a thing was put, as
	// word sequences; callWords call the thing after them something.
	characterize  [][]string
	callWords     map[string]bool
	future        [][]string
	futureAux     map[string]bool
	locative      map[string]bool
	preposition   map[string]bool
	clock         map[string]bool
	unknowns      map[string]bool
	be            map[string]bool
	wh            map[string]bool
	anaphora      map[string]bool
	timeOpeners   map[string]bool
	openers       map[string]bool
	timeUnits     map[string]bool
	timeOffsets   map[string]bool
	monthParts    knowledge.MonthParts
	particles     map[string]bool
	verbParticles map[string]bool
	moneyWords    map[string]bool
	sourceWords   map[string]bool
	lightVerbs    map[string]bool
	currencies    map[string]bool
	chat          map[string]bool
	informal      map[string][]string // word → the words it stands for
	negations     map[string]string   // negated auxiliary → auxiliary
	knowing       map[string]bool
	foreign       map[string]bool
	relation      map[string]bool // nouns asking how one thing stands to another
	tags          [][]string      // each tag's words, folded
	prefaces      [][]string      // each preface's words, folded, longest first
}

func newGrammar(en *knowledge.English) *grammar {
	g := &grammar{answerTypes: en.AnswerTypes, heads: map[string]string{}, speech: set(en.SpeechVerbs), aux: set(en.Auxiliaries), reason: set(en.ReasonCues),
		be: set([]string{"is", "are", "was", "were", "s", "re"}), wh: set([]string{"what", "which", "who", "whom", "whose", "when", "where", "why", "how"})}
	for _, ph := range en.Expansion {
		g.expansion = append(g.expansion, strings.Fields(ph))
	}
	for _, ph := range en.Future {
		g.future = append(g.future, strings.Fields(ph))
	}
	g.locative = set(en.Locatives)
	g.preposition = set(en.Prepositions)
	g.clock = set(en.Clock)
	g.unknowns = set(en.Unknowns)
	g.anaphora = set(en.Anaphora)
	g.timeOpeners = set(en.TimeOpeners)
	g.bodies = set(en.Bodies)
	g.titles = set(en.Titles)
	g.callWords = set(en.CallWords)
	for _, ph := range en.Characterize {
		g.characterize = append(g.characterize, strings.Fields(ph))
	}
	g.openers = set(en.Openers)
	g.timeUnits = set(en.TimeUnits)
	g.timeOffsets = set(en.TimeOffsets)
	g.monthParts = en.MonthParts
	g.particles = set(en.NameParticles)
	g.verbParticles = set(en.VerbParticles)
	g.moneyWords = set(en.MoneyWords)
	g.sourceWords = set(en.SourceWords)
	g.lightVerbs = set(en.LightVerbs)
	g.currencies = set(en.Currencies)
	g.chat = set(en.Chat)
	g.negations = en.Negations
	g.knowing = set(en.Knowing)
	g.foreign = set(en.Foreign)
	g.relation = set(en.RelationNouns)
	g.informal = make(map[string][]string, len(en.Informal))
	for w, plain := range en.Informal {
		g.informal[w] = strings.Fields(plain)
	}
	for _, tag := range en.Tags {
		var words []string
		for _, t := range knowledge.Tokenize(tag) {
			words = append(words, t.Norm)
		}
		g.tags = append(g.tags, words)
	}
	// The longest tag first: "yes or no" before "or no".
	slices.SortStableFunc(g.tags, func(a, b []string) int { return len(b) - len(a) })
	for _, p := range en.Prefaces {
		g.prefaces = append(g.prefaces, strings.Fields(p))
	}
	slices.SortStableFunc(g.prefaces, func(a, b []string) int { return len(b) - len(a) })
	g.futureAux = set(en.FutureAux)
	for typ, words := range en.Heads {
		for _, w := range words {
			g.heads[w] = typ
		}
	}
	return g
}

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
