#!/usr/bin/env bash
# End-to-end tests of the ferry executable: exit codes, stdout/stderr
# separation, fmt round trips and the JSON report of the seed.
# Usage: tests/cli/end_to_end.sh path/to/ferry   (from the repository root)
set -u
ferry=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAILED: $*"; }
# expect_exit CODE DESCRIPTION -- COMMAND...
expect_exit() {
  local want=$1 what=$2; shift 3
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then pass; else fail "$what: exit $got, wanted $want"; cat "$work/err"; fi
}
expect_empty() { if [ -s "$1" ]; then fail "$2: expected nothing, got: $(head -c 300 "$1")"; else pass; fi; }
expect_grep() { if grep -q -- "$2" "$1"; then pass; else fail "$3: '$2' not in: $(head -c 300 "$1")"; fi; }

expect_exit 0 "--version" -- "$ferry" --version
expect_grep "$work/out" "ferry 0.1.0" "--version prints the version"
expect_exit 0 "--help" -- "$ferry" --help
expect_grep "$work/out" "simulate" "--help lists the subcommands"
expect_exit 0 "check --help" -- "$ferry" check --help
expect_exit 2 "no subcommand is a usage error" -- "$ferry"
expect_exit 2 "unknown option is a usage error" -- "$ferry" check --bogus examples/seed.ferry
expect_exit 2 "unknown subcommand is a usage error" -- "$ferry" frobnicate

expect_exit 0 "check a clean file" -- "$ferry" check examples/seed.ferry examples/fleet.ferry
expect_empty "$work/out" "check prints nothing on stdout for a clean file"
expect_empty "$work/err" "check prints nothing on stderr for a clean file"

expect_exit 1 "check a bad file" -- "$ferry" check tests/bad/unknown_key_suggestion.ferry
expect_empty "$work/out" "diagnostics never go to stdout"
expect_grep "$work/err" "unknown_key_suggestion.ferry:4:3: error: unknown key 'dwontime' in policy; did you mean 'downtime'?" "clang-style diagnostic"
expect_grep "$work/err" "^      ^~~~~~~~" "caret under the key"

expect_exit 0 "a warning alone exits 0" -- "$ferry" check tests/bad/server_without_accounts.ferry
expect_grep "$work/err" "warning: server \"s\" has no accounts" "the warning is shown"

expect_exit 1 "check --json of a bad file" -- "$ferry" check --json tests/bad/many_errors_one_file.ferry
expect_empty "$work/err" "--json keeps stderr clean"
python3 - "$work/out" <<'PY' && pass || fail "check --json prints a JSON array of diagnostics"
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d, list) and len(d) == 7, d
assert all({"file", "line", "col", "severity", "message"} <= set(x) for x in d)
assert d[0]["line"] == 1 and d[0]["col"] == 58 and d[0]["severity"] == "error"
PY

expect_exit 1 "a missing file is an input error" -- "$ferry" check "$work/nope.ferry"
expect_grep "$work/err" "cannot open" "a missing file is named"

head -c 4096 /dev/urandom >"$work/binary.ferry"
expect_exit 1 "binary input is refused cleanly" -- "$ferry" check "$work/binary.ferry"

