package index

import (
	"errors"
	"slices"
	"testing"

	"github.com/mimeo-dedup/mimeo/minhash"
	"github.com/mimeo-dedup/mimeo/shingle"
)

func TestRecipeDefaults(t *testing.T) {
	r, err := Recipe{}.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	if r.K != minhash.DefaultK || r.Shingle.N != shingle.DefaultWordN || r.Shingle.Kind != shingle.Words {
		t.Errorf("defaults = %+v", r)
	}
	if got, want := (Recipe{}).String(), "words:5 k=128 seed=0/0"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := (Recipe{Shingle: shingle.Options{Kind: shingle.Chars, FoldDigits: true}, K: 64, Seed: 9}).String(), "chars:9 k=64 seed=0/9 fold-digits"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestRecipeInvalid(t *testing.T) {
	if _, err := (Recipe{K: -3}).NewSigner(); !errors.Is(err, minhash.ErrOptions) {
		t.Errorf("K=-3: %v", err)
	}
	if _, err := (Recipe{Shingle: shingle.Options{N: 99}}).NewSigner(); !errors.Is(err, shingle.ErrOptions) {
		t.Errorf("N=99: %v", err)
	}
}

func TestSignerMatchesPackages(t *testing.T) {
	text := []byte("The harbor authority approved the expansion of the container terminal on Wednesday.")
	s, err := Recipe{K: 64, Seed: 3}.NewSigner()
	if err != nil {
		t.Fatal(err)
	}
	sh, _ := shingle.New(shingle.Options{})
	mh, _ := minhash.New(minhash.Options{K: 64, Seed: 3})
	want := mh.Sign(sh.AppendHashes(nil, text))
	got := s.Sign(text)
	if !slices.Equal(got.Slots, want.Slots) || got.Card != want.Card {
		t.Error("Signer differs from shingle+minhash")
	}
	var sig minhash.Signature
	s.SignInto(&sig, text)
	if a := testing.AllocsPerRun(20, func() { s.SignInto(&sig, text) }); a != 0 {
		t.Errorf("SignInto allocates %.1f times", a)
	}
}
