package statemachines

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Marshal renders m as canonical ASL JSON, indented by two spaces: fields
// in a fixed order (StartAt, then States in m.Order), zero-valued fields
// omitted, payload templates with their keys sorted. Parse(Marshal(m))
// gives back an equal model.
//
// States missing from m.Order are written after the ordered ones, sorted by
// name, so a model built by hand without Order still marshals fully.
func Marshal(m *StateMachine) ([]byte, error) {
	if m == nil {
		return nil, fmt.Errorf("statemachines: Marshal of a nil StateMachine")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(machineFields(m)); err != nil {
		return nil, fmt.Errorf("statemachines: marshal: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// field is one member of an ordered JSON object.
type field struct {
	key string
	val any
}

// fields is a JSON object whose members keep their order when encoded.
type fields []field

// MarshalJSON encodes the members in order.
func (fs fields) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, f := range fs {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := encodeCompact(&buf, f.key); err != nil {
			return nil, err
		}
		buf.WriteByte(':')
		if err := encodeCompact(&buf, f.val); err != nil {
			return nil, fmt.Errorf("%s: %w", f.key, err)
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func encodeCompact(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // the encoder's newline
	return nil
}

// add appends key: val unless val is a zero value that means "absent".
func (fs *fields) add(key string, val any) {
	switch v := val.(type) {
	case string:
		if v == "" {
			return
		}
	case bool:
		if !v {
			return
		}
	case *int64:
		if v == nil {
			return
		}
	case *float64:
		if v == nil {
			return
		}
	case nil:
		return
	case fields:
		if v == nil {
			return
		}
	}
	*fs = append(*fs, field{key, val})
}

// addPath appends an optional path: absent, null or the path.
func (fs *fields) addPath(key string, p OptPath) {
	switch {
	case !p.Set:
	case p.Null:
		*fs = append(*fs, field{key, nil})
	default:
		*fs = append(*fs, field{key, p.Path})
	}
}

// addInt appends an IntField: its value or its expression.
func (fs *fields) addInt(key string, f IntField) {
	if f.Value != nil {
		fs.add(key, f.Value)
	} else {
		fs.add(key, f.Expr)
	}
}

// addFloat appends a FloatField: its value or its expression.
func (fs *fields) addFloat(key string, f FloatField) {
	if f.Value != nil {
		fs.add(key, f.Value)
	} else {
		fs.add(key, f.Expr)
	}
}

func machineFields(m *StateMachine) fields {
	var fs fields
	fs.add("Comment", m.Comment)
	fs.add("QueryLanguage", string(m.QueryLanguage))
	fs = append(fs, field{"StartAt", m.StartAt}) // required, even when empty
	fs.add("TimeoutSeconds", m.TimeoutSeconds)
	fs.add("Version", m.Version)
	if pc := m.ProcessorConfig; pc != nil {
		fs = append(fs, field{"ProcessorConfig", processorConfigFields(pc)})
	}
	states := fields{}
	for _, name := range stateNames(m) {
		if s := m.States[name]; s != nil {
			states = append(states, field{name, stateFields(s)})
		}
	}
	return append(fs, field{"States", states})
}

func processorConfigFields(pc *ProcessorConfig) fields {
	fs := fields{}
	fs.add("Mode", pc.Mode)
	fs.add("ExecutionType", pc.ExecutionType)
	return fs
}

// addJSON appends a raw JSON member (a template, an expression, a literal)
// unless it is absent (nil).
func (fs *fields) addJSON(key string, val any) {
	if val != nil {
		*fs = append(*fs, field{key, val})
	}
}
