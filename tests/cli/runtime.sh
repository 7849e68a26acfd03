#!/usr/bin/env bash
# End-to-end tests of the runtime (DESIGN §5): approve and apply, each
# refusal of apply, a failing action that pauses its server only, a manual
# gate confirmed from another process while apply runs, retry, rollback,
# and a virtual-clock rehearsal whose times are `ferry simulate`'s.
# Usage: tests/cli/runtime.sh path/to/ferry   (from the repository root)
set -u
ferry=$(realpath "$1")
source "$(dirname "$0")/harness.sh"
root=$PWD

# A fleet in the scratch folder, with the example's stand-in scripts beside it.
fresh() {  # name: a new folder with seed.ferry, scripts/ and its plan p.json
  local dir=$work/$1
  mkdir -p "$dir"
  cp -r "$root/examples/scripts" "$dir/"
  cp "$root/examples/seed.ferry" "$dir/seed.ferry"
  (cd "$dir" && "$ferry" plan seed.ferry -o p.json >/dev/null 2>&1)
  echo "$dir"
}
in_dir() { local dir=$1; shift; (cd "$dir" && "$@"); }
expect_in() {  # exit, what, dir, -- command...
  local want=$1 what=$2 dir=$3; shift 4
  (cd "$dir" && "$@") >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then pass; else fail "$what: exit $got, wanted $want"; cat "$work/err"; fi
}
expect_err() {  # text, what
  if grep -qF -- "$1" "$work/err"; then pass; else fail "$2: stderr lacks '$1'"; cat "$work/err"; fi
}
# Waits (a bounded poll, not a sleep that makes a test pass) until `status`
# shows a line matching $2.
wait_status() {  # dir, pattern
  for _ in $(seq 1 300); do
    (cd "$1" && "$ferry" status --plan p.json 2>/dev/null) | grep -qE -- "$2" && return 0
    sleep 0.1
  done
  return 1
}

# --- refusals ---------------------------------------------------------------
d=$(fresh refusals)
expect_in 1 "not approved" "$d" -- "$ferry" apply p.json --clock virtual
expect_err "not approved in this journal" "apply names what is missing"

expect_in 0 "approve" "$d" -- "$ferry" approve p.json --by alice
grep -q "approved p.json" "$work/out" && pass || fail "approve says what it recorded"

