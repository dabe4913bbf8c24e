#!/usr/bin/env bash
# bench/run.sh — tico's benchmark suite (project issue 6). `make bench` runs it in full mode,
# `make bench-quick` with --quick.
#
#   bench/run.sh [--quick] [--only NAME,NAME...] [--limit S] [--no-macc] [--keep]
#
# Environment: TICO (the program to measure, default ./tico), B (its object folder, default
# build: bench/buildstat and bench/gen link the same objects).
#
# What it does, in this order, one measurement at a time (the machine has 2 cores):
#   1. builds bench/gen and bench/buildstat, installs Debian's nodejs/npm if missing and the npm
#      package `highs` into bench/node_modules (bench/bench.mk);
#   2. generates the synthetic instances with bench/gen from instances/dunkirk.cfg
#        small   10 plants,   6 periods, 24 slices (4 days x 6 blocks)
#        medium  100 plants,  6 periods, 96 slices (4 days x 24 blocks)
#        large   1000 plants, 6 periods, 96 slices
#        long    100 plants, 26 annual periods, 24 slices
#        wef     "WEF network": 33 clusters of 10 plants and 24 shared assets each (330
#                plants, 792 assets) in one model, 6 periods, 24 slices
#      and takes the real instance (instances/dunkirk.cfg) and the teaching instances
#      (instances/teach_*.cfg), all from a snapshot of instances/ and models/ taken at the start;
#   3. per instance: exports the model (tico export, LP and MPS); load + build time, peak RSS
#      and size (bench/buildstat, repeated); glp_read_lp of the exported file in-process and
#      `glpsol --lp model.lp --check` (glpsol reading it, process wall clock); the LP
#      relaxation (glp_simplex with presolve) and the same LP by Clp's dual simplex
#      (`cbc model.mps -dualS`); tico's MILP (bench/buildstat --solve: load,
#      build, the same solve_build() as `tico solve`, process wall clock) and, on the exported
#      model, glpsol (default options), cbc (free MPS: cbc 2.10.8 declares GLPK's CPLEX LP
#      file of these models infeasible) and HiGHS (npm `highs`, CPLEX LP), all with the
#      instance's relative gap and a time limit of --limit seconds (60; 20 in quick mode):
#      the time when they close, the gap reached when they do not; objectives checked
#      against tico's; and `tico solve -q` end to end (two MILPs — the pathway and its
#      baseline — and twelve report files);
#   4. the MACC price sweep on Dunkirk (17 points, 0:400:25; 3 points, 0:400:200, in quick
#      mode): --warm (-j 1) against the default cold starts (-j 1), and -j 2 against -j 1
#      (cold);
#   5. writes bench/results/<date>-<host>[-quick].md and .csv.
# Repetitions: cheap measurements (load, build, reads, LPs under a tenth of the limit) 5 times
# (3 for wef and large); solves 3 times, once when the first run hits the limit.
# Quick mode (under 10 minutes): solves only on the teaching instances, Dunkirk and small
# (small without `tico solve` end to end); medium, long, wef and large get load, build and
# read figures only (long 3 times, wef and large once); every solve once.
set -u
export LC_ALL=C

cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD
QUICK=0
ONLY=""
LIMIT=""
MACC=1
KEEP=0
while [ $# -gt 0 ]; do
    case $1 in
    --quick) QUICK=1 ;;
    --only) ONLY=$2; shift ;;
    --limit) LIMIT=$2; shift ;;
    --no-macc) MACC=0 ;;
    --keep) KEEP=1 ;;
    -h | --help) sed -n '2,40p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1" >&2; exit 1 ;;
    esac
    shift
