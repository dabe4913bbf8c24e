#!/bin/bash
# check_scale.sh — `tico check` must be linear in the number of plants (issue 11: the
# duplicate-id check was quadratic, 131 s in `check` on 131,000 plants, 92 % in strcmp).
#
#   bench/check_scale.sh [SIZES...]      (default 8000 16000 32000 64000 128000)
#
# For each size, bench/gen makes an instance of that many plants from instances/dunkirk.cfg,
# and `tico check` runs on it twice; the better run counts. Prints wall and CPU (user + sys)
# seconds and CPU microseconds per plant, and exits 1 unless the CPU time per plant of every
# size is within 2x of every other's. CPU time, not wall time, is compared: the machine may be
# shared, and waiting for a core is no part of tico's cost (wall time is shown too).
# Set TICO=path to time another build (default ./tico).
set -u
cd "$(dirname "$0")/.." || exit 2
make -s tico bench/gen >/dev/null || exit 2
tico=${TICO:-./tico}
sizes=${*:-8000 16000 32000 64000 128000}
work=$(mktemp -d /tmp/tico_check_scale.XXXXXX)
trap 'rm -rf "$work"' EXIT

printf '%8s %10s %10s %12s  %s\n' plants wall_s cpu_s cpu_us/plant file_MB
best_min=""; best_max=""
for n in $sizes; do
    f=$work/p$n.cfg
    bench/gen --plants "$n" -o "$f" || exit 2
    best_cpu=""; best_wall=""
    for run in 1 2; do
        TIMEFORMAT='%R %U %S'
        t=$( { time "$tico" check "$f" >/dev/null 2>"$work/err"; } 2>&1 )
        rc=$?
        if [ $rc -ne 0 ]; then
            echo "check_scale: tico check exited $rc on $n plants:"; cat "$work/err"; exit 1
        fi
        read -r wall user sys <<<"$t"
        cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')
        if [ -z "$best_cpu" ] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN { exit !(a < b) }'; then
            best_cpu=$cpu; best_wall=$wall
        fi
    done
    per=$(awk -v c="$best_cpu" -v n="$n" 'BEGIN { printf "%.2f", 1e6 * c / n }')
    mb=$(awk -v b="$(stat -c %s "$f")" 'BEGIN { printf "%.1f", b / 1048576 }')
    printf '%8d %10s %10s %12s  %s\n' "$n" "$best_wall" "$best_cpu" "$per" "$mb"
    if [ -z "$best_min" ] || awk -v a="$per" -v b="$best_min" 'BEGIN { exit !(a < b) }'; then best_min=$per; fi
    if [ -z "$best_max" ] || awk -v a="$per" -v b="$best_max" 'BEGIN { exit !(a > b) }'; then best_max=$per; fi
    rm -f "$f"
done
ratio=$(awk -v a="$best_max" -v b="$best_min" 'BEGIN { printf "%.2f", a / b }')
if awk -v r="$ratio" 'BEGIN { exit !(r <= 2.0) }'; then
    echo "check_scale: ok, CPU time per plant flat within ${ratio}x (limit 2x)"
else
    echo "check_scale: FAILED, CPU time per plant varies ${ratio}x (limit 2x): not linear"
    exit 1
fi
