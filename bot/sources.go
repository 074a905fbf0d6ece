package bot

import (
	"context"
	"fmt"
)

// Sources lists the documents the answers come from.
func (b *Bot) Sources(ctx context.Context) (*Answer, error) {
	if b.lazy != nil {
		if _, err := b.lazy.get(ctx); err != nil {
			return nil, err
		}
	}
	a := &Answer{Command: "sources", Results: []Result{}}
	for _, s := range b.search.Sources() {
		text := s.Title
		if s.Date != "" {
			text += " (" + s.Date + ")"
		}
		text += fmt.Sprintf(" — %d %s", s.Passages, Plural(s.Passages, "passage", "passages"))
		a.Results = append(a.Results, Result{
			Text:      text,
			Date:      s.Date,
			Citations: []Citation{{Doc: s.Name, Passage: s.OpeningID, Quote: s.Opening}},
		})
	}
	a.Text = fmt.Sprintf("%d %s.", len(a.Results), Plural(len(a.Results), "source", "sources"))
	return a, nil
}
