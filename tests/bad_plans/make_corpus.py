#!/usr/bin/env python3
"""Writes the corpus of tampered plan files: each is the seed's plan with one
change an attacker or a careless hand could make, stamped again with a valid
plan_sha256 (anyone can recompute it) unless the change is to the stamp
itself. run.sh checks that ferry refuses each with the message in its
.expected file.

Usage (from the repository root):
  ferry plan examples/seed.ferry -o /tmp/seed.json
  tests/bad_plans/make_corpus.py /tmp/seed.json tests/bad_plans
then regenerate the .expected files: FERRY_UPDATE_GOLDEN=1 tests/bad_plans/run.sh ferry
and read every line of them."""
import copy
import hashlib
import json
import sys

good_text = open(sys.argv[1], encoding="utf-8").read()
out = sys.argv[2]
good = json.loads(good_text)
del good["plan_sha256"]


def canonical(d):
    return json.dumps(d, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def stamped(text):
    """A JSON object's text with the hash member appended, as ferry does."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return text[:-1] + ',"plan_sha256":"' + digest + '"}\n'


def mutate(change):
    d = copy.deepcopy(good)
    change(d)
    return stamped(canonical(d))


def setter(path, value):
    def change(d):
        *parents, last = path
        for key in parents:
            d = d[key]
        d[last] = value
    return change


def program(text, code):
    return {"text": text, "code": code}


cases = {
    # What the hash covers: everything, and nothing follows it.
    "after_hash_fleet": good_text[:-2] + ',"fleet":{"name":"evil"}}\n',
    "after_hash_runtime": good_text[:-2]
    + ',"runtime":{"journal":"j","migrate":"rm -rf / {server}","move_back":"x","rollback":"x",'
    '"install_transit":"manual","reinstall":"manual","timeout_seconds":60,"retries":0,"on_interrupt":"rerun"}}\n',
    "repeated_key": stamped('{"format":"ferry-plan",' + canonical(good)[1:]),
    "unknown_member": mutate(setter(["fleet", "owner"], "mallory")),
    "hash_mismatch": good_text.replace('"acme"', '"acmf"', 1),
    "byte_order_mark": "\ufeff" + good_text,
    "reindented": stamped(json.dumps(good, indent=1, sort_keys=True, ensure_ascii=False)),
    # Values the compiler could not have produced.
    "time_99_99_99": mutate(setter(["fleet", "start"], "2026-12-01T99:99:99+01:00")),
    "negative_hour": mutate(setter(["fleet", "start"], "2026-12-01T-1:00:00+01:00")),
    "year_1013": mutate(setter(["servers", 0, "ready"], "1013-12-01T09:00:00+00:09")),
    "negative_ram": mutate(setter(["servers", 0, "ram_bytes"], "-32000000000")),
    "cpu_2_64_minus_1": mutate(setter(["servers", 0, "cpu"], 18446744073709551615)),
    "price_12abc": mutate(setter(["servers", 0, "price_per_month"], "12abc")),
    "price_1_2_3": mutate(setter(["servers", 0, "price_per_month"], "1.2.3")),
    "price_40_decimals": mutate(setter(["servers", 0, "price_per_month"], "0." + "0" * 39 + "1")),
    "price_7_decimals": mutate(setter(["servers", 0, "price_per_month"], "31.1549999")),
    "price_huge": mutate(setter(["servers", 0, "price_per_month"], "999999999999999999")),
    "policy_index_half": mutate(setter(["servers", 0, "policy"], 0.5)),
    "version_2_32_plus_1": mutate(setter(["version"], 4294967297)),
    "dns_unknown": mutate(setter(["servers", 0, "accounts", 0, 4], "cloudflare")),
    "move_back_by_unknown": mutate(setter(["policies", 0, "move_back_by"], "robot")),
    "mode_unknown": mutate(setter(["actions", 0, 5], "later")),
    "rollback_rate_2": mutate(setter(["policies", 0, "rollback_rate"], 2)),
    "name_empty": mutate(setter(["servers", 0, "name"], "")),
    "name_duplicate": mutate(setter(["servers", 0, "accounts", 1, 0], "shop")),
    "name_escape_sequence": mutate(setter(["fleet", "name"], "\x1b[2J\x1b[31mpwned")),
    "constant_1_over_0": mutate(setter(["policies", 0, "downtime", "code", 1, 1], "1/0")),
    "constant_0_over_0": mutate(setter(["policies", 0, "install", "code", 0, 1], "0/0")),
    # Consistent values that only the compiler can tell apart.
    "actions_empty": mutate(setter(["actions"], [])),
    "migrate_without_account": mutate(setter(["actions", 6, 3], None)),
    "program_not_its_text": mutate(setter(["policies", 0, "downtime", "code", 0, 1], "3000")),
    "dependency_dropped": mutate(setter(["actions", 6, 6], [])),
    # The same dependencies as ferry's, listed in another order: not the
    # text ferry writes (it lists them by index).
    "after_out_of_order": mutate(setter(["actions", 4, 6], [8, 6])),
    "division_by_zero_for_an_account": mutate(setter(["policies", 0, "downtime"], program(
        "1h / (databases / 1GB - 12)",
        [["constant", "3600"], ["variable", "databases"], ["constant", "1000000000"], ["divide"],
         ["constant", "12"], ["subtract"], ["divide"]]))),
    "uniform_arguments_reversed": mutate(setter(["policies", 0, "downtime"], program(
        "uniform(10min, 1min)", [["constant", "600"], ["constant", "60"], ["uniform"]]))),
}

for name, text in sorted(cases.items()):
    with open(f"{out}/{name}.json", "w", encoding="utf-8") as f:
        f.write(text)
