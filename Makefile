# Two entry points (README quick start): `make report` runs the main job, `make test` the test suite.
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libsodium-dev libb2-dev libssl-dev pkg-config
SWIFT ?= swift
REPORT_ARGS ?=

.PHONY: deps build test test-asan test-tsan fuzz report lint format clean docs
FUZZ_SECONDS ?= 60

# Install the C libraries only when pkg-config cannot find them (apt-get, through sudo when not root).
deps:
	@if ! pkg-config --exists libsodium libb2 libcrypto 2>/dev/null; then \
		echo "installing $(APT_PACKAGES)" >&2; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >&2; \
	fi

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) test

# The test suite under AddressSanitizer (with LeakSanitizer) and under ThreadSanitizer; separate build folders.
test-asan: deps
	MLS_PPRF_SANITIZER_RUN=1 LSAN_OPTIONS=suppressions=$(CURDIR)/.lsan-suppressions $(SWIFT) test --sanitize=address --scratch-path .build-asan

test-tsan: deps
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

# libFuzzer targets (Fuzz/): FUZZ_SECONDS per target; prints executions and crashes.
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/run.sh

report: deps
	$(SWIFT) build -c release --product pprf
	$$($(SWIFT) build -c release --show-bin-path)/pprf report $(REPORT_ARGS)

# The DocC catalog of every library target (Sources/<Target>/<Target>.docc), built with swift-docc-plugin; fails
# on any DocC warning (a link to a symbol that no longer exists, say), so that the docs cannot rot.
DOC_TARGETS := MLSCrypto MLSCore ChallengeMath PuncturablePRF PPRFProtection TradeoffAnalysis VirtualClients \
	InteropVectors RFC9420Vectors FuzzInvariants JSONSupport MessageJobs WorkingGroupDesign
docs: deps
	$(SWIFT) package generate-documentation $(foreach t,$(DOC_TARGETS),--target $(t)) --warnings-as-errors

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Fuzz/Package.swift Fuzz/Sources

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests Fuzz/Package.swift Fuzz/Sources

clean:
	rm -rf .build
