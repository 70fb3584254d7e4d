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

## demo: the long job, split across Lambda-sized slices, on the embedded store.
demo:
	./scripts/demo.sh

clean:
	rm -rf bin dist
