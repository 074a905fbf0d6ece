package knowledge

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/dossier/dossier/seeds"
)

// Problems is every problem Load found in a knowledge base, each located
// by file, line and record. Load returns it as its error.
type Problems []Problem

// Error summarises the problems: how many, and the first.
func (ps Problems) Error() string {
	if len(ps) == 1 {
		return "knowledge base has 1 problem: " + ps[0].String()
	}
	return fmt.Sprintf("knowledge base has %d problems (first: %s)", len(ps), ps[0])
}

// Load reads the knowledge base from fsys (the Embedded files, or a folder
// with the same file names) and checks it against docs, the corpus its
// records cite: see Check for what is checked. A base with problems is not
// returned; the error is then Problems, listing every one. Each file is
// parsed once; a record that does not decode is a problem at its line.
func Load(fsys fs.FS, docs []*seeds.Document) (*Base, error) {
	b, problems, err := parse(fsys)
	if err != nil {
		return nil, err
	}
	if b.english, err = LoadEnglish(); err != nil {
		return nil, err
	}
	// The records that decoded are checked too, so one run reports all.
	problems = append(problems, b.check(docs)...)
	if len(problems) > 0 {
		slices.SortStableFunc(problems, func(a, b Problem) int {
			return cmp.Or(cmp.Compare(fileRank(a.File), fileRank(b.File)), cmp.Compare(a.Line, b.Line))
		})
		return nil, problems
	}
	return b, nil
}

// files are the knowledge files, in the order they are read and reported.
var files = [...]string{"actors.yaml", "words.yaml", "events.yaml", "quotes.yaml", "casualties.yaml", "summary.yaml"}

func fileRank(name string) int { return slices.Index(files[:], name) }

// parse reads every file into a Base, with the problems of records that
// do not decode. Its error is for a file that cannot be read or parsed.
func parse(fsys fs.FS) (*Base, Problems, error) {
	b := &Base{}
	var problems Problems
	roots := map[string]*yaml.Node{}
	for _, name := range files {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, nil, fmt.Errorf("read knowledge %s: %w", name, err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			return nil, nil, fmt.Errorf("parse knowledge %s: %w", name, err)
		}
		if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
			return nil, nil, fmt.Errorf("parse knowledge %s: not a mapping of lists", name)
		}
		roots[name] = doc.Content[0]
	}
	var ps Problems
	b.Actors, ps = records(roots["actors.yaml"], "actors.yaml", "actors", "actor", func(a *Actor, line int) { a.Line = line })
	problems = append(problems, ps...)
	b.Events, ps = records(roots["events.yaml"], "events.yaml", "events", "event", func(e *Event, line int) { e.Line = line })
	problems = append(problems, ps...)
	b.Quotes, ps = records(roots["quotes.yaml"], "quotes.yaml", "quotes", "quote", func(q *Quote, line int) { q.Line = line })
	problems = append(problems, ps...)
	b.Casualties, ps = records(roots["casualties.yaml"], "casualties.yaml", "casualties", "casualty", func(c *Casualty, line int) { c.Line = line })
	problems = append(problems, ps...)
	b.Topics, ps = records(roots["summary.yaml"], "summary.yaml", "topics", "topic", func(t *Topic, line int) { t.Line = line })
	problems = append(problems, ps...)
	if err := decodeStrict(roots["words.yaml"], &b.Words); err != nil {
		problems = append(problems, Problem{File: "words.yaml", Line: errorLine(err, roots["words.yaml"]), Record: "words", Msg: err.Error()})
	}

	sortEvents(b.Events)
	for _, a := range b.indexActors() {
		problems = append(problems, Problem{File: "actors.yaml", Line: a.Line, Record: "actor " + a.ID, Msg: fmt.Sprintf("duplicate actor id %q", a.ID)})
	}
	b.tagger = NewTagger(b.Actors, b.Words.CaseWords)
	return b, problems, nil
}

// records decodes the list under key, each record strictly — a field the
// record does not have is a problem, so a misspelt field name is reported
// rather than silently lost — and notes the line each record starts on.
func records[T any](root *yaml.Node, file, key, what string, setLine func(*T, int)) ([]T, Problems) {
	list := valueOf(root, key)
	if list == nil {
		return nil, Problems{{File: file, Line: root.Line, Record: file, Msg: fmt.Sprintf("no %q list", key)}}
	}
	if list.Kind != yaml.SequenceNode {
		return nil, Problems{{File: file, Line: list.Line, Record: file, Msg: fmt.Sprintf("%q is not a list", key)}}
	}
	var problems Problems
	out := make([]T, 0, len(list.Content))
	for _, n := range list.Content {
		var rec T
		if err := decodeStrict(n, &rec); err != nil {
			name := what
			if id := valueOf(n, "id"); id != nil {
				name += " " + id.Value
			} else if id := valueOf(n, "topic"); id != nil {
				name += " " + id.Value
			}
			problems = append(problems, Problem{File: file, Line: errorLine(err, n), Record: name, Msg: err.Error()})
			continue
		}
		setLine(&rec, n.Line)
		if f, ok := any(&rec).(interface{ setFieldLines(*yaml.Node) }); ok {
			f.setFieldLines(n)
		}
		out = append(out, rec)
	}
	return out, problems
}

// valueOf returns the value under key in a mapping node, or nil.
func valueOf(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// errorLine is the line a decoding error names, or else the node's.
func errorLine(err error, n *yaml.Node) int {
	var fe *fieldError
	if errors.As(err, &fe) {
		return fe.line
	}
	return n.Line
}

// decodeStrict decodes n into v after checking that every mapping key in
// n is a field of v, at any depth. (yaml.v3 checks known fields only when
// decoding a whole document, and a document is parsed only once here.)
func decodeStrict(n *yaml.Node, v any) error {
	if err := knownFields(n, reflect.TypeOf(v).Elem()); err != nil {
		return err
	}
	if err := n.Decode(v); err != nil {
		var fe *fieldError
		if errors.As(err, &fe) {
			return fe
		}
		// yaml.v3 type errors already say "line N: …".
		msg := strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:\n  ")
		return errors.New(strings.ReplaceAll(msg, "\n  ", "; "))
	}
	return nil
}

func knownFields(n *yaml.Node, t reflect.Type) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode {
		return nil // the anchored node is checked where it is defined
	}
	switch t.Kind() {
	case reflect.Slice:
		if n.Kind == yaml.SequenceNode {
			for _, c := range n.Content {
				if err := knownFields(c, t.Elem()); err != nil {
					return err
				}
			}
		}
	case reflect.Map:
		if n.Kind == yaml.MappingNode {
			for i := 1; i < len(n.Content); i += 2 {
				if err := knownFields(n.Content[i], t.Elem()); err != nil {
					return err
				}
			}
		}
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return nil // yaml.v3 reports the type mismatch
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			ft, ok := fields[k.Value]
			if !ok {
				return lineError(k, "field %q is not a field of %s", k.Value, strings.ToLower(t.Name()))
			}
			if err := knownFields(n.Content[i+1], ft); err != nil {
				return err
			}
		}
	}
	return nil
}

// yamlFields maps the YAML keys of a struct, inline fields included, to
// their types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		switch {
		case name == "-" || !f.IsExported():
		case strings.Contains(opts, "inline"):
			for k, v := range yamlFields(f.Type) {
				out[k] = v
			}
		case name == "":
			out[strings.ToLower(f.Name)] = f.Type
		default:
			out[name] = f.Type
		}
	}
	return out
}