done
TICO=${TICO:-./tico}
case $TICO in /* | ./*) ;; *) TICO=./$TICO ;; esac
B=${B:-build}
if [ -z "$LIMIT" ]; then
    if [ $QUICK = 1 ]; then LIMIT=20; else LIMIT=60; fi
fi
if [ $QUICK = 1 ]; then SOLVE_REPS=1; else SOLVE_REPS=3; fi
HARD=$((3 * LIMIT + 120))   # a wall-clock guard around every solver run

log() { printf '%s bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---- set-up ---------------------------------------------------------------------------------
[ -x "$TICO" ] || die "$TICO not found (make, or TICO=path)"
make --no-print-directory -s -f Makefile -f bench/bench.mk B="$B" bench-deps bench/gen bench/buildstat bench-highs ||
    die "could not build bench/gen, bench/buildstat or install highs"
for t in glpsol cbc node; do command -v $t >/dev/null || die "$t is missing (make deps; make -f Makefile -f bench/bench.mk bench-deps)"; done

HOST=$(hostname -s 2>/dev/null || hostname)
DATE=$(date +%Y-%m-%d)
STAMP=$DATE-$HOST$([ $QUICK = 1 ] && echo -quick)
mkdir -p bench/results
W=$ROOT/bench/results/$STAMP.tmp
rm -rf "$W"
mkdir -p "$W/src"
cp -r instances models "$W/src/"
CSV=$W/results.csv
echo "instance,measure,tool,median,min,max,runs,unit,note" > "$CSV"
T_START=$EPOCHREALTIME

# ---- helpers --------------------------------------------------------------------------------
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", b - a }'; }
# numbers on stdin, one a line -> "median min max n" (NA when none)
stats() {
    grep -E '^-?[0-9.]+(e[-+]?[0-9]+)?$' | sort -g | awk '{ v[NR] = $1 }
        END { if (NR == 0) { print "NA NA NA 0"; exit }
              m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
              printf "%.6g %.6g %.6g %d\n", m, v[1], v[NR], NR }'
}
# key=value lines on stdin -> the values of KEY, one a line
kv() { grep -o "\(^\| \)$1=[^ ]*" | sed 's/.*=//'; }
# record INSTANCE MEASURE TOOL UNIT NOTE < values
record() {
    local s
    s=$(stats)
    set -- "$1" "$2" "$3" "$4" "${5:-}" $s
    echo "$1,$2,$3,$6,$7,$8,$9,$4,$5" >> "$CSV"
}
# put INSTANCE MEASURE TOOL VALUE [UNIT] [NOTE]: one value (a count, a status, a ratio)
put() { echo "$1,$2,$3,$4,$4,$4,1,${5:-},${6:-}" >> "$CSV"; }
# get INSTANCE MEASURE TOOL [FIELD]: field 4 = median (default), 5 = min, 6 = max, 7 = runs
get() {
    awk -F, -v i="$1" -v m="$2" -v t="$3" -v f="${4:-4}" '$1 == i && $2 == m && $3 == t { v = $f } END { print (v == "" ? "NA" : v) }' "$CSV"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "NA" || b == "NA" || b + 0 == 0) print "NA"; else printf "%.3g", a / b }'; }
# run N times: cmd...; prints the wall-clock seconds of each run, one a line
timed() {
    local n=$1 s e
    shift
    for _ in $(seq "$n"); do
        s=$EPOCHREALTIME
        "$@" > /dev/null 2>&1
        e=$EPOCHREALTIME
        elapsed "$s" "$e"
        echo
    done
}
relgap() { awk -v o="$1" -v b="$2" 'BEGIN { if (o == "NA" || b == "NA" || o == "" || b == "") print "NA"; else { d = o - b; if (d < 0) d = -d; a = o < 0 ? -o : o; printf "%.4g", d / (a > 1e-9 ? a : 1e-9) } }'; }

# ---- one solver run: prints "seconds status objective bound" --------------------------------
# status: optimal | limit (stopped with a solution) | none (stopped without) | infeasible | error
run_tico() { # FILE DIR GAP
    local s e out st obj gap
    s=$EPOCHREALTIME
    out=$(timeout $HARD bench/buildstat "$1" --solve --time-limit "$LIMIT" --gap "$3" 2>"$2/tico.err")
    e=$EPOCHREALTIME
    st=$(echo "$out" | kv status)
    obj=$(echo "$out" | kv obj)
    gap=$(echo "$out" | kv gap)
    case $st in
    optimal) ;;
    feasible) st=limit ;;
    no_solution_in_limit) st=none; obj=NA ;;
    infeasible) obj=NA ;;
    *) st=error; obj=NA ;;
    esac
    local bound=NA
    [ "$obj" != NA ] && bound=$(awk -v o="$obj" -v g="$gap" 'BEGIN { a = o < 0 ? -o : o; printf "%.10g", o - g * a }')
    echo "$(elapsed "$s" "$e") $st $obj $bound"
    echo "$out" > "$2/tico.out"
}
run_glpsol() { # DIR GAP
    local s e st obj bound last
    rm -f "$1/glpsol.sol"
    s=$EPOCHREALTIME
    timeout $HARD glpsol --lp "$1/model.lp" --mipgap "$2" --tmlim "$LIMIT" -w "$1/glpsol.sol" > "$1/glpsol.log" 2>&1
    e=$EPOCHREALTIME
    if grep -q "INTEGER OPTIMAL SOLUTION FOUND\|RELATIVE MIP GAP TOLERANCE REACHED" "$1/glpsol.log"; then st=optimal
    elif grep -q "NO PRIMAL FEASIBLE\|NO INTEGER FEASIBLE" "$1/glpsol.log"; then st=infeasible
    elif grep -q "TIME LIMIT EXCEEDED" "$1/glpsol.log"; then st=limit
    else st=error; fi
    obj=NA
    bound=NA
    # the last progress line: "+ 12345: mip =  4.85e+10 >=  4.78e+10  1.4% (9518; 16584)"
    last=$(grep -E '^\+ *[0-9]+: mip =' "$1/glpsol.log" | tail -1)
    if [ -n "$last" ]; then
        obj=$(echo "$last" | awk '{ for (i = 1; i <= NF; i++) if ($i == "=") { print $(i + 1); exit } }')
        bound=$(echo "$last" | awk '{ for (i = 1; i <= NF; i++) if ($i == ">=") { print $(i + 1); exit } }')
        case $obj in not*) obj=NA ;; esac
        case $bound in tree*) bound=$obj ;; -inf | "") bound=NA ;; esac
    fi
    if [ -s "$1/glpsol.sol" ] && grep -q '^s mip' "$1/glpsol.sol"; then
        local code
        code=$(awk '/^s mip/ { print $5 }' "$1/glpsol.sol")
        [ "$code" = o ] || [ "$code" = f ] && obj=$(awk '/^s mip/ { print $6 }' "$1/glpsol.sol")
    fi
    [ $st = limit ] && [ "$obj" = NA ] && st=none
    [ $st = optimal ] && [ "$bound" = NA ] && bound=$obj
    echo "$(elapsed "$s" "$e") $st $obj $bound"
}
run_cbc() { # DIR GAP
    local s e st obj bound
    s=$EPOCHREALTIME
    timeout $HARD cbc "$1/model.mps" -timeMode elapsed -sec "$LIMIT" -ratioGap "$2" -solve -solu "$1/cbc.sol" > "$1/cbc.log" 2>&1
    e=$EPOCHREALTIME
    if grep -q "^Result - Optimal solution found" "$1/cbc.log"; then st=optimal
    elif grep -q "^Result - Problem proven infeasible" "$1/cbc.log"; then st=infeasible
    elif grep -q "^Result - Stopped on time" "$1/cbc.log"; then st=limit
    else st=error; fi
    obj=$(awk '/^Objective value:/ { print $3 }' "$1/cbc.log" | tail -1)
    bound=$(awk '/^Lower bound:/ { print $3 }' "$1/cbc.log" | tail -1)
    grep -q "No feasible solution found" "$1/cbc.log" && obj=""
    [ -z "$obj" ] && obj=NA
    [ -z "$bound" ] && bound=$obj
    [ $st = limit ] && [ "$obj" = NA ] && st=none
    echo "$(elapsed "$s" "$e") $st $obj $bound"
}
run_highs() { # DIR GAP
    local s e out st obj bound
    s=$EPOCHREALTIME
    out=$(timeout $HARD node bench/highs.js "$1/model.lp" --time-limit "$LIMIT" --gap "$2" 2>"$1/highs.err")
    e=$EPOCHREALTIME
    echo "$out" > "$1/highs.json"
    st=$(echo "$out" | sed -n 's/.*"status":"\([^"]*\)".*/\1/p')
    obj=$(echo "$out" | sed -n 's/.*"objective":\([^,}]*\).*/\1/p')
    bound=$(echo "$out" | sed -n 's/.*"bound":\([^,}]*\).*/\1/p')
    [ -z "$obj" ] || [ "$obj" = null ] && obj=NA
    [ -z "$bound" ] || [ "$bound" = null ] && bound=NA
    case $st in
    optimal) ;;
    timeLimit) st=limit ;;
    infeasible) obj=NA ;;
    *) st=error ;;
    esac
    [ $st = limit ] && [ "$obj" = NA ] && st=none
    echo "$(elapsed "$s" "$e") $st $obj $bound"
}

