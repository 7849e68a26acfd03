#!/usr/bin/env python3
"""A virtual-clock run's action times against `ferry simulate --json`'s:
every interval simulate reports (transit install, each account's migrate and
move back, the reinstall; the acquisition and the release) must be the
journal's actual times of the same action, to the second.
Usage: runtime_times.py SIMULATE.json STATUS.json"""
import json
import sys

simulated = json.load(open(sys.argv[1]))
status = {a["id"]: a for a in json.load(open(sys.argv[2]))["actions"]}
wrong = []


def same(what, action_id, part, want):
    action = status.get(action_id)
    got = action and action["actual"] and action["actual"][part]
    if got != want:
        wrong.append(f"{action_id} {part}: the run has {got}, simulate {want} ({what})")


checked = 0
for server in simulated["servers"]:
    name = server["name"]
    same("acquired", f"{name}/acquire_transit", "start", server["acquired"])
    same("released", f"{name}/release_transit", "end", server["released"])
    for part in ("start", "end"):
        same("install", f"{name}/install_transit", part, server["install"][part])
        same("reinstall", f"{name}/reinstall", part, server["reinstall"][part])
    for account in server["accounts"]:
        for kind in ("migrate", "move_back"):
            for part in ("start", "end"):
                same(kind, f"{name}/{kind}/{account['name']}", part, account[kind][part])
    checked += 1
if checked == 0:
    wrong.append("simulate reported no server")
if not all(a["state"] == "done" for a in status.values()):
    wrong.append("not every action is done")
for line in wrong[:20]:
    print(line)
sys.exit(1 if wrong else 0)
