# Strata — the two commands: `make run` and `make test`. Both install what is missing first.
SWIFT        ?= swift
BUILD_DIR    ?= .build
STRATA       := $(BUILD_DIR)/debug/strata
STRATA_FAST  := $(BUILD_DIR)/release/strata
APT_PACKAGES := libedit-dev pkg-config libsqlite3-dev

.PHONY: run test build deps release bench clean

# The REPL runs the optimised build: analysts load client files of millions of rows.
run: release
	$(STRATA_FAST) --init datasets/demo/demo.strata

test: build
	$(SWIFT) build --build-tests
	STRATA_BIN=$(abspath $(STRATA)) $(SWIFT) test --skip-build
	$(STRATA) test notebooks/ Tests/Golden/

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

clean:
	rm -rf $(BUILD_DIR)
