package bot

import "github.com/dossier/dossier/index"

// facts turns the knowledge base into documents for the index, so ask can
// answer from curated records as well as from passages.
func (b *Bot) facts() []index.Fact {
	kb := b.kb
	var out []index.Fact
	for i := range kb.Events {
		e := &kb.Events[i]
		out = append(out, index.Fact{ID: "event:" + e.ID, Kind: "event", Text: b.eventText(e), Label: e.When.Human(), Doc: e.Doc, Cites: kb.PassageOf(e.Doc, e.Quote)})
	}
	for i := range kb.Quotes {
		q := &kb.Quotes[i]
		r := b.quoteResult(q)
		out = append(out, index.Fact{ID: "quote:" + q.ID, Kind: "quote", Text: q.Quote, Label: r.Speaker + " " + q.Context, Doc: q.Doc, Cites: kb.PassageOf(q.Doc, q.Quote)})
	}
	for i := range kb.Casualties {
		c := &kb.Casualties[i]
		label := ""
		if e := kb.Event(c.Event); e != nil {
			label = e.When.Human() + " " + e.Kind.Label() + " " + e.Summary
		}
		out = append(out, index.Fact{ID: "casualty:" + c.ID, Kind: "casualty", Text: b.claimResult(c).Text, Label: label, Doc: c.Doc, Cites: kb.PassageOf(c.Doc, c.Quote)})
	}
	return out
}
