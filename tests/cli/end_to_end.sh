#!/usr/bin/env bash
# End-to-end tests of the ferry executable: exit codes, stdout/stderr
# separation, fmt round trips and the JSON report of the seed.
# Usage: tests/cli/end_to_end.sh path/to/ferry   (from the repository root)
set -u
ferry=$1
source "$(dirname "$0")/harness.sh"
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
expect_exit 2 "a misspelt command" -- "$ferry" simulte examples/seed.ferry
expect_grep "$work/err" "unknown command 'simulte'; did you mean 'simulate'?" "did you mean simulate"
expect_empty "$work/out" "a misspelt command prints nothing on stdout"
expect_exit 0 "ferry help" -- "$ferry" help
expect_grep "$work/out" "compare" "ferry help lists the commands"
expect_exit 0 "ferry help simulate" -- "$ferry" help simulate
expect_grep "$work/out" "--set KEY=VALUE" "ferry help COMMAND shows its options"
expect_exit 2 "ferry help of an unknown command" -- "$ferry" help compre
expect_grep "$work/err" "did you mean 'compare'?" "help suggests the command"

expect_exit 0 "check a clean file" -- "$ferry" check examples/seed.ferry examples/fleet.ferry
expect_empty "$work/out" "check prints nothing on stdout for a clean file"
expect_empty "$work/err" "check prints nothing on stderr for a clean file"

expect_exit 1 "check a bad file" -- "$ferry" check tests/bad/unknown_key_suggestion.ferry
expect_empty "$work/out" "diagnostics never go to stdout"
expect_grep "$work/err" "unknown_key_suggestion.ferry:4:3: error: unknown key 'dwontime' in policy; did you mean 'downtime'?" "clang-style diagnostic"
expect_grep "$work/err" "^      ^~~~~~~~" "caret under the key"
expect_grep "$work/err" "^ferry: 1 error$" "the summary line counts the errors"
expect_exit 1 "check several files" -- "$ferry" check tests/bad/many_errors_one_file.ferry tests/bad/server_without_accounts.ferry
expect_grep "$work/err" "^ferry: 7 errors, 1 warning$" "one summary line for all files"
if [ "$(grep -c '^ferry: [0-9]* error' "$work/err")" -eq 1 ]; then pass; else fail "exactly one summary line"; fi
# Colour only on a terminal and never with NO_COLOR: script(1) gives a TTY.
if command -v script >/dev/null; then
  script -qec "$ferry check tests/bad/unknown_key_suggestion.ferry" /dev/null >"$work/tty" 2>&1
  if grep -q $'\033\[1;31merror' "$work/tty"; then pass; else fail "diagnostics are coloured on a terminal"; fi
  NO_COLOR=1 script -qec "$ferry check tests/bad/unknown_key_suggestion.ferry" /dev/null >"$work/tty" 2>&1
  if grep -q $'\033' "$work/tty"; then fail "NO_COLOR turns colour off"; else pass; fi
  expect_grep "$work/tty" "error: unknown key 'dwontime'" "NO_COLOR still prints the diagnostic"
fi
if grep -q $'\033' "$work/err"; then fail "no colour when stderr is not a terminal"; else pass; fi

expect_exit 0 "a warning alone exits 0" -- "$ferry" check tests/bad/server_without_accounts.ferry
expect_grep "$work/err" "warning: server \"s\" has no accounts" "the warning is shown"
expect_grep "$work/err" "^ferry: 1 warning$" "the summary line counts the warnings"

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

