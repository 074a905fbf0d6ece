//go:build race

package index

// raceEnabled is set when the tests run under the race detector, which
// slows a 100,000-passage build and search tenfold or more: what those
// tests check is order, not concurrency, and the plain run covers it.
const raceEnabled = true
