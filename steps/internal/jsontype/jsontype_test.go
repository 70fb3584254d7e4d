package jsontype

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

type good struct {
	A string
	B []map[string]int
	T time.Time
	R json.RawMessage
	p func() // unexported: ignored
	S *good
}

type bad struct {
	Inner struct{ Fn func() }
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{
		{good{}, ""},
		{map[int]string{}, ""},
		{bad{}, "field Inner.Fn: func() cannot be encoded as JSON"},
		{make(chan int), "chan int cannot be encoded as JSON"},
		{complex(1, 2), "complex128 cannot be encoded as JSON"},
		{map[[2]int]int{}, "map[[2]int]int has keys of type [2]int, which JSON objects cannot hold"},
		{struct{ E error }{}, "field E: interface error cannot be decoded from JSON"},
	} {
		if got := Check(reflect.TypeOf(tc.v)); got != tc.want {
			t.Errorf("Check(%T) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

func TestHasData(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want bool
	}{
		{struct{}{}, false}, {struct{ x int }{}, false}, {struct{ X int }{}, true},
		{struct {
			X int `json:"-"`
		}{}, false},
		{time.Time{}, true}, {0, true}, {[]int{}, true},
	} {
		if got := HasData(reflect.TypeOf(tc.v)); got != tc.want {
			t.Errorf("HasData(%T) = %v, want %v", tc.v, got, tc.want)
		}
	}
}
