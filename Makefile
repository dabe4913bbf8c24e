# tico — Transitioning Industrial Cluster Optimiser
#
#   make          build ./tico
#   make test     install what is missing, build, run every CUnit suite (ASan + UBSan build)
#   make run      install what is missing, build, solve instances/dunkirk.cfg
#   make bench    benchmarks (bench/)
#   make deps     install the Debian packages tico needs (apt-get; only those missing)
#   make check    alias of make test
#   make fuzz     fuzz the instance loader with libFuzzer for FUZZ_S seconds (default 60; tests/fuzz/)
#
# Options: SANITIZE=address,undefined builds ./tico itself with sanitizers;
#          B=DIR puts objects and test programs in DIR (default build), TICO=PATH names the program.
#          MPI=1 builds against Open MPI (docs/mpi.md): `mpirun -n K ./tico macc|mc|value ...`
#          shares the solves among K ranks; objects in build/mpi; `make deps MPI=1` installs it.

CC      := gcc
OPT     ?= -O2
# Debian packages: build tools, libraries, and the peer solvers the tests cross-check against.
PKGS    := gcc make libc6-dev pkg-config libglpk-dev glpk-utils libconfig-dev libopenblas-dev \
           liblapacke-dev libcunit1-dev coinor-cbc

WARN    := -Wall -Wextra -Werror -Wshadow -Wundef -Wwrite-strings -Wstrict-prototypes \
           -Wmissing-prototypes -Wold-style-definition
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
# Debian's GLPK has no pkg-config file. Lazy (=) so pkg-config runs after `make deps`.
# LAPACKE and OpenBLAS are not linked: solver/base/linalg.c loads them with dlopen on first use
# (OpenBLAS cost 4.4 ms at every start of tico).
PKGCFG   = $(shell pkg-config --cflags libconfig lapacke openblas 2>/dev/null)
LIBS     = -lglpk $(shell pkg-config --libs libconfig 2>/dev/null) -ldl -lm

# MPI=1 (docs/mpi.md): pool_mpi.c and TICO_MPI, the flags of `mpicc --showme` (lazy: after make
# deps), objects of their own. Without MPI=1 no MPI header, library or object is used.
ifeq ($(MPI),1)
  PKGS    += libopenmpi-dev openmpi-bin
  PKGCFG  += $(shell mpicc --showme:compile 2>/dev/null) -DTICO_MPI
  LIBS    += $(shell mpicc --showme:link 2>/dev/null)
  B       ?= build/mpi
endif

ifdef SANITIZE
  SANFLAGS := -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
endif
TSAN    := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

B       ?= build
TICO    ?= tico

