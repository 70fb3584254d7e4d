package pipeline

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
)

// collect reads the Map's output as the engine hands it over: thumbnails,
// quarantined images, and failed iterations as null (the local engine) or
// as an error object.
func TestCollect(t *testing.T) {
	t.Parallel()
	mapOutput := `[
		{"index":0,"name":"img-000.png","dir":"/d","side":8,"checksum":"aa"},
		null,
		{"Error":"NotFoundError","Cause":"img-002.png: not in storage"},
		{"index":3,"name":"img-003.png","dir":"/d","quarantined":true,"reason":"CorruptImageError"},
		{"index":4,"name":"img-004.png","dir":"/d","side":8,"checksum":"bb"}]`
	var thumbs []*Thumb
	if err := json.Unmarshal([]byte(mapOutput), &thumbs); err != nil {
		t.Fatal(err)
	}
	got, err := collect(context.Background(), thumbs)
	if err != nil {
		t.Fatal(err)
	}
	want := Index{Dir: "/d", Images: 5, Count: 2,
		Thumbs: []Thumb{
			{Index: 0, Name: "img-000.png", Dir: "/d", Side: 8, Checksum: "aa"},
			{Index: 4, Name: "img-004.png", Dir: "/d", Side: 8, Checksum: "bb"},
		},
		Quarantined: []string{"img-003.png"},
		Failed:      []string{"img-001.png", "img-002.png"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("collect\n got %+v\nwant %+v", got, want)
	}
}
