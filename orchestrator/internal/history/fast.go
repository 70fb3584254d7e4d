package history

import "strconv"

// appendDetails renders the details types of the hot path (state entered
// and exited, Lambda and task results, Map iterations) without reflection;
// nil for the others.
func appendDetails(buf []byte, d any, c *TextCache) []byte {
	switch x := d.(type) {
	case StateEntered:
		buf = appendField(buf, '{', "name", x.Name)
		buf = x.Input.appendTo(append(buf, `,"input":`...), c)
		return append(buf, `,"inputDetails":{"truncated":false}}`...)
	case StateExited:
		if len(x.AssignedVariables) > 0 {
			return nil
		}
		buf = appendField(buf, '{', "name", x.Name)
		buf = x.Output.appendTo(append(buf, `,"output":`...), c)
		return append(buf, `,"outputDetails":{"truncated":false}}`...)
	case Output:
		buf = x.Output.appendTo(append(buf, `{"output":`...), c)
		return append(buf, `,"outputDetails":{"truncated":false}}`...)
	case LambdaScheduled:
		buf = appendField(buf, '{', "resource", x.Resource)
		buf = x.Input.appendTo(append(buf, `,"input":`...), c)
		buf = append(buf, `,"inputDetails":{"truncated":false}`...)
		if x.TimeoutInSeconds > 0 {
			buf = strconv.AppendInt(append(buf, `,"timeoutInSeconds":`...), x.TimeoutInSeconds, 10)
		}
		return append(buf, '}')
	case TaskOutput:
		buf = appendField(buf, '{', "resourceType", x.ResourceType)
		buf = appendField(buf, ',', "resource", x.Resource)
		buf = x.Output.appendTo(append(buf, `,"output":`...), c)
		return append(buf, `,"outputDetails":{"truncated":false}}`...)
	case MapIteration:
		buf = appendField(buf, '{', "name", x.Name)
		return append(strconv.AppendInt(append(buf, `,"index":`...), int64(x.Index), 10), '}')
	}
	return nil
}

func appendField(buf []byte, sep byte, key, value string) []byte {
	buf = append(buf, sep, '"')
	buf = append(buf, key...)
	buf = append(buf, '"', ':')
	return AppendQuoted(buf, value)
}
