package bottest

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dossier/dossier/bot"
	"github.com/dossier/dossier/knowledge"
)

// Case is one command with the options a user gave it.
type Case struct {
	Command string
	Input   bot.Input
}

// String names the case in test failures.
func (c Case) String() string {
	s := c.Command
	keys := make([]string, 0, len(c.Input))
	for k := range c.Input {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		s += " " + k + ":" + strconv.Quote(c.Input[k])
	}
	return s
}

// EveryInput returns, for each command a user can run, a case for every
// value the knowledge base knows for each of its options: every actor,
// place and speaker its autocomplete offers, every event with claims,
// every event date (as a bound, alone and paired), every topic, and ask
// questions naming each of them. Property tests run them all on each front
// end: each must answer or say clearly that nothing was found.
func EveryInput(b *bot.Bot, kb *knowledge.Base) []Case {
	values := func(src bot.Source) []string {
		var out []string
		for _, c := range b.Suggest(src, "") {
			out = append(out, c.Value)
		}
		return out
	}
	var dates []string
	seen := map[string]bool{}
	for _, e := range kb.Events {
		for _, d := range []string{e.When.ISO(), e.When.Human()} {
			if d != "" && !seen[d] {
				seen[d] = true
				dates = append(dates, d)
			}
		}
	}
	var cases []Case
	add := func(cmd string, kv ...string) {
		in := bot.Input{}
		for i := 0; i+1 < len(kv); i += 2 {
			in[kv[i]] = kv[i+1]
		}
		cases = append(cases, Case{cmd, in})
	}
	add("sources")
	add("timeline")
	add("timeline", "all", "true")
	add("casualties")
	for _, topic := range bot.Topics() {
		add("summary", "topic", topic)
	}
	for _, a := range values(bot.Actors) {
		add("timeline", "actor", a)
		add("ask", "question", "What did "+a+" do?")
	}
	for _, p := range values(bot.Places) {
		add("timeline", "place", p)
		add("ask", "question", "What happened in "+p+"?")
	}
	for _, s := range values(bot.Speakers) {
		add("who-said", "speaker", s)
		add("ask", "question", "What did "+s+" say?")
	}
	for _, q := range kb.Quotes {
		words := strings.Fields(q.Quote)
		add("who-said", "quote", strings.Join(words[:min(len(words), 8)], " "))
	}
	for _, e := range values(bot.ClaimedEvents) {
		add("casualties", "event", e)
	}
	for i, d := range dates {
		add("timeline", "from", d)
		add("timeline", "to", d)
		add("timeline", "from", d, "to", dates[(i+1)%len(dates)])
		add("casualties", "event", d)
		add("ask", "question", "What happened on "+d+"?")
	}
	return cases
}
