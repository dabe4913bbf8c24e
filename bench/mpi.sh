#!/bin/sh
# bench/mpi.sh — tico under mpirun against fork workers (issue 14).
#
#   make MPI=1 && nice -n 5 bench/mpi.sh [--quick]
#
# 1. Dunkirk's price sweep (PRICES, default the 17 points 0:400:25) at -j 1, -j 2, mpirun -n 2
#    (one worker rank) and mpirun -n 3 --oversubscribe (two worker ranks; rank 0 deals).
# 2. `mc --reoptimise --samples SAMPLES` (default 64) on Dunkirk at -j 2, -n 2, -n 3, then
#    -j 1 last (the longest run: if it must be stopped, the rest is already measured).
# 3. The cost of dealing itself: teach_mc with --samples NTEACH (default 400) re-optimised
#    scenarios of well under a millisecond, -j 2 against mpirun -n 3 and `mpirun -n 3 tico
#    check` (MPI start and end, no pool): (n3 - check) / chains is rank 0's cost per chain.
# Wall clock and CPU time (user + sys of the command and every process it waited for: tico's
# workers, mpirun's ranks and their solver processes; /usr/bin/time). The files of every run are compared with those of -j 1. Each time is appended to the
# report as soon as it is measured (a stopped run keeps what it measured).
# --quick: PRICES=0:400:50 (9 points), SAMPLES=16, NTEACH=200. PARTS (default "macc teach mc")
# runs some of 1-3; APPEND=1 adds the rows to an existing OUT. CHECK=1 also runs issue 14's
# check (mpirun -n 3 macc --prices 0:200:50 against -j 1 on Dunkirk; tests/test_mpi.c does it
# on the teaching instances).
# Environment: PRICES, SAMPLES, NTEACH, CHECK, TICO (default ./tico; copy it elsewhere to keep
# building while the bench runs), MPIRUN (default mpirun --oversubscribe, with
# --allow-run-as-root as root). Writes bench/results/DATE-HOST-mpi.md and prints it.
cd "$(dirname "$0")/.." || exit 2
PRICES=${PRICES:-0:400:25}; SAMPLES=${SAMPLES:-64}; NTEACH=${NTEACH:-400}
if [ "$1" = "--quick" ]; then PRICES=0:400:50; SAMPLES=16; NTEACH=200; fi
TICO=${TICO:-./tico}
root=""; [ "$(id -u)" -eq 0 ] && root="--allow-run-as-root"
MPIRUN=${MPIRUN:-mpirun $root --oversubscribe}
ldd "$TICO" | grep -q libmpi || { echo "bench/mpi.sh: $TICO is built without MPI (make MPI=1)"; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
out=${OUT:-bench/results/$(date -u +%Y-%m-%d)-$(hostname)-mpi.md}
mkdir -p "$(dirname "$out")"

# one measurement: name, then the command; appends "| name | seconds | load before | load after | files |"
ref=""
run() {
    name=$1; shift
    l0=$(cut -d' ' -f1 /proc/loadavg); s=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$tmp/cpu" "$@" > "$tmp/log" 2>&1; rc=$?
    e=$(date +%s.%N); l1=$(cut -d' ' -f1 /proc/loadavg)
    cpu=$(tail -1 "$tmp/cpu" | awk '{ printf "%.1f", $1 + $2 }')
    [ $rc -eq 0 ] || { echo "bench/mpi.sh: exit $rc: $*" >&2; tail -5 "$tmp/log" >&2; }
    t=$(echo "$s $e" | awk '{ printf "%.1f", $2 - $1 }')
    echo "| $name | $t | $cpu | $l0 | $l1 | $(date -u +%H:%M) | $rc | $(same "$ref" "$tmp/cur") |" >> "$out"
}
same() { [ -n "$1" ] && [ -d "$1" ] || { echo "-"; return; }
         for f in "$1"/*; do [ "$(basename "$f")" = run.json ] && continue; cmp -s "$f" "$2/$(basename "$f")" || { echo no; return; }; done; echo yes; }

PARTS=${PARTS:-macc teach mc}
part() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }
if [ "${APPEND:-0}" = 1 ] && [ -f "$out" ]; then
echo "| (PARTS=$PARTS SAMPLES=$SAMPLES, started $(date -u +%H:%M), load $(cut -d' ' -f1-3 /proc/loadavg)) | | | | | | | |" >> "$out"
else {
echo "# tico under mpirun against fork workers ($(date -u +%Y-%m-%dT%H:%MZ), $(hostname))"
echo
echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average at start $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared);"
echo "$(mpirun --version | head -1); \`$MPIRUN\`; nice $(nice); binary $TICO."
echo
echo "| run | seconds | CPU s (user + sys, every process) | load (1 min) before | after | ended (UTC) | exit | same files as -j 1 |"
echo "|---|---:|---:|---:|---:|---|---:|---|"
} > "$out"
fi

# one configuration: what, the launcher ("" or "$MPIRUN -n K"), -j ("-j N" or ""), then tico's
# command and arguments
cfg() {
    what=$1; how=$2; jobs=$3; cmd=$4; shift 4
    rm -rf "$tmp/cur"
    run "$what: ${how:+$how }tico $cmd${jobs:+ $jobs} $*" $how "$TICO" "$cmd" $jobs "$@" -o "$tmp/cur"
    [ "$jobs" = "-j 1" ] && { rm -rf "$tmp/ref-$what"; mv "$tmp/cur" "$tmp/ref-$what"; }
}
# reference first (-j 1): compare later runs with it; for Dunkirk's mc the -j 1 run comes
# last, and the runs before it are compared with the -j 2 one
n2="$MPIRUN -n 2"; n3="$MPIRUN -n 3"
if [ "${CHECK:-0}" = 1 ]; then
    w="check"; ref=""; cfg "$w" "" "-j 1" macc --prices 0:200:50 instances/dunkirk.cfg
    ref="$tmp/ref-$w"; cfg "$w" "$n3" "" macc --prices 0:200:50 instances/dunkirk.cfg
fi
if part macc; then
w="Dunkirk"
ref=""; cfg "$w" "" "-j 1" macc --prices "$PRICES" instances/dunkirk.cfg
ref="$tmp/ref-$w"
cfg "$w" "" "-j 2" macc --prices "$PRICES" instances/dunkirk.cfg
cfg "$w" "$n2" "" macc --prices "$PRICES" instances/dunkirk.cfg
cfg "$w" "$n3" "" macc --prices "$PRICES" instances/dunkirk.cfg
fi
if part teach; then
w="teach_mc"
ref=""; cfg "$w" "" "-j 1" mc --reoptimise --samples "$NTEACH" instances/teach_mc.cfg
ref="$tmp/ref-$w"
cfg "$w" "" "-j 2" mc --reoptimise --samples "$NTEACH" instances/teach_mc.cfg
cfg "$w" "$n2" "" mc --reoptimise --samples "$NTEACH" instances/teach_mc.cfg
cfg "$w" "$n3" "" mc --reoptimise --samples "$NTEACH" instances/teach_mc.cfg
ref=""; cfg "$w" "$n3" "" check instances/teach_mc.cfg
fi
if part mc; then
w="Dunkirk mc"
ref=""; cfg "$w" "" "-j 2" mc --reoptimise --samples "$SAMPLES" instances/dunkirk.cfg
rm -rf "$tmp/ref2"; mv "$tmp/cur" "$tmp/ref2"; ref="$tmp/ref2"
cfg "$w" "$n2" "" mc --reoptimise --samples "$SAMPLES" instances/dunkirk.cfg
cfg "$w" "$n3" "" mc --reoptimise --samples "$SAMPLES" instances/dunkirk.cfg
cfg "$w" "" "-j 1" mc --reoptimise --samples "$SAMPLES" instances/dunkirk.cfg
fi
{
echo
echo "Wall clock, once each. \"same files\": every file the run wrote has the bytes of the -j 1 run"
echo "(Dunkirk mc: of the -j 2 run, which ran first; the -j 1 run, last, is compared with it too)."
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
} >> "$out"
cat "$out"
