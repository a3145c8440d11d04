package minhash

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Binary encoding of Signature and BBit (version 1), little-endian:
//
//	byte 0      tag 0x6D ('m')
//	byte 1      version: 1
//	byte 2      B, bits per slot: 32 for a Signature, 1..32 for a BBit
//	uvarint     K, number of slots, 1..MaxK
//	uvarint     Card
//	payload     the slots packed as in BBit.Words, 64/B per word, each word
//	            8 bytes little-endian except the last, which keeps only the
//	            ceil(B·slots-in-it/8) bytes that hold slots
//
// A Signature encodes as a BBit with B = 32 and decodes only from one.
// Version 1 is the first; a later version adds fields only after Card.

const (
	encTag     = 0x6D
	encVersion = 1
)

var (
	// ErrFormat reports bytes that are not a signature encoding.
	ErrFormat = errors.New("minhash: malformed signature encoding")
	// ErrVersion reports an encoding of a version this package cannot read.
	ErrVersion = errors.New("minhash: unsupported signature encoding version")
)

func payloadSize(k, b int) int {
	per := 64 / b
	full, rest := k/per, k%per
	n := full * 8
	if rest > 0 {
		n += (rest*b + 7) / 8
	}
	return n
}

// AppendBinary appends the encoding of s to buf (encoding.BinaryAppender).
func (s BBit) AppendBinary(buf []byte) ([]byte, error) {
	if s.B < 1 || s.B > 32 || s.K < 1 || s.K > MaxK || len(s.Words) != (s.K+64/int(s.B)-1)/(64/int(s.B)) {
		return buf, fmt.Errorf("%w: B=%d K=%d with %d words", ErrFormat, s.B, s.K, len(s.Words))
	}
	buf = append(buf, encTag, encVersion, s.B)
	buf = binary.AppendUvarint(buf, uint64(s.K))
	buf = binary.AppendUvarint(buf, uint64(s.Card))
	size := payloadSize(s.K, int(s.B))
	for i, w := range s.Words {
		n := 8
		if i == len(s.Words)-1 {
			n = size - 8*i
		}
		for j := range n {
			buf = append(buf, byte(w>>(8*j)))
		}
	}
	return buf, nil
}

// MarshalBinary returns the encoding of s (encoding.BinaryMarshaler).
func (s BBit) MarshalBinary() ([]byte, error) { return s.AppendBinary(nil) }

// UnmarshalBinary decodes data into s (encoding.BinaryUnmarshaler). It
// never allocates more than the length of data justifies.
func (s *BBit) UnmarshalBinary(data []byte) error {
	b, k, card, payload, err := decodeHeader(data)
	if err != nil {
		return err
	}
	per := 64 / b
	n := (k + per - 1) / per
	words := make([]uint64, n)
	for i := range words {
		chunk := payload[8*i : min(8*i+8, len(payload))]
		var w uint64
		for j, c := range chunk {
			w |= uint64(c) << (8 * j)
		}
		words[i] = w
	}
	// Bits above the last slot of each word must be zero so that every
	// signature has exactly one encoding.
	for i, w := range words {
		fields := per
		if i == n-1 && k%per != 0 {
			fields = k % per
		}
		if fields*b < 64 && w>>(fields*b) != 0 {
			return fmt.Errorf("%w: padding bits set in word %d", ErrFormat, i)
		}
	}
	*s = BBit{B: uint8(b), K: k, Card: card, Words: words}
	return nil
}

func decodeHeader(data []byte) (b, k int, card uint32, payload []byte, err error) {
	if len(data) < 3 || data[0] != encTag {
		return 0, 0, 0, nil, fmt.Errorf("%w: bad tag", ErrFormat)
	}
	if data[1] != encVersion {
		return 0, 0, 0, nil, fmt.Errorf("%w: version %d", ErrVersion, data[1])
	}
	b = int(data[2])
	if b < 1 || b > 32 {
		return 0, 0, 0, nil, fmt.Errorf("%w: %d bits per slot", ErrFormat, b)
	}
	rest := data[3:]
	k64, n := binary.Uvarint(rest)
	if n <= 0 || k64 < 1 || k64 > MaxK || n != uvarintLen(k64) {
		return 0, 0, 0, nil, fmt.Errorf("%w: slot count", ErrFormat)
	}
	rest = rest[n:]
	c64, n := binary.Uvarint(rest)
	if n <= 0 || c64 > 1<<32-1 || n != uvarintLen(c64) {
		return 0, 0, 0, nil, fmt.Errorf("%w: cardinality", ErrFormat)
	}
	rest = rest[n:]
	k = int(k64)
	if want := payloadSize(k, b); len(rest) != want {
		return 0, 0, 0, nil, fmt.Errorf("%w: payload is %d bytes, want %d", ErrFormat, len(rest), want)
	}
	return b, k, uint32(c64), rest, nil
}

// AppendBinary appends the encoding of s to buf (encoding.BinaryAppender).
func (s Signature) AppendBinary(buf []byte) ([]byte, error) {
	if len(s.Slots) == 0 {
		return buf, fmt.Errorf("%w: empty signature", ErrFormat)
	}
	return s.BBit(32).AppendBinary(buf)
}

// MarshalBinary returns the encoding of s (encoding.BinaryMarshaler).
func (s Signature) MarshalBinary() ([]byte, error) { return s.AppendBinary(nil) }

// UnmarshalBinary decodes a full (32-bit) signature into s.
func (s *Signature) UnmarshalBinary(data []byte) error {
	var bb BBit
	if err := bb.UnmarshalBinary(data); err != nil {
		return err
	}
	if bb.B != 32 {
		return fmt.Errorf("%w: a %d-bit signature is not a full Signature", ErrFormat, bb.B)
	}
	slots := make([]uint32, bb.K)
	for i := range slots {
		slots[i] = bb.Slot(i)
	}
	*s = Signature{Slots: slots, Card: bb.Card}
	return nil
}

// uvarintLen is the length of the shortest encoding of x; decoding rejects
// longer ones so that every signature has exactly one encoding.
func uvarintLen(x uint64) int {
	var buf [binary.MaxVarintLen64]byte
	return binary.PutUvarint(buf[:], x)
}
