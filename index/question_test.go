package index

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier/dossier/knowledge"
	"github.com/dossier/dossier/seeds"
)

func TestAnalyze(t *testing.T) {
	ix := buildSeeds(t, Options{})
	tests := []struct {
		q        string
		typ      string
		counted  string
		speaker  string
		entities string
		dates    string
		terms    string
		future   string
	}{
		{q: "How many drones were shot down on June 9?", typ: TypeCount, counted: "drones", dates: "June 9", terms: "drones shot"},
		{q: "how many people died in the June 2021 strikes", typ: TypeCount, counted: "people", dates: "June 2021", terms: "died strikes"},
		{q: "How many US soldiers were killed?", typ: TypeCount, counted: "US soldiers", entities: "us", terms: "soldiers killed"},
		{q: "how many drone attacks preceded the strikes", typ: TypeCount, counted: "drone attacks", terms: "drone attacks preceded strikes"},
		{q: "What did Biden say about the strikes?", typ: TypeWords, speaker: "biden", entities: "biden", terms: "strikes"},
		{q: "what did the german foreign minister do", entities: "", terms: "german foreign minister"},
		{q: "Who said the strikes would deter future action?", typ: TypeSpeaker, terms: "strikes deter future action"},
		{q: "What happened on the 8th of May?", dates: "the 8th of May"},
		{q: "What happened between June 6 and June 9?", dates: "between June 6 and June 9"},
		{q: "When did the PMF form?", typ: TypeDate, entities: "pmf", terms: "form"},
		{q: "Where is the Imam Ali Base?", typ: TypePlace, entities: "imamali"},
		{q: "Why did the US bomb the militias?", typ: TypeReason, entities: "us", terms: "bomb militias"},
		{q: "what does PMF stand for", typ: TypeExpansion, entities: "pmf"},
		{q: "Who is Kirby?", typ: TypeDefinition, entities: "kirby"},
		{q: "which militias were targeted", typ: TypeInstance, terms: "militias targeted"},
		{q: "What will the US do next year?", entities: "us", future: "next year"},
		{q: "when will the us leave iraq", typ: TypeDate, entities: "us iraq", terms: "leave", future: "when will"},
		{q: "whats the fatah coalition", typ: TypeDefinition, entities: "fatah"},
		{q: "what did macron say about the strikes", typ: TypeWords, terms: "macron strikes"},
		{q: "what set off the feb strikes", dates: "feb", terms: "set strikes"},
		{q: "how many rockets were fired on jun 9", typ: TypeCount, counted: "rockets", dates: "jun 9", terms: "rockets fired"},
		{q: "hw many rockets were fired on jun 9", typ: TypeCount, counted: "rockets", dates: "jun 9", terms: "rockets fired"}, // a chat spelling
		{q: "how mny rockets were fired on jun 9", typ: TypeCount, counted: "rockets", dates: "jun 9", terms: "rockets fired"}, // a letter left out of "many"
		{q: "wht did kirby say", typ: TypeWords, speaker: "kirby", entities: "kirby"},
		{q: "what did the fbi say", typ: TypeWords, terms: "fbi"},         // an abbreviation, not a slip
		{q: "what did tim kaine say", typ: TypeWords, terms: "tim kaine"}, // a name, not "time"
		{q: "date of the strikes", typ: TypeDate, terms: "strikes"},       // a head noun and "of" ask as "what date"
		{q: "the reason for the strikes?", typ: TypeReason, terms: "strikes"},
		{q: "location of the strikes?", typ: TypePlace, terms: "strikes"},
		{q: "did the attacks mar the talks", terms: "attacks mar talks"},
		{q: "who is firing the rockets", typ: TypeAgent, terms: "firing rockets"},
		{q: "whos firing the rockets", typ: TypeAgent, terms: "firing rockets"},
		{q: "what exactly is the PMU", typ: TypeDefinition, entities: "pmf"},
		{q: "where did the us strikes happen", typ: TypePlace, entities: "us", terms: "strikes"},
		{q: "wait so who ordered the strikes lol", typ: TypeAgent, terms: "ordered strikes"},
		{q: "how many kss guys got killed", typ: TypeCount, counted: "kss", entities: "kss", terms: "killed"},
		{q: "what did the iraqi govt say", typ: TypeWords, speaker: "iraq", entities: "iraq"}, // "Iraqi government" names Iraq
		{q: "the strikes hit three sites, right?", terms: "strikes hit sites"},
		{q: "did biden reserve the right", entities: "biden", terms: "reserve right"},
		{q: "lol"}, // chat alone asks nothing
		{q: "what did the U.S. say about the strikes", typ: TypeWords, speaker: "us", entities: "us", terms: "strikes"},
		{q: "did iraq condemn the strikes yes or no", entities: "iraq", terms: "condemn strikes"},
		{q: "what day of the week did the us come out defending the strikes", typ: TypeDate, entities: "us", terms: "come defending strikes"},
		{q: "how many times were US forces attacked", typ: TypeCount, counted: "times", entities: "us", terms: "forces attacked"},
		{q: "how many exactly died", typ: TypeCount, terms: "died"},
		{q: "what's the PMF", typ: TypeDefinition, entities: "pmf"},                // "'s" is "is"
		{q: "kh casualties?", typ: TypeCount, entities: "kh", terms: "casualties"}, // a few words ending in harm
		{q: "the strikes hit three sites?", terms: "strikes hit sites"},
		{q: "hows it going", typ: TypeManner},                                                     // a verb form of a question word
		{q: "wht did teh pentagon sya abuot casulties", entities: "pentagon", terms: "casulties"}, // "sya" is "say"
		{q: "how much did the strikes cost", typ: TypeMoney, terms: "strikes cost"},
		{q: "how many militias does iran fund", typ: TypeCount, counted: "militias", entities: "iran", terms: "militias fund"}, // "how many" is no sum
		{q: "what does the article say about casualties", terms: "article casualties"},                                         // the sources' words
		{q: "did biden warn of more strikes in the future", entities: "biden", terms: "warn strikes future"},                   // words spoken then
		{q: "what was the timing of the strikes", typ: TypeDefinition, terms: "timing strikes"},                                // no light verb
		{q: "how much of iraq did isis capture", typ: TypeCount, entities: "iraq isis", terms: "capture"},
		{q: "how many days does the act give", typ: TypeCount, counted: "days", terms: "days act"}, // a unit of time is counted
		{q: "how old is biden", typ: TypeAge, entities: "biden"},
		{q: "what did irans foreign ministry say", typ: TypeWords, speaker: "iran", entities: "iran", terms: "foreign ministry"},
		// A possessive names whose critics, not who speaks; a role held
		// by a member of the institution still speaks for it.
		{q: "what did biden's critics say about iran", typ: TypeWords, entities: "biden iran", terms: "critics"},
		{q: "what did bidens critics say", typ: TypeWords, entities: "biden", terms: "critics"},
		// A head noun after a possessive at the end narrows "what".
		{q: "whats the iraqi prime ministers name", typ: TypeName, entities: "kadhimi"},
		{q: "whats the filipino contractors name who died", typ: TypeName, terms: "filipino contractors died"},
		{q: "whats the name of the child SANA said was killed", typ: TypeName, entities: "sana", terms: "child killed"},
		{q: "what was kataib hezbollah's reason", typ: TypeReason, entities: "kh"},
		{q: "what did the pentagon's spokesman say", typ: TypeWords, speaker: "kirby", entities: "kirby"}, // "Pentagon spokesman" is Kirby
		// A title after a state names its holder, who speaks for it only
		// if the sources know them in that office.
		{q: "what did the iraqi foreign minister say", typ: TypeWords, entities: "iraq", terms: "foreign minister"},
		{q: "what did the iraqi military spokesman say", typ: TypeWords, speaker: "iraq", entities: "iraq", terms: "military spokesman"},
		{q: "what did blinken, the secretary of state, say", typ: TypeWords, speaker: "blinken", entities: "blinken"}, // his own title
		{q: "what did menendez the committee chairman say", typ: TypeWords, speaker: "menendez", entities: "menendez", terms: "committee chairman"},
		{q: "what was the death toll this time", typ: TypeDefinition, terms: "death toll"}, // "this" is no possessive
		{q: "how many others were wounded", typ: TypeCount, counted: "others", terms: "wounded"},
		{q: "were KH and KSS the targets or nah", entities: "kh kss", terms: "targets"},
		{q: "what did sen. menendez want", entities: "menendez", terms: "want"},
		{q: "did anyone die on june 27", dates: "june 27", terms: "die"},
		{q: "what kind of sites did the us hit", typ: TypeKind, entities: "us", terms: "sites hit"},
		{q: "who is the SDF spokesperson", typ: TypeName, entities: "sdf", terms: "spokesperson"},                                        // whoever holds the office
		{q: "who was the filipino contractor", typ: TypeDefinition, terms: "filipino contractor"},                                        // no office
		{q: "why does kirby say the us is in iraq", typ: TypeReason, speaker: "kirby", entities: "kirby us iraq"},                        // a reason, in his words
		{q: "what msg did blinken send", entities: "blinken", terms: "message send"},                                                     // chat's abbreviation
		{q: "did the rockets land at 10 pm", terms: "rockets land 10"},                                                                   // the time of day, not a prime minister
		{q: "is iran behind the attacks", entities: "iran", terms: "attacks"},                                                            // a preposition names nothing
		{q: "who may authorize force per menendez", typ: TypeAgent, speaker: "menendez", entities: "menendez", terms: "authorize force"}, // nor does "per", which says in whose words
		{q: "why is the us in iraq according to kirby", typ: TypeReason, speaker: "kirby", entities: "us iraq kirby"},
		{q: "how many were killed according to the pentagon", typ: TypeCount, speaker: "pentagon", entities: "pentagon", terms: "killed"},
		{q: "who is col wayne marotto", typ: TypeDefinition, entities: "marotto"},       // "col" as the sources write it
		{q: "what is the 2002 AUMF", typ: TypeDefinition, dates: "2002", terms: "AUMF"}, // a date modifies what is asked of
		{q: "what was june 27", dates: "june 27"},
		{q: "how many were killed in the februay 25 strike", typ: TypeCount, dates: "februay 25", terms: "killed strike"},                     // a month misspelt, beside its day
		{q: "what did the marchs say", typ: TypeWords, terms: "marchs"},                                                                       // no day or year: no month
		{q: "was anyone hurt when the rocket hit the residential area on july 8", dates: "july 8", terms: "hurt rocket hit residential area"}, // "when" joins a clause
		{q: "can you tell me when the strikes happened", typ: TypeDate, terms: "strikes"},                                                     // asked by "tell"
		{q: "what did the militias threaten according to the pentagon", typ: TypeWords, entities: "pentagon", terms: "militias threaten"},     // words asked already
		{q: "how much did the us pay per iraqi killed", typ: TypeMoney, entities: "us iraq", terms: "pay killed"},                             // a rate
		{q: "did psaki say when the talks resume", typ: TypeDate, entities: "psaki", terms: "talks resume"},                                   // "when" after saying asks it
		{q: "who was killed in the 2020 strike", typ: TypeAgent, dates: "2020", terms: "killed strike"},                                       // the date is what is asked of
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a := ix.Analyze(tt.q)
			var ents, dates, terms []string
			for _, e := range a.Entities {
				ents = append(ents, e.ID)
			}
			for _, d := range a.Dates {
				dates = append(dates, d.Word)
			}
			for _, tm := range a.Terms {
				terms = append(terms, tm.Word)
			}
			got := []string{a.Type, strings.Join(a.Counted, " "), a.Speaker, strings.Join(ents, " "), strings.Join(dates, ", "), strings.Join(terms, " "), strings.Join(a.Future, " ")}
			want := []string{tt.typ, tt.counted, tt.speaker, tt.entities, tt.dates, tt.terms, tt.future}
			if !slices.Equal(got, want) {
				t.Errorf("Analyze(%q) = %q, want %q (type, counted, speaker, entities, dates, terms, future)", tt.q, got, want)
			}
		})
	}
}

