package knowledge

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/dossier/dossier/seeds"
)

// FuzzLoad feeds arbitrary YAML in place of each knowledge file: loading
// and checking must return data or an error, never panic, and every problem
// must say where it is.
func FuzzLoad(f *testing.F) {
	for _, name := range []string{"actors.yaml", "events.yaml", "quotes.yaml", "casualties.yaml", "words.yaml", "summary.yaml"} {
		data, err := fs.ReadFile(Embedded(), name)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) > 600 {
			data = data[:600] // short seeds keep mutation fast
		}
		f.Add(name, data)
	}
	f.Add("events.yaml", []byte("events:\n  - id: x\n    date: 2021-13-45\n    precision: day\n"))
	f.Add("casualties.yaml", []byte("casualties:\n  - {id: a, killed: at least -1}\n"))
	f.Add("actors.yaml", []byte("actors: [&a [*a]]"))
	f.Add("quotes.yaml", []byte("quotes: {"))
	// One small document keeps Check cheap enough to run on every input.
	docs := []*seeds.Document{{Name: "003_f5a8a94412535d4e.txt", Text: "On June 27, the United States conducted airstrikes."}}
	docs[0].Passages = seeds.Split(docs[0].Name, docs[0].Text)
	// Small valid files stand in for the ones not being fuzzed, so each run
	// parses little besides its input.
	base := fstest.MapFS{
		"actors.yaml":     {Data: []byte("actors:\n  - {id: us, name: the United States, kind: state, aliases: [US, United States], doc: 003_f5a8a94412535d4e.txt, quote: the United States}\n")},
		"events.yaml":     {Data: []byte("events:\n  - {id: e, date: 2021-06-27, precision: day, kind: us-strike, actors: [us], summary: S., doc: 003_f5a8a94412535d4e.txt, quote: On June 27}\n")},
		"quotes.yaml":     {Data: []byte("quotes:\n  - {id: q, speaker: us, quote: conducted airstrikes, date: \"2021-06-27\", precision: day, doc: 003_f5a8a94412535d4e.txt}\n")},
		"casualties.yaml": {Data: []byte("casualties:\n  - {id: c, event: e, claimant: x, claimant_type: report, killed: at least 7, doc: 003_f5a8a94412535d4e.txt, quote: airstrikes}\n")},
		"words.yaml":      {Data: []byte("synonyms: [[killed, died]]\nquestion_words: [who, is]\ncase_words: [is, us]\nfunction_words: [the]\nnumbers: {seven: 7}\n")},
		"summary.yaml":    {Data: []byte("topics: [{topic: overview, sections: [{heading: H, items: [{event: e}]}]}]\n")},
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[name] = &fstest.MapFile{Data: data}
		_, err := Load(fsys, docs)
		var ps Problems
		if !errors.As(err, &ps) {
			return
		}
		for _, p := range ps {
			if p.File == "" || p.Line == 0 || p.Msg == "" {
				t.Fatalf("problem without a file, line or message: %+v", p)
			}
		}

	})
}
