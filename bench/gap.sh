#!/bin/sh
# gap.sh — what a tighter default gap costs on an instance (issue "truthful results": Dunkirk's
# default no looser than 1e-5 if that costs less than 2x the time).
#
#   bench/gap.sh [INSTANCE] [REPEATS]      (default instances/dunkirk.cfg, 2)
#
# Solves INSTANCE with `tico solve -j 1 --gap G` for G in 1e-3, 1e-4, 1e-5, 1e-6, interleaved
# (G1 G2 G3 G4, then again) so that load on a shared machine hits every gap alike; prints one
# markdown row per run (gap, seconds, total cost, proven gap, 2050 scope 1) and the median time
# of each gap as a ratio to 1e-3's.
cd "$(dirname "$0")/.." || exit 2
inst=${1:-instances/dunkirk.cfg}; reps=${2:-2}
TICO=${TICO:-./tico}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "| gap asked | seconds | total cost (EUR) | proven gap | last-period scope 1 (t) |"
echo "|---:|---:|---:|---:|---:|"
for k in $(seq "$reps"); do
    for g in 1e-3 1e-4 1e-5 1e-6; do
        t0=$(date +%s.%N)
        "$TICO" solve -q -j 1 --gap "$g" -o "$tmp/$g" "$inst" || exit 1
        t1=$(date +%s.%N)
        dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
        z=$(sed -n 's/^  "total_cost": \(.*\),$/\1/p' "$tmp/$g/solution.json")
        pg=$(sed -n 's/^  "gap": \(.*\),$/\1/p' "$tmp/$g/solution.json")
        e=$(sed -n 's/.*"emissions_scope1": \([^,]*\),.*/\1/p' "$tmp/$g/solution.json" | tail -n 1)
        echo "| $g | $dt | $z | $pg | $e |"
        echo "$g $dt" >> "$tmp/times"
    done
done
echo
for g in 1e-3 1e-4 1e-5 1e-6; do
    awk -v g="$g" '$1 == g { print $2 }' "$tmp/times" | sort -n | awk -v g="$g" '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print g, m }'
done > "$tmp/med"
base=$(awk '$1 == "1e-3" { print $2 }' "$tmp/med")
awk -v b="$base" '{ printf "median %s: %.2f s, %.2fx the time at 1e-3\n", $1, $2, $2 / b }' "$tmp/med"
