// Package bench holds mimeo's benchmark workloads and the peer baselines
// they are measured against, so that every comparison runs in the same
// process, on the same generated documents, in the same run.
//
// The benchmarks themselves are in the _test.go files of this package and
// beside the code they measure; docs/BENCHMARKS.md records the figures and
// the commands that reproduce them. Document generators are in bench/corpus.
package bench
