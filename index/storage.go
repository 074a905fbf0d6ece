package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// storageFile is the file of an index folder where Bleve's storage (bbolt)
// keeps its snapshots and internal values.
var storageFile = filepath.Join("store", "root.bolt")

// The parts of a bbolt meta page read here: it follows a 16-byte page
// header, and its checksum (FNV-64a) covers the 56 bytes before it.
const (
	boltPageHeader = 16
	boltMetaSize   = 64
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
)

// checkStorage refuses an index whose storage file is shorter than the
// pages its header says are in use. bbolt maps the file into memory and
// reads those pages; a page past the end of a cut file is a memory fault
// that ends the process, where an error is wanted.
func checkStorage(path string) error {
	f, err := os.Open(filepath.Join(path, storageFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil // Bleve reports what is missing
	}
	if err != nil {
		return openError(path, ErrDamaged, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return openError(path, ErrDamaged, err)
	}
	used, ok := boltUsed(f)
	if ok && st.Size() < used {
		return openError(path, ErrDamaged, fmt.Sprintf("%s is cut short: %d bytes, %d in use", storageFile, st.Size(), used))
	}
	return nil
}

// boltUsed returns how many bytes of a bbolt file are in use, as its
// newer valid meta page says (page count × page size); ok is false when
// neither meta page is valid, which bbolt itself reports.
func boltUsed(r io.ReaderAt) (used int64, ok bool) {
	var txid uint64
	pageSize := int64(4096) // where the second meta page is if the first is unreadable
	for i := range 2 {
		buf := make([]byte, boltPageHeader+boltMetaSize)
		if _, err := r.ReadAt(buf, int64(i)*pageSize); err != nil {
			continue
		}
		m := buf[boltPageHeader:]
		h := fnv.New64a()
		h.Write(m[:56])
		if binary.NativeEndian.Uint32(m[0:]) != boltMagic || binary.NativeEndian.Uint32(m[4:]) != boltVersion ||
			binary.NativeEndian.Uint64(m[56:]) != h.Sum64() {
			continue
		}
		size := int64(binary.NativeEndian.Uint32(m[8:]))
		if i == 0 {
			pageSize = size
		}
		if t := binary.NativeEndian.Uint64(m[48:]); !ok || t > txid {
			txid, used, ok = t, int64(binary.NativeEndian.Uint64(m[40:]))*size, true
		}
	}
	return used, ok
}
