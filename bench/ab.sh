#!/usr/bin/env bash
# bench/ab.sh — before/after figures of a change, alternating the two programs in one run
# (bench/RESULTS.md, "What was changed for speed").
#
#   bench/ab.sh OLD_TICO OLD_BUILDSTAT NEW_TICO NEW_BUILDSTAT
#
# Build each side from its commit, e.g. in a git worktree:
#   git worktree add /tmp/old 5265787 && make -C /tmp/old B=/tmp/old-build TICO=/tmp/old-tico \
#     && make -C /tmp/old -f Makefile -f bench/bench.mk B=/tmp/old-build bench/buildstat
# Needs bench/gen (make bench/gen) for the medium and large instances.
set -u
export LC_ALL=C
cd "$(dirname "$0")/.." || exit 1
[ $# -eq 4 ] || { sed -n '2,12p' "$0"; exit 1; }
OT=$1 OB=$2 NT=$3 NB=$4
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
bench/gen --template instances/dunkirk.cfg --plants 100 --periods 6 --days 4 --blocks 24 --seed 2 -o "$W/medium.cfg" >/dev/null
bench/gen --template instances/dunkirk.cfg --plants 1000 --periods 6 --days 4 --blocks 24 --seed 3 -o "$W/large.cfg" >/dev/null
med() { sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
                        printf "%.4g (%.4g-%.4g, n=%d)", m, v[1], v[NR], NR }'; }
lb() { "$1" "$2" | tr ' ' '\n' | awk -F= '$1 == "load_s" { l = $2 } $1 == "build_s" { b = $2 } END { print l + b }'; }
for inst in medium large; do
    : > "$W/o" ; : > "$W/n"
    for _ in 1 2 3 4 5; do lb "$OB" "$W/$inst.cfg" >> "$W/o"; lb "$NB" "$W/$inst.cfg" >> "$W/n"; done
    echo "load + build $inst (s): before $(med < "$W/o"), after $(med < "$W/n")"
done
# per start, in seconds: 5 batches of 20 starts
starts() { for _ in 1 2 3 4 5; do s=$EPOCHREALTIME; for _ in $(seq 20); do "$@" >/dev/null 2>&1; done
           awk -v a="$s" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.6f\n", (b - a) / 20 }'; done | med; }
echo "tico --version (s): before $(starts "$OT" --version), after $(starts "$NT" --version)"
echo "tico check dunkirk (s): before $(starts "$OT" check instances/dunkirk.cfg), after $(starts "$NT" check instances/dunkirk.cfg)"
echo "tico solve teach_two_routes (s): before $(starts "$OT" solve -q -o "$W/o2" instances/teach_two_routes.cfg), after $(starts "$NT" solve -q -o "$W/n2" instances/teach_two_routes.cfg)"
: > "$W/o" ; : > "$W/n"
for _ in 1 2 3; do
    "$OB" instances/dunkirk.cfg --solve | tr ' ' '\n' | awk -F= '$1 == "solve_s" { print $2 }' >> "$W/o"
    "$NB" instances/dunkirk.cfg --solve | tr ' ' '\n' | awk -F= '$1 == "solve_s" { print $2 }' >> "$W/n"
done
echo "Dunkirk MILP + duals (s): before $(med < "$W/o"), after $(med < "$W/n")"
: > "$W/o" ; : > "$W/n"
for _ in 1 2 3; do
    s=$EPOCHREALTIME; "$OT" solve -q -o "$W/o3" instances/dunkirk.cfg; awk -v a="$s" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }' >> "$W/o"
    s=$EPOCHREALTIME; "$NT" solve -q -o "$W/n3" instances/dunkirk.cfg; awk -v a="$s" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }' >> "$W/n"
done
echo "tico solve dunkirk end to end (s): before $(med < "$W/o"), after $(med < "$W/n")"
