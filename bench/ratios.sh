#!/bin/sh
# bench/ratios.sh — issue 13's ratios in one run, back to back: Dunkirk solve, the 17-point price
# sweep (cold and --warm), mc and value at -j 2, solve again. TICO=path (default ./tico).
# Prints a markdown table: wall and CPU seconds (user + sys, children included), load, exit.
cd "$(dirname "$0")/.." || exit 2
T=${TICO:-./tico}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
r() { name=$1; shift; l0=$(cut -d' ' -f1 /proc/loadavg); s=$(date +%s.%N); /usr/bin/time -f "%U %S" -o "$tmp"/cpu "$@" >/dev/null 2>"$tmp"/err; rc=$?; e=$(date +%s.%N); l1=$(cut -d' ' -f1 /proc/loadavg); echo "| $name | $(awk -v a="$s" -v b="$e" 'BEGIN{printf "%.1f", b - a}') | $(awk '{printf "%.1f", $1+$2}' "$tmp"/cpu) | $l0 -> $l1 | $rc |"; }
echo "| command | wall s | CPU s | load | exit |"
echo "|---|---:|---:|---|---|"
r "solve" $T solve -q -o "$tmp"/q_s1 instances/dunkirk.cfg
r "solve" $T solve -q -o "$tmp"/q_s2 instances/dunkirk.cfg
r "macc -j 2 --prices 0:400:25" $T macc -q -j 2 --prices 0:400:25 -o "$tmp"/q_macc instances/dunkirk.cfg
r "macc -j 2 --warm --prices 0:400:25" $T macc -q -j 2 --warm --prices 0:400:25 -o "$tmp"/q_maccw instances/dunkirk.cfg
r "mc -j 2" $T mc -q -j 2 -o "$tmp"/q_mc instances/dunkirk.cfg
r "value -j 2" $T value -q -j 2 -o "$tmp"/q_val instances/dunkirk.cfg
r "solve" $T solve -q -o "$tmp"/q_s3 instances/dunkirk.cfg
