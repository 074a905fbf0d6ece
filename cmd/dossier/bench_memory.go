package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// memory describes this process's memory: Go heap, and resident memory
// split into anonymous pages (the process's own) and file pages (mapped
// index segments: page cache the kernel can drop and read again).
func memory() string {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return fmt.Sprintf("heap %.1f MB; RSS %.1f MB = anonymous %.1f MB + file-backed %.1f MB",
		float64(ms.HeapAlloc)/1e6, float64(procStatus("VmRSS"))/1e6, float64(procStatus("RssAnon"))/1e6, float64(procStatus("RssFile"))/1e6)
}

// procStatus returns a size field of /proc/self/status in bytes (0 where
// there is no /proc).
func procStatus(field string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
