package statemachines

import (
	"encoding/json"
	"os"
	"testing"
)

// benchDefinition is a mid-size definition (12 KB, 25 states with Retry,
// Catch, Map, Parallel and Choice) for the benchmarks below.
func benchDefinition(b *testing.B) []byte {
	b.Helper()
	data, err := os.ReadFile("testdata/bench/midsize.json")
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkParse(b *testing.B) {
	data := benchDefinition(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeEncodingJSON is the floor Parse is measured against:
// encoding/json decoding the same text into an any, with no checks.
func BenchmarkDecodeEncodingJSON(b *testing.B) {
	data := benchDefinition(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	m, err := Parse(benchDefinition(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if diags := Validate(m); len(diags) > 0 {
			b.Fatal(diags)
		}
	}
}

func BenchmarkMarshal(b *testing.B) {
	m, err := Parse(benchDefinition(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Marshal(m); err != nil {
			b.Fatal(err)
		}
	}
}