# Hostile inputs: a clear error (exit 1), never a crash, a hang or a flood.
: >"$work/empty.ferry"
expect_exit 1 "an empty file" -- "$ferry" check "$work/empty.ferry"
expect_grep "$work/err" "missing fleet block" "an empty file says what is missing"
python3 -c "print('fleet \"f\" { start = ' + '(' * 100000 + '1' + ')' * 100000 + ' }')" >"$work/deep.ferry"
expect_exit 1 "100,000 nested parentheses" -- "$ferry" check "$work/deep.ferry"
expect_grep "$work/err" "nesting deeper than 256 levels" "deep nesting is named"
python3 -c "print('b { ' * 100000)" >"$work/deep_blocks.ferry"
expect_exit 1 "100,000 nested blocks" -- "$ferry" simulate "$work/deep_blocks.ferry"
python3 -c "print('policy \"p\" { ' + 'k' * 3000000 + ' = 1 }')" >"$work/long_key.ferry"
expect_exit 1 "a key of 3 MB" -- "$ferry" check "$work/long_key.ferry"
if [ "$(wc -c <"$work/err")" -lt 4000 ]; then pass; else fail "a huge key does not flood stderr"; fi
python3 -c "
print('fleet \"f\" { start = 2026-12-01 09:00 }')
print('calendar \"c\" { open = [' + ', '.join(['mon 09:00-10:00'] * 100000) + '] }')
print('transit \"t\" { cpu = 1 ram = 1GB disk = 1GB } server \"s\" { cpu = 1 ram = 1GB disk = 1GB price = 1 EUR/month account \"a\" { } }')" >"$work/long_line.ferry"
expect_exit 0 "a 1.7 MB line of rules" -- "$ferry" check "$work/long_line.ferry"
printf 'fleet "f" { start = 2026-12-01 09:00 }\n' >"$work/empties.ferry"
for i in $(seq 1 500); do printf 'server "s%d" { cpu = 1 ram = 1GB disk = 1GB price = 1 EUR/month }\n' "$i"; done >>"$work/empties.ferry"
expect_exit 0 "500 servers without accounts: warnings only" -- "$ferry" check "$work/empties.ferry"
expect_grep "$work/err" "more than 200 warnings" "warnings are capped"
printf '\xef\xbb\xbffleet "f" {\r\n  start = 2026-12-01 09:00\r\n}\r\n' >"$work/bom_crlf.ferry"
expect_exit 0 "a byte-order mark and CRLF line ends" -- "$ferry" check "$work/bom_crlf.ferry"

