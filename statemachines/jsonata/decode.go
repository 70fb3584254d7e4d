package jsonata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			return decodeObject(dec)
		case '[':
			return decodeArray(dec)
		}
		return nil, fmt.Errorf("unexpected %v", t)
	case json.Number:
		f, err := t.Float64()
		return f, err
	case nil:
		return jnull, nil
	}
	return tok, nil
}

func decodeObject(dec *json.Decoder) (any, error) {
	o := newObject()
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, err
		}
		v, err := decodeValue(dec)
		if err != nil {
			return nil, err
		}
		o.set(kt.(string), v)
	}
	_, err := dec.Token()
	return o, err
}

func decodeArray(dec *json.Decoder) (any, error) {
	a := &array{items: []any{}}
	for dec.More() {
		v, err := decodeValue(dec)
		if err != nil {
			return nil, err
		}
		a.items = append(a.items, v)
	}
	_, err := dec.Token()
	return a, err
}
