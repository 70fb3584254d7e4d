package statemachines

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/baton-run/baton/internal/testenv"
)

// corpusFiles lists the definitions compared with the outside validators:
// every definition that ran on AWS, the invalid definitions of the golden
// test, and the corpus under testdata/corpus.
func corpusFiles(t *testing.T) []string {
	var files []string
	for _, pattern := range []string{
		filepath.Join(testenv.Shared(t, "conformance/cases"), "*", "definition.json"),
		filepath.Join("testdata", "validate", "*.json"),
		filepath.Join("testdata", "corpus", "*.json"),
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	for i, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = abs
	}
	sort.Strings(files)
	return files
}

// TestOutsideValidatorsAgree runs the corpus through baton, asl-validator
// and amazon-states-language-service, and checks that they agree on valid
// versus invalid, except for the known disagreements listed in
// knownDisagreements with their reasons.
func TestOutsideValidatorsAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping in -short mode: runs node over the whole corpus")
	}
	files := corpusFiles(t)
	if len(files) < 100 {
		t.Fatalf("corpus has %d definitions, want at least 100", len(files))
	}
	verdicts := testenv.ASLValidators(t, files)
	agree := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		opts := ValidateOptions{}
		if strings.HasPrefix(filepath.Base(f), "express_") {
			opts.Type = Express
		}
		_, diags := ParseAndValidate(data, opts)
		ours := !HasErrors(diags)
		v := verdicts[f]
		name := corpusName(f)
		ok := checkAgreement(t, name, "asl-validator", ours, v.ASLValidator, diags)
		ok = checkAgreement(t, name, "asls", ours, v.ASLS, diags) && ok
		if ok {
			agree++
		}
	}
	t.Logf("outside validators: %d definitions, %d agree on both or are known disagreements", len(files), agree)
}

// corpusName names a corpus file in the known-disagreements table: the
// case folder for conformance definitions, else the file name.
func corpusName(f string) string {
	if filepath.Base(f) == "definition.json" {
		return filepath.Base(filepath.Dir(f))
	}
	return filepath.Base(f)
}

func checkAgreement(t *testing.T, name, tool string, ours bool, theirs testenv.Verdict, diags []Diagnostic) bool {
	t.Helper()
	reason, known := knownDisagreements[name+" "+tool]
	switch {
	case ours == theirs.Valid && known:
		t.Errorf("%s: %s now agrees (valid=%v); remove the known disagreement %q", name, tool, ours, reason)
		return false
	case ours != theirs.Valid && !known:
		t.Errorf("%s: baton valid=%v, %s valid=%v\nbaton: %v\n%s: %v", name, ours, tool, theirs.Valid, diags, tool, theirs.Errors)
		return false
	}
	return true
}

// knownDisagreements lists, by "NAME TOOL", the definitions on which an
// outside validator and baton disagree, and why baton is right (the
// conformance definitions ran on AWS; the others follow AWS's recorded or
// documented behaviour).
var knownDisagreements = map[string]string{
	"scenarios__choice_condition_constant_jsonata asl-validator": "asl-validator requires Condition to be a string; AWS ran this definition with a boolean Condition",
	"outputdecl__base_output_any_non_dict__INT asl-validator":    "asl-validator requires Output to be an object or a string; AWS ran this definition with a number",
	"duplicate_key.json asl-validator":                           "asl-validator is given JSON.parse's result, which keeps the last duplicate member, so it cannot see duplicate keys",
	"express_callbacks.json asl-validator":                       "asl-validator does not know the state machine type; AWS rejects .waitForTaskToken in EXPRESS machines",
	"express_callbacks.json asls":                                "amazon-states-language-service does not know the state machine type; AWS rejects .waitForTaskToken in EXPRESS machines",
	"invalid_choice_end.json asl-validator":                      "asl-validator's Choice schema lets End through; AWS rejects unsupported fields",
	"invalid_jitter.json asl-validator":                          "asl-validator does not restrict JitterStrategy to FULL and NONE",
	"invalid_jsonata_parameters.json asls":                       "amazon-states-language-service does not check which fields a JSONata state may have",
	"invalid_map_no_processor.json asls":                         "amazon-states-language-service does not require ItemProcessor (or Iterator) on a Map state",
	"invalid_result_path_wildcard.json asls":                     "amazon-states-language-service does not require ResultPath to be a reference path",
	"integrations.json asls":                                     "amazon-states-language-service does not check Task resources against Step Functions' service integrations",
	"query_language.json asls":                                   "amazon-states-language-service checks neither QueryLanguage downgrades, JSONata-only fields nor {% %} well-formedness",
	"state_names.json asls":                                      "amazon-states-language-service does not limit state names to 80 characters",
}
