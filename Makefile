# tcosim: plain GNU Make. `make` builds ./tcosim; `make run` and `make test` are the quick start.
#
# Variants build side by side under build/$(BUILD): release (./tcosim), test (-Werror),
# asan (AddressSanitizer + UndefinedBehaviorSanitizer), tsan (ThreadSanitizer), fuzz (clang).

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/tcosim/data
BUILD  ?= release

WARN = -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wshadow -Wvla
OPT_release = -O3 -g
OPT_test    = -O1 -g -Werror
OPT_asan    = -O1 -g -Werror -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
OPT_tsan    = -O1 -g -Werror -fsanitize=thread
OPT_fuzz    = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
LDOPT_asan  = -fsanitize=address,undefined
LDOPT_tsan  = -fsanitize=thread
LDOPT_fuzz  = -fsanitize=address,undefined
OPT   = $(OPT_$(BUILD))
LDOPT = $(LDOPT_$(BUILD))

# Recursive (=) on purpose: pkg-config may only exist after `make deps` ran in this make.
PKG_CFLAGS = $(shell pkg-config --cflags gsl jansson libcrypto xlsxwriter 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs gsl jansson libcrypto xlsxwriter 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -DTCO_DATADIR='"$(DATADIR)"' -Iinclude $(WARN) $(OPT) \
             $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(LDOPT) $(LDFLAGS)
LIBS = $(PKG_LIBS) -lcsv -lpthread -lm

# MPI=1 (SPEC §13): tcosim built with mpicc, MPI's driver (sim/mpi_driver.c) linked in place of
# the one process of sim/cluster.c, objects under build/$(BUILD)-mpi; `mpirun -np N tcosim ...`.
MPI ?=
ifneq ($(MPI),)
CC      = mpicc
OUT     = build/$(BUILD)-mpi
CLUSTER_OUT = sim/cluster.c
else
OUT     = build/$(BUILD)
CLUSTER_OUT = sim/mpi_driver.c
endif
LIB_SRC  = $(filter-out sim/main.c $(CLUSTER_OUT),$(wildcard sim/*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(OUT)/%.o)
MAIN_OBJ = $(OUT)/sim/main.o
UNIT_SRC = $(wildcard tests/test_*.c)
UNIT_BIN = $(UNIT_SRC:%.c=$(OUT)/%)
# ThreadSanitizer runs the unit suites that start threads (the engine's workers, xalloc's, the
# CLI's stop flag): in a suite of one thread it has no race to find, and the others took 40 s
UNIT_THREADED = $(shell grep -l -E 'pthread|threads|tco_engine_run|tco_cluster' $(UNIT_SRC))
UNIT_RUN_tsan = $(UNIT_THREADED:%.c=$(OUT)/%)
UNIT_RUN = $(or $(UNIT_RUN_$(BUILD)),$(UNIT_BIN))
DEPS     = $(wildcard $(OUT)/sim/*.d $(OUT)/tests/*.d)
# Fuzz targets tests/fuzz/fuzz_T.c (T = value, csvload, scenario, pricesheet), with the helper
# they share; replay_T runs a target's corpus without libFuzzer (make check).
FUZZ_TARGETS = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_COMMON  = tests/fuzz/engine_check.c tests/fuzz/engine_check.h
REPLAY_BIN   = $(FUZZ_TARGETS:%=$(OUT)/tests/fuzz/replay_%)

ifeq ($(BUILD),release)
BIN = tcosim
# ./tcosim is either flavour: a stamp per flavour, so that switching relinks it
FLAVOUR = build/tcosim-is-$(if $(MPI),mpi,plain)
else
BIN = $(OUT)/tcosim
FLAVOUR =
endif

# Debian packages the build and tests need; `make deps` installs the missing ones. Open MPI
# (~40 packages) only for the MPI build (make deps MPI=1) and make test's MPI suite.
APT_PKGS = gcc make pkg-config libgsl-dev libcsv-dev libjansson-dev libssl-dev libcmocka-dev time libxlsxwriter-dev python3-openpyxl gnuplot-nox libxml2-utils $(if $(MPI),$(MPI_PKGS))
MPI_PKGS = libopenmpi-dev openmpi-bin

.PHONY: all deps run test check unit cli asan tsan valgrind fuzz bench bench-mpi mpi-check lint install uninstall clean

all: $(BIN)

$(BIN): $(LIB_OBJ) $(MAIN_OBJ) $(FLAVOUR)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(LIB_OBJ) $(MAIN_OBJ) $(LIBS)

build/tcosim-is-%:
	@mkdir -p build
	@rm -f build/tcosim-is-*
	@touch $@

$(OUT)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(OUT)/tests/test_%: tests/test_%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP $(ALL_LDFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS) -lcmocka

# The spreadsheet's view of a CSV file, for the CLI suite (tests/csvcells.c).
$(OUT)/tests/csvcells: tests/csvcells.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< -lcsv

# Every CSV cell in the JSON document (tests/csvinjson.c), for the CLI suite.
$(OUT)/tests/csvinjson: tests/csvinjson.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< -lcsv $(shell pkg-config --libs jansson 2>/dev/null)

# The fault-injection shim of the CLI suite (tests/faults/fault.c), preloaded into tcosim: plain
# flags whatever the build, as the sanitizers' runtimes come with the binary.
$(OUT)/tests/faults/fault.so: tests/faults/fault.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -O1 -g -shared -fPIC -o $@ $< -ldl

-include $(DEPS)

# ---- dependencies ---------------------------------------------------------------------------
# Installs what is missing with apt-get when run as root; otherwise prints the exact command.
deps:
	@missing=""; for p in $(APT_PKGS) $(EXTRA_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "make deps: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
	  echo "make deps: missing$$missing; run: sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; \
	fi

# ---- quick start ----------------------------------------------------------------------------
# The build is silent here (-s: no compiler lines, warnings still shown), so that what the
# screen shows is the simulation report.
# `make run` leaves its files in RESULTS (make run RESULTS=elsewhere): the CSV files, manifest.json
# and the workbook tcosim.xlsx.
RESULTS = results
# The bundled schedule (SPEC §12.1): it plans scenarios/clinic-expansion.csv by name, and leaves
# the other scenarios as they are. scenarios/correlations/NAME.csv correlates inputs of
# scenarios/NAME.csv (SPEC §12.3); a run takes one --correlations file, whose rows name their
# scenario, so this is a line per file. scenarios/*.csv are scenario files only.
SCHEDULE = scenarios/schedules/clinic-expansion.csv
RUN_CORRELATIONS = --correlations scenarios/correlations/growing-clinic.csv
run: deps
	@$(MAKE) -s --no-print-directory BUILD=release all
	./tcosim validate data/*.csv scenarios/*.csv scenarios/schedules/*.csv scenarios/correlations/*.csv
	./tcosim run --out $(RESULTS) --plots --schedule $(SCHEDULE) $(RUN_CORRELATIONS) scenarios/*.csv
	@echo "make run: the files, with the workbook $(RESULTS)/tcosim.xlsx and the charts in $(RESULTS)/plots/, are in $(RESULTS)/"

# `make test`: the unit and CLI suites built with -Werror, then again under ASan + UBSan, then
# under ThreadSanitizer (the engine and the stop flag are shared between threads).
test: lint
	@$(MAKE) --no-print-directory deps EXTRA_PKGS="$(MPI_PKGS)"
	@$(MAKE) -j2 --no-print-directory BUILD=test check
	@$(MAKE) -j2 --no-print-directory BUILD=asan check
	@$(MAKE) -j2 --no-print-directory BUILD=tsan check
	@$(MAKE) -j2 --no-print-directory BUILD=test mpi-check

# SPEC §13: `mpirun -np 1, 2, 3` of the MPI build against the plain build of the same BUILD,
# byte for byte (tests/mpi/run.sh), and a rank killed or mpirun interrupted mid-run.
mpi-check:
	@$(MAKE) --no-print-directory BUILD=$(BUILD) build/$(BUILD)/tcosim
	@$(MAKE) --no-print-directory BUILD=$(BUILD) MPI=1 build/$(BUILD)-mpi/tcosim
	@TCOSIM=build/$(BUILD)/tcosim TCOSIM_MPI=build/$(BUILD)-mpi/tcosim sh tests/mpi/run.sh

# 1 against 2 ranks of one thread, and 2 ranks x 1 thread against 1 process x 2 threads, on the
# release builds (never in make test; BENCH_TRIALS as make bench).
bench-mpi:
	@$(MAKE) --no-print-directory deps MPI=1
	@$(MAKE) --no-print-directory BUILD=release build/release/tcosim-plain
	@$(MAKE) --no-print-directory BUILD=release MPI=1 build/release-mpi/tcosim
	TCOSIM=build/release/tcosim-plain TCOSIM_MPI=build/release-mpi/tcosim sh tests/bench/mpi.sh

build/release/tcosim-plain build/release-mpi/tcosim: $(LIB_OBJ) $(MAIN_OBJ)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(LIB_OBJ) $(MAIN_OBJ) $(LIBS)

check: $(BIN) $(UNIT_RUN) $(REPLAY_BIN) $(OUT)/tests/csvcells $(OUT)/tests/csvinjson $(OUT)/tests/faults/fault.so
	@# two at a time (CI has 2 cores), each one's output shown when it fails
	@printf '%s\n' $(UNIT_RUN) | xargs -r -P 2 -I{} sh -c '{} >{}.log 2>&1 || { cat {}.log; echo "FAILED: {}"; exit 255; }'
	@echo "unit: $(words $(UNIT_RUN)) suites passed"
	@$(MAKE) --no-print-directory replay
	@TCOSIM=$(BIN) TCOSIM_BUILD=$(BUILD) CSVCELLS=$(OUT)/tests/csvcells CSVINJSON=$(OUT)/tests/csvinjson FAULT_SHIM=$(OUT)/tests/faults/fault.so CLI_ONLY="$(CLI_ONLY_$(BUILD))" sh tests/cli/run.sh
	@TCOSIM=$(BIN) /usr/bin/python3 tests/xlsx_check.py

# The fuzz corpus through each target's checks, built with $(CC) (no libFuzzer): the seeds,
# the corpus the long runs kept, and every crash ever found. Each input's name goes to
# build/$(BUILD)/tests/fuzz/replay_T.log; a failure shows the end of it. The targets run the
# engine on one thread, so ThreadSanitizer replays the seeds and crashes only (the kept corpus
# would add half a minute and no thread).
REPLAY_DIRS      = seeds corpus crashes
REPLAY_DIRS_tsan = seeds crashes
# ThreadSanitizer's CLI cases: those of threads, thread-identical outputs, signals and locks
# (tests/cli/run.sh CLI_ONLY); the others' code paths are single-threaded or covered by the unit
# tests, and under TSan the whole suite took 7 of CI's minutes
CLI_ONLY_tsan = *thread* *identical* *sig* *interrupt* *lock* *antithetic* *precision*
.PHONY: replay
replay: $(REPLAY_BIN)
	@# two targets at a time (CI has 2 cores)
	@printf '%s\n' $(FUZZ_TARGETS) | xargs -r -P 2 -I{} sh -c '\
	  dirs=$$(for d in $(or $(REPLAY_DIRS_$(BUILD)),$(REPLAY_DIRS)); do if [ -d tests/fuzz/$$d/fuzz_{} ]; then echo tests/fuzz/$$d/fuzz_{}; fi; done); \
	  $(OUT)/tests/fuzz/replay_{} $$dirs 2>$(OUT)/tests/fuzz/replay_{}.log \
	    || { tail -40 $(OUT)/tests/fuzz/replay_{}.log; echo "replay_{}: FAILED"; exit 255; }'

asan:
	@$(MAKE) --no-print-directory BUILD=asan check

tsan:
	@$(MAKE) --no-print-directory BUILD=tsan check

# The CLI suite with every command run under valgrind.
valgrind: deps
	@command -v valgrind >/dev/null || { echo "make valgrind: apt-get install valgrind"; exit 1; }
	@$(MAKE) --no-print-directory BUILD=test build/test/tcosim build/test/tests/csvcells build/test/tests/csvinjson build/test/tests/faults/fault.so
	@TCOSIM=build/test/tcosim TCOSIM_BUILD=test CSVCELLS=build/test/tests/csvcells CSVINJSON=build/test/tests/csvinjson FAULT_SHIM=build/test/tests/faults/fault.so TCOSIM_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" sh tests/cli/run.sh

# libFuzzer targets (clang): FUZZ_SECONDS each, one after the other (one core), with the
# target's dictionary of columns and extreme values (tests/fuzz/dict/T.dict) where it has one.
# New inputs go to build/fuzz/corpus/T; crashes to build/fuzz/crash-T-*: minimise one
# (build/fuzz/fuzz_T -minimize_crash=1 FILE), fix it, and keep it in tests/fuzz/crashes/fuzz_T/
# for `make check`.
FUZZ_SECONDS ?= 60
fuzz:
	@$(MAKE) --no-print-directory BUILD=fuzz CC=clang fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do n=fuzz_$$t; mkdir -p build/fuzz/corpus/$$n; \
	  echo "== $$n ($(FUZZ_SECONDS)s)"; \
	  dict=; if [ -f tests/fuzz/dict/$$t.dict ]; then dict=-dict=tests/fuzz/dict/$$t.dict; fi; \
	  build/fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=30 -print_final_stats=1 $$dict \
	    -artifact_prefix=build/fuzz/crash-$$t- build/fuzz/corpus/$$n \
	    $$(for d in seeds corpus crashes; do if [ -d tests/fuzz/$$d/$$n ]; then echo tests/fuzz/$$d/$$n; fi; done); \
	done

.PHONY: fuzz-build
fuzz-build: $(FUZZ_TARGETS:%=$(OUT)/fuzz_%)
$(OUT)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_COMMON) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz -fsanitize=fuzzer $(ALL_LDFLAGS) -o $@ $< tests/fuzz/engine_check.c $(LIB_OBJ) $(LIBS)
$(OUT)/tests/fuzz/replay_%: tests/fuzz/replay.c tests/fuzz/fuzz_%.c $(FUZZ_COMMON) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/fuzz $(ALL_LDFLAGS) -o $@ tests/fuzz/replay.c tests/fuzz/fuzz_$*.c tests/fuzz/engine_check.c $(LIB_OBJ) $(LIBS)

# make bench also needs Debian's numpy (the reference model) and /usr/bin/time.
bench:
	@$(MAKE) --no-print-directory deps EXTRA_PKGS=python3-numpy
	@$(MAKE) --no-print-directory BUILD=release all build/release/rngfloor
	sh tests/bench/run.sh

build/release/rngfloor: tests/bench/rngfloor.c $(LIB_OBJ)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS)

lint:
	sh tests/layering.sh

# ---- install --------------------------------------------------------------------------------
# The file formats' pages (section 5): tcosim-scenario(5), tcosim-prices(5).
MAN5 = $(wildcard sim/*.5)

install: tcosim
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)
	install -m 755 tcosim $(DESTDIR)$(BINDIR)/tcosim
	install -m 644 sim/tcosim.1 $(DESTDIR)$(MANDIR)/man1/tcosim.1
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	install -m 644 data/*.csv $(DESTDIR)$(DATADIR)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tcosim $(DESTDIR)$(MANDIR)/man1/tcosim.1
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(MAN5)))
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/,$(notdir $(wildcard data/*.csv)))
	-rmdir $(DESTDIR)$(DATADIR) $(dir $(DESTDIR)$(DATADIR)) 2>/dev/null

clean:
	rm -rf build tcosim results
