#!/usr/bin/env python3
"""The HTML report opened in headless Chromium (Debian's `chromium`).

Writes reports with `ferry simulate --html`, loads each with --dump-dom and
checks what a planner would see: the script ran to its end without a console
message or exception, one Gantt row per server, the downtime and bill
sections, exact ISO times and durations in the hover texts, paging and
filtering on a generated fleet, hostile names kept as text, and the Monte
Carlo sections when the page data holds a summary. A broken page is checked
to fail, so the detector itself is tested.
  tests/report/html_report_test.py build/asan/cli/ferry   (from the repository root)
"""
import datetime
import hashlib
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

FERRY = os.path.abspath(sys.argv[1])
WORK = tempfile.mkdtemp(prefix="ferry-html-")
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAILED:", what)


class Dom(html.parser.HTMLParser):
    """Every element's tag and attributes, with the text of each element id'd."""

    def __init__(self, text):
        super().__init__()
        self.elements = []
        self.stack = []
        self.texts = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag not in ("br", "meta", "input", "link"):
            self.stack.append(a.get("id"))

    def handle_endtag(self, tag):
        if self.stack and tag not in ("br", "meta", "input", "link"):
            self.stack.pop()

    def handle_data(self, data):
        for element_id in self.stack:
            if element_id:
                self.texts[element_id] = self.texts.get(element_id, "") + data

    def all(self, tag=None, **attrs):
        """Elements with these attributes (class_ is class, data_x is data-x; True: present)."""
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [a for t, a in self.elements if (tag is None or t == tag) and all(
            (k in a) if v is True else a.get(k) == v for k, v in wanted.items())]


def open_in_chromium(path, fragment=""):
    """(dom, console lines) of the page after its load event."""
    profile = tempfile.mkdtemp(dir=WORK)
    run = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + profile,
         "--enable-logging=stderr", "--v=0", "--window-size=1400,1000", "--dump-dom",
         "file://" + os.path.abspath(path) + fragment],
        capture_output=True, text=True, timeout=180)
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    return Dom(run.stdout), console, run.returncode


def page_ran(dom, console, returncode):
    """Whether the script ran to its end with no console message or error."""
    body = dom.all("body")
    return (returncode == 0 and not console and len(body) == 1 and body[0].get("data-rendered") == "ok"
            and "data-error" not in body[0])


def simulate(fleet, report, *flags):
    run = subprocess.run([FERRY, "simulate", fleet, "--html", report, *flags], capture_output=True, text=True)
    check(run.returncode == 0, f"ferry simulate {fleet} --html: exit {run.returncode}: {run.stderr[:300]}")
    return run.stdout


def duration(seconds):  # the page's exact duration text
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60), ("s", 1)):
        n, seconds = divmod(seconds, size)
        if n:
            parts.append(f"{n} {unit}")
    return " ".join(parts) or "0 s"


def seconds_between(a, b):
    return int((datetime.datetime.fromisoformat(b) - datetime.datetime.fromisoformat(a)).total_seconds())


def page_data(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r'(<script type="application/json" id="ferry-data">)(.*?)(</script>)', text, re.S)
    return text, m, json.loads(m.group(2))


def with_page_data(text, m, data, path):
    blob = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    open(path, "w", encoding="utf-8").write(text[:m.start(2)] + blob + text[m.end(2):])


