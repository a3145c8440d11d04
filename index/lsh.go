package index

// bandTable maps band keys to documents: an open-addressing multimap of
// 64-bit slots, (32-bit key << 32) | (doc + 1), with linear probing. A zero
// slot is free. Documents with the same key sit in one probe run, so a
// lookup visits them all; callers cap how many documents a key may hold,
// which bounds every run.
//
// Keys are folded to 32 bits: two band keys that differ only there are
// taken for equal, which costs one extra candidate to verify about once per
// 2^32 lookups.
type bandTable struct {
	slots []uint64
	n     int
}

const minTableSize = 1 << 10

// fold32 reduces a 64-bit band key to the 32 bits a slot stores.
func fold32(key uint64) uint64 { return (key ^ key>>32) & 0xFFFFFFFF }

// slotPos returns the home position of a folded key in a table of n slots
// (any n, by multiply-shift range reduction).
func slotPos(k32 uint64, n int) int {
	return int((k32 * 0x9E3779B97F4A7C15 >> 32) * uint64(n) >> 32)
}

// find calls fn for each document stored under key, in insertion order,
// and returns how many there are.
func (t *bandTable) find(key uint64, fn func(doc uint32)) int {
	if t.slots == nil {
		return 0
	}
	k := fold32(key)
	count := 0
	for i := slotPos(k, len(t.slots)); ; {
		s := t.slots[i]
		if s == 0 {
			return count
		}
		if s>>32 == k {
			count++
			fn(uint32(s) - 1)
		}
		if i++; i == len(t.slots) {
			i = 0
		}
	}
}

// findInsert calls fn for each document stored under key, as find does,
// and then stores doc under key unless keyCap documents already are: one
// walk of the probe run instead of two. It returns the number found.
func (t *bandTable) findInsert(key uint64, doc uint32, keyCap int, fn func(doc uint32)) int {
	if t.slots == nil {
		t.slots = make([]uint64, minTableSize)
	}
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow()
	}
	k := fold32(key)
	count := 0
	i := slotPos(k, len(t.slots))
	for {
		s := t.slots[i]
		if s == 0 {
			break
		}
		if s>>32 == k {
			count++
			fn(uint32(s) - 1)
		}
		if i++; i == len(t.slots) {
			i = 0
		}
	}
	if count < keyCap {
		t.slots[i] = k<<32 | uint64(doc+1) // the end of the run: where put would go
		t.n++
	}
	return count
}

// insertFolded stores doc under the folded key k32 unless keyCap documents
// already are.
func (t *bandTable) insertFolded(k32 uint64, doc uint32, keyCap int) {
	if t.slots == nil {
		t.slots = make([]uint64, minTableSize)
	}
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow()
	}
	count := 0
	i := slotPos(k32, len(t.slots))
	for s := t.slots[i]; s != 0; s = t.slots[i] {
		if s>>32 == k32 {
			count++
		}
		if i++; i == len(t.slots) {
			i = 0
		}
	}
	if count < keyCap {
		t.slots[i] = k32<<32 | uint64(doc+1)
		t.n++
	}
}

// touch reads key's home slot, so that the cache line is on its way
// before findInsert needs it: a caller touches every band's slot first,
// and the misses overlap.
func (t *bandTable) touch(key uint64) uint64 {
	if t.slots == nil {
		return 0
	}
	return t.slots[slotPos(fold32(key), len(t.slots))]
}

// insert stores doc under key.
func (t *bandTable) insert(key uint64, doc uint32) {
	if t.slots == nil {
		t.slots = make([]uint64, minTableSize)
	}
	if 4*(t.n+1) > 3*len(t.slots) {
		t.grow()
	}
	t.put(fold32(key)<<32 | uint64(doc+1))
	t.n++
}

func (t *bandTable) put(s uint64) {
	i := slotPos(s>>32, len(t.slots))
	for t.slots[i] != 0 {
		if i++; i == len(t.slots) {
			i = 0
		}
	}
	t.slots[i] = s
}

// grow enlarges the table by half, keeping the insertion order of equal
// keys. Growing by half rather than doubling keeps the load between 1/2
// and 3/4, about 13 bytes per entry.
func (t *bandTable) grow() { t.growTo(len(t.slots) + len(t.slots)/2) }

// growTo rehashes the table into n slots, if that is more than it has.
func (t *bandTable) growTo(n int) {
	old := t.slots
	if n <= len(old) {
		return
	}
	t.slots = make([]uint64, n)
	// Walking the old table from the start of a probe run keeps the order
	// of equal keys: start after an empty slot.
	start := 0
	for start < len(old) && old[start] != 0 {
		start++
	}
	for j := range old {
		if s := old[(start+j)%len(old)]; s != 0 {
			t.put(s)
		}
	}
}

// bytes returns the memory the table holds.
func (t *bandTable) bytes() int { return 8 * len(t.slots) }
