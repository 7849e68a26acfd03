#!/usr/bin/env bash
# Runs ferry and the independent reference model (tests/reference/simulate.py)
# on generated fleets and compares their JSON reports field by field.
# Usage: tests/reference/compare.sh path/to/ferry [fleets]   (from the repository root)
set -u
ferry=$1
count=${2:-24}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
starts=("2026-12-01 09:00" "2027-03-24 21:30" "2027-10-27 08:15" "2026-12-21 17:00")
for ((seed = 1; seed <= count; seed++)); do
  servers=$((3 + seed % 9)); accounts=$((servers * (1 + seed % 5))); transits=$((1 + seed % 4))
  start=${starts[$((seed % ${#starts[@]}))]}
  extra=(); ((seed % 3 == 0)) && extra=(--uncertain)
  ((seed % 2 == 0)) && extra+=(--varied)  # ready times, prepares, mixed ram/disk: requests at many instants
  bench/gen_fleet --servers "$servers" --accounts "$accounts" --transits "$transits" --seed "$seed" \
    --start "$start" "${extra[@]}" >"$work/f.ferry"
  if ! "$ferry" plan "$work/f.ferry" -o "$work/p.json" 2>"$work/err"; then
    failed=$((failed + 1)); echo "FAILED: seed $seed does not compile"; cat "$work/err"; continue
  fi
  "$ferry" simulate --json "$work/f.ferry" >"$work/ferry.json"
  python3 tests/reference/simulate.py "$work/p.json" >"$work/reference.json"
  if python3 - "$work/ferry.json" "$work/reference.json" <<'PY'; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: seed $seed (start $start ${extra[*]})"; fi
import json, sys
ferry, ref = (json.load(open(p)) for p in sys.argv[1:3])
for v in ferry["violations"]:
    v.pop("message")
ferry["violations"] = [v for v in ferry["violations"] if v["kind"] != "window_overrun"]
def diff(a, b, path):
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return f"{path}: keys {sorted(set(a) ^ set(b))}"
        for k in a:
            d = diff(a[k], b[k], f"{path}.{k}")
            if d: return d
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items vs {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, f"{path}[{i}]")
            if d: return d
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if abs(a - b) > 1e-9 * max(1, abs(a)):
            return f"{path}: {a} vs {b}"
    elif a != b:
        return f"{path}: {a!r} vs {b!r}"
    return None
d = diff(ferry, ref, "$")
if d:
    print("  ferry vs reference:", d)
    sys.exit(1)
PY
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
