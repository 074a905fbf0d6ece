package bottest

import "strings"

// Balanced reports whether curly quotation marks pair up and straight ones
// come in pairs.
func Balanced(s string) bool {
	depth := 0
	for _, r := range s {
		switch r {
		case '“':
			depth++
		case '”':
			depth--
		}
		if depth < 0 {
			return false
		}
	}
	return depth == 0 && strings.Count(s, `"`)%2 == 0
}
