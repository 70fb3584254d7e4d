# baton — the two commands a newcomer needs: `make demo` and `make test`.
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin
GO       ?= go
TOOLS    ?= $(CURDIR)/.tools
export BATON_TOOLS := $(TOOLS)

.PHONY: all build test test-short lint bench demo tools lambda fuzz clean

all: build

build:
	$(GO) build ./...
	$(GO) build -o bin/baton ./cmd/baton

tools:
	./scripts/tools.sh

## test: install the outside tools, then run every test (the CI command).
test: tools
	$(GO) vet ./...
	BATON_REQUIRE_TOOLS=1 $(GO) test -count=1 -timeout 18m ./...

## test-short: the quick loop; skips the slow end-to-end tests.
test-short:
	$(GO) test -short ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

## bench: speed and memory targets (results go to BENCHMARKS.md).
bench: tools
	./scripts/bench.sh

## fuzz: every fuzz target for FUZZTIME (default 5m) each.
fuzz:
	./scripts/fuzz.sh

## demo: the long job, split across Lambda-sized slices, on the embedded store.
demo:
	./scripts/demo.sh

## lambda: build each example's Lambda bootstrap (linux/arm64 for AWS, the host
## arch for local runs under the emulator) and zip it as SAM expects, into dist/.
## LAMBDA_PKGS lists the main packages (an example's Lambda entry point is its
## main_lambda.go, built with -tags lambda); without examples it builds the test function.
LAMBDA_PKGS ?= $(patsubst %/main_lambda.go,%,$(wildcard examples/*/main_lambda.go))
LAMBDA_FLAGS = -tags lambda,lambda.norpc -trimpath -ldflags "-s -w"
lambda:
	@set -e; pkgs="$(LAMBDA_PKGS)"; [ -n "$$pkgs" ] || pkgs=integration/testdata/lambdafn; \
	host=$$($(GO) env GOHOSTARCH); \
	for pkg in $$pkgs; do \
	  name=$$(basename $$pkg); \
	  for arch in $$(printf "arm64\n$$host\n" | sort -u); do \
	    out=dist/$$name/linux-$$arch; mkdir -p $$out; \
	    CGO_ENABLED=0 GOOS=linux GOARCH=$$arch $(GO) build $(LAMBDA_FLAGS) -o $$out/bootstrap ./$$pkg; \
	    $(GO) run ./orchestrator/lambdaemu/internal/cmd/lambdazip -o dist/$$name-linux-$$arch.zip $$out/bootstrap; \
	    echo "lambda: dist/$$name-linux-$$arch.zip ($$(wc -c < $$out/bootstrap) bytes bootstrap)"; \
	  done; \
	done

clean:
	rm -rf bin dist