# fmt --diff: a unified diff that `patch` applies to give fmt's output; exit 1 on change, 0 without.
cp examples/fleet.ferry "$work/diff.ferry"
expect_exit 1 "fmt --diff of a file that would change" -- "$ferry" fmt --diff "$work/diff.ferry"
expect_grep "$work/out" "^--- $work/diff.ferry$" "fmt --diff names the file"
expect_grep "$work/out" "^@@ -" "fmt --diff prints hunks"
expect_empty "$work/err" "fmt --diff keeps stderr clean"
cp "$work/out" "$work/diff.patch"
if patch -s "$work/diff.ferry" <"$work/diff.patch" && "$ferry" fmt examples/fleet.ferry | cmp -s - "$work/diff.ferry"; then pass; else fail "the fmt --diff patch applies and gives fmt's output"; fi
expect_exit 0 "fmt --diff of a formatted file" -- "$ferry" fmt --diff "$work/diff.ferry"
expect_empty "$work/out" "fmt --diff prints nothing for a formatted file"
expect_exit 2 "fmt --diff and --write together are a usage error" -- "$ferry" fmt --diff --write "$work/diff.ferry"
expect_exit 1 "fmt --check lists the files and shows the diff" -- "$ferry" fmt --check examples/fleet.ferry "$work/diff.ferry"
expect_grep "$work/err" "1 file is not in canonical layout" "fmt --check counts the files"
expect_grep "$work/err" "^  examples/fleet.ferry$" "fmt --check names the file"
if grep -q "diff.ferry" "$work/err"; then fail "fmt --check names only files that change"; else pass; fi
expect_grep "$work/out" "^+transit \"tr-small\" { cpu = 4  ram = 16GB  disk = 500GB }$" "fmt --check shows the diff"

# One-line blocks: kept on one line while they fit in 100 columns, split when longer.
cat >"$work/oneline.ferry" <<'FERRY'
fleet "one" { start = 2026-12-01 09:00 }
transit "tr-1" { cpu = 8   ram = 32GB  disk = 1TB }
transit "tr-2" { cpu = 4  ram = 16GB  disk = 500GB  busy_until = 2026-12-03 14:00 }
server "web" { cpu = 4  ram = 16GB  disk = 100GB  price = 10 EUR/month  account "a-very-long-account-name" { databases = 1GB } }
FERRY
expect_exit 0 "fmt of one-line blocks" -- "$ferry" fmt "$work/oneline.ferry"
expect_grep "$work/out" '^transit "tr-1" { cpu = 8  ram = 32GB  disk = 1TB }$' "a short one-line block stays on one line"
expect_grep "$work/out" '^transit "tr-2" { cpu = 4  ram = 16GB  disk = 500GB  busy_until = 2026-12-03 14:00 }$' "one-line blocks stay together"
expect_grep "$work/out" '^server "web" {$' "a one-line block over 100 columns is split"
expect_grep "$work/out" '^  cpu = 4  ram = 16GB  disk = 100GB  price = 10 EUR/month$' "its line of attributes stays a line"
expect_grep "$work/out" '^  account "a-very-long-account-name" { databases = 1GB }$' "its short child stays on one line"
if [ "$(wc -l <"$work/out")" -eq 8 ]; then pass; else fail "one-line fmt output is 8 lines, got $(wc -l <"$work/out")"; fi

# extends and closed date ranges, end to end: the child inherits, the range closes every day of it.
cat >"$work/extends.ferry" <<'FERRY'
fleet "ext" { start = 2026-12-21 09:00  timezone = "Europe/Paris" }
calendar "office" { open = mon-fri 09:00-18:00  closed = [2026-12-24..2027-01-03] }
transit "tr-1" { cpu = 8  ram = 32GB  disk = 1TB }
policy "standard" { support_window = "office"  max_downtime = 20min  install = 4h  reinstall = 4h }
policy "rush" extends "standard" { parallel = 2 }
server "web" {
  policy = "rush"
  cpu = 4  ram = 16GB  disk = 100GB  price = 10 EUR/month
  ready = 2026-12-23 14:00
  account "a" { databases = 1GB }
  account "b" { databases = 30GB }
}
FERRY
expect_exit 0 "check a file with extends and a date range" -- "$ferry" check "$work/extends.ferry"
expect_exit 0 "simulate a file with extends and a date range" -- "$ferry" simulate --json "$work/extends.ferry"
python3 - "$work/out" <<'PY' && pass || fail "extends and closed ranges take effect"
import json, sys
r = json.load(open(sys.argv[1]))
s = r["servers"][0]
# The office closes from Thursday 24 December to Sunday 3 January: the install
# starts at 14:00 on the 23rd, the reinstall waits for Monday 4 January.
assert s["install"]["start"] == "2026-12-23T14:00:00+01:00", s["install"]
assert s["reinstall"]["start"] == "2027-01-04T09:00:00+01:00", s["reinstall"]
# parallel = 2 from "rush": both accounts migrate at once.
m = [a["migrate"]["start"] for a in s["accounts"]]
assert m[0] == m[1], m
# max_downtime = 20min inherited from "standard": b (30 GB) violates it.
assert [v["subject"] for v in r["violations"] if v["kind"] == "max_downtime"] == ["b"], r["violations"]
PY
sed 's/extends "standard"/extends "standrad"/' "$work/extends.ferry" >"$work/extends_bad.ferry"
expect_exit 1 "an unknown parent is an error" -- "$ferry" check "$work/extends_bad.ferry"
expect_grep "$work/err" "unknown policy \"standrad\" to extend; did you mean 'standard'?" "with a suggestion"
sed 's/2026-12-24..2027-01-03/2027-01-03..2026-12-24/' "$work/extends.ferry" >"$work/range_bad.ferry"
expect_exit 1 "a reversed date range is an error" -- "$ferry" check "$work/range_bad.ferry"
expect_grep "$work/err" "empty range" "the reversed range is named"

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