# fmt: canonical output, --check, --write, idempotence, meaning kept.
expect_exit 1 "fmt --check names a file that would change" -- "$ferry" fmt --check examples/seed.ferry
expect_grep "$work/out" "examples/seed.ferry" "fmt --check prints the file name"
for example in examples/*.ferry; do
  name=$(basename "$example")
  cp "$example" "$work/$name"
  expect_exit 0 "fmt --write $name" -- "$ferry" fmt --write "$work/$name"
  expect_exit 0 "fmt --check after --write ($name)" -- "$ferry" fmt --check "$work/$name"
  "$ferry" fmt "$work/$name" >"$work/twice"
  if cmp -s "$work/twice" "$work/$name"; then pass; else fail "fmt is idempotent on $name"; fi
  "$ferry" simulate --json "$example" >"$work/before.json"
  "$ferry" simulate --json "$work/$name" >"$work/after.json"
  if cmp -s "$work/before.json" "$work/after.json"; then pass; else fail "fmt keeps the meaning of $name"; fi
  grep -c '#' "$example" >"$work/c1"; grep -c '#' "$work/$name" >"$work/c2"
  if cmp -s "$work/c1" "$work/c2"; then pass; else fail "fmt keeps every comment of $name"; fi
done
expect_exit 1 "fmt refuses a file with syntax errors" -- "$ferry" fmt tests/bad/syntax_unclosed_block.ferry

# simulate
expect_exit 0 "simulate the seed" -- "$ferry" simulate examples/seed.ferry
expect_grep "$work/out" "web-01" "the text report names the server"
expect_empty "$work/err" "simulate of a clean file prints nothing on stderr"
expect_exit 0 "simulate --json the seed" -- "$ferry" simulate --json examples/seed.ferry
python3 - "$work/out" <<'PY' && pass || fail "simulate --json: the figures of DESIGN 4.3"
import json, sys
r = json.load(open(sys.argv[1]))
s = r["servers"][0]
assert r["start"] == "2026-12-01T09:00:00+01:00"
assert r["end"] == "2026-12-04T15:20:54+01:00"
assert abs(r["makespan_hours"] - 78.348333) < 1e-5
assert s["transit"] == "tr-1" and s["transit_wait_hours"] == 53
assert s["install"] == {"start": "2026-12-03T14:00:00+01:00", "end": "2026-12-03T18:07:30+01:00"}
assert s["all_migrated"] == "2026-12-03T22:13:24+01:00"
assert s["reinstall"]["end"] == "2026-12-04T15:07:30+01:00"
assert s["billing"]["billed_days"] == 0 and s["billing"]["cost"] == 0
assert abs(s["billing"]["held_days"] - 0.170764) < 1e-6
assert [a["name"] for a in s["accounts"]] == ["shop", "blog"]
assert s["accounts"][1]["downtime_seconds"] == {"migrate": 54, "reroute": 60, "move_back": 54, "total": 168}
assert r["totals"]["downtime_seconds"] == 1668 and r["violations"] == []
PY
expect_exit 0 "simulate --csv" -- "$ferry" simulate --csv examples/seed.ferry
expect_grep "$work/out" "^server,account,transit" "CSV header"
expect_grep "$work/out" "^web-01,blog,tr-1," "one CSV row per account"
expect_exit 0 "simulate --explain" -- "$ferry" simulate examples/seed.ferry --explain web-01
expect_grep "$work/out" "total 78.35 h" "the explanation adds up to the server's time"
expect_exit 1 "simulate --explain an unknown server" -- "$ferry" simulate examples/seed.ferry --explain nope
expect_exit 1 "simulate a bad file" -- "$ferry" simulate tests/bad/unknown_block.ferry

sed 's/order            = largest_first/order = largest_first\n  max_downtime = 20min/' examples/seed.ferry >"$work/strict.ferry"
expect_exit 0 "violations alone exit 0" -- "$ferry" simulate "$work/strict.ferry"
expect_grep "$work/out" "violation (max_downtime)" "the violation is reported"
expect_exit 1 "--strict exits 1 on a violation" -- "$ferry" simulate --strict "$work/strict.ferry"

# plan and graph
expect_exit 0 "plan summary" -- "$ferry" plan examples/fleet.ferry
expect_grep "$work/out" "accounts  41" "the summary counts the accounts"
expect_exit 0 "plan -o" -- "$ferry" plan examples/fleet.ferry -o "$work/plan.json"
expect_empty "$work/out" "plan -o prints nothing"
"$ferry" plan examples/fleet.ferry -o "$work/plan2.json"
if cmp -s "$work/plan.json" "$work/plan2.json"; then pass; else fail "the same input gives a byte-identical plan"; fi
expect_exit 0 "plan --show" -- "$ferry" plan --show "$work/plan.json"
expect_grep "$work/out" "every server has a matching transit" "plan --show summarises"
python3 -c "import json,sys; json.dump(json.load(open(sys.argv[1])), open(sys.argv[2], 'w'), indent=2)" "$work/plan.json" "$work/indented.json"
expect_exit 1 "a re-indented plan is not the approved bytes" -- "$ferry" plan --show "$work/indented.json"
sed 's/"wave-1"/"wave-2"/' "$work/plan.json" >"$work/tampered.json"
expect_exit 1 "a tampered plan is refused" -- "$ferry" plan --show "$work/tampered.json"
expect_grep "$work/err" "does not match its plan_sha256" "the refusal says why"
expect_exit 1 "garbage is refused as a plan" -- "$ferry" plan --show examples/seed.ferry
"$ferry" simulate --json "$work/plan.json" >"$work/from_plan.json"
"$ferry" simulate --json examples/fleet.ferry >"$work/from_source.json"
if cmp -s "$work/from_plan.json" "$work/from_source.json"; then pass; else fail "simulating the plan file gives the same report as the source"; fi
# fmt keeps meaning: the formatted file compiles to the same plan (source stamp aside).
cp examples/fleet.ferry "$work/fmt_fleet.ferry"
"$ferry" fmt --write "$work/fmt_fleet.ferry"
"$ferry" plan "$work/fmt_fleet.ferry" -o "$work/plan_fmt.json"
python3 - "$work/plan.json" "$work/plan_fmt.json" <<'PY' && pass || fail "fmt keeps the compiled plan"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    d.pop("plan_sha256"); d.pop("source")
assert a == b
PY
# A hand-edited plan whose windows never open, stamped again: a clear
# refusal, not zeros (the compiler's own check, made on the plan file).
"$ferry" plan examples/seed.ferry -o "$work/seed_plan.json"
python3 - "$work/seed_plan.json" "$work/never.json" <<'PY'
import hashlib, json, sys
d = json.load(open(sys.argv[1]))
for c in d["calendars"]:
    for r in c["rules"]:
        r["end_seconds"] = r["start_seconds"]
d.pop("plan_sha256")
canonical = json.dumps(d, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
digest = hashlib.sha256(canonical.encode()).hexdigest()
open(sys.argv[2], "w").write(canonical[:-1] + ',"plan_sha256":"' + digest + '"}\n')
PY
expect_exit 1 "a plan that can never finish" -- "$ferry" simulate "$work/never.json"
expect_grep "$work/err" "calendars\[0\] is never open" "the reason is given"

expect_exit 0 "graph to svg" -- "$ferry" graph examples/seed.ferry -o "$work/g.svg"
expect_grep "$work/g.svg" "<svg" "an SVG is written"
expect_exit 0 "graph one server to png" -- "$ferry" graph examples/fleet.ferry -o "$work/g.png" --server shop-01
if [ "$(head -c 4 "$work/g.png" | od -An -c | tr -d ' ')" = "211PNG" ]; then pass; else fail "a PNG is written"; fi
expect_exit 1 "graph of an unknown server" -- "$ferry" graph examples/fleet.ferry -o "$work/g.svg" --server nope
expect_exit 1 "graph to an unknown format" -- "$ferry" graph examples/fleet.ferry -o "$work/g.gif"

# Every input is hostile (issue 8). No crash: a directory is refused.
for command in "check" "fmt" "simulate" "plan" "plan --show" ; do
  expect_exit 1 "$command of a directory" -- "$ferry" $command examples/
  expect_grep "$work/err" "cannot read 'examples/': it is a directory" "$command names the directory"
done
expect_exit 1 "graph of a directory" -- "$ferry" graph examples/ -o "$work/d.dot"
python3 -c "print('{\"a\":' + '[' * 1000000 + ']' * 1000000 + '}')" >"$work/deep.json"
for command in "plan --show" simulate; do
  expect_exit 1 "$command of a plan nested 10^6 deep" -- "$ferry" $command "$work/deep.json"
  expect_grep "$work/err" "nested deeper than 16 levels" "$command says the plan is too deep"
done
expect_exit 1 "graph of a plan nested 10^6 deep" -- "$ferry" graph "$work/deep.json" -o "$work/deep.dot"

# Never lose the user's file: an output that is an input is refused, and
# the input is left as it was.
cp examples/seed.ferry "$work/s.ferry"
for output in "$work/s.ferry" "$work/./s.ferry"; do
  expect_exit 1 "plan -o its own input ($output)" -- "$ferry" plan "$work/s.ferry" -o "$output"
  expect_grep "$work/err" "is the input" "the refusal says why"
  if cmp -s examples/seed.ferry "$work/s.ferry"; then pass; else fail "the input is left whole"; fi
done
ln -s "$work/s.ferry" "$work/link.ferry"
expect_exit 1 "plan -o a link to its input" -- "$ferry" plan "$work/s.ferry" -o "$work/link.ferry"
cp "$work/plan.json" "$work/x.json"
expect_exit 1 "graph -o its own input" -- "$ferry" graph "$work/x.json" -o "$work/x.json"
if cmp -s "$work/plan.json" "$work/x.json"; then pass; else fail "graph leaves its input whole"; fi
# Writes are atomic: a write that fails (here: past the file size limit)
# leaves the old file whole instead of truncated.
python3 -c "import sys; sys.stdout.write(open('examples/fleet.ferry').read().replace('  ', '    '))" >"$work/wide.ferry"
cp "$work/wide.ferry" "$work/wide_before.ferry"
(ulimit -f 2; trap '' XFSZ; exec "$ferry" fmt --write "$work/wide.ferry") >"$work/out" 2>"$work/err"
if [ $? -eq 1 ]; then pass; else fail "fmt --write past the size limit exits 1"; fi
expect_grep "$work/err" "cannot write" "fmt --write says it could not write"
if cmp -s "$work/wide.ferry" "$work/wide_before.ferry"; then pass; else fail "a failed fmt --write leaves the source whole"; fi
cp "$work/plan.json" "$work/old_plan.json"
(ulimit -f 8; trap '' XFSZ; exec "$ferry" plan examples/fleet.ferry -o "$work/old_plan.json") >"$work/out" 2>"$work/err"
if [ $? -eq 1 ]; then pass; else fail "plan -o past the size limit exits 1"; fi
if cmp -s "$work/plan.json" "$work/old_plan.json"; then pass; else fail "a failed plan -o leaves the old plan whole"; fi
if ls -A "$work" | grep -q '^\.ferry-'; then fail "a failed write leaves no temporary file"; else pass; fi
expect_exit 0 "fmt --write keeps the file's mode" -- chmod 640 "$work/wide.ferry"
"$ferry" fmt --write "$work/wide.ferry"
if [ "$(stat -c %a "$work/wide.ferry")" = 640 ]; then pass; else fail "fmt --write keeps the mode"; fi
for format in svg png pdf dot; do
  expect_exit 1 "graph -o .$format in a missing folder" -- "$ferry" graph examples/seed.ferry -o "$work/nope/g.$format"
  expect_grep "$work/err" "cannot write" "graph -o .$format says it could not write"
done

# Options that would be silently ignored are usage errors.
expect_exit 2 "plan --show with -o" -- "$ferry" plan --show "$work/plan.json" -o "$work/p2.json"
expect_exit 2 "plan -o \"\"" -- "$ferry" plan examples/seed.ferry -o ""
expect_exit 2 "--csv with --explain" -- "$ferry" simulate examples/seed.ferry --csv --explain web-01
expect_exit 2 "--json with --explain" -- "$ferry" simulate examples/seed.ferry --json --explain web-01
expect_exit 2 "--explain \"\"" -- "$ferry" simulate examples/seed.ferry --explain ""
expect_exit 2 "graph --server \"\"" -- "$ferry" graph examples/seed.ferry -o "$work/g.dot" --server ""

# What a file is, is decided by its content, the same way in every command.
printf '{ fleet "f" { start = 2026-12-01 09:00 } }\n' >"$work/brace.ferry"
for command in check simulate plan; do
  expect_exit 1 "$command of a .ferry file starting with '{'" -- "$ferry" $command "$work/brace.ferry"
  expect_grep "$work/err" "brace.ferry:1:1: error: expected a block" "$command reads it as a .ferry file"
done
expect_exit 1 "plan --show of a .ferry file" -- "$ferry" plan --show "$work/brace.ferry"
expect_grep "$work/err" "not a plan file" "plan --show says it is not a plan"
for command in check fmt; do
  expect_exit 1 "$command of a plan file" -- "$ferry" $command "$work/plan.json"
  expect_grep "$work/err" "is a plan file, not a .ferry file" "$command says it is a plan file"
done

# Checks: a per-account division by zero in a .ferry file is an error naming the account.
expect_exit 1 "a division by zero for one account" -- "$ferry" simulate tests/bad/division_by_zero_for_one_account.ferry
expect_grep "$work/err" "downtime cannot be computed for account \"shop\"" "the account is named"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
