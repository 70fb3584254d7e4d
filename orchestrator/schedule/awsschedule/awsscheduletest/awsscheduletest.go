// Package awsscheduletest is a loopback stand-in for the five schedule
// operations of the EventBridge Scheduler REST API, for tests that drive the
// real aws-sdk-go-v2 client (and the baton CLI) without AWS.
package awsscheduletest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// New starts a server; Close it when done.
func New() (*Server, *httptest.Server) {
	f := &Server{schedules: map[string]map[string]any{}}
	return f, httptest.NewServer(f)
}

// Bodies returns the JSON bodies of the requests received so far.
func (f *Server) Bodies() []map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]map[string]any(nil), f.bodies...)
}

// Server is a loopback stand-in for the EventBridge Scheduler REST
// API (the five schedule operations), so the real SDK client's requests and
// response parsing are exercised. It records every request body.
type Server struct {
	mu        sync.Mutex
	schedules map[string]map[string]any
	bodies    []map[string]any
}

// ServeHTTP answers CreateSchedule, GetSchedule, UpdateSchedule,
// DeleteSchedule and ListSchedules (two per page), with AWS's error shapes
// for unknown and duplicate names.
func (f *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var body map[string]any
	if b, _ := io.ReadAll(r.Body); len(b) > 0 {
		json.Unmarshal(b, &body)
		f.bodies = append(f.bodies, body)
	}
	name := strings.TrimPrefix(r.URL.Path, "/schedules/")
	switch {
	case r.URL.Path == "/schedules" && r.Method == http.MethodGet:
		f.list(w, r)
	case r.Method == http.MethodPost:
		f.create(w, name, body)
	case f.schedules[name] == nil:
		fail(w, http.StatusNotFound, "ResourceNotFoundException", "Schedule "+name+" does not exist.")
	case r.Method == http.MethodPut:
		f.schedules[name] = withIdentity(name, body)
		reply(w, map[string]any{"ScheduleArn": "arn:aws:scheduler:us-east-1:123456789012:schedule/default/" + name})
	case r.Method == http.MethodGet:
		reply(w, f.schedules[name])
	case r.Method == http.MethodDelete:
		delete(f.schedules, name)
		reply(w, map[string]any{})
	}
}

func (f *Server) create(w http.ResponseWriter, name string, body map[string]any) {
	if f.schedules[name] != nil {
		fail(w, http.StatusConflict, "ConflictException", "Schedule "+name+" already exists.")
		return
	}
	f.schedules[name] = withIdentity(name, body)
	reply(w, map[string]any{"ScheduleArn": "arn:aws:scheduler:us-east-1:123456789012:schedule/default/" + name})
}

// list pages two schedules at a time.
func (f *Server) list(w http.ResponseWriter, r *http.Request) {
	var names []string
	for n := range f.schedules {
		names = append(names, n)
	}
	sort.Strings(names)
	start, _ := strconv.Atoi(r.URL.Query().Get("NextToken"))
	out := map[string]any{"Schedules": []any{}}
	for i := start; i < len(names) && i < start+2; i++ {
		s := f.schedules[names[i]]
		out["Schedules"] = append(out["Schedules"].([]any), map[string]any{"Name": names[i], "State": s["State"],
			"Target": map[string]any{"Arn": s["Target"].(map[string]any)["Arn"]}})
	}
	if start+2 < len(names) {
		out["NextToken"] = strconv.Itoa(start + 2)
	}
	reply(w, out)
}

func withIdentity(name string, body map[string]any) map[string]any {
	out := map[string]any{"Name": name, "Arn": "arn:aws:scheduler:us-east-1:123456789012:schedule/default/" + name}
	for k, v := range body {
		out[k] = v
	}
	return out
}

func reply(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func fail(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-Errortype", code)
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"Message": msg})
}
