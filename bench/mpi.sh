#!/bin/sh
# bench/mpi.sh — tico under mpirun against fork workers (issue 14).
#
#   make MPI=1 && bench/mpi.sh [--quick]
#
# 1. The check of issue 14 on Dunkirk: `mpirun -n 3 tico macc --prices 0:200:50` writes the
#    bytes of `tico macc -j 1 --prices 0:200:50`.
# 2. Dunkirk's price sweep (PRICES, default the 17 points 0:400:25) and
#    `mc --reoptimise --samples SAMPLES` (default 64) at -j 1, -j 2, mpirun -n 2 (one worker
#    rank) and mpirun -n 3 (two worker ranks; rank 0 deals), wall clock once each; the files
#    of every run compared with those of -j 1.
# 3. The cost of dealing itself: teach_mc with --samples NTEACH (default 400) re-optimised
#    scenarios of about a millisecond, -j 2 against mpirun -n 3: (difference) / tasks is the
#    rank-0 overhead per task.
# --quick: PRICES=0:400:50 (9 points), SAMPLES=16, NTEACH=200.
# Environment: PRICES, SAMPLES, NTEACH, TICO (default ./tico), MPIRUN (default mpirun, with
# --allow-run-as-root as root). Writes bench/results/DATE-HOST-mpi.md and prints it.
cd "$(dirname "$0")/.." || exit 2
PRICES=${PRICES:-0:400:25}; SAMPLES=${SAMPLES:-64}; NTEACH=${NTEACH:-400}
if [ "$1" = "--quick" ]; then PRICES=0:400:50; SAMPLES=16; NTEACH=200; fi
TICO=${TICO:-./tico}
root=""; [ "$(id -u)" -eq 0 ] && root="--allow-run-as-root"
MPIRUN=${MPIRUN:-mpirun $root --oversubscribe}
ldd "$TICO" | grep -q libmpi || { echo "bench/mpi.sh: $TICO is built without MPI (make MPI=1)"; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
out=bench/results/$(date -u +%Y-%m-%d)-$(hostname)-mpi.md
mkdir -p bench/results

# seconds of wall clock of one command (its output in $tmp/log)
run() { s=$(date +%s.%N); "$@" > "$tmp/log" 2>&1; rc=$?; e=$(date +%s.%N)
        [ $rc -eq 0 ] || { echo "bench/mpi.sh: exit $rc: $*" >&2; tail -5 "$tmp/log" >&2; }
        echo "$s $e" | awk '{ printf "%.1f", $2 - $1 }'; }
same() { for f in "$1"/*; do cmp -s "$f" "$2/$(basename "$f")" || { echo no; return; }; done; echo yes; }

{
echo "# tico under mpirun against fork workers ($(date -u +%Y-%m-%dT%H:%MZ), $(hostname))"
echo
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average at start $(cut -d' ' -f1-3 /proc/loadavg);"
echo "$(mpirun --version | head -1); \`$MPIRUN\`."
echo
} > "$out"

t1=$(run "$TICO" macc -j 1 --prices 0:200:50 -o "$tmp/chk1" instances/dunkirk.cfg)
t3=$(run $MPIRUN -n 3 "$TICO" macc --prices 0:200:50 -o "$tmp/chk3" instances/dunkirk.cfg)
{
echo "Issue 14's check: \`mpirun -n 3 tico macc --prices 0:200:50 instances/dunkirk.cfg\` writes the bytes of"
echo "\`-j 1\`: **$(same "$tmp/chk1" "$tmp/chk3")** ($t1 s at -j 1, $t3 s on 3 ranks)."
echo
echo "| work | tasks | -j 1 | -j 2 | mpirun -n 2 (1 worker rank) | mpirun -n 3 (2 worker ranks) | -n 3 / -j 2 | -j 2 speed-up | -n 3 speed-up | same files as -j 1 (j2, n2, n3) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
} >> "$out"

# one row: name, tasks, then the command line after tico (without -j and -o)
row() {
    name=$1; tasks=$2; shift 2
    a=$(run "$TICO" "$@" -j 1 -o "$tmp/$name-j1")
    b=$(run "$TICO" "$@" -j 2 -o "$tmp/$name-j2")
    c=$(run $MPIRUN -n 2 "$TICO" "$@" -o "$tmp/$name-n2")
    d=$(run $MPIRUN -n 3 "$TICO" "$@" -o "$tmp/$name-n3")
    echo "| $name | $tasks | $a | $b | $c | $d | $(echo "$d $b" | awk '{ printf "%.3f", $1 / $2 }') | $(echo "$a $b" | awk '{ printf "%.2f", $1 / $2 }') | $(echo "$a $d" | awk '{ printf "%.2f", $1 / $2 }') | $(same "$tmp/$name-j1" "$tmp/$name-j2"), $(same "$tmp/$name-j1" "$tmp/$name-n2"), $(same "$tmp/$name-j1" "$tmp/$name-n3") |" >> "$out"
}
npts=$(echo "$PRICES" | awk -F: '{ print int(($2 - $1) / $3 + 1.5) }')
row "Dunkirk macc --prices $PRICES" "$npts points" macc --prices "$PRICES" instances/dunkirk.cfg
row "Dunkirk mc --reoptimise --samples $SAMPLES" "10 candidates + $SAMPLES scenarios" mc --reoptimise --samples "$SAMPLES" instances/dunkirk.cfg
row "teach_mc mc --reoptimise --samples $NTEACH" "candidates + $NTEACH scenarios" mc --reoptimise --samples "$NTEACH" instances/teach_mc.cfg
{
echo
echo "Seconds of wall clock, once each, every run from the same binary ($TICO); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
} >> "$out"
cat "$out"