# Any byte of content changed, the stamp recomputed: not the approved plan.
python3 - "$d/p.json" "$d/tampered.json" <<'EOF'
import hashlib, json, sys
plan = json.loads(open(sys.argv[1], encoding="utf-8").read())
del plan["plan_sha256"]
plan["runtime"]["retries"] += 1
body = json.dumps(plan, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
open(sys.argv[2], "w", encoding="utf-8").write(body[:-1] + ',"plan_sha256":"' + digest + '"}\n')
EOF
expect_in 1 "content changed since approval" "$d" -- "$ferry" apply tampered.json --clock virtual
expect_err "changed since it was approved" "tampered plan names the approval"

# A byte changed without the stamp: the reader refuses it first.
sed 's/"retries":1,/"retries":3,/' "$d/p.json" >"$d/unstamped.json"
cmp -s "$d/p.json" "$d/unstamped.json" && fail "the unstamped copy differs from the plan"
expect_in 1 "content changed, stamp not" "$d" -- "$ferry" apply unstamped.json --clock virtual
expect_err "plan_sha256" "the unstamped change is named"

# The source edited after `ferry plan`: stale.
d2=$(fresh stale)
in_dir "$d2" "$ferry" approve p.json --by alice >/dev/null
echo "# edited" >>"$d2/seed.ferry"
expect_in 1 "stale plan" "$d2" -- "$ferry" apply p.json --clock virtual
expect_err "stale" "stale is said"

# No move_back command: cannot be applied.
d3=$work/nomove
mkdir -p "$d3" && cp -r "$root/examples/scripts" "$d3/"
sed '/move_back = /d' "$root/examples/seed.ferry" >"$d3/seed.ferry"
in_dir "$d3" "$ferry" plan seed.ferry -o p.json >/dev/null 2>&1
in_dir "$d3" "$ferry" approve p.json --by alice >/dev/null
expect_in 1 "runtime block without move_back" "$d3" -- "$ferry" apply p.json --clock virtual
expect_err "move_back" "the missing key is named"

# A .ferry file is not what is approved.
expect_in 1 "approve a .ferry file" "$d" -- "$ferry" approve seed.ferry --by alice
expect_err "not a plan file" "approve says a plan file is needed"

# --- a second apply on the same journal -------------------------------------
d4=$(fresh second)
in_dir "$d4" "$ferry" approve p.json --by alice >/dev/null
(cd "$d4" && exec "$ferry" apply p.json --clock virtual --manual wait >"$work/first.out" 2>"$work/first.err") &
first=$!
if wait_status "$d4" "install_transit +waiting \(for confirmation\)"; then pass; else fail "the first apply waits for a confirmation"; fi
expect_in 1 "a second apply" "$d4" -- "$ferry" apply p.json --clock virtual --manual wait
expect_err "another \`ferry apply\` is running" "the second apply says why"

# --- a manual gate confirmed from another process while apply runs -----------
expect_in 1 "confirm an action that does not wait" "$d4" -- "$ferry" confirm web-01/migrate/shop --by bob --plan p.json
expect_err "does not wait for a confirmation" "confirm refuses what is not waiting"
expect_in 0 "confirm the transit install" "$d4" -- "$ferry" confirm web-01/install_transit --by bob --plan p.json
grep -q "confirmed" "$work/out" && pass || fail "confirm reports the running apply's answer"
if wait_status "$d4" "reinstall +waiting \(for confirmation\)"; then pass; else fail "the run goes on to the reinstall"; fi
expect_in 0 "confirm the reinstall" "$d4" -- "$ferry" confirm web-01/reinstall --by bob --plan p.json
wait "$first"
status=$?
[ "$status" -eq 0 ] && pass || { fail "the confirmed apply ends: exit $status"; cat "$work/first.err"; }
expect_in 0 "status --json" "$d4" -- "$ferry" status --plan p.json --json
python3 - "$work/out" <<'EOF' && pass || fail "every action done, the install confirmed by bob"
import json, sys
s = json.load(open(sys.argv[1]))
states = {a["id"]: a["state"] for a in s["actions"]}
assert all(v == "done" for v in states.values()), states
install = next(a for a in s["actions"] if a["id"] == "web-01/install_transit")
assert install["message"] == "confirmed by bob", install
EOF

# --- a failing action pauses its server only; retry ---------------------------
d5=$work/failing
mkdir -p "$d5/scripts"
cp "$root/examples/scripts/"* "$d5/scripts/"
cat >"$d5/scripts/migrate" <<'EOF'
#!/bin/sh
# Fails for server web-01 while the file "broken" exists; counts attempts.
echo "$FERRY_ACTION $FERRY_ATTEMPT" >>"$(dirname "$0")/../attempts"
[ "$1" = web-01 ] && [ -e "$(dirname "$0")/../broken" ] && { echo "cannot reach $1" >&2; exit 7; }
exit 0
EOF
chmod +x "$d5/scripts/migrate"
touch "$d5/broken"
cat "$root/examples/seed.ferry" >"$d5/seed.ferry"
sed -e 's/server "web-01"/server "web-02"/' -e 's/account "shop"/account "shop2"/' -e 's/account "blog"/account "blog2"/' \
  "$root/examples/seed.ferry" | sed -n '/^server "web-02"/,/^}/p' >>"$d5/seed.ferry"
sed -i 's/transit "tr-1" {/transit "tr-2" { cpu = 8  ram = 32GB  disk = 1TB }\ntransit "tr-1" {/' "$d5/seed.ferry"
in_dir "$d5" "$ferry" plan seed.ferry -o p.json >/dev/null 2>"$work/err" || { fail "the two-server fleet plans"; cat "$work/err"; }
in_dir "$d5" "$ferry" approve p.json --by alice >/dev/null
expect_in 3 "an action failed" "$d5" -- "$ferry" apply p.json --clock virtual
expect_err "1 action failed" "apply says how many failed"
expect_in 0 "status after the failure" "$d5" -- "$ferry" status --plan p.json --json
python3 - "$work/out" <<'EOF' && pass || fail "web-01 paused at its failed migrate, web-02 done"
import json, sys
s = {a["id"]: a for a in json.load(open(sys.argv[1]))["actions"]}
failed = [i for i, a in s.items() if a["state"] == "failed"]
assert len(failed) == 1 and failed[0].startswith("web-01/migrate/"), failed
assert s[failed[0]]["attempts"] == 2, s[failed[0]]          # retries = 1
assert "exited with status 7" in s[failed[0]]["message"], s[failed[0]]
assert all(a["state"] == "done" for i, a in s.items() if i.startswith("web-02/")), s
assert s["web-01/reinstall"]["state"] != "done"
others = [i for i in s if i.startswith("web-01/migrate/") and i != failed[0]]
assert others and all(s[i]["state"] != "done" and s[i]["attempts"] == 0 for i in others), others  # paused
EOF
expect_in 1 "retry an action that has not failed" "$d5" -- "$ferry" retry web-02/migrate/shop2 --plan p.json
expect_err "only a failed" "retry refuses what has not failed"
rm "$d5/broken"
failed_id=$(grep -o 'web-01/migrate/[a-z]*' "$d5/attempts" | head -1)
expect_in 0 "retry the failed migrate" "$d5" -- "$ferry" retry "$failed_id" --plan p.json
expect_in 0 "apply again after the retry" "$d5" -- "$ferry" apply p.json --clock virtual
expect_in 0 "status after the retry" "$d5" -- "$ferry" status --plan p.json --json
python3 - "$work/out" "$d5/attempts" <<'EOF' && pass || fail "everything done; no finished action ran again"
import json, sys
s = json.load(open(sys.argv[1]))["actions"]
assert all(a["state"] == "done" for a in s), [a for a in s if a["state"] != "done"]
runs = [line.split()[0] for line in open(sys.argv[2])]
for action in set(runs):
    if not action.startswith("web-01/migrate/"):
        assert runs.count(action) == 1, (action, runs)
EOF

# --- rollback ---------------------------------------------------------------
# blog's migrate holds until the file "go" exists: shop is migrated, the
# reinstall has not started, and shop can be rolled back.
d6=$(fresh rollback)
cat >"$d6/scripts/migrate" <<'EOF'
#!/bin/sh
echo "$FERRY_ACTION $FERRY_ATTEMPT" >>"$(dirname "$0")/../attempts"
if [ "$2" = blog ]; then
  for _ in $(seq 1 600); do [ -e "$(dirname "$0")/../go" ] && exit 0; sleep 0.1; done
  exit 1
fi
EOF
in_dir "$d6" "$ferry" approve p.json --by alice >/dev/null
(cd "$d6" && exec "$ferry" apply p.json --clock virtual --manual wait >"$work/rb.out" 2>"$work/rb.err") &
run=$!
if wait_status "$d6" "install_transit +waiting \(for confirmation\)"; then pass; else fail "the install waits"; fi
expect_in 1 "rollback before the migrate" "$d6" -- "$ferry" rollback --account web-01/shop --plan p.json
expect_err "not done" "rollback refuses an account not migrated"
in_dir "$d6" "$ferry" confirm web-01/install_transit --by bob --plan p.json >/dev/null
if wait_status "$d6" "migrate/blog +running"; then pass; else fail "shop migrated, blog migrating"; fi
expect_in 0 "rollback an account" "$d6" -- "$ferry" rollback --account web-01/shop --by carol --plan p.json
grep -q "rolled back" "$work/out" && pass || { fail "rollback reports the answer"; cat "$work/out" "$work/err"; }
touch "$d6/go"
if wait_status "$d6" "reinstall +waiting \(for confirmation\)"; then pass; else fail "migrated again, the reinstall waits"; fi
grep -c "web-01/migrate/shop" "$d6/attempts" | grep -qx 2 && pass || fail "shop was migrated again after its rollback"
expect_in 1 "rollback once the reinstall started" "$d6" -- "$ferry" rollback --account web-01/shop --plan p.json
expect_err "reinstall has started" "the refusal says why"
# apply holds the same rule: a request that reaches the journal anyway (here
# written straight into it, as one racing the reinstall's start would) is
# answered with a refusal, and nothing is rolled back.
answer=$(python3 - "$d6/acme.journal" <<'EOF'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=30)
db.execute("INSERT INTO requests(kind, action, by, at) VALUES('rollback', 'web-01/shop', 'mallory', '2026-11-26T00:00:00Z')")
db.commit()
for _ in range(300):  # apply reads requests when the journal changes
    row = db.execute("SELECT answer FROM requests WHERE by = 'mallory'").fetchone()
    if row[0]:
        break
    time.sleep(0.1)
print(row[0])
EOF
)
[ "$answer" = "refused: the server's reinstall has started" ] && pass ||
  fail "apply refuses a rollback request once the reinstall started: '$answer'"
