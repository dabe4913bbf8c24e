# bench.mk — rules for the benchmark programs, read together with the main Makefile so that
# they link the same objects as ./tico:
#
#   make -f Makefile -f bench/bench.mk B=build bench/buildstat
#
# bench/run.sh runs this (and `make bench/gen`) before it measures anything.

bench/buildstat: bench/buildstat.c $(REL_LIB)
	$(CC) $(CSTD) $(OPT) $(WARN) $(INC) $(PKGCFG) -o $@ $< $(REL_LIB) $(LIBS)

# HiGHS for bench/highs.js: the npm package `highs` (WebAssembly), into bench/node_modules.
HIGHS_VERSION ?= 1.15.3
bench/node_modules/highs/package.json:
	cd bench && npm install --no-save --no-package-lock --no-audit --no-fund --prefix . highs@$(HIGHS_VERSION)

.PHONY: bench-highs
bench-highs: bench/node_modules/highs/package.json

# Debian packages the benchmarks need beyond `make deps` (glpsol and cbc come from there):
# Node.js and npm for HiGHS, installed (as `make deps` does) when `node` or `npm` is missing.
BENCH_PKGS := nodejs npm
.PHONY: bench-deps
bench-deps:
	@if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then \
	  missing=""; for p in $(BENCH_PKGS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	  done; \
	  echo "bench-deps: installing$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q $$missing; \
	fi

# bench/tune: GLPK branch-and-cut options measured on a tico model (not run by bench/run.sh).
bench/tune: bench/tune.c $(REL_LIB)
	$(CC) $(CSTD) $(OPT) $(WARN) $(INC) $(PKGCFG) -o $@ $< $(REL_LIB) $(LIBS)

# bench/warmstat: one price step solved cold and warm (issue 13; not run by bench/run.sh).
bench/warmstat: bench/warmstat.c $(REL_LIB)
	$(CC) $(CSTD) $(OPT) $(WARN) $(INC) $(PKGCFG) -o $@ $< $(REL_LIB) $(LIBS)