# --set: a change tried without editing the file; errors point at the option.
expect_exit 0 "simulate --set" -- "$ferry" simulate --json examples/seed.ferry --set transit.tr-1.busy_until="2026-12-01 09:00"
python3 - "$work/out" <<'PY' && pass || fail "--set changes the run: no wait once the transit is free at the start"
import json, sys
r = json.load(open(sys.argv[1]))
s = r["servers"][0]
assert s["transit_wait_hours"] == 0 and s["acquired"] == "2026-12-01T09:00:00+01:00", s
assert r["end"] == "2026-12-02T15:20:54+01:00", r["end"]
PY
"$ferry" simulate --json examples/seed.ferry --set 'server.web-01.ready=2026-12-08 09:00' >"$work/ready.json"
python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['servers'][0]; assert s['requested']=='2026-12-08T09:00:00+01:00', s['requested']" "$work/ready.json" \
  && pass || fail "--set adds a key the block did not have (server ready)"
expect_exit 1 "--set with a value of the wrong dimension" -- "$ferry" simulate examples/seed.ferry --set server.web-01.ready=12GB
expect_grep "$work/err" "^--set:1:21: error: ready must be a date-time" "the error is at the option's value"
expect_grep "$work/err" "^    server.web-01.ready=12GB$" "the option is quoted as the source line"
expect_grep "$work/err" "^                        ^~~~$" "a caret under the value"
expect_empty "$work/out" "no report after a --set error"
expect_exit 1 "--set of an unknown key" -- "$ferry" simulate examples/seed.ferry --set policy.standard.paralel=2
expect_grep "$work/err" "^--set:1:17: error: unknown key 'paralel' in policy; did you mean 'parallel'?" "unknown key with a suggestion"
expect_exit 1 "--set of an unknown name" -- "$ferry" simulate examples/seed.ferry --set policy.standrd.parallel=2
expect_grep "$work/err" "^--set:1:8: error: no policy \"standrd\" in examples/seed.ferry; did you mean 'standard'?" "unknown name with a suggestion"
expect_exit 1 "--set of an unknown block" -- "$ferry" simulate examples/seed.ferry --set polcy.standard.parallel=2
expect_grep "$work/err" "did you mean 'policy'?" "unknown block with a suggestion"
expect_exit 1 "--set of two values" -- "$ferry" simulate examples/seed.ferry --set "fleet.support_capacity=2 people"
expect_grep "$work/err" "^--set:1:24: error: the value of --set must be one value" "one value only"
if grep -q "seed.ferry:" "$work/err"; then fail "a bad --set value does not blame the file"; else pass; fi
expect_exit 1 "--set cannot add a block" -- "$ferry" simulate examples/seed.ferry --set 'fleet.support_capacity=2 } transit "x" {'
expect_exit 1 "--set of a named block without its name" -- "$ferry" simulate examples/seed.ferry --set server..cpu=16
expect_grep "$work/err" "a server needs its name, as in server.NAME.cpu" "the name is asked for"
expect_exit 1 "--set of a key that is no key" -- "$ferry" simulate examples/seed.ferry --set 'server.web-01.cpu}=16'
expect_grep "$work/err" "is not a key" "only a key's characters are written into the source"
expect_exit 1 "--set without =" -- "$ferry" simulate examples/seed.ferry --set fleet.support_capacity
expect_grep "$work/err" "takes KEY=VALUE" "the form is explained"
"$ferry" plan examples/seed.ferry -o "$work/seed_for_set.json" >/dev/null
expect_exit 1 "--set on a plan file" -- "$ferry" simulate "$work/seed_for_set.json" --set fleet.support_capacity=1
expect_grep "$work/err" "is a plan file" "--set needs a .ferry file"