def example_report():
    report = os.path.join(WORK, "fleet.html")
    expected = json.loads(simulate("examples/fleet.ferry", report, "--json"))
    text_out = simulate("examples/fleet.ferry", os.path.join(WORK, "again.html"))
    check("fleet \"wave-1\"" in text_out, "--html keeps the text report on stdout")
    run = subprocess.run([FERRY, "simulate", "examples/fleet.ferry", "--html", os.path.join(WORK, "no", "such", "r.html")],
                         capture_output=True, text=True)
    check(run.returncode == 1 and "cannot write" in run.stderr, f"an unwritable --html is an input error: {run.returncode}")
    page = open(report, encoding="utf-8").read()
    check(not re.search(r'(src|href)\s*=\s*"(https?:)?//', page), "the page loads nothing from the network")
    dom, console, rc = open_in_chromium(report)
    check(page_ran(dom, console, rc), f"the example report runs without console messages: {console[:3]}")
    rows = [a["data-server"] for a in dom.all("g", class_="server-row")]
    check(rows == [s["name"] for s in expected["servers"]], f"one Gantt row per server, in written order: {rows}")
    check(len(dom.all("g", class_="transit-row")) == 3, "one row per transit")
    check(len(dom.all("g", class_="crew-row")) == 1, "one row for the support crew")
    accounts = [f'{s["name"]}/{a["name"]}' for s in expected["servers"] for a in s["accounts"]]
    check([a["data-account"] for a in dom.all("g", class_="downtime-row")] == accounts,
          "one downtime bar per account, in written order")
    check([a["data-server"] for a in dom.all("tr", data_server=True)] == rows, "one bill row per server")
    tips = {a["data-tip"] for a in dom.all(data_tip=True)}
    for s in expected["servers"]:
        install = s["install"]
        want = (f'{s["name"]} · install transit {s["transit"]}\n{install["start"]} → {install["end"]}\n'
                f'{duration(seconds_between(install["start"], install["end"]))}')
        check(want in tips, f"hover on {s['name']}'s install holds its exact times: {want!r}")
        for a in s["accounts"]:
            m = a["migrate"]
            want = f'{s["name"]}/{a["name"]} · migrate\n{m["start"]} → {m["end"]}\n{duration(a["downtime_seconds"]["migrate"])} down'
            check(want in tips, f"hover on {s['name']}/{a['name']}'s migrate holds its exact times: {want!r}")
    check("41 account(s)" in dom.texts.get("downtime-scope", ""), "the downtime section counts the accounts shown")
    for section in ("mc-totals", "mc-violations"):
        check("hidden" in dom.all(id=section)[0], f"{section} is hidden without Monte Carlo")
    dom, console, rc = open_in_chromium(report, "#group=prefix&open=web-01,shop-01")
    check(page_ran(dom, console, rc), f"grouped, two servers open: {console[:3]}")
    check(len(dom.all("text", class_="group-label")) == 4, "grouped by name prefix: web, shop, agency, mail")
    open_rows = len(dom.all("g", class_="account-row"))
    check(open_rows == 4 + 4, f"web-01 and shop-01 show one row per account ({open_rows})")
    return report


def broken_page_fails(report):
    text, m, data = page_data(report)
    data["servers"][0]["accounts"] = None  # the script throws while drawing
    broken = os.path.join(WORK, "broken.html")
    with_page_data(text, m, data, broken)
    dom, console, rc = open_in_chromium(broken)
    check(not page_ran(dom, console, rc), "a page whose script throws is caught")
    check(any("Uncaught" in line for line in console), f"the exception shows in the console lines: {console[:3]}")


def monte_carlo_sections(report):
    text, m, data = page_data(report)
    first = data["servers"][0]
    data["monte_carlo"] = {
        "runs": 1000, "seed": 7,
        "totals": [{"title": "total downtime", "unit": "h", "low": 10, "width": 0.5, "counts": [5, 80, 600, 300, 15]},
                   {"title": "transit bill", "unit": "EUR", "low": 0, "width": 50, "counts": [900, 90, 10]}],
        "releases": [{"server": first["name"], "p10": first["released"] - 3600, "p50": first["released"],
                      "p90": first["released"] + 86400, "deadline_miss_probability": 0.28}],
        "violations": [{"kind": "deadline", "subject": first["name"], "probability": 0.28}]}
    with_mc = os.path.join(WORK, "monte_carlo.html")
    with_page_data(text, m, data, with_mc)
    dom, console, rc = open_in_chromium(with_mc)
    check(page_ran(dom, console, rc), f"the Monte Carlo page runs without console messages: {console[:3]}")
    for section in ("mc-totals", "mc-violations"):
        check("hidden" not in dom.all(id=section)[0], f"{section} is shown with Monte Carlo")
    check(len(dom.all("figure", class_="histogram")) == 2, "one histogram per total")
    tips = [a["data-tip"] for a in dom.all(data_tip=True)]
    check(sum(t.startswith("total downtime\n") for t in tips) == 5, "one bar per histogram bin")
    check(any(t.startswith(first["name"] + " · release over the runs") and "missed in 28.0 %" in t for t in tips),
          "the P10–P90 release bar is on the Gantt")
    check("28.0 %" in dom.texts.get("mc-violation-table", ""), "violation probabilities are listed")


def monte_carlo_from_runs():
    report = os.path.join(WORK, "runs.html")
    expected = json.loads(simulate("examples/fleet.ferry", report, "--runs", "20", "--seed", "3", "--json"))
    dom, console, rc = open_in_chromium(report)
    check(page_ran(dom, console, rc), f"the --runs report runs: {console[:3]}")
    check("hidden" not in dom.all(id="mc-totals")[0], "--runs shows the Monte Carlo sections")
    check(len(dom.all("figure", class_="histogram")) == 3, "histograms of downtime, bill and makespan")
    tips = [a["data-tip"] for a in dom.all(data_tip=True)]
    releases = [t for t in tips if " · release over the runs\n" in t]
    check(len(releases) == len(expected["servers"]), f"one P10–P90 release bar per server ({len(releases)})")
    first = expected["servers"][0]
    check(any(t.startswith(first["name"] + " · release over the runs\n") and "P50 " + first["released"] in t for t in releases),
          "without distributions the P50 release is the deterministic one")


