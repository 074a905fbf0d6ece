package bot_test

import (
	"testing"

	"github.com/dossier/dossier/bot"
)

// TestChartsNeedNoIndex draws both charts, the casualty chart with the
// claims that name their article by headline, and checks that neither
// opened or built the index: charts come from the knowledge base alone.
func TestChartsNeedNoIndex(t *testing.T) {
	b, err := bot.Open(t.Context(), bot.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.TimelineChart(t.Context(), bot.TimelineRequest{All: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.CasualtiesChart(t.Context(), bot.CasualtiesRequest{}); err != nil {
		t.Fatal(err)
	}
	if n := b.Documents(); n != 0 {
		t.Errorf("after drawing the charts, %d documents are indexed, want none", n)
	}
}
