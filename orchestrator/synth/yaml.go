package synth

import (
	"bytes"
	"fmt"
	"sort"

	"go.yaml.in/yaml/v3"
)

// obj is an ordered mapping: CloudFormation templates read best in a fixed,
// conventional order (Type before Properties, and so on), which Go maps lose.
type obj []kv

type kv struct {
	k string
	v any
}

// set appends a key; later keys come later in the output.
func (o *obj) set(k string, v any) { *o = append(*o, kv{k, v}) }

// node converts a value built of obj, map[string]any, []any, []string and
// scalars into a YAML node.
func node(v any) (*yaml.Node, error) {
	switch x := v.(type) {
	case obj:
		n := &yaml.Node{Kind: yaml.MappingNode}
		for _, e := range x {
			if err := appendPair(n, e.k, e.v); err != nil {
				return nil, err
			}
		}
		return n, nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return keyRank(keys[i]) < keyRank(keys[j]) })
		o := make(obj, 0, len(keys))
		for _, k := range keys {
			o = append(o, kv{k, x[k]})
		}
		return node(o)
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range x {
			c, err := node(e)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, c)
		}
		return n, nil
	case []string:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = e
		}
		return node(s)
	default:
		n := &yaml.Node{}
		if err := n.Encode(v); err != nil {
			return nil, fmt.Errorf("synth: encode %T: %w", v, err)
		}
		return n, nil
	}
}

// keyRank orders mapping keys: CloudFormation's conventional leaders
// first (Type before Properties, Effect before Action), then the alphabet.
func keyRank(k string) string {
	switch k {
	case "Type", "Version", "Sid":
		return "0" + k
	case "Properties", "Effect":
		return "1" + k
	}
	return "2" + k
}

func appendPair(n *yaml.Node, k string, v any) error {
	c, err := node(v)
	if err != nil {
		return err
	}
	n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, c)
	return nil
}

// marshalYAML renders an obj as a YAML document with two-space indents.
func marshalYAML(v obj) ([]byte, error) {
	n, err := node(v)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	return buf.Bytes(), enc.Close()
}

// Intrinsic functions in their long form (no YAML tags needed).
func ref(name string) obj         { return obj{{"Ref", name}} }
func getAtt(res, attr string) obj { return obj{{"Fn::GetAtt", []any{res, attr}}} }
func sub(s string) obj            { return obj{{"Fn::Sub", s}} }
