#!/usr/bin/env bash
# The corpus of tampered plan files (make_corpus.py): every command that
# reads a plan file (plan --show, simulate, graph) refuses each one with exit
# 1 and the message of its .expected file, and never crashes.
# Usage: tests/bad_plans/run.sh path/to/ferry   (from the repository root)
# FERRY_UPDATE_GOLDEN=1 rewrites the .expected files: read them after.
set -u
ferry=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
for plan in tests/bad_plans/*.json; do
  expected=${plan%.json}.expected
  for command in "plan --show" simulate graph; do
    args=($command "$plan")
    [ "$command" = graph ] && args+=(-o "$work/g.dot")
    "$ferry" "${args[@]}" >"$work/out" 2>"$work/err"
    status=$?
    if [ "${FERRY_UPDATE_GOLDEN:-}" = 1 ] && [ "$command" = "plan --show" ]; then cp "$work/err" "$expected"; fi
    if [ "$status" -ne 1 ]; then
      failed=$((failed + 1)); echo "FAILED: ferry $command $plan: exit $status, wanted 1"; cat "$work/err"
    elif ! cmp -s "$work/err" "$expected"; then
      failed=$((failed + 1)); echo "FAILED: ferry $command $plan: stderr differs from $expected:"
      diff "$expected" "$work/err" | head -5
    elif [ -s "$work/out" ] || [ -e "$work/g.dot" ]; then
      failed=$((failed + 1)); echo "FAILED: ferry $command $plan wrote output"
    else
      passed=$((passed + 1))
    fi
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
