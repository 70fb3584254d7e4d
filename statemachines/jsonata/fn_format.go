package jsonata

func fnFormatNumber(c *call, a []any) any   { return nil }
func fnFormatInteger(c *call, a []any) any  { return nil }
func fnParseInteger(c *call, a []any) any   { return nil }
func registerDates()                        {}