# compare
expect_exit 0 "compare F --set" -- "$ferry" compare examples/seed.ferry --set transit.tr-1.busy_until="2026-12-01 09:00"
cat >"$work/compare.expected" <<'TXT'
compare
  A  examples/seed.ferry
  B  examples/seed.ferry --set 'transit.tr-1.busy_until=2026-12-01 09:00'

  totals        A                            B                            change
  end           Fri 2026-12-04 15:20:54      Wed 2026-12-02 15:20:54      -2d 00h 00m 00s
  makespan      3d 06h 20m 54s               1d 06h 20m 54s               -2d 00h 00m 00s
  downtime      27m 48s                      27m 48s                      =
  transit cost  0.00 EUR                     0.00 EUR                     =
  longest wait  2d 05h 00m 00s (web-01)      0s                           -2d 05h 00m 00s
  violations    0                            0                            =

servers, largest change first
  web-01
    transit     tr-1
    wait        2d 05h 00m 00s → 0s  (-2d 05h 00m 00s)
    released    Fri 2026-12-04 15:20:54 → Wed 2026-12-02 15:20:54  (-2d 00h 00m 00s)
TXT
if diff "$work/compare.expected" "$work/out" >"$work/diff"; then pass; else fail "compare text: $(cat "$work/diff")"; fi
expect_exit 0 "compare two files" -- "$ferry" compare --json examples/seed.ferry examples/fleet.ferry
python3 - "$work/out" <<'PY' && pass || fail "compare --json: sorted by effect, one-sided servers first"
import json, sys
c = json.load(open(sys.argv[1]))
names = [s["name"] for s in c["servers"]]
assert all(s["status"] == "only_b" for s in c["servers"][:-1]), names
assert names[-1] == "web-01" and c["servers"][-1]["status"] == "changed", names
assert c["servers"][-1]["transit"] == {"a": "tr-1", "b": "tr-small"}
t = c["totals"]
assert t["makespan_seconds"]["change"] == t["makespan_seconds"]["b"] - t["makespan_seconds"]["a"]
assert t["longest_wait_seconds"]["server_a"] == "web-01"
PY
sed 's/order            = largest_first/order = largest_first\n  max_downtime = 20min/' examples/seed.ferry >"$work/strict_cmp.ferry"
expect_exit 0 "compare: a change that resolves a violation" -- "$ferry" compare --json "$work/strict_cmp.ferry" --set policy.standard.max_downtime=1h
python3 - "$work/out" <<'PY' && pass || fail "compare --json lists the resolved violation"
import json, sys
c = json.load(open(sys.argv[1]))
assert [v["kind"] for v in c["violations"]["resolved"]] == ["max_downtime"], c["violations"]
assert c["violations"]["introduced"] == []
assert c["totals"]["violations"] == {"a": 1, "b": 0, "change": -1}
assert c["servers"][0]["violations"]["change"] == -1
PY
"$ferry" plan examples/fleet.ferry -o "$work/fleet_plan.json" >/dev/null
expect_exit 0 "compare a plan file with its source" -- "$ferry" compare examples/fleet.ferry "$work/fleet_plan.json"
expect_grep "$work/out" "no server changed" "the same fleet compares equal"
expect_exit 2 "compare with nothing to compare" -- "$ferry" compare examples/seed.ferry
expect_exit 1 "compare with a bad --set" -- "$ferry" compare examples/seed.ferry --set fleet.support_capacity=0
expect_grep "$work/err" "^--set:1:24: error: " "compare reports --set errors at the option"

