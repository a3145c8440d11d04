package minhash

import (
	"bytes"
	"encoding"
	"errors"
	"slices"
	"testing"
)

var (
	_ encoding.BinaryAppender    = Signature{}
	_ encoding.BinaryMarshaler   = BBit{}
	_ encoding.BinaryUnmarshaler = (*Signature)(nil)
	_ encoding.BinaryUnmarshaler = (*BBit)(nil)
)

func TestEncodingRoundTrip(t *testing.T) {
	r := &rng{s: 20}
	for _, k := range []int{1, 3, 64, 128, 129, 1000} {
		h := mustHasher(t, Options{K: k})
		sig := h.Sign(r.elems(500))
		enc, err := sig.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Signature
		if err := back.UnmarshalBinary(enc); err != nil {
			t.Fatalf("k=%d: %v", k, err)
		}
		if !slices.Equal(back.Slots, sig.Slots) || back.Card != sig.Card {
			t.Fatalf("k=%d: round trip changed the signature", k)
		}
		for b := 1; b <= 32; b++ {
			bb := sig.BBit(b)
			enc, err := bb.AppendBinary([]byte("prefix"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(enc, []byte("prefix")) {
				t.Fatal("AppendBinary dropped the prefix")
			}
			enc = enc[len("prefix"):]
			if want := 3 + 2 + 2 + payloadSize(k, b); k < 128 && len(enc) > want {
				t.Errorf("k=%d b=%d: %d bytes, want at most %d", k, b, len(enc), want)
			}
			var back BBit
			if err := back.UnmarshalBinary(enc); err != nil {
				t.Fatalf("k=%d b=%d: %v", k, b, err)
			}
			if back.B != bb.B || back.K != bb.K || back.Card != bb.Card || !slices.Equal(back.Words, bb.Words) {
				t.Fatalf("k=%d b=%d: round trip changed the b-bit signature", k, b)
			}
			for i := range k {
				if got, want := back.Slot(i), sig.Slots[i]&uint32(1<<b-1); got != want {
					t.Fatalf("k=%d b=%d slot %d: %x, want %x", k, b, i, got, want)
				}
			}
			if a := back.Agree(bb); a != k {
				t.Fatalf("k=%d b=%d: a signature agrees with itself on %d slots", k, b, a)
			}
		}
	}
}

func TestEncodingSize(t *testing.T) {
	sig := mustHasher(t, Options{}).Sign((&rng{s: 21}).elems(800))
	for b, want := range map[int]int{32: 512, 16: 256, 8: 128, 4: 64, 2: 32, 1: 16} {
		enc, _ := sig.BBit(b).MarshalBinary()
		if payload := len(enc) - 3 - 2 - 2; payload != want {
			t.Errorf("b=%d: payload %d bytes, want %d", b, payload, want)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	good, _ := mustHasher(t, Options{K: 5}).Sign([]uint64{1, 2, 3}).BBit(3).MarshalBinary()
	mutate := func(f func([]byte) []byte) []byte { return f(slices.Clone(good)) }
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrFormat},
		{"bad tag", mutate(func(b []byte) []byte { b[0] = 'x'; return b }), ErrFormat},
		{"version 2", mutate(func(b []byte) []byte { b[1] = 2; return b }), ErrVersion},
		{"zero bits", mutate(func(b []byte) []byte { b[2] = 0; return b }), ErrFormat},
		{"33 bits", mutate(func(b []byte) []byte { b[2] = 33; return b }), ErrFormat},
		{"zero slots", mutate(func(b []byte) []byte { b[3] = 0; return b }), ErrFormat},
		{"truncated", good[:len(good)-1], ErrFormat},
		{"trailing byte", append(slices.Clone(good), 0), ErrFormat},
		{"padding bit", mutate(func(b []byte) []byte { b[len(b)-1] |= 0x80; return b }), ErrFormat},
		{"overlong varint", []byte{encTag, encVersion, 8, 0x85, 0x00, 0, 1, 2, 3, 4, 5}, ErrFormat},
		{"huge k", []byte{encTag, encVersion, 8, 0xff, 0xff, 0xff, 0xff, 0x0f, 0}, ErrFormat},
	}
	for _, tc := range tests {
		var bb BBit
		if err := bb.UnmarshalBinary(tc.data); !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
		}
	}
	var sig Signature
	if err := sig.UnmarshalBinary(good); !errors.Is(err, ErrFormat) {
		t.Errorf("3-bit data into Signature: error %v, want ErrFormat", err)
	}
	if _, err := (Signature{}).MarshalBinary(); !errors.Is(err, ErrFormat) {
		t.Errorf("empty Signature: error %v, want ErrFormat", err)
	}
}

func FuzzUnmarshalBBit(f *testing.F) {
	h := mustHasher(f, Options{K: 7})
	for _, b := range []int{1, 3, 8, 32} {
		enc, _ := h.Sign([]uint64{1, 2, 3, 4}).BBit(b).MarshalBinary()
		f.Add(enc)
	}
	f.Add([]byte{encTag, encVersion, 32, 1, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var bb BBit
		if err := bb.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrFormat) && !errors.Is(err, ErrVersion) {
				t.Fatalf("error %v is neither ErrFormat nor ErrVersion", err)
			}
			return
		}
		// A decoded signature re-encodes to the same bytes and compares.
		enc, err := bb.MarshalBinary()
		if err != nil || !bytes.Equal(enc, data) {
			t.Fatalf("re-encoding %x gave %x, %v", data, enc, err)
		}
		if bb.Agree(bb) != bb.K {
			t.Fatal("decoded signature does not agree with itself")
		}
		var sig Signature
		if err := sig.UnmarshalBinary(data); err == nil && len(sig.Slots) != bb.K {
			t.Fatal("Signature decode lost slots")
		}
	})
}
