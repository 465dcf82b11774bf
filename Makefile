# Strata — the two commands: `make run` and `make test`. Both install what is missing first.
SHELL        := /bin/bash
SWIFT        ?= swift
BUILD_DIR    ?= .build
STRATA       := $(BUILD_DIR)/debug/strata
STRATA_FAST  := $(BUILD_DIR)/release/strata
APT_PACKAGES := libedit-dev pkg-config libsqlite3-dev

.PHONY: run test build deps release bench fuzz test-sanitize clean

# The REPL runs the optimised build: analysts load client files of millions of rows.
run: release
	$(STRATA_FAST) --init datasets/demo/demo.strata

test: build
	$(SWIFT) build --build-tests
	STRATA_BIN=$(abspath $(STRATA)) $(SWIFT) test --skip-build
	$(STRATA) test notebooks/ Tests/Golden/
	$(foreach t,$(FUZZ_TARGETS),$(BUILD_DIR)/debug/fuzz-$(t) Tests/Fuzz/corpus/$(t) &&) true

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Installs the C libraries the build needs when they are missing: as root directly,
# otherwise with sudo; without either, prints the command to run.
deps:
	@if [ -f /usr/include/editline/readline.h ] && [ -f /usr/include/sqlite3.h ] && pkg-config --exists libedit 2>/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing $(APT_PACKAGES)"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	elif command -v sudo >/dev/null 2>&1; then \
		echo "Installing $(APT_PACKAGES) with sudo"; \
		sudo apt-get update -qq && sudo apt-get install -y -qq $(APT_PACKAGES); \
	else \
		echo "Strata needs libedit and SQLite headers. Run as root: apt-get install -y $(APT_PACKAGES)"; exit 1; \
	fi

# Strata vs DuckDB and Polars on the tiering workload (bench/README.md). Builds release into
# BUILD_DIR, installs the peers into bench/.venv, generates bench/data/ once, writes
# bench/RESULTS.md. `make bench SIZE=S` for a quick run; RUNS=N runs per tool.
bench: deps
	$(SWIFT) build -c release --scratch-path $(BUILD_DIR)
	python3 bench/run.py --strata $(BUILD_DIR)/release/strata $(if $(SIZE),--sizes $(SIZE)) $(if $(RUNS),--runs $(RUNS))

# libFuzzer on the CSV reader, the statement language and the notebook reader, FUZZ_TIME
# seconds each (default 60). New inputs collect in .build-fuzz/corpus; a crash stops the run
# and is written to .build-fuzz/crash-TARGET-*: fix it, then copy the input into
# Tests/Fuzz/corpus/TARGET/ so `make test` replays it from then on.
FUZZ_TARGETS := csv statement notebook
FUZZ_TIME    ?= 60
fuzz: deps
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p .build-fuzz/corpus/$$t; \
		echo "building fuzz-$$t (libFuzzer, AddressSanitizer)"; \
		$(SWIFT) build --scratch-path .build-fuzz --product fuzz-$$t -Xswiftc -sanitize=fuzzer,address \
			-Xswiftc -DFUZZING > .build-fuzz/build-$$t.log 2>&1 \
			|| { grep -v 'Cannot export local symbol' .build-fuzz/build-$$t.log | tail -30; exit 1; }; \
		echo "fuzzing $$t for $(FUZZ_TIME) s"; \
		.build-fuzz/debug/fuzz-$$t .build-fuzz/corpus/$$t Tests/Fuzz/corpus/$$t -max_total_time=$(FUZZ_TIME) \
			-max_len=4096 -rss_limit_mb=4096 -timeout=10 -artifact_prefix=.build-fuzz/crash-$$t- \
			-print_final_stats=1 2>&1 | grep -E '^(#[0-9]+[[:space:]]+DONE|stat::(number_of_executed_units|new_units_added|peak_rss_mb)|==[0-9]+==|SUMMARY)' ; \
		test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

# The unit tests under AddressSanitizer, then ThreadSanitizer (the parallel loader, the
# interrupt handling), each in its own build folder. Leak detection is off: LeakSanitizer
# cannot see Swift references packed into multi-payload enums (spare-bit tags) or held
# through side tables, so it reports live objects such as a column's dictionary as leaked.
# The child `strata` processes of the end-to-end tests run the sanitized binary too.
test-sanitize: deps
	$(SWIFT) build --build-tests --scratch-path .build-asan --sanitize=address
	STRATA_BIN=$(abspath .build-asan/debug/strata) ASAN_OPTIONS=detect_leaks=0 \
		$(SWIFT) test --skip-build --scratch-path .build-asan --sanitize=address
	$(SWIFT) build --build-tests --scratch-path .build-tsan --sanitize=thread
	STRATA_BIN=$(abspath .build-tsan/debug/strata) $(SWIFT) test --skip-build --scratch-path .build-tsan --sanitize=thread

clean:
	rm -rf $(BUILD_DIR)
