package statemachines

// CheckPayloadSize reports States.DataLimitExceeded over 256 KiB (stub).
func CheckPayloadSize(v any) error { return nil }
