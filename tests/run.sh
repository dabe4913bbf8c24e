#!/bin/sh
# Run every CUnit suite given as an argument, from the repository root, and add up the
# results. The last line is "N passed, N failed"; the exit code is non-zero on any failure.
passed=0; failed=0; broken=""
for t in "$@"; do
  out=$("$t" 2>&1); rc=$?
  printf '%s\n' "$out" | grep -v '^TICO-RESULT' | grep -E 'Suite|Test:.*FAILED|passed|failed|ERROR|runtime error|Sanitizer|^ +[0-9]' || true
  line=$(printf '%s\n' "$out" | grep '^TICO-RESULT' | tail -n 1)
  if [ -z "$line" ]; then
    printf '%s\n' "$out" | tail -n 40
    broken="$broken $t"; failed=$((failed + 1)); continue
  fi
  set -- $line
  passed=$((passed + $3)); failed=$((failed + $4))
  [ $rc -eq 0 ] || [ "$4" -gt 0 ] || { broken="$broken $t"; failed=$((failed + 1)); }
  shift $#
done
[ -z "$broken" ] || echo "suites that crashed or exited non-zero:$broken"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
