#!/usr/bin/env bash
# Crash safety (DESIGN §5.3): virtual-clock applies of the example fleet,
# whose commands append to a log, is killed with SIGKILL at KILLS (default
# 24) random instants and resumed each time. Then: an action journalled as
# finished at a kill was never started again afterwards; every action
# finished exactly once; the final journal equals an uninterrupted run's,
# times included.
# Usage: tests/cli/runtime_kill.sh path/to/ferry [KILLS] [SEED]
set -u
ferry=$(realpath "$1")
kills=${2:-24}
RANDOM=${3:-$$}
source "$(dirname "$0")/harness.sh"
root=$PWD
mkdir -p "$work/fleet"
cp -r "$root/examples/scripts" "$work/fleet/"
# Commands that take a while (as real ones do), so that kills land while
# some run: those must run again.
for script in "$work"/fleet/scripts/*; do sed -i 's/^set -eu$/set -eu; sleep 0.03/' "$script"; done
cp "$root/examples/fleet.ferry" "$work/fleet/"
cd "$work/fleet"
"$ferry" plan fleet.ferry -o p.json >/dev/null 2>&1 || { echo "cannot plan"; exit 1; }

# The uninterrupted run, and how long it takes (to pick kill instants in it).
"$ferry" approve p.json --by ref --journal ref.journal >/dev/null
begin=$(date +%s%N)
FERRY_REHEARSAL_LOG=$work/ref.log "$ferry" apply p.json --clock virtual --journal ref.journal >/dev/null 2>"$work/err" ||
  { fail "the uninterrupted run"; cat "$work/err"; }
span_ms=$((($(date +%s%N) - begin) / 1000000))
"$ferry" status --json --journal ref.journal >"$work/ref.json"
begin=$(date +%s%N)
"$ferry" status --journal ref.journal >/dev/null
startup_ms=$((($(date +%s%N) - begin) / 1000000))

total=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['actions']))" "$work/ref.json")
middle=0
# Rounds of a whole run each, on a fresh journal, until KILLS kills have
# landed in the middle of a run (a fast machine may finish a round early).
for ((round = 1; middle < kills && round <= 5; round++)); do
  "$ferry" approve p.json --by test --journal "k.$round.journal" >/dev/null
  export FERRY_REHEARSAL_LOG=$work/commands.$round.log
  : >"$FERRY_REHEARSAL_LOG"
  : >"$work/snapshots.$round"
  for ((k = 1; k <= 10 * kills; k++)); do
    "$ferry" apply p.json --clock virtual --journal "k.$round.journal" >>"$work/apply.out" 2>>"$work/apply.err" &
    pid=$!
    # A random kill instant (not a wait for something to happen: the test
    # holds whatever the instant), short enough that a run needs many.
    delay_ms=$((startup_ms + RANDOM % ((span_ms - startup_ms) / kills + 1)))
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    # What the journal says is finished now, and how far the command log is.
    python3 - "k.$round.journal" "$(wc -l <"$FERRY_REHEARSAL_LOG")" >>"$work/snapshots.$round" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
done = [row[0] for row in db.execute("SELECT id FROM actions WHERE state = 'done'")]
print(sys.argv[2], " ".join(done))
EOF
    done_now=$(($(tail -1 "$work/snapshots.$round" | wc -w) - 1))
    ((done_now > 0 && done_now < total)) && middle=$((middle + 1))
    ((done_now == total)) && break
  done
  "$ferry" apply p.json --clock virtual --journal "k.$round.journal" >/dev/null 2>"$work/err" &&
    pass || { fail "the last resume finishes round $round"; cat "$work/err"; }
  "$ferry" status --json --journal "k.$round.journal" >"$work/k.$round.json"
python3 - "$work/snapshots.$round" "$work/commands.$round.log" "$work/ref.json" "$work/k.$round.json" "k.$round.journal" "$kills" <<'EOF' && pass || fail "crash safety, round $round"
import json, sqlite3, sys
snapshots, log, ref, got, journal, kills = sys.argv[1:7]
lines = [line.split() for line in open(log)]
started = [next(w.split("=", 1)[1] for w in words if w.startswith("action=")) for words in lines]
problems = []
snaps = [line.split() for line in open(snapshots)]
for snap in snaps:
    at, done = int(snap[0]), set(snap[1:])
    again = [a for a in started[at:] if a in done]
    if again:
        problems.append(f"journalled as finished at a kill, started again afterwards: {again[:5]}")
db = sqlite3.connect(journal)
counts = dict(db.execute("SELECT action, count(*) FROM events WHERE what = 'done' GROUP BY action"))
ids = [row[0] for row in db.execute("SELECT id FROM actions")]
twice = [i for i in ids if counts.get(i, 0) != 1]
if twice:
    problems.append(f"not finished exactly once: {twice[:5]}")
def comparable(path):
    return [{k: a[k] for k in ("id", "state", "waiting_for", "planned", "actual")} for a in json.load(open(path))["actions"]]
if comparable(ref) != comparable(got):
    for a, b in zip(comparable(ref), comparable(got)):
        if a != b:
            problems.append(f"differs from the uninterrupted run: {a} vs {b}")
            break
moves = [i for i in ids if "/migrate/" in i or "/move_back/" in i]
missing = [i for i in moves if i not in started]
if missing:
    problems.append(f"never run: {missing[:5]}")
resumed = sum(1 for s in snaps if 0 < len(s) - 1 < len(ids))
print(f"{len(snaps)} kills, {resumed} in the middle of the run, {len(started)} command runs for {len(moves)} moves")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
done
((middle >= kills)) && pass || fail "only $middle kills in the middle of a run, wanted $kills"
echo "$middle kills in the middle of a run, in $((round - 1)) round(s)"
finish