in_dir "$d6" "$ferry" confirm web-01/reinstall --by bob --plan p.json >/dev/null
wait "$run" && pass || { fail "the run with a rollback ends"; cat "$work/rb.err"; }
ls "$d6"/acme.journal.logs/rollback__web-01__migrate__shop.*.log >/dev/null 2>&1 && pass ||
  fail "the rollback command's log is beside the journal"

# --- the rehearsal's times are simulate's, to the second ----------------------
# Generated fleets too: servers ready at different times, prepares, mixed
# transits (bench/gen_fleet --varied), with the example's runtime block.
for seed in 1 2 3; do
  python3 "$root/bench/gen_fleet" --servers 8 --accounts 40 --transits 3 --seed "$seed" --varied >"$work/generated-$seed.ferry"
  sed -n '/^runtime {/,/^}/p' "$root/examples/fleet.ferry" >>"$work/generated-$seed.ferry"
done
for example in seed fleet generated-1 generated-2 generated-3; do
  d7=$work/times-$example
  mkdir -p "$d7" && cp -r "$root/examples/scripts" "$d7/"
  if [ -e "$root/examples/$example.ferry" ]; then cp "$root/examples/$example.ferry" "$d7/"; else cp "$work/$example.ferry" "$d7/"; fi
  in_dir "$d7" "$ferry" plan "$example.ferry" -o p.json >/dev/null 2>&1
  in_dir "$d7" "$ferry" approve p.json --by alice >/dev/null
  expect_in 0 "rehearse $example" "$d7" -- "$ferry" apply p.json --clock virtual
  in_dir "$d7" "$ferry" status --plan p.json --json >"$d7/status.json"
  in_dir "$d7" "$ferry" simulate "$example.ferry" --json >"$d7/simulate.json" 2>/dev/null
  python3 "$root/tests/cli/runtime_times.py" "$d7/simulate.json" "$d7/status.json" && pass ||
    fail "$example: the virtual run's times are simulate's"
