package bot

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// BuildInfo says which build of Dossier is running, as Go recorded it in
// the binary: the module version, the commit and whether the working tree
// had changes.
type BuildInfo struct {
	Version   string
	Revision  string
	Time      string
	Modified  bool
	GoVersion string
}

// Build returns the build information of the running binary. Fields Go did
// not record (a test binary, a build outside version control) are empty,
// and Version is then "(devel)".
func Build() BuildInfo {
	bi := BuildInfo{Version: "(devel)", GoVersion: runtime.Version()}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return bi
	}
	if v := info.Main.Version; v != "" {
		bi.Version = v
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			bi.Revision = s.Value
		case "vcs.time":
			bi.Time = s.Value
		case "vcs.modified":
			bi.Modified = s.Value == "true"
		}
	}
	return bi
}

// ShortRevision is the commit's first 12 hex digits, or "".
func (bi BuildInfo) ShortRevision() string {
	if len(bi.Revision) > 12 {
		return bi.Revision[:12]
	}
	return bi.Revision
}

// String reads "v1.2.0 (commit 0123456789ab, 2026-11-23T17:00:00Z, modified; go1.26.8)".
func (bi BuildInfo) String() string {
	var detail []string
	if r := bi.ShortRevision(); r != "" {
		detail = append(detail, "commit "+r)
	}
	if bi.Time != "" {
		detail = append(detail, bi.Time)
	}
	if bi.Modified {
		detail = append(detail, "modified")
	}
	s := strings.Join(detail, ", ")
	if s != "" {
		s += "; "
	}
	return fmt.Sprintf("%s (%s%s)", bi.Version, s, bi.GoVersion)
}
