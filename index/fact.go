package index

// Fact is a curated fact indexed beside the passages, so questions can be
// answered from it with its own citation.
type Fact struct {
	// ID is unique among facts ("event:2021-06-27-us-strikes").
	ID string
	// Kind is the fact's kind ("event", "quote", "casualty").
	Kind string
	// Text is the fact as shown to users; it is what gets searched.
	Text string
	// Label is searched with a lower weight: a speaker, a date, a place.
	Label string
	// Doc is the document the fact cites.
	Doc string
	// Cites is the passage ("003:12") the fact's quote is from, if known:
	// the fact ranks where a bare match ranks that passage.
	Cites string
}

func (ix *Index) factFields(f Fact) map[string]interface{} {
	stems := map[string]bool{}
	return map[string]interface{}{
		fieldText:    ix.learn(fieldText, f.Text, stems),
		fieldContext: ix.learn(fieldContext, f.Label, stems),
		fieldEntity:  ix.entities(ix.kb.Tagger().Tag(f.Text + "\n" + f.Label)),
		fieldRaw:     f.Text,
		fieldDoc:     f.Doc,
		fieldKind:    f.Kind,
		fieldType:    "fact",
		fieldLabel:   f.Label,
		fieldCites:   f.Cites,
	}
}
