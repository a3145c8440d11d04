package bench

import (
	"runtime"
	"runtime/metrics"
	"time"
)

// heapMetric is the heap memory occupied by objects, live or not yet
// swept.
const heapMetric = "/memory/classes/heap/objects:bytes"

// PeakHeap runs fn and returns its wall time and the most heap it held
// above the heap in use when it started (after a collection), sampled
// every interval and once at the end: what mimeo bench and the Beam
// pipeline's benchmark report as peak heap. A spike shorter than the
// interval can be missed.
func PeakHeap(interval time.Duration, fn func() error) (time.Duration, uint64, error) {
	runtime.GC()
	sample := []metrics.Sample{{Name: heapMetric}}
	read := func() uint64 {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return sample[0].Value.Uint64()
	}
	base := read()
	stop := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		most := base
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				most = max(most, read())
			case <-stop:
				peak <- max(most, read())
				return
			}
		}
	}()
	start := time.Now()
	err := fn()
	d := time.Since(start)
	close(stop)
	most := <-peak
	return d, most - base, err
}
