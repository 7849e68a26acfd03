#!/usr/bin/env bash
# A plan file's content is what is simulated: a plan edited by hand (move
# order reversed, one migrate's window removed) and re-stamped the way
# `ferry plan` stamps it runs as edited, not as its policy would have it.
# Usage: tests/cli/plan_as_written.sh path/to/ferry   (from the repository root)
set -u
ferry=$1
source "$(dirname "$0")/harness.sh"

# Night moves; as compiled: largest first (shop, then blog), both at night.
cat >"$work/f.ferry" <<'FERRY'
fleet "f" { start = 2026-12-07 06:00  timezone = "Europe/Paris" }
calendar "night" { open = mon-sun 22:00-06:00 }
policy "default" { install = 1h  reinstall = 1h  migrate_window = "night"  order = largest_first }
transit "t" { cpu = 8  ram = 8GB  disk = 100GB }
server "web" { cpu = 8  ram = 8GB  disk = 100GB  price = 30 EUR/month
  account "shop" { databases = 12GB }
  account "blog" { databases = 400MB }
}
FERRY
"$ferry" plan "$work/f.ferry" -o "$work/plan.json" || fail "plan"
"$ferry" simulate --json "$work/plan.json" >"$work/as_compiled.json" || fail "simulate the plan as compiled"

python3 - "$work/plan.json" "$work/edited.json" <<'PY' || fail "edit the plan"
import hashlib, json, sys
d = json.load(open(sys.argv[1]))
d.pop("plan_sha256")
server = d["servers"][0]
server["move_order"].reverse()                     # blog first now
columns = d["action_columns"]
kind, account, window = (columns.index(c) for c in ("kind", "account", "window"))
blog = [row[d["account_columns"].index("name")] for row in server["accounts"]].index("blog")
for row in d["actions"]:
    if row[kind] == "migrate" and row[account] == blog:
        row[window] = None                         # blog's migrate: no window any more
canonical = json.dumps(d, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
d["plan_sha256"] = hashlib.sha256(canonical.encode()).hexdigest()
open(sys.argv[2], "w").write(canonical[:-1] + ',"plan_sha256":"' + d["plan_sha256"] + '"}')
PY
"$ferry" simulate --json "$work/edited.json" >"$work/edited_out.json" 2>"$work/err" || { fail "simulate the edited plan"; cat "$work/err"; }

python3 - "$work/as_compiled.json" "$work/edited_out.json" <<'PY' && pass || fail "the edited plan is simulated as edited"
import json, sys
before, after = (json.load(open(p)) for p in sys.argv[1:3])
def moves(report):
    return {a["name"]: (a["migrate"]["start"], a["move_back"]["start"]) for a in report["servers"][0]["accounts"]}
b, a = moves(before), moves(after)
# As compiled: install 06:00-07:00 (Paris), shop at 22:00, blog after it.
assert b["shop"][0] == "2026-12-07T22:00:00+01:00", b
assert b["blog"][0] == "2026-12-07T22:12:30+01:00", b
# As edited: blog first and without a window (at once, 07:00), then shop at night.
assert a["blog"][0] == "2026-12-07T07:00:00+01:00", a
assert a["shop"][0] == "2026-12-07T22:00:00+01:00", a
# Move backs follow the edited order too.
assert a["blog"][1] < a["shop"][1], a
PY

finish
