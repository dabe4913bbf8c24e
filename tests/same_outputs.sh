#!/bin/sh
# same_outputs.sh — do two builds of tico write the same files? For refactors (issue 15: the
# layers): every teaching instance and Dunkirk, solved (and exported) by the reference and by
# the candidate, compared byte for byte with cmp.
#
#   tests/same_outputs.sh REF_TICO NEW_TICO [INSTANCE...]
#
# REF_TICO: e.g. a build of the commit before the change (git worktree add /tmp/ref REV &&
# make -C /tmp/ref tico). Default instances: instances/teach_*.cfg and instances/dunkirk.cfg.
# Prints one line per instance and "same_outputs: N passed, N failed"; exits 1 on a difference.
cd "$(dirname "$0")/.." || exit 2
[ $# -ge 2 ] || { echo "usage: tests/same_outputs.sh REF_TICO NEW_TICO [INSTANCE...]" >&2; exit 2; }
ref=$1; new=$2; shift 2
[ $# -gt 0 ] || set -- instances/teach_*.cfg instances/dunkirk.cfg
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
for inst in "$@"; do
    name=$(basename "$inst" .cfg)
    ok=1
    for cmd in solve export; do
        "$ref" "$cmd" -q -j 1 -o "$tmp/ref/$name/$cmd" "$inst" >/dev/null 2>"$tmp/ref.err"; r1=$?
        "$new" "$cmd" -q -j 1 -o "$tmp/new/$name/$cmd" "$inst" >/dev/null 2>"$tmp/new.err"; r2=$?
        if [ $r1 -ne $r2 ]; then echo "$name $cmd: exit $r1 before, $r2 after"; ok=0; continue; fi
        # run.json apart: the date of each run and its -o differ by design (docs/reports.md)
        if ! diff -r -x run.json "$tmp/ref/$name/$cmd" "$tmp/new/$name/$cmd" >"$tmp/diff" 2>&1; then
            echo "$name $cmd: files differ:"; head -20 "$tmp/diff"; ok=0
        fi
    done
    if [ $ok -eq 1 ]; then echo "$name: same"; pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "same_outputs: $pass passed, $fail failed"
[ $fail -eq 0 ]
