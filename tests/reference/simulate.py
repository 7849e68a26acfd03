#!/usr/bin/env python3
"""An independent reference model of DESIGN.md §4 (deterministic run).

Reads a ferry plan file (`ferry plan FILE -o P.json`) and prints the JSON of
§4.1, written from the text of DESIGN.md with Python's own tools: zoneinfo
for time zones, Fraction for exact durations and billing. It shares no code
with ferry; tests/reference/compare.sh runs both on generated fleets and
diffs their outputs. Slow and simple on purpose: minute-free, but linear
scans everywhere.
"""
import json
import sys
from datetime import datetime, timedelta, timezone, date
from fractions import Fraction
from math import exp, log
from zoneinfo import ZoneInfo

DAY = 86400
UTC = timezone.utc


class Zone:
    def __init__(self, name):
        self.tz = ZoneInfo(name)

    def offset(self, t):
        return int(datetime.fromtimestamp(t, UTC).astimezone(self.tz).utcoffset().total_seconds())

    def resolve(self, local):
        """Local wall seconds -> (instant, kind): a gap gives its end, an overlap the earlier instant."""
        naive = datetime(1970, 1, 1) + timedelta(seconds=local)
        candidates = []
        for fold in (0, 1):
            aware = naive.replace(tzinfo=self.tz, fold=fold)
            t = int(aware.timestamp())
            if t + self.offset(t) == local:
                candidates.append(t)
        if candidates:
            return min(candidates), ("ambiguous" if len(set(candidates)) > 1 else "unique")
        # In a gap: the end of the gap is the instant the offset changes.
        lo = int(naive.replace(tzinfo=self.tz, fold=1).timestamp())
        hi = int(naive.replace(tzinfo=self.tz, fold=0).timestamp())
        lo, hi = min(lo, hi), max(lo, hi)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.offset(mid) == self.offset(lo):
                lo = mid
            else:
                hi = mid
        return hi, "gap"

    def iso(self, t):
        off = self.offset(t)
        local = datetime(1970, 1, 1) + timedelta(seconds=t + off)
        sign = "-" if off < 0 else "+"
        off = abs(off)
        return local.strftime("%Y-%m-%dT%H:%M:%S") + "%s%02d:%02d" % (sign, off // 3600, off // 60 % 60)

    def local_date(self, t):
        return (datetime(1970, 1, 1) + timedelta(seconds=t + self.offset(t))).date()


def parse_iso(text):
    return int(datetime.fromisoformat(text).timestamp())


class Calendar:
    def __init__(self, spec, zone, first_day, last_day):
        openings = []
        for day in range(first_day - 1, last_day):
            weekday = (day + 3) % 7  # 1970-01-01 was a Thursday; 0 = Monday
            for rule in spec["rules"]:
                if not rule["days"] >> weekday & 1 or rule["start_seconds"] == rule["end_seconds"]:
                    continue
                s = day * DAY + rule["start_seconds"]
                e = day * DAY + rule["end_seconds"] if rule["end_seconds"] > rule["start_seconds"] \
                    else (day + 1) * DAY + rule["end_seconds"]
                a, b = zone.resolve(s)[0], zone.resolve(e)[0]
                if b > a:
                    openings.append([a, b])
        holes = []
        for text in spec["closed"]:
            d = (date.fromisoformat(text) - date(1970, 1, 1)).days
            holes.append((zone.resolve(d * DAY)[0], zone.resolve((d + 1) * DAY)[0]))
        cut = []
        for a, b in openings:
            pieces = [(a, b)]
            for ha, hb in holes:
                nxt = []
                for pa, pb in pieces:
                    if hb <= pa or ha >= pb:
                        nxt.append((pa, pb))
                        continue
                    if pa < ha:
                        nxt.append((pa, ha))
                    if hb < pb:
                        nxt.append((hb, pb))
                pieces = nxt
            cut.extend(pieces)
        cut.sort()
        self.openings = []
        for a, b in cut:
            if self.openings and a <= self.openings[-1][1]:
                self.openings[-1][1] = max(self.openings[-1][1], b)
            else:
                self.openings.append([a, b])

    def is_open(self, t):
        return any(a <= t < b for a, b in self.openings)

    def next_open(self, t):
        for a, b in self.openings:
            if b > t:
                return max(a, t)
        raise RuntimeError("calendar horizon too short")

    def longest(self):
        return max((b - a for a, b in self.openings), default=0)

    def fit(self, t, length):
        for a, b in self.openings:
            if b <= t:
                continue
            s = max(a, t)
            if s + length <= b and (length > 0 or s < b):
                return s
        raise RuntimeError("no fit in the calendar horizon")


def evaluate(duration, variables):
    stack = []
    for step in duration["code"]:
        op = step[0]
        if op == "constant":
            stack.append(Fraction(step[1]))
        elif op == "variable":
            stack.append(variables[step[1]])
        elif op == "negate":
            stack.append(-stack.pop())
        elif op == "triangular":
            hi, mode, lo = stack.pop(), stack.pop(), stack.pop()
            stack.append((lo + mode + hi) / 3)
        else:
            b, a = stack.pop(), stack.pop()
            stack.append({
                "add": lambda: a + b, "subtract": lambda: a - b, "multiply": lambda: a * b,
                "divide": lambda: a / b, "min": lambda: min(a, b), "max": lambda: max(a, b),
                "uniform": lambda: (a + b) / 2, "normal": lambda: a,
                "lognormal": lambda: Fraction(float(a) * exp((log(float(b) / float(a)) / 1.2816) ** 2 / 2)),
            }[op]())
    value = stack[-1]
    return max(0, int((value + Fraction(1, 2)) // 1))


def main():
    plan = json.load(open(sys.argv[1]))
    fleet = plan["fleet"]
    zone = Zone(fleet["timezone"])
    start = parse_iso(fleet["start"])
    first_day = (start + zone.offset(start)) // DAY - 2
    calendars = [Calendar(c, zone, first_day, first_day + 800) for c in plan["calendars"]]
    index = {c["name"]: i for i, c in enumerate(plan["calendars"])}
    window = lambda name: None if name is None else calendars[index[name]]
    policies = plan["policies"]
    transits = plan["resources"]["transit_pool"]
    crew_capacity = plan["resources"]["support_crew"]["capacity"]
    recycle = fleet["transit_recycle_seconds"]
    servers = plan["servers"]

    def acc_vars(a):
        d, f, m = Fraction(a[1]), Fraction(a[2]), Fraction(a[3])
        return {"databases": d, "files": f, "mail": m, "size": d + f + m, "accounts": 1}

    S = []  # per server state
    for s in servers:
        p = policies[s["policy"]]
        accounts = s["accounts"]
        totals = {"databases": 0, "files": 0, "mail": 0, "size": 0}
        for a in accounts:
            for k, v in acc_vars(a).items():
                if k != "accounts":
                    totals[k] += v
        totals["accounts"] = len(accounts)
        S.append({
            "policy": p, "accounts": accounts, "order": s["move_order"],
            "downtime": [evaluate(p["downtime"], acc_vars(a)) for a in accounts],
            "prepare": [0 if a[6] else evaluate(p["prepare"], acc_vars(a)) for a in accounts],
            "delay": [evaluate(p["migrate_delay"], acc_vars(a)) for a in accounts],
            "install": evaluate(p["install"], totals), "reinstall": evaluate(p["reinstall"], totals),
        })

    events = []  # (time, seq, kind, subject)
    seq = [0]

    def push(t, kind, subject):
        events.append((t, seq[0], kind, subject))
        seq[0] += 1

    free = set()
    for i, t in enumerate(transits):
        if t["busy_until"] and parse_iso(t["busy_until"]) > start:
            push(parse_iso(t["busy_until"]), "free", i)
        else:
            free.add(i)
    waiting = []  # (request time, server)
    crew_waiting = []  # (ready, server, kind)
    crew_busy = 0
    R = [dict() for _ in servers]
    for i, s in enumerate(servers):
        if not s["accounts"]:
            continue
        ready = parse_iso(s["ready"]) if s["ready"] else start
        R[i]["start"] = max(start, ready)
        R[i]["requested"] = R[i]["start"] + sum(S[i]["prepare"])
        push(R[i]["requested"], "request", i)

    def place(i, ready, back):
        p = S[i]["policy"]
        w = window(None if back and p["move_back_by"] == "user" else
                   (p["move_back_window"] if back else p["migrate_window"]))
        lanes = [ready] * p["parallel"]
        previous = ready
        out = {}
        for a in S[i]["order"]:
            lane = min(range(len(lanes)), key=lambda k: (lanes[k], k))
            t = max(ready, lanes[lane], previous)
            if not back:
                t += S[i]["delay"][a]  # the owner's pace, migrates only (DESIGN 4.2)
            d = S[i]["downtime"][a]
            s_ = t if w is None else (w.fit(t, d) if d <= w.longest() else w.next_open(t))
            out[a] = (s_, s_ + d)
            lanes[lane] = s_ + d
            previous = s_
        return out

    def matches(t, s):
        return (t["cpu"] >= s["cpu"] and Fraction(t["ram_bytes"]) >= Fraction(s["ram_bytes"])
                and Fraction(t["disk_bytes"]) >= Fraction(s["disk_bytes"]))

    def fit_key(i):
        t = transits[i]
        return (t["cpu"], Fraction(t["ram_bytes"]), Fraction(t["disk_bytes"]), i)

    def is_open(i, t):
        w = window(S[i]["policy"]["support_window"])
        return w is None or w.is_open(t)

    while events:
        now = min(e[0] for e in events)
        while True:
            batch = sorted(e for e in events if e[0] == now)
            if not batch:
                break
            events = [e for e in events if e[0] != now]
            for _, _, kind, i in batch:
                if kind == "request":
                    waiting.append((now, i))
                elif kind == "free":
                    free.add(i)
                elif kind == "install_end":
                    crew_busy -= 1
                    R[i]["install_end"] = now
                    R[i]["migrates"] = place(i, now, False)
                    R[i]["all_migrated"] = max(e for _, e in R[i]["migrates"].values())
                    push(R[i]["all_migrated"], "reinstall_ready", i)
                elif kind == "reinstall_ready":
                    crew_waiting.append((now, i, "reinstall"))
                elif kind == "reinstall_end":
                    crew_busy -= 1
                    R[i]["reinstall_end"] = now
                    R[i]["backs"] = place(i, now, True)
                    R[i]["released"] = max(e for _, e in R[i]["backs"].values())
                    push(R[i]["released"] + recycle, "free", R[i]["transit"])
            # transits, then crew
            for req in sorted(waiting):
                candidates = sorted((k for k in free if matches(transits[k], servers[req[1]])), key=fit_key)
                if candidates:
                    k = candidates[0]
                    free.discard(k)
                    waiting.remove(req)
                    R[req[1]]["transit"] = k
                    R[req[1]]["acquired"] = now
                    crew_waiting.append((now, req[1], "install"))
            while crew_busy < crew_capacity:
                ready = sorted(j for j in crew_waiting if is_open(j[1], now))
                if not ready:
                    break
                job = ready[0]
                crew_waiting.remove(job)
                crew_busy += 1
                i = job[1]
                if job[2] == "install":
                    R[i]["install_start"] = now
                    push(now + S[i]["install"], "install_end", i)
                else:
                    R[i]["reinstall_start"] = now
                    push(now + S[i]["reinstall"], "reinstall_end", i)
            if not any(e[0] == now for e in events):
                break
        # wake-ups for jobs whose window is closed
        for job in crew_waiting:
            w = window(S[job[1]]["policy"]["support_window"])
            if w is not None and not w.is_open(now):
                t = w.next_open(now)
                if not any(e[0] == t and e[2] == "wake" for e in events):
                    push(t, "wake", 0)

    def bill(price, periods):
        total, days = Fraction(0), 0
        for a, b, free_ in periods:
            billable = b - a - free_
            n = -(-billable // DAY) if billable > 0 else 0
            days += n
            for k in range(n):
                d = zone.local_date(a + free_ + k * DAY)
                nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
                total += price / (nxt - date(d.year, d.month, 1)).days
        cents = int((total * 100 + Fraction(1, 2)) // 1)
        return days, Fraction(cents, 100)

    out_servers, violations = [], []
    total_down, total_cost, max_wait, end = 0, Fraction(0), 0, None
    for i, s in enumerate(servers):
        if not s["accounts"]:
            continue
        r, p = R[i], S[i]["policy"]
        periods = [(r["install_end"], r["all_migrated"], p["free_transit_seconds"])]
        if p["move_back_by"] == "user":
            periods.append((r["reinstall_end"], r["released"], p["free_move_back_seconds"]))
        days, cost = bill(Fraction(s["price_per_month"]), periods)
        accounts = []
        for a, acc in enumerate(s["accounts"]):
            d = S[i]["downtime"][a]
            reroute = p["ip_reroute_seconds"] if acc[4] == "external" else 0
            total = 2 * d + reroute
            total_down += total
            if p["max_downtime_seconds"] is not None and total > p["max_downtime_seconds"]:
                violations.append({"kind": "max_downtime", "subject": acc[0]})
            m, b = r["migrates"][a], r["backs"][a]
            accounts.append({"name": acc[0],
                             "migrate": {"start": zone.iso(m[0]), "end": zone.iso(m[1])},
                             "move_back": {"start": zone.iso(b[0]), "end": zone.iso(b[1])},
                             "downtime_seconds": {"migrate": d, "reroute": reroute, "move_back": d, "total": total}})
        if p["deadline"] and r["released"] > parse_iso(p["deadline"]):
            violations.append({"kind": "deadline", "subject": s["name"]})
        wait = r["acquired"] - r["requested"]
        max_wait = max(max_wait, wait)
        total_cost += cost
        end = r["released"] if end is None else max(end, r["released"])
        out_servers.append({
            "name": s["name"], "transit": transits[r["transit"]]["name"],
            "requested": zone.iso(r["requested"]), "acquired": zone.iso(r["acquired"]),
            "transit_wait_hours": wait / 3600,
            "install": {"start": zone.iso(r["install_start"]), "end": zone.iso(r["install_end"])},
            "all_migrated": zone.iso(r["all_migrated"]),
            "reinstall": {"start": zone.iso(r["reinstall_start"]), "end": zone.iso(r["reinstall_end"])},
            "released": zone.iso(r["released"]),
            "billing": {"held_days": (r["all_migrated"] - r["install_end"]) / DAY, "billed_days": days,
                        "cost": float(cost)},
            "accounts": accounts})
    end = start if end is None else end
    json.dump({"fleet": fleet["name"], "currency": fleet["currency"], "start": zone.iso(start), "end": zone.iso(end),
               "makespan_hours": (end - start) / 3600, "servers": out_servers,
               "totals": {"downtime_seconds": total_down, "transit_cost": float(total_cost),
                          "max_transit_wait_hours": max_wait / 3600},
               "violations": violations}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