// TestChatPossessiveCountry checks that a country's name with a
// possessive "s" and no apostrophe ("italys") is read as the country, by
// its adjective the sources use ("Italian"), though they never write it.
func TestChatPossessiveCountry(t *testing.T) {
	ix := buildSeeds(t, Options{})
	q := "whats the name of italys foreign minister"
	a := ix.Analyze(q)
	if len(a.Terms) == 0 || !slices.Contains(a.Terms[0].Alts, ix.stem("italian")) {
		t.Errorf("Analyze(%q).Terms = %+v, want the first with %q among its alternatives", q, a.Terms, ix.stem("italian"))
	}
}

// TestQuestionTag checks which closing words make a yes/no question of a
// statement ("…, right?") and which are the question's own.
func TestQuestionTag(t *testing.T) {
	ix := buildSeeds(t, Options{})
	tests := []struct {
		q    string
		want bool
	}{
		{"the strikes hit three sites, right?", true},
		{"fatah is the biggest bloc isn't it", true},
		{"so they used f-16s or not", true},
		{"did biden reserve the right", true}, // opened by an auxiliary
		{"what does biden reserve the right to", false},
		{"who was right", false},
		{"who said right", false}, // a wh-question's last word is its own
		{"did iraq condemn the strikes yes or no", true},
	}
	for _, tt := range tests {
		if got := ix.Analyze(tt.q).YesNo; got != tt.want {
			t.Errorf("Analyze(%q).YesNo = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestQuestionDates(t *testing.T) {
	ix := buildSeeds(t, Options{})
	tests := []struct {
		q        string
		from, to knowledge.Date
	}{
		{"on June 27", knowledge.Date{Month: 6, Day: 27}, knowledge.Date{Month: 6, Day: 27}},
		{"on the 8th of May", knowledge.Date{Month: 5, Day: 8}, knowledge.Date{Month: 5, Day: 8}},
		{"in March 2020", knowledge.Date{Year: 2020, Month: 3}, knowledge.Date{Year: 2020, Month: 3}},
		// "after" a day or a year opens after it, "before" one closes
		// before it; "since" and "until" hold it.
		{"after June 27", knowledge.Date{Month: 6, Day: 28}, knowledge.Date{}},
		{"since June 28", knowledge.Date{Month: 6, Day: 28}, knowledge.Date{}},
		{"before June 1", knowledge.Date{}, knowledge.Date{Month: 5, Day: 31}},
		{"after December 31, 2019", knowledge.Date{Year: 2020, Month: 1, Day: 1}, knowledge.Date{}},
		{"after 2019", knowledge.Date{Year: 2020}, knowledge.Date{}},
		{"before 2020", knowledge.Date{}, knowledge.Date{Year: 2019}},
		{"until July 8", knowledge.Date{}, knowledge.Date{Month: 7, Day: 8}},
		{"between June 6 and June 9 2021", knowledge.Date{Year: 2021, Month: 6, Day: 6}, knowledge.Date{Year: 2021, Month: 6, Day: 9}},
		{"in 2019", knowledge.Date{Year: 2019}, knowledge.Date{Year: 2019}},
		// A part of a month is a span of its days, and its words are
		// the date's, not terms the sources lack.
		{"in early June", knowledge.Date{Month: 6, Day: 1}, knowledge.Date{Month: 6, Day: 10}},
		{"in mid-June", knowledge.Date{Month: 6, Day: 11}, knowledge.Date{Month: 6, Day: 20}},
		{"in late February 2020", knowledge.Date{Year: 2020, Month: 2, Day: 21}, knowledge.Date{Year: 2020, Month: 2, Day: 29}},
		{"at the end of April", knowledge.Date{Month: 4, Day: 21}, knowledge.Date{Month: 4, Day: 30}},
		{"in the first week of July", knowledge.Date{Month: 7, Day: 1}, knowledge.Date{Month: 7, Day: 7}},
		{"on the twenty-seventh of June", knowledge.Date{Month: 6, Day: 27}, knowledge.Date{Month: 6, Day: 27}},
		// A day of no year does not wrap round the year's end.
		{"after December 31", knowledge.Date{Month: 12, Day: 31}, knowledge.Date{}},
		{"before January 1", knowledge.Date{}, knowledge.Date{Month: 1, Day: 1}},
		{"the last week of June 2021", knowledge.Date{Year: 2021, Month: 6, Day: 25}, knowledge.Date{Year: 2021, Month: 6, Day: 30}},
		{"since early June", knowledge.Date{Month: 6, Day: 1}, knowledge.Date{}},
		// The parts that open and close a month open and close a year:
		// its first and last months.
		{"since the start of the year", knowledge.Date{Month: 1}, knowledge.Date{}},
		{"at the beginning of the year", knowledge.Date{Month: 1}, knowledge.Date{Month: 1}},
		{"before the end of the year", knowledge.Date{}, knowledge.Date{Month: 12}},
		{"at the end of the year 2020", knowledge.Date{Year: 2020, Month: 12}, knowledge.Date{Year: 2020, Month: 12}},
		{"since the start of this year", knowledge.Date{Month: 1}, knowledge.Date{}},
		// Dates in figures: month first unless the first figure cannot be
		// a month; ISO order when the year opens.
		{"on 6/27", knowledge.Date{Month: 6, Day: 27}, knowledge.Date{Month: 6, Day: 27}},
		{"on 27/06/2021", knowledge.Date{Year: 2021, Month: 6, Day: 27}, knowledge.Date{Year: 2021, Month: 6, Day: 27}},
		{"on 2021-06-27", knowledge.Date{Year: 2021, Month: 6, Day: 27}, knowledge.Date{Year: 2021, Month: 6, Day: 27}},
		{"on 12/31/19", knowledge.Date{Year: 2019, Month: 12, Day: 31}, knowledge.Date{Year: 2019, Month: 12, Day: 31}},
		{"on 6/27/99", knowledge.Date{Year: 1999, Month: 6, Day: 27}, knowledge.Date{Year: 1999, Month: 6, Day: 27}},
		{"after 6/27", knowledge.Date{Month: 6, Day: 28}, knowledge.Date{}},
		{"between 6/9 and 6/27", knowledge.Date{Month: 6, Day: 9}, knowledge.Date{Month: 6, Day: 27}},
		{"on 28/6", knowledge.Date{Month: 6, Day: 28}, knowledge.Date{Month: 6, Day: 28}}, // day first: no month 28
		{"between early June and late June", knowledge.Date{Month: 6, Day: 1}, knowledge.Date{Month: 6, Day: 30}},
		{"in late February 2021", knowledge.Date{Year: 2021, Month: 2, Day: 21}, knowledge.Date{Year: 2021, Month: 2, Day: 28}},
	}
	for _, tt := range tests {
		a := ix.Analyze("what happened " + tt.q)
		if len(a.Dates) != 1 || a.Dates[0].From != tt.from || a.Dates[0].To != tt.to {
			t.Errorf("Analyze(%q).Dates = %+v, want one span %v..%v", tt.q, a.Dates, tt.from, tt.to)
		}
		if len(a.Terms) != 0 {
			t.Errorf("Analyze(%q).Terms = %+v, want none: every word is the date's", tt.q, a.Terms)
		}
	}
	// Figures after a month's name are its days, not another date; a
	// word that names part of a month only before "of" is a word.
	for q, want := range map[string]string{
		"what happened June 9-12":                 "June 9",
		"when did the attacks start june 2021":    "june 2021",
		"what happened at the start of june 2021": "start of june 2021",
		// "may" in lower case is a month after a word that opens a
		// time, or before a year.
		"what happened in may":   "may",
		"attacks since may 2021": "since may 2021",
	} {
		a := ix.Analyze(q)
		if len(a.Dates) != 1 || a.Dates[0].Word != want {
			t.Errorf("Analyze(%q).Dates = %+v, want one, %q", q, a.Dates, want)
		}
	}
	for _, q := range []string{"what may happen", "the militias may attack again", "may i ask who ordered the strikes"} {
		if a := ix.Analyze(q); len(a.Dates) != 0 {
			t.Errorf(`Analyze(%q).Dates = %+v, want none: "may" is a verb`, q, a.Dates)
		}
	}
	for _, q := range []string{"where are the 2,500 troops", "what did the f-15 hit", "what is 6 / 27", "what happened on 13/13",
		"were 1.5 million affected", "how many rockets 2-3", "are they on alert 24/7", "was it 3-1"} {
		if a := ix.Analyze(q); len(a.Dates) != 0 {
			t.Errorf("Analyze(%q).Dates = %+v, want none", q, a.Dates)
		}
	}
}

func TestDateAgreement(t *testing.T) {
	june27 := []DateSpan{{From: knowledge.Date{Month: 6, Day: 27}, To: knowledge.Date{Month: 6, Day: 27}}}
	june := []DateSpan{{From: knowledge.Date{Year: 2021, Month: 6}, To: knowledge.Date{Year: 2021, Month: 6}}}
	early := []DateSpan{{From: knowledge.Date{Month: 6, Day: 6}, To: knowledge.Date{Month: 6, Day: 9}}}
	tests := []struct {
		want []DateSpan
		have []knowledge.Date
		out  float64
	}{
		{june27, []knowledge.Date{{Year: 2021, Month: 6, Day: 27}}, 1},
		{june27, []knowledge.Date{{Month: 6, Day: 28}}, -1},
		{june27, nil, 0},
		{june, []knowledge.Date{{Month: 6, Day: 9}}, 1},
		{early, []knowledge.Date{{Month: 6, Day: 8}}, 1},
		{early, []knowledge.Date{{Month: 6, Day: 15}}, -1},
		{june27, []knowledge.Date{{Year: 2020}}, 0},
	}
	for _, tt := range tests {
		if got := dateAgreement(tt.want, tt.have); got != tt.out {
			t.Errorf("dateAgreement(%+v, %v) = %v, want %v", tt.want, tt.have, got, tt.out)
		}
	}
}

func TestForms(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, tt := range []struct {
		word string
		want int
		ok   bool
	}{{"8th", 8, true}, {"eight", 8, true}, {"eighth", 8, true}, {"21st", 21, true}, {"2500", 2500, true}, {"8x", 0, false}, {"eighty", 80, true}, {"strike", 0, false}, {"16s", 16, true}, {"1990s", 1990, true}} {
		if got, ok := ix.forms.number(tt.word); got != tt.want || ok != tt.ok {
			t.Errorf("number(%q) = %d, %v, want %d, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
	for word, country := range map[string]string{"germany": "germany", "german": "germany", "italian": "italy", "iraqi": "iraq", "iranian": "iran", "syrian": "syria", "turkish": "turkey"} {
		if got := ix.forms.region[word]; got != country {
			t.Errorf("region[%q] = %q, want %q", word, got, country)
		}
	}
	if _, ok := ix.forms.region["strikes"]; ok {
		t.Error(`region["strikes"] is set: an ordinary word taken for a country`)
	}
	text := "engaged in unmanned aerial vehicle (UAV) attacks and the Popular Mobilization Forces (PMF), but (NOT) this"
	got := abbreviations(text, knowledge.Tokenize(text))
	want := map[string]string{"uav": "unmanned aerial vehicle", "pmf": "popular mobilization forces"}
	if len(got) != len(want) || got["uav"] != want["uav"] || got["pmf"] != want["pmf"] {
		t.Errorf("abbreviations = %v, want %v", got, want)
	}
	for _, tt := range []struct {
		typed, intended string
		want            bool
	}{{"whta", "what", true}, {"retalitory", "retaliatory", true}, {"menendes", "menendez", true}, {"price", "prime", false}, {"strikrs", "strikes", true}, {"kirbyy", "kirby", true}} {
		if got := slip(tt.typed, tt.intended); got != tt.want {
			t.Errorf("slip(%q, %q) = %v, want %v", tt.typed, tt.intended, got, tt.want)
		}
	}
	for w, want := range map[string]bool{"8th": true, "21st": true, "second": true, "twentieth": true, "16s": false, "thousand": false, "2500": false, "seven": false} {
		if got := ix.forms.ordinal(w); got != want {
			t.Errorf("ordinal(%q) = %v, want %v", w, got, want)
		}
	}
	// The plural of a designation is its figures ("F-15s"); a form of a
	// stop word ("downed") is no term, as the index holds nothing of it.
	if term, ok := ix.term(knowledge.Token{Raw: "15s", Norm: "15s"}, false); !ok || !term.Known {
		t.Errorf(`term("15s") = %+v, %v, want a known term`, term, ok)
	}
	if term, ok := ix.term(knowledge.Token{Raw: "downed", Norm: "downed"}, false); ok {
		t.Errorf(`term("downed") = %+v, true, want no term`, term)
	}
	// A mistyped word is read as the corpus word it slipped from, even
	// when its stem is another corpus word ("rockes" is not "rock"), or
	// when only its stem is a slip away ("conden"); an English word is
	// never corrected at the stem ("leads" is not "led"), nor into
	// another word ("founded" is not "funded").
	for _, tt := range []struct {
		word, alt string
	}{{"rockes", "rocket"}, {"fightes", "fighter"}, {"conden", "condemn"}, {"leads", ""}, {"founded", ""}} {
		term, _ := ix.term(knowledge.Token{Raw: tt.word, Norm: tt.word}, false)
		got := strings.Join(term.Alts, ",")
		if tt.alt == "" && got != "" || tt.alt != "" && !slices.Contains(term.Alts, tt.alt) {
			t.Errorf("term(%q).Alts = %q, want %q among them", tt.word, got, tt.alt)
		}
	}
}

// TestRankFeatures checks that the features steer the ranking the way the
// question asks: a count beside the counted noun, the date asked about, the
// speaker's own words, and an answer window widened to the neighbouring
// sentence that holds the count.
func TestRankFeatures(t *testing.T) {
	ix := buildSeeds(t, Options{})
	tests := []struct {
		q, want string
	}{
		{"How many drones were shot down on June 9?", "One drone was shot down"},
		{"what happened on the 8th of May", "On May 8, a drone attacked Ain al Asad Air Base"},
		{"What does PMF stand for?", "Popular Mobilization Forces (PMF)"},
		{"how many seats does the fatah coalition have", "48 of the 329 seats"},
		{"what did the gunmen and demonstrators do at the embassy gate", "They chanted"},
		{"whats the name of the iranian foreign ministry spokesman", "spokesman Saeed Khatibzadeh"},
		{"what is the name of the senator who chairs the foreign relations committee", "Senator Bob Menendez"},
		{"what's the name of the iraqi prime minister", "Prime Minister Mustafa"},
		{"what did iraqi military officials tell the AP about deaths", "four men were killed in Syria"},
		{"how long after the parade did the US strike", "just a day after the PMU"},
		{"how many ISIS fighters are the kurds holding in north syria", "Several thousand Islamic State(IS) fighters"},
	}
	for _, tt := range tests {
		rk, err := ix.Rank(t.Context(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if !rk.Covered() {
			t.Errorf("Rank(%q) not covered: missing %v, uncovered %v", tt.q, rk.Missing, rk.Uncovered)
			continue
		}
		top := rk.Hits[0]
		if s := top.Snippet(); !strings.Contains(s.Quote, tt.want) || top.Text[s.Start:s.End] != s.Quote {
			t.Errorf("Rank(%q) top = %s %q (%s), want a verbatim window holding %q", tt.q, top.ID, s.Quote, top.Features, tt.want)
		}
	}
	// Refused too: a length of time no number of hours or days gives, and
	// the words of a speaker the sources name but never quote.
	for _, q := range []string{"What did Vladimir Putin say?", "How much did the airstrikes cost?", "What will the US do next year?",
		"how long did the june 27 strikes last", "how many drones did the pmu show off at its parade", "what did blinken say about the drones in erbil",
		"what was the name of the filipino contractor killed in the erbil rocket attack", "how long did the erbil attack last",
		"what is the name of the iranian foreign minister", "who is the SDF spokesperson that tweeted about the drone",
		"what is the name of the israeli president", "which israeli president was visiting washington", "when was the IRCC founded",
		"which camp are the IS fighters held in"} {
		rk, err := ix.Rank(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		if rk.Covered() {
			t.Errorf("Rank(%q) covered with %s, want not covered", q, rk.Hits[0].ID)
		} else if len(rk.Missing)+len(rk.Uncovered)+len(rk.Later) == 0 && rk.Untyped == "" {
			t.Errorf("Rank(%q) not covered without naming what is missing", q)
		}
	}
}

// TestInstanceNamed checks that "which senator" is answered by a senator
// the sources name (Murphy), one whose name says he is one.
func TestInstanceNamed(t *testing.T) {
	ix := buildSeeds(t, Options{})
	q := "which senator was worried about the war powers act"
	rk, err := ix.Rank(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	if !rk.Covered() || rk.Hits[0].Features.AnswerType != 1 || !strings.Contains(rk.Hits[0].Text+rk.Hits[0].Label, "Murphy") {
		t.Errorf("Rank(%q): covered %v, top %+v, want Murphy's words answering", q, rk.Covered(), rk.Hits[:min(1, len(rk.Hits))])
	}
	// The noun, not its stem: a senator is no Senate.
	if got := ix.namedBy("senator"); !got["murphy"] || !got["menendez"] {
		t.Errorf(`namedBy("senator") = %v, want Murphy and Menendez among them`, got)
	}
	// A kind of actor names its instances: "which militias" asks for
	// Kataib Hezbollah or Kataib Sayyid al-Shuhada.
	if got := ix.ofKind("militias"); !got["kh"] || !got["kss"] || got["pentagon"] {
		t.Errorf(`ofKind("militias") = %v, want the militias, KH and KSS among them`, got)
	}
	q = "which militias were targeted"
	if rk, err = ix.Rank(t.Context(), q); err != nil {
		t.Fatal(err)
	}
	if !rk.Covered() || !strings.Contains(rk.Hits[0].Text, "Kataib Hezbollah") {
		t.Errorf("Rank(%q): covered %v, top %.80q, want a passage naming Kataib Hezbollah", q, rk.Covered(), rk.Hits[0].Text)
	}
	// A noun a modifier narrows is no kind: "which militia groups" asks
	// for no armed group such as the SDF.
	q = "which militia groups did the US go after"
	if rk, err = ix.Rank(t.Context(), q); err != nil {
		t.Fatal(err)
	}
	if len(rk.Hits) == 0 || strings.Contains(rk.Hits[0].Text, "SDF") {
		t.Errorf("Rank(%q) top %.80q, want no SDF claim first", q, rk.Hits[0].Text)
	}
	for _, tt := range []struct {
		a, b string
		want bool
	}{{"senator", "senators", true}, {"agency", "agencies", true}, {"senator", "senate", false}, {"base", "bases", true}} {
		if got := knowledge.SameNoun(tt.a, tt.b); got != tt.want {
			t.Errorf("SameNoun(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestNounPhrase checks where a noun phrase ends: at a verb, however it
// is inflected ("hit", "said"), or a preposition.
func TestNounPhrase(t *testing.T) {
	ix := buildSeeds(t, Options{})
	tests := []struct {
		text string
		at   int
		want string
	}{
		{"which drone hit erbil", 1, "drone"},
		{"which goverments said the strikes", 1, "goverments"},
		{"what kind of weapons storage facilities were hit", 3, "weapons storage facilities"},
		{"the name of the british soldier killed at taji", 3, "british soldier"},
		{"which senator from connecticut", 1, "senator"},
	}
	for _, tt := range tests {
		toks := knowledge.Tokenize(tt.text)
		np := ix.grammar.nounPhrase(toks, tt.at)
		var got []string
		for k := range toks {
			if np[k] {
				got = append(got, toks[k].Norm)
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("nounPhrase(%q, %d) = %q, want %q", tt.text, tt.at, g, tt.want)
		}
	}
}

// TestCandidateAnswerType checks, candidate by candidate, whether a
// passage holds the kind of answer a question asks for.
func TestCandidateAnswerType(t *testing.T) {
	ix := buildSeeds(t, Options{})
	tests := []struct {
		q, id string
		want  float64
	}{
		// "What kind of" is answered by the asked noun with a word
		// before it saying what sort it is, not by a form of the verb it
		// shares a stem with.
		{"what kind of facilities did they target", "003:29", 1}, // "targeted operational and weapons storage facilities"
		{"what kind of sites did the us hit", "003:64", 0},       // "increasingly targeted U.S. persons and assets"
		// A number counts the head of the noun phrase after it: "three
		// separate rocket attacks" says how many attacks, not rockets.
		{"how many rockets hit the erbil air base on february 15", "003:75", 0},
		{"how many rocket attacks were there on us forces in february", "003:75", 1},
		// A number counts what the question asks about: "four of its
		// fighters were killed" says how many died, not how many
		// fighters a group has, and "F-15 and F-16 fighters" counts
		// nothing.
		{"how many fighters does the pmf have in total", "003:3", 0},
		{"how many fighters does the pmf have in total", "003:2", 0},
		{"how many fighters were killed", "003:3", 1},
		// A name counted ("how many KH") is counted by a number before
		// it, not by one before the noun it qualifies ("three Kataib
		// Hezbollah facilities"); of its dead, by a number before the
		// killed in a passage that speaks of it ("25 militants were
		// killed").
		{"how many kataib hezbollah are there", "003:68", 0},
		{"how many KH were killed on dec 29", "003:68", 1},
		// "What is Kataib Hezbollah" is answered by words describing the
		// group itself, not one of its commanders ("Muhandis was also the
		// deputy commander of …").
		{"what is kataib hezbollah", "003:70", 0},
	}
	for _, tt := range tests {
		rk, err := ix.Rank(t.Context(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(rk.Hits, func(h Ranked) bool { return h.ID == tt.id })
		if i < 0 {
			t.Errorf("Rank(%q): no candidate %s", tt.q, tt.id)
			continue
		}
		if got := rk.Hits[i].Features.AnswerType; got != tt.want {
			t.Errorf("Rank(%q): %s answer type = %v, want %v", tt.q, tt.id, got, tt.want)
		}
	}
}

// TestImpliedDate checks that "when were the strikes", with no date of its
// own, asks about the event the sources are about (27 June 2021): the best
// candidates bear its date, and the passage its record cites is among them
// however common its words; a question with a date keeps its own.
func TestImpliedDate(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, q := range []string{"what date were the strikes", "when did the airstrikes happen"} {
		rk, err := ix.Rank(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(rk.Hits) < 3 {
			t.Fatalf("Rank(%q) = %d hits, want 3 at least", q, len(rk.Hits))
		}
		for _, h := range rk.Hits[:3] {
			if h.Features.Date != 1 {
				t.Errorf("Rank(%q): %s date = %+.0f in the top 3, want +1 (27 June)", q, h.ID, h.Features.Date)
			}
		}
		if !slices.ContainsFunc(rk.Hits, func(h Ranked) bool { return h.ID == "003:2" }) {
			t.Errorf("Rank(%q): 003:2 (\"On June 27, the United States conducted airstrikes\") not a candidate", q)
		}
	}
	q := "what date were the february strikes"
	rk, err := ix.Rank(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	if len(rk.Hits) == 0 || rk.Hits[0].Features.Date != 1 || !strings.Contains(rk.Hits[0].Text, "February") {
		t.Errorf("Rank(%q) top = %+v, want a passage of February", q, rk.Hits[:min(1, len(rk.Hits))])
	}
}

// TestInsideQuote checks which words of a text stand inside quotation
// marks.
func TestInsideQuote(t *testing.T) {
	text := `"We took deliberate action." Iraqi militia groups named four members. He said “we will avenge” them.`
	tests := []struct {
		at   string
		want bool
	}{{"took", true}, {"Iraqi", false}, {"avenge", true}, {"them", false}}
	for _, tt := range tests {
		if got := insideQuote(text, strings.Index(text, tt.at)); got != tt.want {
			t.Errorf("insideQuote(%q at %q) = %v, want %v", text, tt.at, got, tt.want)
		}
	}
}

// TestQuestionTurnAnswered checks that in a Q&A transcript the answer to a
// reporter's question ranks above the question it follows, though it does
// not repeat the question's words, on an index in memory and on disk.
func TestQuestionTurnAnswered(t *testing.T) {
	dir := t.TempDir()
	for _, ix := range []*Index{buildSeeds(t, Options{}), buildSeeds(t, Options{Path: filepath.Join(dir, "ix")})} {
		for _, q := range []string{"was it purely a retaliatory strike", "are they reaching out to Iran for dialogue"} {
			rk, err := ix.Rank(t.Context(), q)
			if err != nil {
				t.Fatal(err)
			}
			question, answer := -1, -1
			for i, h := range rk.Hits {
				if h.Kind == string(seeds.KindQuestion) && question < 0 {
					question = i
				}
				if h.askedA != nil && answer < 0 {
					answer = i
				}
			}
			if question < 0 || answer < 0 || answer > question {
				t.Errorf("Rank(%q): reporter's question at %d, its answer at %d, want the answer first", q, question, answer)
			}
		}
	}
}

// TestWordsInNarrative checks that a narrative passage quoting the asked
// speaker's words holds the answer "what did X say" asks for, and one
// quoting someone else's does not.
func TestWordsInNarrative(t *testing.T) {
	ix := buildSeeds(t, Options{})
	rk, err := ix.Rank(t.Context(), "what did Blinken say about the strikes")
	if err != nil {
		t.Fatal(err)
	}
	own, others := 0, 0
	for _, h := range rk.Hits {
		if h.Kind != string(seeds.KindParagraph) || !strings.ContainsAny(h.Snippet().Quote, "“\"") {
			continue
		}
		if want := h.Features.Speaker > 0; (h.Features.AnswerType == 1) != want {
			t.Errorf("Rank: paragraph %s quotes %q with speaker %v: answer type %v, want 1 only for Blinken's words", h.ID, h.Snippet().Quote, h.Features.Speaker, h.Features.AnswerType)
		}
		if h.Features.Speaker > 0 {
			own++
		} else {
			others++
		}
	}
	if own == 0 || others == 0 {
		t.Errorf("Rank: %d paragraphs quoting Blinken and %d quoting others, want some of each", own, others)
	}
}

// TestChatWordsNotNames checks that short chat words and slips are never
// taken for names the sources lack ("The sources don't mention teh"), and
// that a month abbreviation finds the month written out.
func TestChatWordsNotNames(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, q := range []string{"who ordered teh strikes", "what did the pentagon say abt the strikes lol", "what happened in feb", "what happened since dec"} {
		rk, err := ix.Rank(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(rk.Missing) > 0 {
			t.Errorf("Rank(%q).Missing = %q, want none", q, rk.Missing)
		}
	}
	for _, q := range []string{"who ordered teh strikes", "what happened in feb"} {
		rk, err := ix.Rank(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		if !rk.Covered() {
			t.Errorf("Rank(%q) not covered (uncovered %q), want answers", q, rk.Uncovered)
		}
	}
}

// TestIrregularForms checks that a verb's irregular forms count as one term
// ("holding" finds "held"), while a word in -s is taken for the noun it
// usually is ("strikes" does not find "struck"); and that so do the forms
// of an agent noun ("spokesman", "spokesperson"; "chair", "chairman").
func TestIrregularForms(t *testing.T) {
	ix := buildSeeds(t, Options{})
	tests := []struct {
		word, alt string
		want      bool
	}{
		{"holding", "held", true},
		{"hold", "held", true},
		{"struck", "strike", true},
		{"strikes", "struck", false},
		{"spokesman", "spokesperson", true},
		{"spokeswoman", "spokesman", true},
		{"chair", "chairman", true},
		{"spokesman", "spoke", false},
	}
	for _, tt := range tests {
		term, _ := ix.term(knowledge.Token{Raw: tt.word, Norm: tt.word}, false)
		if got := slices.Contains(term.Alts, tt.alt); got != tt.want {
			t.Errorf("term(%q).Alts = %q, want %q among them: %v", tt.word, term.Alts, tt.alt, tt.want)
		}
	}
}

// TestInitials checks that an abbreviation the corpus never writes is read
// by the initials of a name it does ("AP", "The Associated Press"), or by
// what WordNet says it stands for where the corpus has that (a word it
// uses, "hq"; a name it writes with those initials, "pm"), and that
// initials standing for nothing the corpus has stay unknown ("UN": it has
// "united" and "nations" apart).
func TestInitials(t *testing.T) {
	ix := buildSeeds(t, Options{})
	tests := []struct {
		word string
		want string // a stem among Alts, or a phrase's stems joined by spaces
	}{
		{"AP", "associ press"},
		{"WH", "white hous"},
		{"UN", ""},
		{"ap", ""}, // lower case: a word, not initials
		{"hq", "headquart"},
		{"pm", "prime minist"},
		{"dc", "d c"},
		{"un", ""},
	}
	for _, tt := range tests {
		term, _ := ix.term(knowledge.Token{Raw: tt.word, Norm: strings.ToLower(tt.word)}, true)
		got := slices.Clone(term.Alts)
		for _, ph := range term.Phrases {
			got = append(got, strings.Join(ph, " "))
		}
		if tt.want == "" && len(got) > 0 || tt.want != "" && !slices.Contains(got, tt.want) {
			t.Errorf("term(%q) alternatives = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestContraction checks that a word abbreviated by dropping letters from
// within a corpus word is read as it, and a word English has is not.
func TestContraction(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for word, want := range map[string]string{
		"bldgs": ix.stem("buildings"),
		"role":  "", // English: not "responsible"
		"open":  "", // not "operation"
		"putin": "", // a name, and two vowels: not "population"
		"xyz":   "",
	} {
		if got := ix.contraction(word); got != want {
			t.Errorf("contraction(%q) = %q, want %q", word, got, want)
		}
	}
}

// TestAddInitials checks the runs initials are kept for: capitalized
// words within one sentence, joining words inside a run, whole letters.
func TestAddInitials(t *testing.T) {
	text := "Officials told The Associated Press. Hits Iran. Secretary of State Antony Blinken met Élysée Palace staff."
	m := meta{Initials: map[string][]string{}}
	m.addInitials(text, knowledge.Tokenize(text))
	tests := []struct {
		key, name string
		want      bool
	}{
		{"ap", "associated press", true},
		{"tap", "the associated press", true},
		{"hi", "hits iran", true},
		{"ph", "press hits", false}, // across a sentence end
		{"ss", "secretary of state", true},
		{"ép", "élysée palace", true},
	}
	for _, tt := range tests {
		if got := slices.Contains(m.Initials[tt.key], tt.name); got != tt.want {
			t.Errorf("Initials[%q] = %q, want %q among them: %v", tt.key, m.Initials[tt.key], tt.name, tt.want)
		}
	}
}

// TestDateWordingsRankAlike checks that a date ranks the same candidates
// first however the question writes it: the date is searched as the
// sources write dates.
func TestDateWordingsRankAlike(t *testing.T) {
	ix := buildSeeds(t, Options{})
	tests := [][2]string{
		{"what happened on the 27th of june", "what happened on june 27"},
		{"what happened on the 9th of june", "what happened on June 9"},
	}
	for _, tt := range tests {
		var first [2]string
		for i, q := range tt {
			rk, err := ix.Rank(t.Context(), q)
			if err != nil {
				t.Fatal(err)
			}
			if len(rk.Hits) == 0 {
				t.Fatalf("Rank(%q) = no hits", q)
			}
			first[i] = rk.Hits[0].ID
		}
		if first[0] != first[1] {
			t.Errorf("Rank(%q) ranks %s first, Rank(%q) %s; want the same", tt[0], first[0], tt[1], first[1])
		}
	}
}

// TestStateNamed checks that a state answers "where" only where its name
// is a noun, not an adjective or the first part of a compound, which say
// whose rather than where.
func TestStateNamed(t *testing.T) {
	ix := buildSeeds(t, Options{})
	f := ix.newFeaturer(ix.Analyze("where did it happen"), DefaultWeights)
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"The strikes hit two facilities in Syria and one in Iraq.", true},
		{"The convoy was leaving Syria at night.", true},
		{"Iran-backed militias attacked the base.", false},
		{"Iraqi officials said four men were killed.", false},
		{"U.S. forces returned fire.", false},
	} {
		a := ix.analyze(tt.text)
		if got := f.stateNamed(tt.text, a, 0, len(a.toks)); got != tt.want {
			t.Errorf("stateNamed(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestYesNo checks which questions are read as yes/no questions: opened
// by an auxiliary, or a statement with a question mark and no wh-word.
func TestYesNo(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for q, want := range map[string]bool{
		"did the us strike iraq":       true,
		"the strikes hit three sites?": true,
		"what did the strikes hit?":    false,
		"the strikes hit three sites":  false,
	} {
		if got := ix.Analyze(q).YesNo; got != want {
			t.Errorf("Analyze(%q).YesNo = %v, want %v", q, got, want)
		}
	}
}

// TestCountedActors checks that a name counted alone ("how many
// Americans") makes its actor what is counted, and that a name beside a
// noun ("US soldiers") leaves the noun counted.
func TestCountedActors(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for q, want := range map[string]string{
		"how many americans were killed at camp taji": "us",
		"how many US soldiers were wounded":           "",
		"how many people died":                        "",
	} {
		if got := strings.Join(ix.Analyze(q).countedActors, " "); got != want {
			t.Errorf("Analyze(%q).countedActors = %q, want %q", q, got, want)
		}
	}
}

// TestDescribed checks the words "the name of" describes: the noun phrase
// after "of", up to a participle or a preposition.
func TestDescribed(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for q, want := range map[string]string{
		"what was the name of the british soldier killed at camp taji": "british soldier",
		"what is the name of the contractor":                           "contractor",
		"who ordered the strikes":                                      "",
	} {
		a := ix.Analyze(q)
		var got []string
		for i, tm := range a.Terms {
			if a.described&(1<<i) != 0 {
				got = append(got, tm.Word)
			}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("Analyze(%q) described = %q, want %q", q, strings.Join(got, " "), want)
		}
	}
}

// TestAbout checks the thing a question asks how someone put: after
// "call", "describe" or "think of", but not after "call for".
func TestAbout(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for q, want := range map[string]string{
		"what did psaki call iran":                "iran",
		"how did kirby describe the airstrikes":   "airstrikes",
		"what did kadhimi's statement call for":   "",
		"what does psaki think of the us strikes": "us strikes",
	} {
		a := ix.Analyze(q)
		got := slices.Clone(a.aboutEnts)
		for i, tm := range a.Terms {
			if a.about&(1<<i) != 0 {
				got = append(got, strings.ToLower(tm.Word))
			}
		}
		if strings.Join(got, " ") != want {
			t.Errorf("Analyze(%q) about = %q, want %q", q, strings.Join(got, " "), want)
		}
	}
}

// TestPhrases checks that a multiword adverb is no focus term and that a
// phrasal verb's particle joins its verb, which then weighs as a verb.
func TestPhrases(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, tt := range []struct{ q, terms, verbal string }{
		{"how many rounds of talks so far", "rounds talks", ""},
		{"why was the pmf created in the first place", "created", "created"},
		{"when was the PMF set up", "set", "set"},
		{"who did khatibzadeh say will end up a victim", "end victim", "end"},
		{"what did the strikes hit", "strikes hit", ""},
		{"were there drones on the base", "drones base", ""},
	} {
		a := ix.Analyze(tt.q)
		var terms, verbal []string
		for _, tm := range a.Terms {
			terms = append(terms, tm.Word)
			if tm.Verbal {
				verbal = append(verbal, tm.Word)
			}
		}
		if got := strings.Join(terms, " "); got != tt.terms {
			t.Errorf("Analyze(%q) terms = %q, want %q", tt.q, got, tt.terms)
		}
		if got := strings.Join(verbal, " "); got != tt.verbal {
			t.Errorf("Analyze(%q) verbal = %q, want %q", tt.q, got, tt.verbal)
		}
	}
}

// TestModifierIsNoNoun checks that a modifier the sources lack, after a
// determiner and before the word it modifies, is no noun the question is
// about but a modifier, also when English has it as a noun too
// ("particular"), while a word a determiner opens alone, or "of" follows,
// is a noun, and a word the sources use is no modifier.
func TestModifierIsNoNoun(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, tt := range []struct{ q, word, modifier string }{
		{"what's the highest death toll anyone gave", "", "highest"},
		{"what was the weather like the night of the strikes", "weather night strikes", ""}, // a noun before "like"
		{"what is the weather in baghdad", "weather", ""},                                   // a noun before a function word
		{"is fatah the biggest bloc", "", "biggest"},
		{"why were those particular targets chosen", "", "particular"},
		{"what was the cost of the strikes", "cost strikes", ""},
		{"did they report the budget", "budget", ""},
		{"what did the iraqi government say", "", ""},
	} {
		var nouns, modifiers []string
		for _, tm := range ix.Analyze(tt.q).Terms {
			if tm.Noun {
				nouns = append(nouns, strings.ToLower(tm.Word))
			}
			if tm.Modifier {
				modifiers = append(modifiers, strings.ToLower(tm.Word))
			}
		}
		if got := strings.Join(nouns, " "); got != tt.word {
			t.Errorf("Analyze(%q) nouns = %q, want %q", tt.q, got, tt.word)
		}
		if got := strings.Join(modifiers, " "); got != tt.modifier {
			t.Errorf("Analyze(%q) modifiers = %q, want %q", tt.q, got, tt.modifier)
		}
	}
}

// TestNegatedAuxiliaries checks that a negated auxiliary, with its
// apostrophe or without, is read as the auxiliary: no term the sources lack,
// and it opens a yes/no question; and that a contracted one ("they'll")
// leaves its pronoun.
func TestNegatedAuxiliaries(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, tt := range []struct {
		q, terms string
		yesNo    bool
	}{
		{"why didnt iran respond", "respond", false},
		{"why didn't iran respond", "respond", false},
		{"werent lawmakers consulted", "consulted", true},
		{"don't the militias answer to iran", "militias answer", true},
		{"cant congress stop the strikes", "stop strikes", true},
		{"won't iran retaliate", "retaliate", true},
		// Asking who or what did not, the question asks for what the
		// sources do not name: the word stays, for them to lack.
		{"who hasnt condemned the strikes", "hasnt condemned strikes", false},
		{"which militias didn't claim the attacks", "militias didn't claim attacks", false},
		// Not the wh-word's own clause: the auxiliary of another.
		{"who said iraq doesnt want a war", "want war", false},
		// A pronoun's contracted auxiliary, with its apostrophe or
		// without, names nothing either.
		{"is the white house saying they'll keep striking", "keep striking", true},
		{"is the white house saying theyll keep striking", "keep striking", true},
		{"what we’ve learned about the strikes", "learned strikes", false},
	} {
		a := ix.Analyze(tt.q)
		if got := termWords(a); got != tt.terms || a.YesNo != tt.yesNo {
			t.Errorf("Analyze(%q) = terms %q, yes/no %v; want %q, %v", tt.q, got, a.YesNo, tt.terms, tt.yesNo)
		}
	}
}

// TestChatWordsAndPrefaces checks that chat spellings of question words
// ask what the words ask ("y" is "why"), that a lone letter is chat, not a
// letter of the sources, and that "is it true that …" asks yes or no of
// what follows.
func TestChatWordsAndPrefaces(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, tt := range []struct {
		q, typ, terms string
		yesNo         bool
	}{
		{"y did the us strike iraq", TypeReason, "strike", false},
		{"wut happened on june 27th", "", "", false},
		{"u think iran is behind it", "", "", false},
		{"r the militias backed by iran", "", "militias backed", true},
		{"is it true that 5 people died", "", "5 people died", true},
		{"i heard kataib hezbollah vowed revenge", "", "vowed revenge", true},
		{"wait is it true the us struck syria", "", "struck", true},                           // after an opener
		{"erbil death toll, correct?", TypeCount, "death toll", false},                        // a tag keeps the harm count
		{"i heard there were casualties, how many died", TypeCount, "casualties died", false}, // no preface before a wh-question; "heard" is the asker's
		{"i heard that", "", "", false},                                                       // nothing after it
		{"what did i miss about the strikes", "", "strikes", false},                           // the asker's own verb
		{"what should i know about kataib hezbollah", "", "", false},
	} {
		a := ix.Analyze(tt.q)
		if got := termWords(a); got != tt.terms || a.Type != tt.typ || a.YesNo != tt.yesNo {
			t.Errorf("Analyze(%q) = type %q, terms %q, yes/no %v; want %q, %q, %v", tt.q, a.Type, got, a.YesNo, tt.typ, tt.terms, tt.yesNo)
		}
	}
}

// TestTopic checks what a question asks someone's words about: the words
// after a speech verb and "about", "of" or "on", actors among them, and
// nothing when it asks for their words on anything.
func TestTopic(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, tt := range []struct{ q, want string }{
		{"what did luigi di maio think of the strikes on the militias", "strikes militias"},
		{"what did psaki say about the iraqi prime minister", "kadhimi"},
		{"what did blinken say", ""},
		{"what did the iraqi PM's statement call for", ""},
		{"what did di maio think of the strikes in the middle east", "strikes"}, // the noun phrase only
		{"how did the pentagon respond to militia claims about 20 rockets", ""}, // only the question's verb
		{"what did psaki say on monday", ""},                                    // "on" a day dates the words
	} {
		a := ix.Analyze(tt.q)
		var got []string
		for i, tm := range a.Terms {
			if a.topic&(1<<i) != 0 {
				got = append(got, strings.ToLower(tm.Word))
			}
		}
		for i, e := range a.Entities {
			if a.topicEnts&(1<<i) != 0 {
				got = append(got, e.ID)
			}
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("Analyze(%q) topic = %q, want %q", tt.q, strings.Join(got, " "), tt.want)
		}
	}
}

// TestMisspellings checks that a misspelt actor is that actor, its alias's
// other words being the corpus's own ("the pentagn", "bob menends"), while
// a corpus word is never taken for another name ("Italian" for
// "Iranian"), and that a misspelt word is read as the word meant, with
// its aliases ("militis": "militias", so "factions" too): a question's own
// words, a country, a corpus word two slips away ("parlimet").
func TestMisspellings(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, tt := range []struct{ q, entities string }{
		{"what did the pentagn say", "pentagon"},
		{"who is bob menends", "menendez"},
		{"what did al-kadhei call the strikes", "kadhimi"},
		{"what did the italian minister say", ""}, // not Iranian
	} {
		var got []string
		for _, e := range ix.Analyze(tt.q).Entities {
			got = append(got, e.ID)
		}
		if strings.Join(got, " ") != tt.entities {
			t.Errorf("Analyze(%q) entities = %q, want %q", tt.q, strings.Join(got, " "), tt.entities)
		}
	}
	for _, tt := range []struct{ q, terms string }{
		{"whta did biden himsef say", ""},  // a question's own words, misspelt
		{"how did psaki descrie iran", ""}, // a verb of saying
		{"what did germay say", "germay"},  // a country, misspelt
		{"how many seats does fatah hold in parlimet", "seats hold parlimet"},
		{"which committee does menendez chiar", "committee chiar"}, // "chair", so "chairman"
	} {
		a := ix.Analyze(tt.q)
		var got []string
		for _, tm := range a.Terms {
			got = append(got, tm.Word)
			if !tm.Known {
				t.Errorf("Analyze(%q): term %q unknown, want it read as the word meant", tt.q, tm.Word)
			}
		}
		if strings.Join(got, " ") != tt.terms {
			t.Errorf("Analyze(%q) terms = %q, want %q", tt.q, strings.Join(got, " "), tt.terms)
		}
	}
	// A misspelt verb ends the noun phrase "which" asks one of.
	if got := ix.Analyze("which drones approachd ain al-asad on june 6?").instanceOf; got != "drones" {
		t.Errorf("Analyze(%q) instance of %q, want %q", "which drones approachd ain al-asad on june 6?", got, "drones")
	}
	a := ix.Analyze("how many militis are in the pmf")
	if len(a.Terms) == 0 || !slices.Contains(a.Terms[0].Alts, ix.stem("factions")) {
		t.Errorf("Analyze(%q) terms = %+v, want militis read as militias, with factions", "how many militis are in the pmf", a.Terms)
	}
}

// TestMisspeltEnglish checks that a misspelt word that neither the corpus
// nor English has is read as English has the word meant: "worrid" is a
// verb's form, as "worried" is, and "particulr" a modifier.
func TestMisspeltEnglish(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, tt := range []struct{ q, word string }{
		{"what's murphy worrid about", "worrid"},
		{"why were those particulr targets chosen", "particulr"},
	} {
		for _, tm := range ix.Analyze(tt.q).Terms {
			if tm.Word == tt.word && !tm.Verbal && !tm.Modifier {
				t.Errorf("Analyze(%q): %q is neither verbal nor a modifier, want it read as English has the word meant", tt.q, tt.word)
			}
		}
	}
}

// TestHarmedCount checks which words of harm say what a count counts: the
// counted words' own or the verb after them, not one in a later phrase.
func TestHarmedCount(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, tt := range []struct {
		q    string
		want bool
	}{
		{"how many PMU fighters were wounded in al anbar", true},
		{"how many casualties were there", true},
		{"how many were killed", true},
		{"how many facilities were struck in retaliation for the contractor killed at k1", false},
	} {
		if got := ix.Analyze(tt.q).harmed != 0; got != tt.want {
			t.Errorf("Analyze(%q) harmed = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// TestDateSpanBounds checks what a question's date range holds at its
// ends: one year written serves both dates, a range may cross a year's
// end, a closing month is held whole, and a spelled ordinal is a day where
// a spelled count before a month is not.
func TestDateSpanBounds(t *testing.T) {
	ix := buildSeeds(t, Options{})
	day := func(y, m, d int) knowledge.Date { return knowledge.Date{Year: y, Month: m, Day: d} }
	for _, tt := range []struct {
		q       string
		in, out []knowledge.Date
	}{
		{"what happened between December 20, 2020 and January 5?", []knowledge.Date{day(2021, 1, 2), day(2020, 12, 25)}, []knowledge.Date{day(2020, 1, 2), day(2021, 1, 6)}},
		{"what happened between December 20 and January 5?", []knowledge.Date{day(2021, 1, 2), day(2020, 12, 25), day(0, 12, 31)}, []knowledge.Date{day(2021, 6, 27)}},
		{"what happened between June 6 and June 9, 2021?", []knowledge.Date{day(2021, 6, 9), day(2021, 6, 6)}, []knowledge.Date{day(2019, 3, 1), day(2021, 1, 2), day(2020, 6, 7)}},
		{"what happened between June and July?", []knowledge.Date{day(2021, 7, 15), day(0, 7, 31), {Month: 7}}, []knowledge.Date{day(2021, 8, 1), day(2021, 5, 31)}},
		{"what happened between June 2021 and July 2021?", []knowledge.Date{day(2021, 7, 15)}, []knowledge.Date{day(2021, 8, 1)}},
		{"was there an attack on the ninth of June?", []knowledge.Date{day(2021, 6, 9)}, []knowledge.Date{day(2021, 6, 10)}},
		{"was there an attack on June ninth?", []knowledge.Date{day(2021, 6, 9)}, []knowledge.Date{day(2021, 6, 10)}},
		{"what happened on the first of June?", []knowledge.Date{day(2021, 6, 1)}, []knowledge.Date{day(2021, 6, 9)}},
		{"were there five June attacks?", []knowledge.Date{day(2021, 6, 9), day(2021, 6, 5)}, nil},
		// A day in two number words is read whole.
		{"what happened on the twenty-seventh of June?", []knowledge.Date{day(2021, 6, 27)}, []knowledge.Date{day(2021, 6, 7), day(2021, 6, 20)}},
		{"what happened on June twenty seventh?", []knowledge.Date{day(2021, 6, 27)}, []knowledge.Date{day(2021, 6, 20), day(2021, 6, 7)}},
		{"what happened on the thirty-first of December 2019?", []knowledge.Date{day(2019, 12, 31)}, []knowledge.Date{day(2019, 12, 1)}},
		{"what happened on twenty seven June?", []knowledge.Date{day(2021, 6, 27)}, []knowledge.Date{day(2021, 6, 7)}},
	} {
		a := ix.Analyze(tt.q)
		if len(a.Dates) != 1 {
			t.Errorf("Analyze(%q).Dates = %+v, want one span", tt.q, a.Dates)
			continue
		}
		s := a.Dates[0]
		for _, d := range tt.in {
			if !inSpan(d, s) {
				t.Errorf("inSpan(%+v, %q → %+v) = false, want true", d, tt.q, s)
			}
		}
		for _, d := range tt.out {
			if inSpan(d, s) {
				t.Errorf("inSpan(%+v, %q → %+v) = true, want false", d, tt.q, s)
			}
		}
	}
}

// TestNameWithSlip checks that a first name a letter away, before the
// surname the sources use, is part of the name ("jon kirby"), not a word
// the sources lack.
func TestNameWithSlip(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for q, want := range map[string]string{"who is jon kirby": "jon kirby", "what did jen psakki say": "jen psakki"} {
		a := ix.Analyze(q)
		if len(a.Entities) != 1 || a.Entities[0].Word != want || len(a.Terms) != 0 {
			t.Errorf("Analyze(%q) = entities %+v, terms %+v; want the one entity %q and no term", q, a.Entities, a.Terms, want)
		}
	}
}

// TestSourceRemarks checks that a clause after the question remarking on
// the sources themselves is no part of what is asked, while the sources
// named in the question's own clause, or in a clause asking something,
// stay.
func TestSourceRemarks(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, tt := range []struct{ q, terms string }{
		{"is ain al asad in central or northern iraq? the articles seem to disagree", "central northern"},
		{"four killed in syria or in anbar? two articles say different things", "killed"},
		{"was it 2 sites or 3? sounds like the reports dont match", "2 sites 3"},
		{"what does the reuters report say about the convoy", "reuters report convoy"},
		{"the articles disagree, which one says seven were killed", "articles disagree killed"},
		{"did the U.S. article say the strikes were legal", "article strikes legal"}, // an initial's dot ends no clause
		{"was it 2 sites or 3. the reports dont match", "2 sites 3"},                 // a figure's does
	} {
		a := ix.Analyze(tt.q)
		if got := termWords(a); got != tt.terms {
			t.Errorf("Analyze(%q) terms = %q, want %q", tt.q, got, tt.terms)
		}
	}
}

// termWords is a question's focus terms as written, space-separated.
func termWords(q *Question) string {
	var words []string
	for _, tm := range q.Terms {
		words = append(words, tm.Word)
	}
	return strings.Join(words, " ")
}

// TestDayOfRecordedYear checks that a day a passage writes without a year
// is of the year of the events recorded from it: "On June 28, U.S. forces
// … came under fire" answers June 28 2021, not June 28 2020.
func TestDayOfRecordedYear(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, tt := range []struct {
		q       string
		covered bool
	}{
		{"what happened on june 28 2021", true},
		{"what happened on june 28", true},
		{"what happened on june 28 2020", false},
		{"what happened on march 13 2020", true},
		{"what happened on march 13 2021", false}, // "March 13:" opens an entry of 2020
	} {
		rk, err := ix.Rank(t.Context(), tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := rk.Covered(); got != tt.covered {
			first := ""
			if len(rk.Hits) > 0 {
				first = rk.Hits[0].Text
			}
			t.Errorf("Rank(%q).Covered() = %v, want %v (first: %.80q)", tt.q, got, tt.covered, first)
		}
	}
}

// TestDesignationVariant checks that a designation's figures find the
// sources' variant of it: "F-18s" are the caption's "F-18E".
func TestDesignationVariant(t *testing.T) {
	ix := buildSeeds(t, Options{})
	q := ix.Analyze("were f-18s used")
	for _, tm := range q.Terms {
		if tm.Word == "f-18s" && (!tm.Known || !slices.Contains(tm.Alts, "18e")) {
			t.Errorf("Analyze(%q) term %+v, want it known, with the variant 18e", "were f-18s used", tm)
		}
	}
	if q := ix.Analyze("were f-35s used"); len(q.Terms) == 0 || q.Terms[len(q.Terms)-1].Known {
		t.Errorf("Analyze(%q) terms %+v, want f-35s unknown", "were f-35s used", q.Terms)
	}
}

// TestWhoDidIt checks that "who killed X" asks who did it, so a casualty
// claim, which names who counted the dead, ranks after the passage saying
// who killed them; "who was killed" asks whom it was done to.
func TestWhoDidIt(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for q, doer := range map[string]bool{"who killed soleimani": true, "who was killed in the drone strike": false, "who ordered the strikes": true, "who did the us strike": false, "who died in the strikes": false, "who got killed in the strikes": false} {
		if got := ix.Analyze(q).doer; got != doer {
			t.Errorf("Analyze(%q).doer = %v, want %v", q, got, doer)
		}
	}
	rk, err := ix.Rank(t.Context(), "who killed soleimani")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range rk.Hits[:min(3, len(rk.Hits))] {
		if h.Kind == "casualty" {
			t.Errorf("Rank(%q) has casualty claim %s in its top 3, want passages saying who killed him", "who killed soleimani", h.ID)
		}
	}
}

// TestFactNotFromAskedQuestion checks that a fact asked for must be in an
// answer's own words: Psaki's "since April", answering a reporter who
// mentioned the Soleimani strike, is not when Soleimani was killed.
func TestFactNotFromAskedQuestion(t *testing.T) {
	ix := buildSeeds(t, Options{})
	q := "when was soleimani killed"
	rk, err := ix.Rank(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	if len(rk.Hits) == 0 || !strings.Contains(rk.Hits[0].Text, "January 3") {
		t.Errorf("Rank(%q) first = %.80q, want the entry of January 3", q, rk.Hits[0].Text)
	}
}

// TestComparison checks that the words asking for a comparison shape the
// question and name nothing in it: "the difference between KH and KSS"
// asks about the two militias.
func TestComparison(t *testing.T) {
	ix := buildSeeds(t, Options{})
	for _, q := range []string{"whats the difference between kh and kss", "kh vs kss whats the diff", "compare kh and kss"} {
		a := ix.Analyze(q)
		if got := termWords(a); got != "" || len(a.Entities) != 2 {
			t.Errorf("Analyze(%q) terms = %q, entities %v; want no terms, the two militias", q, got, a.Entities)
		}
	}
}
