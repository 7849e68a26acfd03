# Sourced by the end-to-end test scripts: a scratch folder removed on exit,
# pass/fail counters, and `expect_exit CODE DESCRIPTION -- COMMAND...`
# (stdout to $work/out, stderr to $work/err). End with `finish`.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAILED: $*"; }
expect_exit() {
  local want=$1 what=$2; shift 3
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then pass; else fail "$what: exit $got, wanted $want"; cat "$work/err"; fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
