package baseline

import (
	"bytes"
	"testing"
)

// FuzzReadBaseline feeds Read arbitrary bytes: it must never panic, and a
// baseline it accepts must write out and read back to the same bytes (so
// a baseline survives any number of update cycles unchanged). The seed
// corpus is in testdata/fuzz/FuzzReadBaseline.
func FuzzReadBaseline(f *testing.F) {
	f.Add([]byte(`{"version": "v1", "schema": 1, "entries": []}`))
	f.Add([]byte(`{"schema": 1, "entries": [{"rule": "dependency", "from_module": "a", "to_module": "b", "package": "m/a", "symbol": "m/b", "count": 2}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Read(bytes.NewReader(data))
		if err != nil {
			if b != nil {
				t.Fatalf("Read returned a baseline with error %v", err)
			}
			return
		}
		var first bytes.Buffer
		if err := b.Write(&first); err != nil {
			t.Fatalf("Write: %v", err)
		}
		again, err := Read(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("Read of Write's output: %v\n%s", err, first.Bytes())
		}
		var second bytes.Buffer
		if err := again.Write(&second); err != nil {
			t.Fatalf("second Write: %v", err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("round trip changed the baseline:\n%s\n---\n%s", first.Bytes(), second.Bytes())
		}
		if got := b.Match(nil, nil); len(got.Stale) != len(b.Entries) {
			t.Fatalf("an empty run leaves %d of %d entries stale", len(got.Stale), len(b.Entries))
		}
	})
}
