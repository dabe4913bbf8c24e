#!/bin/sh
# layers.sh — the architecture rules of docs/architecture.md, checked on the sources and objects.
#
#   tests/layers.sh [OBJDIR]     (OBJDIR: the release objects, default build/rel)
#
# 1. Layers: solver/ is cut into base < load < model < solve < analysis < report < cli.
#    A file may include headers of its own layer and of the layers below only; so nothing
#    outside solver/cli includes cli.h.
# 2. No link cycle between modules: module A depends on B when A's object uses a symbol that
#    B's object defines (nm). The one allowed cycle is a builder driver and its parts
#    (build.c with build_*.c, counted as one module "build").
# Prints every breach and "layers: N passed, N failed"; exits 1 on any breach.
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
objdir=${1:-build/rel}
layers="base load model solve analysis report cli"
fail=0; pass=0
hdrmap=$(mktemp); edges=$(mktemp); defs=$(mktemp)
trap 'rm -f "$hdrmap" "$edges" "$defs"' EXIT

rank() { i=0; for l in $layers; do [ "$l" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done; echo 99; }

# 1. includes
for l in $layers; do for h in solver/$l/*.h; do [ -e "$h" ] && echo "$(basename "$h") $l"; done; done > "$hdrmap"
breach=0
for l in $layers; do
    r=$(rank "$l")
    for f in solver/$l/*.c solver/$l/*.h; do
        [ -e "$f" ] || continue
        for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
            hl=$(awk -v h="$h" '$1 == h { print $2 }' "$hdrmap")
            if [ -z "$hl" ]; then echo "layers: $f includes \"$h\", which is in no layer"; breach=1; continue; fi
            if [ "$(rank "$hl")" -gt "$r" ]; then
                echo "layers: $f ($l) includes $h from the higher layer $hl"; breach=1
            fi
        done
    done
done
if [ $breach -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi

# 2. link cycles
mod() { b=$(basename "$1" .o); case $b in build_*) b=build ;; esac; echo "$b"; }
if ! ls "$objdir"/*/*.o >/dev/null 2>&1; then
    echo "layers: no objects in $objdir (run make first)"; fail=$((fail + 1))
else
    for o in "$objdir"/*/*.o; do
        m=$(mod "$o"); nm --defined-only -g "$o" | awk -v m="$m" 'NF == 3 { print $3, m }'
    done | sort -u > "$defs"
    for o in "$objdir"/*/*.o; do
        m=$(mod "$o")
        nm -u "$o" | awk '{ print $NF }' | sort -u | join - "$defs" | awk -v m="$m" '$2 != m { print m, $2 }'
    done | sort -u > "$edges"
    if out=$(tsort "$edges" 2>&1 >/dev/null) && [ -z "$out" ]; then
        pass=$((pass + 1))
    else
        echo "layers: link cycle between modules:"; printf '%s\n' "$out" | sed 's/^/  /'
        fail=$((fail + 1))
    fi
fi
echo "layers: $pass passed, $fail failed"
[ $fail -eq 0 ]
