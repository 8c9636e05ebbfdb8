# Tally: `make run` starts the whole platform, `make test` runs the whole suite.
SHELL := /bin/bash
MVN ?= mvn -B -q
LAUNCHER := local-platform/launcher/target/local-platform-all.jar
RUN_ARGS ?=
ifeq ($(FRESH),1)
RUN_ARGS += --fresh
endif

.PHONY: run test build tools bench audit load lake lake-ready lake-maintain lake-delete-tenant bench-lake clean help

help:
	@echo "make run      start the whole platform (FRESH=1 wipes .platform/ first)"
	@echo "make test     run the whole test suite against real servers"
	@echo "make bench    run the benchmarks (figures go to docs/benchmarks.md)"
	@echo "make load     drive the running platform with order lifecycles (LOAD_ARGS=\"--rate 2000 --duration 60\")"
	@echo "make lake     compact orders.events of the running platform into the Iceberg lake (Spark, once)"
	@echo "make lake-maintain   rewrite small files, expire old snapshots, remove orphan files in the lake"
	@echo "make lake-delete-tenant TENANT=t   delete one tenant from the lake now (see docs/lake.md)"

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

# The projections service's JVM flags under make run (ServiceLaunch.heap), for benchmarks that host projections.
PROJECTIONS_JVM := -Xms2g -Xmx2g -Xmn1536m -XX:+UseParallelGC
# Every benchmark; each appends nothing by itself: copy the printed figures into docs/benchmarks.md with the date.
BENCH_MVN := $(MVN) -Dtest.timeout='60 m'
bench: tools build
	$(BENCH_MVN) -pl projections test -Dtest=ProjectionBenchmark -Dbench.events=1000000 -Dsurefire.failIfNoSpecifiedTests=false \
	  -DargLine="$(PROJECTIONS_JVM)"
	$(BENCH_MVN) -pl command-side test -Dtest=CommandThroughputBenchmark -Dbench.rates=500,2000,0
	$(BENCH_MVN) -pl command-side test -Dtest=RebuildBenchmark
	$(BENCH_MVN) -pl query-side test -Dtest='LiveLatencyBenchmark,AnalyticsLatencyBenchmark,LiveFanoutBenchmark' -Dsurefire.failIfNoSpecifiedTests=false
	$(MAKE) bench-lake

# Realistic order lifecycles against `make run` (URL, Kafka and secret from .platform/platform.json and
# platform.env; it creates the load tenants);
# LOAD_ARGS="--help" lists the options, LOAD_ARGS="--poison 100" writes malformed records to orders.events.
LOAD_ARGS ?=
LOAD_JAR := command-side/target/command-side.jar
load:
	@test -f $(LOAD_JAR) || $(MVN) -pl command-side -am install -DskipTests
	java -cp $(LOAD_JAR) io.tally.command.load.LoadGenerator $(LOAD_ARGS)

# The lake job against `make run`: settings from .platform/platform.env, Spark in local mode on this JVM, the
# classpath the build wrote (the job's jars plus Spark's, as spark-submit would assemble it). See docs/lake.md.
LAKE_DIR := lake-batch/job
# Absolute, as the benchmark names it: the class archive records the jars by the paths it was made with.
LAKE_JAR := $(abspath $(LAKE_DIR)/target/lake-batch.jar)
# Class-data sharing: the classes a compaction loads, archived by a small one after each build of the jar (the
# JVM ignores an archive whose jars changed, and runs without one). A run starts ~3 s sooner.
LAKE_CDS := $(abspath $(LAKE_DIR)/target/lake-classes.jsa)
# -XX:-DontCompileHugeMethods: Spark's generated serializer for the decoded rows (one method for ~40 nested
# columns) is over the JIT's 8000-byte limit and otherwise runs interpreted; it was the hottest method of a run.
LAKE_JVM ?= -Xmx3g -XX:+UseParallelGC -XX:-DontCompileHugeMethods -XX:SharedArchiveFile=$(LAKE_CDS)
LAKE_RUN = set -a && . ./.platform/platform.env && set +a && java $(LAKE_JVM) @$(LAKE_DIR)/spark-jvm.options \
  -cp "$(LAKE_JAR):$$(cat $(LAKE_DIR)/target/job.classpath):$$(cat $(LAKE_DIR)/target/spark.classpath)" \
  io.tally.lake.job.LakeBatch
lake-ready:
	@test -f .platform/platform.env || { echo ".platform/platform.env is missing: start the platform with 'make run' first" >&2; exit 1; }
	@test -f $(LAKE_JAR) -a -f $(LAKE_DIR)/target/spark.classpath || $(MVN) -pl $(LAKE_DIR) -am install -DskipTests
# A compaction of 100k events on private servers (as bench-lake), its JVM writing the archive as it exits.
# Every jar of the classpath is a prerequisite: the JVM also drops the archive when an installed module (event-schemas,
# lake-read) changed.
LAKE_CLASSPATH_JARS = $(subst :, ,$(shell cat $(LAKE_DIR)/target/job.classpath 2>/dev/null; echo; cat $(LAKE_DIR)/target/spark.classpath 2>/dev/null))
$(LAKE_CDS): $(LAKE_JAR) $(LAKE_DIR)/target/job.classpath $(LAKE_DIR)/target/spark.classpath $(LAKE_CLASSPATH_JARS)
	LAKE_JVM="$(LAKE_JVM)" $(MVN) -pl $(LAKE_DIR) exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.tally.lake.job.LakeBenchmark \
	  -Dexec.args="100000 $(LAKE_DIR) --archive-classes=$(LAKE_CDS)"
lake: lake-ready $(LAKE_CDS)
	$(LAKE_RUN) compact
lake-maintain: lake-ready
	$(LAKE_RUN) maintain
lake-delete-tenant: lake-ready
	@test -n "$(TENANT)" || { echo "usage: make lake-delete-tenant TENANT=acme" >&2; exit 2; }
	$(LAKE_RUN) delete-tenant $(TENANT)

# 1M events (LAKE_EVENTS=...) on its own broker, Postgres and S3; the job timed as its own JVM. Figures: docs/benchmarks.md.
LAKE_EVENTS ?= 1000000
bench-lake: build $(LAKE_CDS)
	LAKE_JVM="$(LAKE_JVM)" $(MVN) -pl $(LAKE_DIR) exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.tally.lake.job.LakeBenchmark \
	  -Dexec.args="$(LAKE_EVENTS) $(LAKE_DIR)"

# Compares, per tenant, event counts and amount sums in the log with each store (exit 2 on any difference).
audit:
	@test -f .platform/platform.env || { echo "start the platform with 'make run' first" >&2; exit 1; }
	set -a && . ./.platform/platform.env && set +a && \
	  java -cp projections/target/projections.jar io.tally.projection.audit.AuditMain $(if $(TENANT),--tenant $(TENANT))

clean:
	$(MVN) clean
