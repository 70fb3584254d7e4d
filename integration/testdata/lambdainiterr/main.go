// Command lambdainiterr is a minimal custom runtime (plain net/http, no
// aws-lambda-go) that fails its initialization the documented way: it posts
// to /runtime/init/error with a Lambda-Runtime-Function-Error-Type header
// and exits.
package main

import (
	"net/http"
	"os"
	"strings"
)

func main() {
	url := "http://" + os.Getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/init/error"
	body := `{"errorMessage":"config file missing","errorType":"ConfigError","stackTrace":[]}`
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		os.Exit(2)
	}
	req.Header.Set("Lambda-Runtime-Function-Error-Type", "Runtime.ConfigError")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusAccepted {
		os.Exit(4)
	}
	os.Exit(1)
}
