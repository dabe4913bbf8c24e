#!/usr/bin/env bash
# bench/lpcompare.sh — the LP relaxation of one instance by tico, glpsol and Clp, on the same
# exported model, in one run (issue 13). The machine is shared: each solver's CPU time
# (user + sys, /usr/bin/time) is the figure to compare; wall clock is printed beside it.
#
#   bench/lpcompare.sh INSTANCE.cfg [WORKDIR]
#
# Environment: TICO (default ./tico), BUILDSTAT (default bench/buildstat), LPOPTS (options of
# bench/buildstat --lp-opts, default none: primal simplex with GLPK's LP presolver), and
# TICO_BUILD_DIRECT (build.h: 1 = the formulation before issue 13).
# Steps, one at a time:
#   1. tico export (free MPS and CPLEX LP) into WORKDIR;
#   2. tico: bench/buildstat INSTANCE --lp (load, build, glp_simplex on a copy; lp_cpu_s is
#      the LP alone);
#   3. glpsol --lp model.lp --nomip (GLPK 5.0 primal simplex with its LP presolver);
#   4. cbc model.mps -dualS (Clp's dual simplex on the LP relaxation, then stop).
# Output: one line per solver: name, CPU seconds, wall seconds, objective.
set -u
export LC_ALL=C
cd "$(dirname "$0")/.." || exit 1
INST=$1
W=${2:-$(mktemp -d)}
TICO=${TICO:-./tico}
BUILDSTAT=${BUILDSTAT:-bench/buildstat}
mkdir -p "$W"
rm -rf "$W/mps" "$W/lp"
"$TICO" export -q --format mps -o "$W/mps" "$INST" || exit 1
"$TICO" export -q --format lp -o "$W/lp" "$INST" || exit 1
nnz=$(awk '/^\* Non-zeros:/ { print $3; exit }' "$W/mps/model.mps")
echo "instance $INST nnz=$nnz direct=${TICO_BUILD_DIRECT:-0} $(date -u +%FT%TZ) $(hostname -s)"

cpu() { # cpu LOG -> user+sys wall
    awk '/^cpu=/ { split($0, a, /[= ]/); print a[2] + a[4], a[6] }' "$1"
}

/usr/bin/time -f "cpu=%U sys=%S wall=%e" -o "$W/t_tico" \
    "$BUILDSTAT" "$INST" --lp ${LPOPTS:+--lp-opts "$LPOPTS"} > "$W/tico.out" 2>&1
echo "tico $(cpu "$W/t_tico") $(grep -o 'lp_cpu_s=[^ ]*\|lp_s=[^ ]*\|lp_status=[^ ]*\|lp_obj=[^ ]*' "$W/tico.out" | tr '\n' ' ')"

/usr/bin/time -f "cpu=%U sys=%S wall=%e" -o "$W/t_glpsol" \
    glpsol --lp "$W/lp/model.lp" --nomip -o "$W/glpsol.txt" > "$W/glpsol.out" 2>&1
echo "glpsol $(cpu "$W/t_glpsol") $(grep -m1 '^Objective:' "$W/glpsol.txt") $(grep -m1 '^Status:' "$W/glpsol.txt")"

/usr/bin/time -f "cpu=%U sys=%S wall=%e" -o "$W/t_clp" cbc "$W/mps/model.mps" -dualS > "$W/clp.out" 2>&1
echo "clp $(cpu "$W/t_clp") $(grep -m1 -i 'objective value\|Optimal objective' "$W/clp.out") $(grep -m1 'Clp0032I\|Clp0000I' "$W/clp.out")"