# ---- one instance ---------------------------------------------------------------------------
bench_instance() { # NAME FILE CHEAP_REPS LP(0/1) SOLVE(0/1) E2E(0/1)
    local name=$1 file=$2 reps=$3 do_lp=$4 do_solve=$5 do_e2e=$6 dir=$W/$1 gap line
    mkdir -p "$dir"
    log "$name: export"
    "$TICO" export -q --format lp -o "$dir" "$file" 2>"$dir/export.err" || { log "$name: export failed"; put "$name" error tico export; return; }
    "$TICO" export -q --format mps -o "$dir" "$file" 2>>"$dir/export.err"
    gap=$("$TICO" check "$file" | awk '$1 == "solver" { print $3 }' | tr -d ,)
    [ -n "$gap" ] || gap=1e-4
    put "$name" mip_gap all "$gap"
    put "$name" lp_file_mb all "$(du -k "$dir/model.lp" | awk '{ printf "%.3g", $1 / 1024 }')" MB

    log "$name: load + build x$reps"
    : > "$dir/build.txt"
    for _ in $(seq "$reps"); do
        bench/buildstat "$file" --read-lp "$dir/model.lp" --read-mps "$dir/model.mps" >> "$dir/build.txt" || { log "$name: buildstat failed"; return; }
    done
    line=$(head -1 "$dir/build.txt")
    for k in rows cols ints nnz; do put "$name" $k tico "$(echo "$line" | kv $k)"; done
    kv load_s < "$dir/build.txt" | record "$name" load_s tico s
    kv build_s < "$dir/build.txt" | record "$name" build_s tico s
    awk '{ for (i = 1; i <= NF; i++) { split($i, a, "="); v[a[1]] = a[2] } print v["load_s"] + v["build_s"] }' "$dir/build.txt" |
        record "$name" load_build_s tico s
    kv rss_kb < "$dir/build.txt" | awk '{ printf "%.4g\n", $1 / 1024 }' | record "$name" peak_rss_mb tico MB "after load + build"
    kv read_lp_s < "$dir/build.txt" | record "$name" read_lp_s glpk s "glp_read_lp of model.lp, in-process"
    kv read_mps_s < "$dir/build.txt" | record "$name" read_mps_s glpk s "glp_read_mps of model.mps, in-process"
    local nnz bs
    nnz=$(get "$name" nnz tico)
    bs=$(get "$name" build_s tico)
    put "$name" build_us_per_nnz tico "$(awk -v t="$bs" -v n="$nnz" 'BEGIN { printf "%.3g", 1e6 * t / n }')" us
    put "$name" load_build_us_per_nnz tico "$(awk -v t="$(get "$name" load_build_s tico)" -v n="$nnz" 'BEGIN { printf "%.3g", 1e6 * t / n }')" us
    timed "$reps" glpsol --lp "$dir/model.lp" --check | record "$name" glpsol_read_s glpsol s "glpsol --lp model.lp --check, process wall clock"
    put "$name" build_speedup_vs_read_lp ratio "$(ratio "$(get "$name" read_lp_s glpk)" "$(get "$name" load_build_s tico)")" x "glp_read_lp / (load + build)"
    put "$name" build_speedup_vs_glpsol ratio "$(ratio "$(get "$name" glpsol_read_s glpsol)" "$(get "$name" load_build_s tico)")" x "glpsol --check / (load + build)"

    [ "$do_lp" = 1 ] || return 0
    log "$name: LP relaxation"
    : > "$dir/lp.txt"
    local lpreps=$reps
    for i in $(seq "$lpreps"); do
        bench/buildstat "$file" --lp --time-limit "$LIMIT" >> "$dir/lp.txt"
        # one run when the LP alone takes more than a tenth of the limit
        [ "$i" = 1 ] && awk -v l="$LIMIT" '{ for (i = 1; i <= NF; i++) { split($i, a, "="); if (a[1] == "lp_s" && a[2] > l / 10) exit 1 } }' "$dir/lp.txt" || break
    done
    kv lp_s < "$dir/lp.txt" | record "$name" lp_s tico s "glp_simplex, presolve on, on the LP relaxation"
    put "$name" lp_status tico "$(head -1 "$dir/lp.txt" | kv lp_status)"
    put "$name" lp_obj tico "$(head -1 "$dir/lp.txt" | kv lp_obj)"
    # the same LP relaxation by Clp's dual simplex on the exported model (issue 13's target:
    # tico's LP within 1.5x of it), once, process wall clock
    timed 1 timeout "$HARD" cbc "$dir/model.mps" -dualS | record "$name" clp_lp_s clp s "cbc model.mps -dualS (Clp dual simplex, LP relaxation), process wall clock"
    put "$name" lp_over_clp ratio "$(ratio "$(get "$name" lp_s tico)" "$(get "$name" clp_lp_s clp)")" x "tico lp_s / Clp"

    [ "$do_solve" = 1 ] || return 0
    log "$name: solves (limit $LIMIT s, gap $gap)"
    local tool r
    for tool in tico glpsol cbc highs; do
        : > "$dir/$tool.runs"
        for i in $(seq "$SOLVE_REPS"); do
            case $tool in
            tico) r=$(run_tico "$file" "$dir" "$gap") ;;
            *) r=$(run_$tool "$dir" "$gap") ;;
            esac
            echo "$r" >> "$dir/$tool.runs"
            log "  $name $tool: $r"
            [ "$(echo "$r" | awk '{ print $2 }')" = optimal ] || break
        done
        awk '{ print $1 }' "$dir/$tool.runs" | record "$name" solve_s "$tool" s "process wall clock, limit $LIMIT s"
        r=$(tail -1 "$dir/$tool.runs")
        set -- $r
        put "$name" status "$tool" "$2"
        put "$name" objective "$tool" "$3"
        put "$name" bound "$tool" "$4"
        put "$name" gap "$tool" "$(relgap "$3" "$4")"
    done
    # tico's MILP time alone (LP relaxation + branch-and-cut, inside solve_build), for MILP / LP
    kv mip_s < "$dir/tico.out" | record "$name" mip_s tico s "last run"
    put "$name" milp_over_lp ratio "$(ratio "$(get "$name" mip_s tico)" "$(get "$name" lp_s tico)")" x "tico mip_s / lp_s"
    # objective agreement with tico, to the gap
    local tobj tst pobj pst pbd
    tobj=$(get "$name" objective tico)
    tst=$(get "$name" status tico)
    for tool in glpsol cbc highs; do
        pobj=$(get "$name" objective $tool)
        pst=$(get "$name" status $tool)
        pbd=$(get "$name" bound $tool)
        local verdict
        verdict=$(awk -v a="$tobj" -v as="$tst" -v b="$pobj" -v bs="$pst" -v lb="$pbd" -v tb="$(get "$name" bound tico)" -v g="$gap" 'BEGIN {
            if (a == "NA" || b == "NA") { print "n/a"; exit }
            m = (a < 0 ? -a : a); n = (b < 0 ? -b : b); if (n > m) m = n
            d = a - b; if (d < 0) d = -d
            tol = g * m * 1.0001 + 1e-6
            if (as == "optimal" && bs == "optimal") { print (d <= tol ? "yes" : "NO") " (" sprintf("%.2g", d / m) ")"; exit }
            # one side stopped: the closed optimum must lie between the other side'"'"'s bound and incumbent
            if (as == "optimal" && lb != "NA") { print ((a >= lb - tol && a <= b + tol) ? "yes" : "NO") " (bounds)"; exit }
            if (bs == "optimal" && tb != "NA") { print ((b >= tb - tol && b <= a + tol) ? "yes" : "NO") " (bounds)"; exit }
            print "n/a" }')
        put "$name" agrees $tool "$verdict"
    done
    # time ratios; when a side did not close, the ratio is a bound (note: upper, lower, both)
    for tool in glpsol cbc highs; do
        local q="" pst2
        pst2=$(get "$name" status $tool)
        if [ "$tst" = optimal ] && [ "$pst2" != optimal ]; then q="upper bound: $tool stopped ($pst2)"
        elif [ "$tst" != optimal ] && [ "$pst2" = optimal ]; then q="lower bound: tico stopped ($tst)"
        elif [ "$tst" != optimal ]; then q="both stopped: compare gaps"; fi
        put "$name" tico_over_$tool ratio "$(ratio "$(get "$name" solve_s tico)" "$(get "$name" solve_s $tool)")" x "$q"
    done

    # tico solve end to end, when its MILP closes
    if [ "$tst" = optimal ] && [ "$do_e2e" = 1 ]; then
        log "$name: tico solve -q"
        timed "$SOLVE_REPS" timeout $HARD "$TICO" solve -q --time-limit "$LIMIT" -o "$dir/solve" "$file" |
            record "$name" solve_e2e_s tico s "tico solve -q: pathway + baseline MILPs + 12 reports"
    fi
    rm -f "$dir"/*.sol
}

# ---- the instances --------------------------------------------------------------------------
TEMPLATE=$W/src/instances/dunkirk.cfg
want() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }
gen() { # NAME REPS LP SOLVE E2E -- bench/gen args...
    local name=$1 plan=("$2" "$3" "$4" "$5")
    shift 6
    want "$name" || return 0
    log "$name: bench/gen $*"
    bench/gen --template "$TEMPLATE" "$@" -o "$W/$name.cfg" || { log "$name: bench/gen failed"; return 0; }
    echo "bench/gen --template instances/dunkirk.cfg $* -o $name.cfg" > "$W/$name.cmd"
    bench_instance "$name" "$W/$name.cfg" "${plan[@]}"
}
# The plan of each instance: repetitions of the cheap figures, LP relaxation, solves, tico
# solve end to end. Quick mode keeps the solver comparisons to the instances that close in
# seconds (teaching, Dunkirk, small) and times only load, build and reads on the others.
if [ $QUICK = 1 ]; then
    P_TEACH="5 1 1 1" P_DK="5 1 1 1" P_SMALL="5 1 1 0" P_MED="5 1 0 0" P_LONG="3 0 0 0" P_WEF="1 0 0 0" P_LARGE="1 0 0 0"
else
    P_TEACH="5 1 1 1" P_DK="5 1 1 1" P_SMALL="5 1 1 1" P_MED="5 1 1 1" P_LONG="5 1 1 1" P_WEF="3 1 1 1" P_LARGE="3 1 1 1"
fi
for f in "$W"/src/instances/teach_*.cfg; do
    n=$(basename "$f" .cfg)
    # shellcheck disable=SC2086
    want "$n" && bench_instance "$n" "$f" $P_TEACH
done
# shellcheck disable=SC2086
want dunkirk && bench_instance dunkirk "$TEMPLATE" $P_DK
# shellcheck disable=SC2086
{
gen small $P_SMALL -- --plants 10 --periods 6 --days 4 --blocks 6 --seed 1
gen medium $P_MED -- --plants 100 --periods 6 --days 4 --blocks 24 --seed 2
gen long $P_LONG -- --plants 100 --periods 26 --days 4 --blocks 6 --seed 4
gen wef $P_WEF -- --plants 330 --assets 792 --periods 6 --days 4 --blocks 6 --seed 5
gen large $P_LARGE -- --plants 1000 --periods 6 --days 4 --blocks 24 --seed 3
}

# process start: what every run of a small instance pays before any work
put all process_start_s tico "$(timed 5 "$TICO" --version | stats | awk '{ print $1 }')" s "$TICO --version, median of 5"
put all process_start_s glpsol "$(timed 5 glpsol --version | stats | awk '{ print $1 }')" s "glpsol --version, median of 5"

# ---- MACC sweep on Dunkirk ------------------------------------------------------------------
if [ $MACC = 1 ] && want macc; then
    if [ $QUICK = 1 ]; then PRICES=0:400:200; else PRICES=0:400:25; fi
    NPTS=$(awk -F: '{ print int(($2 - $1) / $3) + 1 }' <<< "$PRICES")
    put macc points all "$NPTS" "" "--prices $PRICES"
    # cold starts are tico macc's default since this sweep measured them faster (RESULTS.md)
    for cfg in "warm_j1:-j 1 --warm" "cold_j1:-j 1" "cold_j2:-j 2"; do
        tag=${cfg%%:*}
        opts=${cfg#*:}
        log "macc $tag: tico macc -q --prices $PRICES $opts"
        # shellcheck disable=SC2086
        timed 1 "$TICO" macc -q --prices "$PRICES" $opts -o "$W/macc_$tag" "$TEMPLATE" |
            record macc sweep_s "$tag" s "tico macc -q --prices $PRICES $opts (once)"
    done
    put macc cold_over_warm ratio "$(ratio "$(get macc sweep_s cold_j1)" "$(get macc sweep_s warm_j1)")" x
    put macc j1_over_j2 ratio "$(ratio "$(get macc sweep_s cold_j1)" "$(get macc sweep_s cold_j2)")" x "speed-up of -j 2"
    cmp -s "$W/macc_warm_j1/macc_prices_points.csv" "$W/macc_cold_j1/macc_prices_points.csv" && same=yes || same=no
    put macc warm_cold_same_points all $same
    cmp -s "$W/macc_cold_j1/macc_prices_points.csv" "$W/macc_cold_j2/macc_prices_points.csv" && same=yes || same=no
    put macc j1_j2_same_points all $same
fi
TOTAL=$(elapsed "$T_START" "$EPOCHREALTIME")

# ---- the report -----------------------------------------------------------------------------
OUT_MD=$ROOT/bench/results/$STAMP.md
OUT_CSV=$ROOT/bench/results/$STAMP.csv
cp "$CSV" "$OUT_CSV"
bench/report.sh "$OUT_CSV" "$W" "$QUICK" "$LIMIT" "$SOLVE_REPS" "$TOTAL" "$TICO" > "$OUT_MD"
log "wrote $OUT_MD and $OUT_CSV in $(printf '%.0f' "$TOTAL") s"
[ $KEEP = 1 ] || rm -rf "$W"
