package bot

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dossier/dossier/knowledge"
)

// Choice is one autocomplete suggestion: the text shown and the value it
// fills in.
type Choice struct {
	Name  string
	Value string
}

// Suggest lists the values of src that match what the user has typed so
// far, best first. Front ends show as many as they have room for.
func (b *Bot) Suggest(src Source, typed string) []Choice {
	typed = Clean(typed)
	switch src {
	case Speakers:
		return b.actorChoices(typed, true)
	case Actors:
		return b.actorChoices(typed, false)
	case Places:
		return b.placeChoices(typed)
	case ClaimedEvents:
		return b.eventChoices(typed)
	case Dates:
		return b.dateChoices(typed)
	case SummaryTopics:
		t := strings.ToLower(typed)
		out := []Choice{}
		for _, name := range b.kb.TopicNames() {
			if strings.Contains(name, t) {
				out = append(out, Choice{Name: name, Value: name})
			}
		}
		return out
	}
	return []Choice{}
}

// actorChoices lists actors whose name or an alias matches what was
// typed, nearest first: those the sources quote, if quoted is set, or
// else those some event involves, which the timeline's actor filter finds.
func (b *Bot) actorChoices(typed string, quoted bool) []Choice {
	kb := b.kb
	speaks := map[string]bool{}
	for _, q := range kb.Quotes {
		speaks[q.Speaker] = true
	}
	fuzzy := map[string]bool{}
	for _, m := range kb.Tagger().TagFuzzy(typed) {
		fuzzy[m.ID] = true
	}
	t := strings.ToLower(typed)
	type scored struct {
		a     *knowledge.Actor
		score int
	}
	var list []scored
	for i := range kb.Actors {
		a := &kb.Actors[i]
		if quoted && !speaks[a.ID] || !quoted && !b.inEvents(a.ID) {
			continue
		}
		score := -1
		for _, name := range append([]string{a.Name}, a.Aliases...) {
			score = max(score, matchScore(strings.ToLower(name), t))
		}
		if fuzzy[a.ID] {
			score = max(score, 1)
		}
		if score >= 0 {
			list = append(list, scored{a, score})
		}
	}
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].score != list[j].score {
			return list[i].score > list[j].score
		}
		return list[i].a.Name < list[j].a.Name
	})
	out := []Choice{}
	for _, s := range list {
		out = append(out, Choice{Name: s.a.Name, Value: s.a.Name})
	}
	return out
}

// inEvents reports whether an event involves actor id as the timeline's
// actor filter reads it.
func (b *Bot) inEvents(id string) bool { return b.involved()[id] }

// matchScore grades how name matches typed: 3 for a prefix, 2 for a part,
// 0 for anything when nothing is typed, -1 for no match.
func matchScore(name, typed string) int {
	switch {
	case typed == "":
		return 0
	case strings.HasPrefix(name, typed):
		return 3
	case strings.Contains(name, typed):
		return 2
	}
	return -1
}

// placeChoices lists the places events happened at, by the names the
// timeline's place filter knows, matching what was typed, nearest first.
func (b *Bot) placeChoices(typed string) []Choice {
	t := strings.ToLower(typed)
	best := map[string]int{}
	var names []string
	for i := range b.kb.Events {
		for _, id := range b.kb.Events[i].Places {
			a := b.kb.Actor(id)
			if a == nil {
				continue
			}
			if _, seen := best[a.Name]; seen {
				continue
			}
			score := -1
			for _, name := range append([]string{a.Name}, a.Aliases...) {
				score = max(score, matchScore(strings.ToLower(name), t))
			}
			if score >= 0 {
				best[a.Name] = score
				names = append(names, a.Name)
			}
		}
	}
	sort.SliceStable(names, func(i, j int) bool {
		if best[names[i]] != best[names[j]] {
			return best[names[i]] > best[names[j]]
		}
		return names[i] < names[j]
	})
	out := []Choice{}
	for _, n := range names {
		out = append(out, Choice{Name: n, Value: n})
	}
	return out
}

// eventChoices lists events with casualty claims matching what was typed.
func (b *Bot) eventChoices(typed string) []Choice {
	t := strings.ToLower(typed)
	out := []Choice{}
	for _, e := range b.eventsWithClaims() {
		name := fmt.Sprintf("%s — %s", e.When.Human(), e.Where)
		if t != "" && !strings.Contains(strings.ToLower(name+" "+e.Summary+" "+e.When.ISO()), t) {
			continue
		}
		out = append(out, Choice{Name: name, Value: e.ID})
	}
	return out
}

// dateChoices lists the dates of events, in date order, whose date (in
// figures or words), place or summary contains what was typed. Several
// events on one day share one choice.
func (b *Bot) dateChoices(typed string) []Choice {
	t := strings.ToLower(typed)
	events := make([]*knowledge.Event, 0, len(b.kb.Events))
	for i := range b.kb.Events {
		events = append(events, &b.kb.Events[i])
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].When.Before(events[j].When) })
	seen := map[string]bool{}
	out := []Choice{}
	for _, e := range events {
		iso := e.When.ISO()
		name := fmt.Sprintf("%s — %s", e.When.Human(), shortPlace(e.Where))
		if e.Where == "" {
			name = fmt.Sprintf("%s — %s", e.When.Human(), e.Kind.Label())
		}
		if seen[iso] || (t != "" && !strings.Contains(strings.ToLower(iso+" "+name+" "+e.Summary), t)) {
			continue
		}
		seen[iso] = true
		out = append(out, Choice{Name: name, Value: iso})
	}
	return out
}
