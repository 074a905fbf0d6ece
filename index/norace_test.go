//go:build !race

package index

// raceEnabled is set when the tests run under the race detector.
const raceEnabled = false
