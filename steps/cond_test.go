package steps_test

import (
	"testing"

	"github.com/baton-run/baton/steps"
)

type address struct {
	City string `json:"city"`
	Zip  string
}

type base struct {
	Kind string `json:"kind"`
}

type customer struct {
	base
	Name    string  `json:"name,omitempty"`
	Home    address `json:"home"`
	Balance float64
	Skip    int `json:"-"`
}

func TestFieldPaths(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ got, want string }{
		{steps.Field(func(c *customer) *string { return &c.Name }).String(), "$.name"},
		{steps.Field(func(c *customer) *string { return &c.Home.City }).String(), "$.home.city"},
		{steps.Field(func(c *customer) *string { return &c.Home.Zip }).String(), "$.home.Zip"},
		{steps.Field(func(c *customer) *float64 { return &c.Balance }).String(), "$.Balance"},
		{steps.Field(func(c *customer) *string { return &c.Kind }).String(), "$.kind"},
		{steps.Field(func(c *customer) *address { return &c.Home }).String(), "$.home"},
	} {
		if tc.got != tc.want {
			t.Errorf("path %q, want %q", tc.got, tc.want)
		}
	}
}
