package knowledge

import (
	"fmt"

	"github.com/dossier/dossier/seeds"
)

// Problem is one inconsistency in the knowledge base, located by file, line
// and record.
type Problem struct {
	File   string
	Line   int
	Record string
	Msg    string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Record, p.Msg)
}

// Check verifies every record against the documents it cites: the document
// exists and the quote is verbatim in it (white space aside), actor ids are
// known, dates are well formed and links between records resolve.
func (b *Base) Check(docs []*seeds.Document) []Problem {
	byName := make(map[string]*seeds.Document, len(docs))
	for _, d := range docs {
		byName[d.Name] = d
	}
	c := &checker{byName: byName}
	for _, a := range b.Actors {
		rec := "actor " + a.ID
		if a.ID == "" || a.Name == "" {
			c.add("actors.yaml", a.Line, rec, "id and name are required")
		}
		c.quote("actors.yaml", a.Line, rec, a.Doc, a.Quote)
		for _, m := range a.MemberOf {
			if b.Actor(m) == nil {
				c.add("actors.yaml", a.Line, rec, "member_of names unknown actor %q", m)
			}
		}
	}
	return c.problems
}

type checker struct {
	byName   map[string]*seeds.Document
	problems []Problem
}

func (c *checker) add(file string, line int, rec, format string, args ...any) {
	c.problems = append(c.problems, Problem{File: file, Line: line, Record: rec, Msg: fmt.Sprintf(format, args...)})
}

// quote checks that quote is verbatim in the named document.
func (c *checker) quote(file string, line int, rec, doc, quote string) {
	d, ok := c.byName[doc]
	switch {
	case doc == "":
		c.add(file, line, rec, "no doc cited")
	case !ok:
		c.add(file, line, rec, "cites unknown document %q", doc)
	case quote == "":
		c.add(file, line, rec, "no quote from %s", doc)
	case !seeds.ContainsQuote(d.Text, quote):
		c.add(file, line, rec, "quote %q is not verbatim in %s", quote, doc)
	}
}
