#!/usr/bin/env bash
# The JSON Schemas of docs/schema/ against real outputs: simulate --json and
# plan -o of every example, check --json of every tests/bad file, compare
# --json. A schema that stops matching what ferry writes fails here.
# Usage: tests/schema/validate.sh path/to/ferry   (from the repository root)
set -u
ferry=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
documents=()
for example in examples/*.ferry; do
  name=$(basename "$example" .ferry)
  "$ferry" simulate --json "$example" >"$work/simulate-$name.json" || { echo "FAILED: simulate $example"; exit 1; }
  "$ferry" plan "$example" -o "$work/plan-$name.json" >/dev/null || { echo "FAILED: plan $example"; exit 1; }
  documents+=("simulate:$work/simulate-$name.json" "plan:$work/plan-$name.json")
done
"$ferry" check --json tests/bad/*.ferry examples/*.ferry "$work/missing.ferry" >"$work/check.json"
documents+=("check:$work/check.json")
"$ferry" compare --json examples/seed.ferry --set fleet.support_capacity=1 --set transit.tr-1.busy_until="2026-12-01 09:00" \
  >"$work/compare.json" || { echo "FAILED: compare"; exit 1; }
documents+=("compare:$work/compare.json")
python3 - "${documents[@]}" <<'PY'
import json, sys
from jsonschema import Draft202012Validator
failed = 0
for item in sys.argv[1:]:
    kind, path = item.split(":", 1)
    schema = json.load(open(f"docs/schema/{kind}.schema.json"))
    Draft202012Validator.check_schema(schema)
    errors = list(Draft202012Validator(schema).iter_errors(json.load(open(path))))
    for e in errors[:5]:
        print(f"FAILED: {kind} schema on {path}: {'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
    failed += bool(errors)
    # A schema that accepts anything would pass too: it must reject a wrong document.
    wrong = {"servers": "not an array"} if kind != "check" else [{"severity": "fatal"}]
    if Draft202012Validator(schema).is_valid(wrong):
        print(f"FAILED: the {kind} schema accepts a wrong document")
        failed += 1
print(f"{len(sys.argv) - 1} documents validated, {failed} failed")
sys.exit(1 if failed else 0)
PY