def paging_and_filter():
    fleet = os.path.join(WORK, "big.ferry")
    with open(fleet, "w") as out:
        subprocess.run([sys.executable, "bench/gen_fleet", "--servers", "120", "--accounts", "600", "--transits", "6",
                        "--seed", "3"], stdout=out, check=True)
    report = os.path.join(WORK, "big.html")
    expected = json.loads(simulate(fleet, report, "--json"))
    names = [s["name"] for s in expected["servers"]]
    dom, console, rc = open_in_chromium(report)
    check(page_ran(dom, console, rc), f"the 120-server report runs: {console[:3]}")
    rows = [a["data-server"] for a in dom.all("g", class_="server-row")]
    check(rows == names[:50], f"page 1 shows the first 50 servers ({len(rows)} shown)")
    check("servers 1–50 of 120 · page 1 of 3" in dom.texts.get("page-label", ""), "the pager says where we are")
    total = f'{expected["totals"]["transit_cost"]:,.2f} {expected["currency"]}'
    check(total in dom.texts.get("bill", ""), f"the bill's footer holds the fleet's total {total}")
    worst = [a["data-account"].split("/")[0] for a in dom.all("g", class_="downtime-row")]
    check(worst == names[:50], "with many accounts, the downtime section shows each shown server's worst account")
    dom, console, rc = open_in_chromium(report, "#page=3")
    rows = [a["data-server"] for a in dom.all("g", class_="server-row")]
    check(page_ran(dom, console, rc) and rows == names[100:], f"page 3 shows servers 101-120 ({len(rows)} shown)")
    needle = names[57]
    dom, console, rc = open_in_chromium(report, "#filter=" + needle)
    rows = [a["data-server"] for a in dom.all("g", class_="server-row")]
    check(page_ran(dom, console, rc) and rows == [n for n in names if needle in n], f"filter {needle}: {rows}")


def violations_listed():
    source = open("examples/fleet.ferry", encoding="utf-8").read()
    fleet = os.path.join(WORK, "strict.ferry")
    open(fleet, "w", encoding="utf-8").write(source.replace("max_downtime     = 2h", "max_downtime     = 1s"))
    report = os.path.join(WORK, "strict.html")
    expected = json.loads(simulate(fleet, report, "--json"))
    n = len(expected["violations"])
    check(n > 20, f"every default-policy account is over 1 s ({n} violations)")
    dom, console, rc = open_in_chromium(report)
    check(page_ran(dom, console, rc), f"the report with violations runs: {console[:3]}")
    check(len(dom.all("tr", class_="bad violation")) == 20, "the first 20 violations are listed")
    check(f"show all {n}" in dom.texts.get("violations", ""), "a button shows the rest")
    check(f"{n} violated" in dom.texts.get("headline", ""), "the headline counts the violations")
    dom, console, rc = open_in_chromium(report, "#show=over")
    over = [a["data-account"].split("/")[1] for a in dom.all("g", class_="downtime-row")]
    want = [v["subject"] for v in expected["violations"] if v["kind"] == "max_downtime"]
    check(page_ran(dom, console, rc) and sorted(over) == sorted(want), f"'over their max_downtime' shows exactly those: {over}")


def hostile_names():
    plan_path = os.path.join(WORK, "seed.plan.json")
    subprocess.run([FERRY, "plan", "examples/seed.ferry", "-o", plan_path], check=True)
    plan = json.load(open(plan_path, encoding="utf-8"))
    evil = '</script><script>document.body.dataset.error="injected"</script><b id="x">&amp;\'"'
    plan["fleet"]["name"] = "f" + evil
    plan["servers"][0]["name"] = "s" + evil
    plan["servers"][0]["accounts"][0][0] = "a" + evil
    plan.pop("plan_sha256", None)
    canonical = json.dumps(plan, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    open(plan_path, "w", encoding="utf-8").write(canonical[:-1] + ',"plan_sha256":"' + digest + '"}\n')
    report = os.path.join(WORK, "hostile.html")
    run = subprocess.run([FERRY, "simulate", plan_path, "--html", report], capture_output=True, text=True)
    # The plan reader refuses names the compiler could not have produced, so
    # such names never reach a page (escaping itself is unit-tested in
    # tests/simulator/report_html_test.cpp, on a page built with them).
    check(run.returncode == 1, f"a plan file with hostile names is refused: exit {run.returncode}")
    check("servers[0].name" in run.stderr or "fleet.name" in run.stderr, f"the refusal names the member: {run.stderr[:300]}")
    check(not os.path.exists(report), "no report is written for a refused plan")

if shutil.which("chromium") is None:
    sys.exit("html_report_test: chromium is not installed (scripts/setup installs it)")
try:
    report = example_report()
    broken_page_fails(report)
    monte_carlo_sections(report)
    monte_carlo_from_runs()
    paging_and_filter()
    violations_listed()
    hostile_names()
finally:
    shutil.rmtree(WORK, ignore_errors=True)
print(f"html report: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