done

# --- on_interrupt = ask: a command running when apply died waits for the operator
d9=$(fresh ask)
sed -i 's/on_interrupt = rerun/on_interrupt = ask/' "$d9/seed.ferry"
cat >"$d9/scripts/migrate" <<'EOF'
#!/bin/sh
echo "$FERRY_ACTION $FERRY_ATTEMPT" >>"$(dirname "$0")/../attempts"
for _ in $(seq 1 600); do [ -e "$(dirname "$0")/../go" ] && exit 0; sleep 0.1; done
exit 1
EOF
in_dir "$d9" "$ferry" plan seed.ferry -o p.json >/dev/null 2>&1
in_dir "$d9" "$ferry" approve p.json --by alice >/dev/null
(cd "$d9" && exec "$ferry" apply p.json --clock virtual >/dev/null 2>&1) &
doomed=$!
if wait_status "$d9" "migrate/shop +running"; then pass; else fail "shop's migrate runs"; fi
kill -9 "$doomed"
wait "$doomed" 2>/dev/null
(cd "$d9" && exec "$ferry" apply p.json --clock virtual >"$work/ask.out" 2>"$work/ask.err") &
resumed=$!
if wait_status "$d9" "migrate/shop +waiting \(for operator\)"; then pass; else fail "the interrupted migrate waits for the operator"; fi
grep -c "web-01/migrate/shop" "$d9/attempts" | grep -qx 1 && pass || fail "not run again before the operator says so"
touch "$d9/go"
expect_in 0 "retry the interrupted migrate" "$d9" -- "$ferry" retry web-01/migrate/shop --plan p.json
wait "$resumed" && pass || { fail "the resumed run ends"; cat "$work/ask.err"; }
grep -c "web-01/migrate/shop 2" "$d9/attempts" | grep -qx 1 && pass || fail "run again once, as attempt 2"

