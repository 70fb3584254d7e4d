// Package jsontype decides whether a Go type survives a round trip through
// encoding/json, so a step's input, output and state can be checked when a
// workflow is compiled rather than when a slice first saves.
package jsontype

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
)

var (
	marshaler     = reflect.TypeFor[json.Marshaler]()
	unmarshaler   = reflect.TypeFor[json.Unmarshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarsh   = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// Check returns "" when values of t encode to JSON and decode back into t,
// else the reason, naming the offending field path ("field Rows.Ch: chan
// int cannot be encoded as JSON").
func Check(t reflect.Type) string {
	return check(t, "", map[reflect.Type]bool{})
}

func check(t reflect.Type, at string, seen map[reflect.Type]bool) string {
	if seen[t] || custom(t) {
		return ""
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Chan, reflect.Func, reflect.Complex64, reflect.Complex128, reflect.UnsafePointer:
		return where(at) + t.String() + " cannot be encoded as JSON"
	case reflect.Interface:
		if t.NumMethod() > 0 {
			return where(at) + "interface " + t.String() + " cannot be decoded from JSON"
		}
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return check(t.Elem(), at, seen)
	case reflect.Map:
		return checkMap(t, at, seen)
	case reflect.Struct:
		return checkStruct(t, at, seen)
	}
	return ""
}

// custom reports whether t (or *t) encodes and decodes itself.
func custom(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	enc := t.Implements(marshaler) || p.Implements(marshaler) || t.Implements(textMarshaler) || p.Implements(textMarshaler)
	dec := p.Implements(unmarshaler) || p.Implements(textUnmarsh)
	return enc && dec
}

func checkMap(t reflect.Type, at string, seen map[reflect.Type]bool) string {
	k := t.Key()
	switch k.Kind() {
	case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
	default:
		if !reflect.PointerTo(k).Implements(textUnmarsh) {
			return where(at) + t.String() + " has keys of type " + k.String() + ", which JSON objects cannot hold"
		}
	}
	return check(t.Elem(), at, seen)
}

func checkStruct(t reflect.Type, at string, seen map[reflect.Type]bool) string {
	for i := range t.NumField() {
		f := t.Field(i)
		if (!f.IsExported() && !f.Anonymous) || f.Tag.Get("json") == "-" {
			continue
		}
		if msg := check(f.Type, join(at, f.Name), seen); msg != "" {
			return msg
		}
	}
	return ""
}

// HasData reports whether values of t carry any data through JSON: false
// for struct{}, structs without exported fields and empty interfaces.
func HasData(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if custom(t) {
		return true
	}
	switch t.Kind() {
	case reflect.Interface:
		return false
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if (f.IsExported() || f.Anonymous) && f.Tag.Get("json") != "-" && (!f.Anonymous || HasData(f.Type)) {
				return true
			}
		}
		return false
	}
	return true
}

func join(at, name string) string {
	if at == "" {
		return name
	}
	return at + "." + name
}

func where(at string) string {
	if at == "" {
		return ""
	}
	return "field " + strings.TrimPrefix(at, ".") + ": "
}
