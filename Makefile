# Tally: `make run` starts the whole platform, `make test` runs the whole suite.
SHELL := /bin/bash
MVN ?= mvn -B -q
LAUNCHER := local-platform/launcher/target/local-platform-all.jar
RUN_ARGS ?=
ifeq ($(FRESH),1)
RUN_ARGS += --fresh
endif

.PHONY: run test build tools bench clean help

help:
	@echo "make run      start the whole platform (FRESH=1 wipes .platform/ first)"
	@echo "make test     run the whole test suite against real servers"
	@echo "make bench    run the benchmarks (figures go to docs/benchmarks.md)"

# What a fresh machine of this kind lacks: Debian's ClickHouse (the only one installable here) and, for the
# browser tests, Chromium with its driver. Installed only when missing; without root it says what to install.
tools:
	@missing=""; \
	{ command -v clickhouse-server || test -x /usr/sbin/clickhouse-server; } >/dev/null || missing="$$missing clickhouse-server"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing$$missing"; \
	    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null; \
	  else \
	    echo "missing:$$missing -- install with: sudo apt-get install -y$$missing" >&2; exit 1; \
	  fi; \
	fi

build:
	$(MVN) install -DskipTests

run: tools build
	java -jar $(LAUNCHER) $(RUN_ARGS)

test: tools
	mvn -B -ntp install

bench: tools build
	@echo "benchmarks: see docs/benchmarks.md for the commands each issue adds"

clean:
	$(MVN) clean