# --- the real clock: a fleet that started in the past runs at once ------------
d8=$work/real
mkdir -p "$d8" && cp -r "$root/examples/scripts" "$d8/"
cat >"$d8/now.ferry" <<'EOF'
fleet "now" { start = 2026-01-01 00:00 }
transit "t" { cpu = 8  ram = 32GB  disk = 1TB }
server "s" {
  cpu = 4  ram = 8GB  disk = 100GB  price = 10 EUR/month
  account "a" { databases = 1GB }
  account "b" { databases = 2GB }
}
runtime {
  journal   = "real.journal"
  migrate   = "scripts/migrate {server} {account} {transit}"
  move_back = "scripts/move-back {server} {account}"
  install_transit = "/bin/true {server}"
  reinstall = "/bin/true {server}"
}
EOF
in_dir "$d8" "$ferry" plan now.ferry -o p.json >/dev/null 2>&1
in_dir "$d8" "$ferry" approve p.json --by alice >/dev/null
began=$(date -u +%s)
expect_in 0 "a real-clock run" "$d8" -- "$ferry" apply p.json
in_dir "$d8" "$ferry" status --plan p.json --json >"$d8/status.json"
python3 - "$d8/status.json" "$began" "$(date -u +%s)" <<'EOF' && pass || fail "real times: every action done between the run's start and end"
import datetime, json, sys
s = json.load(open(sys.argv[1]))
began, ended = int(sys.argv[2]), int(sys.argv[3])
assert s["clock"] == "real"
for a in s["actions"]:
    assert a["state"] == "done", a
    for part in ("start", "end"):
        t = datetime.datetime.fromisoformat(a["actual"][part]).timestamp()
        assert began - 1 <= t <= ended + 1, (a["id"], part, a["actual"][part])
EOF
expect_in 1 "a virtual run on the real run's journal" "$d8" -- "$ferry" apply p.json --clock virtual
expect_err "real clock" "the clocks are kept apart"

# --- status counts servers by their release action, not by an id's end ------
# (an account may be called release_transit: its moves' ids end the same way)
d9=$(fresh named)
sed -i 's/account "shop"/account "release_transit"/' "$d9/seed.ferry"
in_dir "$d9" "$ferry" plan seed.ferry -o p.json >/dev/null 2>&1
expect_in 0 "approve a fleet with an account called release_transit" "$d9" -- \
  "$ferry" approve p.json --by me --journal r.journal
expect_in 0 "rehearse it" "$d9" -- "$ferry" apply p.json --clock virtual --journal r.journal
expect_in 0 "its status" "$d9" -- "$ferry" status --journal r.journal
if grep -q "servers released: 1 of 1" "$work/out"; then pass
else fail "an account called release_transit is not a server"; cat "$work/out"; fi

# --- the README's rehearsal command works as written -------------------------
readme_command=$(grep -o 'cd examples && f=.*' "$root/README.md" | head -1)
mkdir -p "$work/readme" && cp -r "$root/examples" "$work/readme/"
if [ -n "$readme_command" ] &&
  (cd "$work/readme" && eval "${readme_command//..\/build\/release\/cli\/ferry/$ferry}") >"$work/out" 2>"$work/err" &&
  grep -q "10 done, 0 running, 0 waiting, 0 pending, 0 failed" "$work/out" &&
  grep -q "servers released: 1 of 1" "$work/out" && grep -q "on plan (last done: " "$work/out"; then pass
else fail "the README's rehearsal and status's summary"; cat "$work/out" "$work/err"; fi

finish
