#!/usr/bin/env bash
# End-to-end tests of `ferry simulate --runs`: the JSON object of DESIGN
# §4.4, the same bytes for any thread count, usage errors, and no progress
# line when stderr is not a terminal.
# Usage: tests/cli/monte_carlo.sh path/to/ferry   (from the repository root)
set -u
ferry=$1
source "$(dirname "$0")/harness.sh"

cat >"$work/u.ferry" <<'FERRY'
fleet "f" { start = 2026-12-07 09:00  timezone = "Europe/Paris" }
calendar "night" { open = mon-sun 22:00-06:00 }
policy "default" { downtime = lognormal(2min, 10min)  install = triangular(2h, 3h, 8h)
  migrate_window = "night"  rollback_rate = 10%  migrate_delay = uniform(0s, 3d)  free_transit = 2d
  max_downtime = 20min }
transit "t" { cpu = 8 ram = 32GB disk = 1TB }
server "a" { cpu = 8 ram = 32GB disk = 500GB price = 90 EUR/month
  account "a1" { } account "a2" { } account "a3" { } }
server "b" { cpu = 8 ram = 32GB disk = 500GB price = 90 EUR/month account "b1" { } }
FERRY

expect_exit 0 "simulate --runs --json" -- "$ferry" simulate "$work/u.ferry" --runs 300 --seed 7 --threads 1 --json
cp "$work/out" "$work/one.json"
if [ -s "$work/err" ]; then fail "no progress line when stderr is not a terminal: $(head -c 200 "$work/err")"; else pass; fi
python3 - "$work/one.json" <<'PY' && pass || fail "the monte_carlo object of DESIGN 4.4"
import json, sys
d = json.load(open(sys.argv[1]))
mc = d["monte_carlo"]
assert mc["runs"] == 300 and mc["seed"] == 7, mc["runs"]
stats = {"mean", "p50", "p90", "p99", "max"}
for k in ("downtime_seconds", "transit_cost", "makespan_hours", "max_transit_wait_hours", "rollbacks", "window_overruns"):
    assert set(mc["totals"][k]) == stats, k
    t = mc["totals"][k]
    assert t["p50"] <= t["p90"] <= t["p99"] <= t["max"], (k, t)
assert [s["name"] for s in mc["servers"]] == ["a", "b"]
assert mc["servers"][0]["released"]["p90"].endswith(("+01:00", "+02:00"))
assert [a["name"] for a in mc["accounts"]] == ["a1", "a2", "a3", "b1"]
assert mc["accounts"][0]["server"] == "a"
assert mc["totals"]["rollbacks"]["max"] >= 1, "10 % of 1,200 attempts roll back"
p = [v["probability"] for v in mc["violations"]]
assert p == sorted(p, reverse=True) and all(0 < x <= 1 for x in p), p
assert all(v["kind"] in ("max_downtime", "deadline", "window_overrun") for v in mc["violations"])
PY
expect_exit 0 "simulate --runs --threads 2" -- "$ferry" simulate "$work/u.ferry" --runs 300 --seed 7 --threads 2 --json
if cmp -s "$work/out" "$work/one.json"; then pass; else fail "the same bytes for 1 and 2 threads"; fi
expect_exit 0 "simulate --runs, text" -- "$ferry" simulate "$work/u.ferry" --runs 50
if grep -q "Monte Carlo: 50 runs, seed 1" "$work/out" && grep -q "violation probabilities" "$work/out"; then pass; else
  fail "the text report has the Monte Carlo summary"; fi

expect_exit 2 "--runs 0 is a usage error" -- "$ferry" simulate "$work/u.ferry" --runs 0
expect_exit 2 "--seed without --runs" -- "$ferry" simulate "$work/u.ferry" --seed 3
expect_exit 2 "--runs with --csv" -- "$ferry" simulate "$work/u.ferry" --runs 3 --csv
expect_exit 2 "--runs with --explain" -- "$ferry" simulate "$work/u.ferry" --runs 3 --explain a

finish