# the text report: read line by line
expect_exit 0 "simulate the seed (text)" -- "$ferry" simulate examples/seed.ferry
if diff tests/cli/expected/seed_report.txt "$work/out" >"$work/diff"; then pass; else fail "seed text report: $(cat "$work/diff")"; fi

# plan and graph
expect_exit 0 "plan summary" -- "$ferry" plan examples/fleet.ferry
expect_grep "$work/out" "accounts  41" "the summary counts the accounts"
expect_exit 0 "plan -o" -- "$ferry" plan examples/fleet.ferry -o "$work/plan.json"
expect_grep "$work/out" "^wrote $work/plan.json (plan_sha256 [0-9a-f]\{64\})$" "plan -o says what it wrote"
expect_grep "$work/out" "accounts  41" "plan -o prints the summary it wrote"
hash=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['plan_sha256'])" "$work/plan.json")
expect_grep "$work/out" "$hash" "plan -o prints the plan's own hash"
"$ferry" plan examples/fleet.ferry -o "$work/plan2.json"
if cmp -s "$work/plan.json" "$work/plan2.json"; then pass; else fail "the same input gives a byte-identical plan"; fi
expect_exit 0 "plan --show" -- "$ferry" plan --show "$work/plan.json"
expect_grep "$work/out" "every server has a matching transit" "plan --show summarises"
expect_grep "$work/out" "^  plan_sha256 $hash$" "plan --show prints plan_sha256"
expect_empty "$work/err" "plan --show of an up-to-date plan warns of nothing"
cp examples/seed.ferry "$work/edited.ferry"
"$ferry" plan "$work/edited.ferry" -o "$work/edited.json" >/dev/null
echo "# an edit" >>"$work/edited.ferry"
expect_exit 0 "plan --show after the source changed" -- "$ferry" plan --show "$work/edited.json"
expect_grep "$work/err" "warning: $work/edited.ferry changed since this plan was written" "the change is warned of"
rm "$work/edited.ferry"
expect_exit 0 "plan --show when the source is gone" -- "$ferry" plan --show "$work/edited.json"
expect_grep "$work/err" "warning: cannot check whether the source changed" "a missing source is said"
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
expect_exit 0 "graph to dot" -- "$ferry" graph examples/seed.ferry -o "$work/g.dot"
# shop migrates in 750 s: its label says 12.5 min, not the formula.
expect_grep "$work/g.dot" 'migrate\\nshop  #1\\n12.5 min' "moves carry their order and minutes"
expect_grep "$work/g.dot" 'migrate\\nblog  #2\\n0.9 min' "the second mover is #2"
expect_grep "$work/g.dot" 'install_transit\\n248 min' "the install in minutes (4 h 07 min 30 s)"
expect_grep "$work/g.dot" 'moves largest first, 1 lane(s)' "the server names its order and lanes"
expect_grep "$work/g.dot" 'style=dashed' "the move order is drawn"
if grep -q '1min/GB' "$work/g.dot"; then fail "no formulas in the drawing"; else pass; fi
if grep -q 'label="prepare' "$work/g.dot"; then fail "zero-length prepares are left out"; else pass; fi
expect_grep "$work/g.dot" '"web-01/acquire_transit" ->' "the graph still starts at the acquire"
# A plan file's drawing is its fleet's, servers in order: cgraph's own ids
# were the addresses of the names, and clusters came out in address order
# (srv-4 first here), which the plan reader's allocations and malloc's
# settings changed.
bench/gen_fleet --servers 5 --accounts 40 --seed 2 >"$work/five.ferry"
expect_exit 0 "plan of five servers" -- "$ferry" plan "$work/five.ferry" -o "$work/five.json"
expect_exit 0 "graph of the .ferry" -- "$ferry" graph "$work/five.ferry" -o "$work/five_ferry.dot"
expect_exit 0 "graph of the plan file" -- "$ferry" graph "$work/five.json" -o "$work/five_plan.dot"
GLIBC_TUNABLES=glibc.malloc.mmap_threshold=4096 "$ferry" graph "$work/five.json" -o "$work/five_tuned.dot" 2>/dev/null
if cmp -s "$work/five_ferry.dot" "$work/five_plan.dot" && cmp -s "$work/five_plan.dot" "$work/five_tuned.dot"; then pass
else fail "a plan file draws as its .ferry does, whatever malloc does"; fi
if [ "$(grep -o 'subgraph "cluster_srv-[0-9]*' "$work/five_plan.dot" | tr -dc '0-9')" = 01234 ]; then pass
else fail "servers are drawn in order"; fi
expect_exit 0 "graph --overview" -- "$ferry" graph examples/fleet.ferry --overview -o "$work/o.dot"
expect_grep "$work/o.dot" 'cluster_tr-small' "one box per transit"
python3 - "$work/o.dot" "$ferry" <<'PY' && pass || fail "graph --overview: one node per server, waits as simulated"
import json, re, subprocess, sys
dot = open(sys.argv[1]).read()
report = json.loads(subprocess.run([sys.argv[2], "simulate", "--json", "examples/fleet.ferry"], capture_output=True, check=True).stdout)
servers = re.findall(r'"server/([^"]+)"', dot)
assert sorted(set(servers)) == sorted(s["name"] for s in report["servers"]), servers
for s in report["servers"]:
    m = round(s["transit_wait_hours"] * 60)
    label = "no wait" if m == 0 else (f"wait {m // 60} h {m % 60:02d} min" if m >= 60 else None)
    if label:
        edge = re.search(r'-> "server/%s"\s*\[label="([^"]+)"' % re.escape(s["name"]), dot)
        assert edge and edge.group(1) == label, (s["name"], label, edge and edge.group(1))
PY
expect_exit 0 "graph --overview to svg" -- "$ferry" graph examples/fleet.ferry --overview -o "$work/o.svg"
expect_grep "$work/o.svg" "<svg" "the overview is drawn"
expect_exit 2 "--overview excludes --server" -- "$ferry" graph examples/fleet.ferry --overview --server web-01 -o "$work/o.svg"
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

# A file of a megabyte or more is parsed on two threads (decision 96); with
# no thread to be had it is read on one, not aborted.
bench/gen_fleet --servers 1100 --accounts 11000 --transits 46 --seed 3 >"$work/large.ferry"
if [ "$(stat -c %s "$work/large.ferry")" -lt 1048576 ]; then fail "the large fleet is under 1 MiB"; else pass; fi
expect_exit 0 "check a large clean file" -- "$ferry" check "$work/large.ferry"
expect_empty "$work/err" "a large clean file has no diagnostics"
# (a copy of ferry in the scratch folder: the build tree may be in a folder
# nobody cannot enter)
chmod 755 "$work" && chmod 644 "$work/large.ferry" && cp "$ferry" "$work/ferry-copy"
if [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null &&
  runuser -u nobody -- env ASAN_OPTIONS=detect_leaks=0 "$work/ferry-copy" --version >/dev/null 2>&1; then
  # (LeakSanitizer needs a thread of its own at exit: off for this run)
  expect_exit 0 "check a large file where no thread can be started" -- \
    runuser -u nobody -- env ASAN_OPTIONS=detect_leaks=0 bash -c 'ulimit -u 1 && exec "$0" check "$1"' \
    "$work/ferry-copy" "$work/large.ferry"
  # Parsing, the servers' checks, lowering and the run's layout and means
  # each fall back to one thread: the same report as with threads.
  "$ferry" simulate "$work/large.ferry" >"$work/large_threads.txt" 2>&1
  runuser -u nobody -- env ASAN_OPTIONS=detect_leaks=0 bash -c 'ulimit -u 1 && exec "$0" simulate "$1"' \
    "$work/ferry-copy" "$work/large.ferry" >"$work/large_one.txt" 2>&1
  if [ -s "$work/large_one.txt" ] && cmp -s "$work/large_threads.txt" "$work/large_one.txt"; then pass
  else fail "simulate of a large file on one thread reports what it reports with threads"; fi
else
  echo "skipped: the thread-limit check needs root, runuser and a user nobody"
fi

finish