# solver/ is layered (docs/architecture.md): base < load < model < solve < analysis < report < cli.
# A file includes headers of its own layer and the layers below only (tests/layers.sh checks).
LAYERS  := base load model solve analysis report cli
INC     := $(LAYERS:%=-Isolver/%)
LIBSRC  := $(filter-out solver/cli/main.c $(if $(filter 1,$(MPI)),,solver/base/pool_mpi.c),\
             $(wildcard $(LAYERS:%=solver/%/*.c)))
TESTSRC := $(wildcard tests/test_*.c)

REL_OBJ := $(LIBSRC:solver/%.c=$(B)/rel/%.o)
SAN_OBJ := $(LIBSRC:solver/%.c=$(B)/san/%.o)
TESTBIN := $(TESTSRC:tests/%.c=$(B)/san/tests/%)
# The library every program links: tico, the tests (sanitized copy), bench and fuzz programs.
REL_LIB := $(B)/libtico.a
SAN_LIB := $(B)/san/libtico.a

.PHONY: all test check run bench bench-quick deps clean test-build fuzz fuzz-deps FORCE
.DEFAULT_GOAL := all

all: $(TICO)

$(REL_LIB): $(REL_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(SAN_LIB): $(SAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

# ./tico is linked again when MPI=1 comes or goes (the stamp holds the object folder).
$(TICO): $(B)/rel/cli/main.o $(REL_LIB) build/tico.flavour
	$(CC) $(OPT) $(SANFLAGS) -o $@ $(filter %.o %.a,$^) $(LIBS)

build/tico.flavour: FORCE
	@mkdir -p $(@D); [ "$$(cat $@ 2>/dev/null)" = "$(B)" ] || echo "$(B)" > $@

$(B)/rel/%.o: solver/%.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(OPT) $(SANFLAGS) $(WARN) -MMD -MP $(INC) $(PKGCFG) -c -o $@ $<

# The test build: library, program and tests under AddressSanitizer + UBSan.
$(B)/san/%.o: solver/%.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O1 -g $(TSAN) $(WARN) -MMD -MP $(INC) $(PKGCFG) -c -o $@ $<

$(B)/san/tico: $(B)/san/cli/main.o $(SAN_LIB)
	$(CC) -g $(TSAN) -o $@ $^ $(LIBS)

$(B)/san/tests/%: tests/%.c tests/testing.h tests/testing_solve.h $(SAN_LIB)
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O1 -g $(TSAN) $(WARN) $(INC) -DTT_TICO='"$(B)/san/tico"' -MMD -MP $(PKGCFG) -o $@ $< $(SAN_LIB) $(LIBS) -lcunit

# The benchmark generator links the loader.
bench/gen: bench/gen.c $(REL_LIB)
	$(CC) $(CSTD) $(OPT) $(WARN) $(INC) $(PKGCFG) -o $@ $< $(REL_LIB) $(LIBS)

test-build: $(TICO) $(B)/san/tico $(TESTBIN)

# Set-up, build and every suite; the last line is "N passed, N failed".
test: deps
	@$(MAKE) --no-print-directory test-build
	@tests/layers.sh $(B)/rel
	@tests/run.sh $(TESTBIN)

check: test

run: deps
	@$(MAKE) --no-print-directory $(TICO)
	./$(TICO) solve instances/dunkirk.cfg

bench: deps
	@$(MAKE) --no-print-directory $(TICO)
	@bench/run.sh

bench-quick: deps
	@$(MAKE) --no-print-directory $(TICO)
	@bench/run.sh --quick

# Install the Debian packages that are missing (as root, or through sudo).
deps:
	@missing=""; for p in $(PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q $$missing; \
	fi

# ---- fuzzing (tests/fuzz/README.md) ----------------------------------------------------------
# The loader harness with libFuzzer: Debian's clang and its compiler-rt (libFuzzer, ASan, UBSan).
# It links a library of the layers the loader uses (base, load), built by clang with the fuzzer's
# coverage instrumentation. The seeds (instances/, models/, tests/fixtures/load/) are copied into
# a fresh corpus folder each run; -timeout catches a hang (a FIFO), -rss_limit_mb a runaway read.
FUZZ_S    ?= 60
FUZZ_CC   := clang
FUZZ_PKGS := clang libclang-rt-14-dev
FUZZ_FLAGS := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SRC  := $(wildcard solver/base/*.c solver/load/*.c)
FUZZ_OBJ  := $(FUZZ_SRC:solver/%.c=$(B)/fuzz/%.o)
FUZZ_LIB  := $(B)/fuzz/libload.a
FUZZ_BIN  := $(B)/fuzz/fuzz_load

$(B)/fuzz/%.o: solver/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CSTD) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP $(INC) $(PKGCFG) -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(FUZZ_BIN): tests/fuzz/fuzz_load.c $(FUZZ_LIB)
	$(FUZZ_CC) $(CSTD) $(FUZZ_FLAGS) -fsanitize=fuzzer $(INC) $(PKGCFG) -o $@ $< $(FUZZ_LIB) $(LIBS)

fuzz-deps:
	@$(MAKE) --no-print-directory deps PKGS="$(FUZZ_PKGS)"

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@corpus=$$(mktemp -d /tmp/tico_fuzz_corpus.XXXXXX) && \
	find instances models tests/fixtures/load -type f \( -name '*.cfg' -o -name '*.inc' \) \
	  -exec sh -c 'for f; do cp "$$f" "$$0/$$(echo "$$f" | tr / _)"; done' "$$corpus" {} + && \
	echo "make fuzz: $$(ls "$$corpus" | wc -l) seeds in $$corpus, $(FUZZ_S) s" && \
	LSAN_OPTIONS=suppressions=tests/fuzz/lsan.supp:print_suppressions=0 \
	ASAN_OPTIONS=quarantine_size_mb=64 UBSAN_OPTIONS=print_stacktrace=1 \
	$(FUZZ_BIN) -max_total_time=$(FUZZ_S) -timeout=10 -rss_limit_mb=1024 -max_len=65536 \
	  -print_final_stats=1 -artifact_prefix=$(B)/fuzz/ "$$corpus"; \
	rc=$$?; n=$$(ls "$$corpus" | wc -l); \
	if [ $$rc -eq 0 ]; then rm -rf "$$corpus"; echo "make fuzz: no finding; corpus grew to $$n files"; \
	else echo "make fuzz: FINDING (exit $$rc), input in $(B)/fuzz/; corpus of $$n files kept in $$corpus"; fi; \
	exit $$rc

clean:
	rm -rf $(B) $(TICO)

-include $(REL_OBJ:.o=.d) $(SAN_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d) $(B)/rel/cli/main.d $(B)/san/cli/main.d $(TESTBIN:=.d)
