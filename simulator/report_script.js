// The HTML report's script, inlined into the page at build time: it reads
// the page data (JSON, shape in docs/report.md) and draws the headline, the
// Gantt chart, downtimes and bills for one page of servers at a time, so a
// 1,000-server report keeps a small DOM. Names only ever go through
// textContent and setAttribute, never through HTML.
"use strict";
window.addEventListener("error", (e) => { document.body.dataset.error = String(e.message); });
(function () {
  const D = JSON.parse(document.getElementById("ferry-data").textContent);
  const SVGNS = "http://www.w3.org/2000/svg";
  const MC = D.monte_carlo;

  // ---- time: seconds since the fleet's start, written as ISO with offset
  function offsetAt(t) {
    let lo = 0, hi = D.offsets.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (D.offsets[mid][0] <= t) lo = mid; else hi = mid - 1; }
    return D.offsets[lo][1];
  }
  const startInstant = D.start_unix;  // the fleet's start, Unix seconds
  const pad = (n) => String(n).padStart(2, "0");
  function local(t) { return new Date((startInstant + t + offsetAt(t)) * 1000); }  // read with getUTC*
  function iso(t) {
    const off = offsetAt(t), a = Math.abs(off);
    return local(t).toISOString().slice(0, 19) + (off < 0 ? "-" : "+") + pad(Math.floor(a / 3600)) + ":" + pad(Math.floor(a % 3600 / 60));
  }
  const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function dayText(t, weekday) {
    const d = local(t);
    return (weekday ? DAYS[d.getUTCDay()] + " " : "") + pad(d.getUTCDate()) + " " + MONTHS[d.getUTCMonth()];
  }
  function duration(s) {  // exact: 2 d 5 h 7 min 30 s
    if (s === 0) return "0 s";
    const parts = [], neg = s < 0; s = Math.abs(s);
    for (const [unit, size] of [["d", 86400], ["h", 3600], ["min", 60], ["s", 1]]) {
      const n = Math.floor(s / size); s -= n * size; if (n) parts.push(n + " " + unit);
    }
    return (neg ? "-" : "") + parts.join(" ");
  }
  const span = (a, b) => iso(a) + " → " + iso(b) + "\n" + duration(b - a);
  function money(cents) {  // 1,240.50 EUR, exact from integer cents (no locale machinery)
    const whole = String(Math.floor(Math.abs(cents) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (cents < 0 ? "-" : "") + whole + "." + pad(Math.abs(cents) % 100) + " " + D.currency;
  }
  const hours = (s) => s >= 72 * 3600 ? (s / 86400).toFixed(1) + " d" : (s / 3600).toFixed(1) + " h";

  // ---- DOM helpers
  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function sv(parent, tag, attrs, text) {
    const e = document.createElementNS(SVGNS, tag);
    for (const k in attrs) if (attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  const $ = (id) => document.getElementById(id);

  // ---- derived per-server figures
  const servers = D.servers.map((s, k) => {
    const policy = D.policies[s.policy];
    let worst = 0, worstName = "", over = 0;
    for (const a of s.accounts) {
      const total = a.downtime.reduce((x, y) => x + y, 0);
      if (total >= worst) { worst = total; worstName = a.name; }
      if (policy.max_downtime !== null && total > policy.max_downtime) over++;
    }
    const late = policy.deadline !== null && s.released > policy.deadline;
    return { k, s, policy, worst, worstName, over, late, search: (s.name + " " + s.accounts.map((a) => a.name).join(" ")).toLowerCase() };
  });
  const releaseSpread = new Map();
  if (MC) for (const r of MC.releases) releaseSpread.set(r.server, r);

  // ---- view state, kept in the URL's hash so a view can be shared
  // axis "" picks itself: the whole migration on one page, the servers shown on many
  const state = { filter: "", group: "none", sort: "written", size: 50, axis: "", page: 0, show: "" };
  const hash = new URLSearchParams(location.hash.slice(1));
  for (const key of ["filter", "group", "sort", "axis", "show"]) if (hash.has(key)) state[key] = hash.get(key);
  if (hash.has("size")) state.size = Math.max(1, parseInt(hash.get("size"), 10) || 50);
  if (hash.has("page")) state.page = Math.max(0, (parseInt(hash.get("page"), 10) || 1) - 1);
  const expanded = new Set();  // servers whose accounts have rows, by index; "open" in the hash
  if (hash.has("open")) {
    const names = new Set(hash.get("open").split(","));
    for (const v of servers) if (names.has(v.s.name)) expanded.add(v.k);
  }

  function groupOf(v) {
    if (state.group === "policy") return v.policy.name;
    if (state.group === "transit") return D.transits[v.s.transit].name;
    if (state.group === "prefix") {
      const n = v.s.name, stripped = n.replace(/[-_.]?[0-9]+$/, "");
      return stripped && stripped !== n ? stripped : n.replace(/[-_.][^-_.]*$/, "");
    }
    return "";
  }
  const sorts = {
    written: (a, b) => a.k - b.k,
    released: (a, b) => a.s.released - b.s.released || a.k - b.k,
    wait: (a, b) => (b.s.acquired - b.s.requested) - (a.s.acquired - a.s.requested) || a.k - b.k,
    cost: (a, b) => b.s.cost_cents - a.s.cost_cents || a.k - b.k,
    downtime: (a, b) => b.worst - a.worst || a.k - b.k,
  };
  function currentView() {
    const needle = state.filter.trim().toLowerCase();
    const chosen = servers.filter((v) => !needle || v.search.includes(needle));
    const groups = new Map();
    for (const v of chosen) { const g = groupOf(v); v.group = g; groups.set(g, (groups.get(g) || 0) + 1); }
    const order = [...groups.keys()].sort();
    const rank = new Map(order.map((g, i) => [g, i]));
    chosen.sort((a, b) => rank.get(a.group) - rank.get(b.group) || (sorts[state.sort] || sorts.written)(a, b));
    const pages = Math.max(1, Math.ceil(chosen.length / state.size));
    state.page = Math.min(state.page, pages - 1);
    const first = state.page * state.size;
    return { chosen, groups, pages, first, shown: chosen.slice(first, first + state.size) };
  }

  // ---- headline
  function card(label, value, detail, kind) {
    const c = el("div", { class: "card" + (kind ? " " + kind : "") });
    c.append(el("div", { class: "label" }, label), el("div", { class: "value" }, value));
    if (detail) c.append(el("div", { class: "detail" }, detail));
    $("headline").append(c);
  }
  function renderHeadline() {
    const T = D.totals;
    $("fleet-name").textContent = D.fleet;
    $("span-line").textContent = iso(0) + " → " + iso(D.end) + " · times in " + D.timezone;
    let worst = null;
    for (const v of servers) if (!worst || v.worst > worst.worst) worst = v;
    const billed = servers.filter((v) => v.s.cost_cents > 0).length;
    let waiter = null;
    for (const v of servers) if (!waiter || v.s.acquired - v.s.requested > waiter.s.acquired - waiter.s.requested) waiter = v;
    card("Servers", String(T.servers), T.accounts + " accounts · " + D.transits.length + " transits");
    card("Migration ends", dayText(D.end, true), iso(D.end).slice(0, 4) + " · " + (D.end / 86400).toFixed(1) + " days after the start");
    card("Total downtime", duration(T.downtime_seconds),
         worst ? "longest: " + worst.s.name + "/" + worst.worstName + ", " + duration(worst.worst) : "");
    card("Transit bill", money(T.transit_cost_cents), billed + " of " + T.servers + " servers billed", T.transit_cost_cents > 0 ? "bad" : "good");
    card("Longest transit wait", hours(T.max_transit_wait), waiter ? waiter.s.name + " · " + duration(T.max_transit_wait) : "");
    const n = D.violations.length;
    card("Requirements", n ? n + " violated" : "all met", n ? "listed below" : "every max_downtime and deadline", n ? "bad" : "good");
    if (MC) card("Monte Carlo", MC.runs + " runs", "seed " + MC.seed);
    $("footer").textContent = "ferry simulate · deterministic run" + (MC ? " and " + MC.runs + " Monte Carlo runs" : "") +
      " · times in " + D.timezone + " · report format " + D.format;
  }
  // The first 20 at once (a big fleet may violate thousands), the rest on
  // demand; a click on one shows its server in the timeline.
  function renderViolations() {
    const box = $("violations");
    if (!D.violations.length) { $("requirements").hidden = true; return; }  // the headline card says "all met"
    const table = el("table", { class: "table", id: "violation-table" });
    const head = table.createTHead().insertRow();
    for (const h of ["kind", "subject", "what"]) head.append(el("th", { class: "text" }, h));
    const body = table.createTBody();
    const add = (from, to) => {
      for (const v of D.violations.slice(from, to)) {
        const row = body.insertRow(); row.className = "bad violation";
        for (const t of [v.kind, v.subject, v.message]) row.append(el("td", { class: "text" }, t));
        row.addEventListener("click", () => {
          state.filter = v.subject; state.page = 0; $("filter").value = v.subject; render();
          $("timeline").scrollIntoView();
        });
      }
    };
    add(0, 20);
    box.append(table);
    if (D.violations.length > 20) {
      const more = el("button", { type: "button", class: "more" }, "show all " + D.violations.length);
      more.addEventListener("click", () => { add(20, D.violations.length); more.remove(); });
      box.append(more);
    }
  }

  // ---- the Gantt chart
  const ROW = 24, SUB = 18, GROUP = 22, CAL = 16, TRANSIT = 20, CREW = 40, AXIS = 30, LABEL = 170;
  const LEGEND = [["prepare", "--prepare"], ["transit wait", "--wait"], ["support wait (crew or window)", "--support-wait"],
    ["install transit", "--install"], ["migrating (moves dark)", "--migrate"], ["reinstall", "--reinstall"],
    ["moving back (moves dark)", "--move-back"], ["billed transit days", "--billed"], ["closed day", "--closed"]];
  function openingsIn(cal, a, b) {
    if (!cal) return [];
    const out = [];
    for (const o of cal.openings) if (o[1] > a && o[0] < b) out.push([Math.max(o[0], a), Math.min(o[1], b)]);
    return out;
  }
  function renderGantt(view) {
    const host = $("gantt"); host.textContent = "";
    const width = Math.max(760, host.clientWidth || 1200), plot = width - LABEL - 16;
    let t0 = 0, t1 = Math.max(D.end, 1);
    const axisMode = state.axis || (view.pages > 1 ? "page" : "fleet");
    $("axis").value = axisMode;
    if (axisMode === "page" && view.shown.length) {
      t0 = Math.min(...view.shown.map((v) => v.s.start)); t1 = Math.max(...view.shown.map((v) => v.s.released)) + D.transit_recycle;
    }
    t1 = Math.max(t1, t0 + 3600);
    const x = (t) => LABEL + (Math.min(Math.max(t, t0), t1) - t0) / (t1 - t0) * plot;
    const w = (a, b) => Math.max(x(b) - x(a), 0);
    const inView = (a, b) => b >= t0 && a <= t1;
    // Intervals closer than a pixel drawn as one: a year of nightly openings
    // stays a few hundred elements. [from, to, how many]
    const runs = (list) => {
      const out = [];
      for (const o of list) {
        if (!inView(o[0], o[1])) continue;
        const last = out[out.length - 1];
        if (last && x(o[0]) - x(last[1]) < 1) { last[1] = o[1]; last[2]++; } else out.push([o[0], o[1], 1]);
      }
      return out;
    };
    const runTip = (what, r) => r[2] > 1 ? what + ": " + r[2] + " periods, too close to draw apart at this zoom\n" + span(r[0], r[1]) : what + "\n" + span(r[0], r[1]);
    const shownSet = new Set(view.shown.map((v) => v.k));
    // many transits: only those holding a server shown
    const transits = D.transits.filter((tr) => D.transits.length <= 12 || tr.holds.some((h) => shownSet.has(h[0])));
    const calendars = D.calendars.filter((c) => c.used);
    const rows = [];
    let lastGroup = null;
    for (const v of view.shown) {
      if (state.group !== "none" && v.group !== lastGroup) { rows.push({ group: v.group }); lastGroup = v.group; }
      rows.push({ server: v });
      if (expanded.has(v.k)) for (const a of v.s.accounts) rows.push({ account: a, server: v });
    }
    const bodyTop = AXIS + calendars.length * CAL + 6;
    let height = bodyTop;
    for (const r of rows) height += r.group !== undefined ? GROUP : r.account ? SUB : ROW;
    const resourceTop = height + 10;
    height = resourceTop + 16 + transits.length * TRANSIT + 16 + CREW + 8;
    const svg = sv(null, "svg", { width, height, viewBox: `0 0 ${width} ${height}`, id: "gantt-svg" });
    const defs = sv(svg, "defs", {});
    const hatch = sv(defs, "pattern", { id: "hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
    sv(hatch, "rect", { width: 6, height: 6, fill: "#eef1f4" });
    sv(hatch, "line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#aab4be", "stroke-width": 2 });

    // axis: a tick per day, week, month, quarter or year, whichever keeps labels apart
    const axis = sv(svg, "g", { class: "axis" });
    const dayPx = plot / ((t1 - t0) / 86400);
    const unit = dayPx >= 62 ? "day" : dayPx * 7 >= 62 ? "week" : dayPx * 30 >= 62 ? "month" : dayPx * 91 >= 62 ? "quarter" : "year";
    const first = local(t0);
    let Y = first.getUTCFullYear(), M = first.getUTCMonth(), Dd = first.getUTCDate();
    if (unit === "month" || unit === "quarter" || unit === "year") Dd = 1;
    if (unit === "quarter") M -= M % 3;
    if (unit === "year") M = 0;
    for (let guard = 0; guard < 400; guard++) {
      const midnight = Date.UTC(Y, M, Dd) / 1000 - startInstant, t = midnight - offsetAt(midnight), ld = local(t);
      if (t > t1) break;
      if (unit === "week" && ld.getUTCDay() !== 1) { Dd++; guard--; continue; }
      if (t >= t0) {
        sv(axis, "line", { x1: x(t), x2: x(t), y1: AXIS - 6, y2: height - 8, class: "grid" });
        const text = unit === "day" ? dayText(t, true) : unit === "week" ? dayText(t, false)
          : unit === "year" ? String(ld.getUTCFullYear()) : MONTHS[ld.getUTCMonth()] + " " + ld.getUTCFullYear();
        sv(axis, "text", { x: x(t) + 3, y: AXIS - 10 }, text);
      }
      if (unit === "day") Dd++; else if (unit === "week") Dd += 7; else if (unit === "month") M++; else if (unit === "quarter") M += 3; else Y++;
    }
    // calendars: openings as strips, closed days hatched over every row
    calendars.forEach((c, i) => {
      const y = AXIS + i * CAL;
      sv(svg, "text", { x: 8, y: y + 12, class: "section-label" }, "window " + c.name);
      for (const o of runs(c.openings))
        sv(svg, "rect", { x: x(o[0]), y: y + 3, width: Math.max(w(o[0], o[1]), 1), height: CAL - 6, fill: "#9fc9b0", "data-tip": runTip(c.name + " open", o) });
      for (const o of runs(c.closed))
        sv(svg, "rect", { x: x(o[0]), y: y + 1, width: Math.max(w(o[0], o[1]), 1), height: CAL - 2, fill: "url(#hatch)",
          "data-tip": o[2] > 1 ? runTip(c.name + " closed", o) : c.name + " closed on " + iso(o[0]).slice(0, 10) });
    });
    let y = bodyTop;
    const bar = (g, a, b, fill, tip, h, dy, min) => {
      if (b < a) return;
      sv(g, "rect", { x: x(a), y: y + (dy ?? (ROW - (h || 12)) / 2), width: Math.max(w(a, b), min || 0), height: h || 12, fill, rx: 1.5, "data-tip": tip });
    };
    for (const r of rows) {
      if (r.group !== undefined) {
        sv(svg, "text", { x: 8, y: y + 16, class: "group-label" }, (r.group || "(none)") + " · " + view.groups.get(r.group) + " servers");
        sv(svg, "line", { x1: 0, x2: width, y1: y + GROUP - 1, y2: y + GROUP - 1, stroke: "#d9dee4" });
        y += GROUP; continue;
      }
      const v = r.server, s = v.s, p = v.policy, name = s.name;
      if (r.account) {
        const a = r.account, down = a.downtime.reduce((x, y) => x + y, 0);
        const g = sv(svg, "g", { class: "account-row" });
        sv(g, "text", { x: 24, y: y + 13, fill: "#616e7c" }, a.name.length > 22 ? a.name.slice(0, 21) + "…" : a.name);
        const mid = (SUB - 10) / 2;
        bar(g, a.migrate[0], a.migrate[1], "var(--migrate)", name + "/" + a.name + " · migrate\n" + span(a.migrate[0], a.migrate[1]) + " down", 10, mid, 2);
        bar(g, a.move_back[0], a.move_back[1], "var(--move-back)", name + "/" + a.name + " · move back\n" + span(a.move_back[0], a.move_back[1]) + " down\ntotal downtime " + duration(down), 10, mid, 2);
        y += SUB; continue;
      }
      const g = sv(svg, "g", { class: "server-row", "data-server": name });
      if (rows.indexOf(r) % 2) sv(g, "rect", { x: 0, y, width, height: ROW, class: "row-alt" });
      const label = sv(g, "text", { x: 8, y: y + 16, class: "label", "data-tip": name + "\npolicy " + p.name + " · transit " + D.transits[s.transit].name + "\nstart " + iso(s.start) + "\nreleased " + iso(s.released) + "\n" + duration(s.released - s.start) + " in all" });
      label.textContent = (expanded.has(v.k) ? "▾ " : "▸ ") + (name.length > 20 ? name.slice(0, 19) + "…" : name);
      label.addEventListener("click", () => { expanded.has(v.k) ? expanded.delete(v.k) : expanded.add(v.k); render(); });
      // the server's move windows, lightly, where they matter
      const shade = (win, a, b, fill) => { for (const o of runs(openingsIn(D.calendars[win], a, b))) sv(g, "rect", { x: x(o[0]), y: y + 2, width: Math.max(w(o[0], o[1]), 1), height: ROW - 4, fill }); };
      if (p.migrate_window >= 0) shade(p.migrate_window, s.install[1], s.all_migrated, "rgba(109,70,183,.10)");
      if (p.move_back_window >= 0) shade(p.move_back_window, s.reinstall[1], s.released, "rgba(43,138,87,.10)");
      bar(g, s.start, s.requested, "var(--prepare)", name + " · prepare (database tests)\n" + span(s.start, s.requested));
      bar(g, s.requested, s.acquired, "var(--wait)", name + " · waiting for a transit (" + D.transits[s.transit].name + ")\n" + span(s.requested, s.acquired));
      bar(g, s.acquired, s.install[0], "var(--support-wait)", name + " · transit acquired, waiting for support\n" + span(s.acquired, s.install[0]));
      bar(g, s.install[0], s.install[1], "var(--install)", name + " · install transit " + D.transits[s.transit].name + "\n" + span(s.install[0], s.install[1]));
      bar(g, s.install[1], s.all_migrated, "var(--migrating)", name + " · migrating " + s.accounts.length + " accounts\n" + span(s.install[1], s.all_migrated), 12);
      bar(g, s.all_migrated, s.reinstall[0], "var(--support-wait)", name + " · all migrated, waiting for support\n" + span(s.all_migrated, s.reinstall[0]));
      bar(g, s.reinstall[0], s.reinstall[1], "var(--reinstall)", name + " · reinstall\n" + span(s.reinstall[0], s.reinstall[1]));
      bar(g, s.reinstall[1], s.released, "var(--moving-back)", name + " · moving " + s.accounts.length + " accounts back (" + p.move_back_by + ")\n" + span(s.reinstall[1], s.released), 12);
      for (const a of s.accounts) {
        bar(g, a.migrate[0], a.migrate[1], "var(--migrate)", name + "/" + a.name + " · migrate\n" + span(a.migrate[0], a.migrate[1]) + " down", 12, undefined, 1.5);
        bar(g, a.move_back[0], a.move_back[1], "var(--move-back)", name + "/" + a.name + " · move back\n" + span(a.move_back[0], a.move_back[1]) + " down", 12, undefined, 1.5);
      }
      if (s.billed_days > 0) {  // the billed stretch of each period, under the bar
        const from = s.install[1] + p.free_transit;
        if (s.all_migrated > from) bar(g, from, s.all_migrated, "var(--billed)", name + " · transit billed beyond " + duration(p.free_transit) + " free\n" + span(from, s.all_migrated) + "\n" + s.billed_days + " billed day(s) in all, " + money(s.cost_cents), 3, ROW - 5);
        const back = s.reinstall[1] + p.free_move_back;
        if (p.move_back_by === "user" && s.released > back) bar(g, back, s.released, "var(--billed)", name + " · move back billed beyond " + duration(p.free_move_back) + " free\n" + span(back, s.released), 3, ROW - 5);
      }
      if (p.deadline !== null && p.deadline >= t0 && p.deadline <= t1)
        sv(g, "rect", { x: x(p.deadline) - 1, y: y + 1, width: 2.5, height: ROW - 2, fill: v.late ? "var(--bad)" : "#e07a7a", "data-tip": name + " · deadline " + iso(p.deadline) + (v.late ? "\nmissed by " + duration(s.released - p.deadline) : "\nmet with " + duration(p.deadline - s.released) + " to spare") });
      const spread = releaseSpread.get(name);
      if (spread) {  // Monte Carlo: where the release falls in 80 % of the runs
        bar(g, spread.p10, spread.p90, "#102a43", name + " · release over the runs\nP10 " + iso(spread.p10) + "\nP50 " + iso(spread.p50) + "\nP90 " + iso(spread.p90) + "\ndeadline missed in " + (100 * spread.deadline_miss_probability).toFixed(1) + " % of runs", 3, 1, 2);
      }
      y += ROW;
    }
    // closed days over every server row, under the pointer's notice
    for (const c of calendars)
      for (const o of runs(c.closed))
        sv(svg, "rect", { x: x(o[0]), y: bodyTop - 2, width: Math.max(w(o[0], o[1]), 1), height: resourceTop - bodyTop - 6, fill: "rgba(135,149,161,.16)", "pointer-events": "none", class: "closed-band" });
    // transits: who holds each one, and when; then the crew's load
    y = resourceTop;
    sv(svg, "text", { x: 8, y: y + 11, class: "section-label" }, transits.length < D.transits.length ? "transits of the servers shown" : "transits");
    y += 16;
    for (const tr of transits) {
      const g = sv(svg, "g", { class: "transit-row", "data-transit": tr.name });
      sv(g, "text", { x: 8, y: y + 14 }, tr.name.length > 20 ? tr.name.slice(0, 19) + "…" : tr.name);
      if (tr.busy_until !== null && tr.busy_until > 0)
        sv(g, "rect", { x: x(0), y: y + 4, width: w(0, tr.busy_until), height: TRANSIT - 8, fill: "url(#hatch)", "data-tip": tr.name + " busy (previous work) until " + iso(tr.busy_until) });
      for (const [k, a, b] of tr.holds) {
        if (!inView(a, b)) continue;
        const s = D.servers[k], mine = shownSet.has(k);
        sv(g, "rect", { x: x(a), y: y + 4, width: Math.max(w(a, b), 1), height: TRANSIT - 8, rx: 2, fill: mine ? "#486581" : "#bcccdc", stroke: "#fff", "stroke-width": 0.5,
          "data-tip": tr.name + " held by " + s.name + "\n" + span(a, b) + (D.transit_recycle ? "\n(includes " + duration(D.transit_recycle) + " recycle)" : "") });
        if (w(a, b) > 7 * s.name.length) sv(g, "text", { x: x(a) + 3, y: y + 14, fill: mine ? "#fff" : "#334e68", "font-size": 10, "pointer-events": "none" }, s.name);
      }
      y += TRANSIT;
    }
    y += 6;
    sv(svg, "text", { x: 8, y: y + 14 }, "support crew");
    sv(svg, "text", { x: 8, y: y + 28, class: "section-label" }, "capacity " + D.support_capacity);
    const crew = sv(svg, "g", { class: "crew-row" }), cap = Math.max(D.support_capacity, 1), base = y + CREW - 4;
    for (let i = 0; i < D.crew.length; i++) {
      const [a, n] = D.crew[i], b = i + 1 < D.crew.length ? D.crew[i + 1][0] : a;
      if (n <= 0 || b <= a || !inView(a, b)) continue;
      const h = Math.min(n / cap, 1.5) * (CREW - 10);
      sv(crew, "rect", { x: x(a), y: base - h, width: Math.max(w(a, b), 1), height: h, fill: n > cap ? "var(--bad)" : "#829ab1", "data-tip": n + " of " + D.support_capacity + " crew members busy\n" + span(a, b) });
    }
    sv(crew, "line", { x1: LABEL, x2: LABEL + plot, y1: base - (CREW - 10), y2: base - (CREW - 10), stroke: "#334e68", "stroke-dasharray": "3 3" });
    sv(crew, "line", { x1: LABEL, x2: LABEL + plot, y1: base, y2: base, stroke: "#d9dee4" });
    host.append(svg);
  }
  function renderLegend() {
    for (const [text, color] of LEGEND) { const s = el("span", {}, text); s.style.setProperty("--swatch", `var(${color})`); $("legend").append(s); }
    if (MC) { const s = el("span", {}, "release P10–P90 (Monte Carlo)"); s.style.setProperty("--swatch", "#102a43"); $("legend").append(s); }
  }

  // ---- downtime per account against max_downtime
  function renderDowntime(view) {
    const host = $("downtime"); host.textContent = "";
    const show = state.show || (view.shown.reduce((n, v) => n + v.s.accounts.length, 0) > 150 ? "worst" : "all");
    $("downtime-show").value = show;
    const rows = [];
    for (const v of view.shown) {
      const limit = v.policy.max_downtime;
      for (const a of v.s.accounts) {
        const total = a.downtime.reduce((x, y) => x + y, 0);
        if (show === "worst" && a.name !== v.worstName) continue;
        if (show === "over" && !(limit !== null && total > limit)) continue;
        rows.push({ v, a, total, limit });
      }
    }
    $("downtime-scope").textContent = "· " + rows.length + " account(s) of the servers shown";
    if (!rows.length) { host.append(el("p", { class: "ok" }, show === "over" ? "No account of these servers exceeds its max_downtime." : "No account.")); return; }
    let top = 1;
    for (const v of servers) { top = Math.max(top, v.worst); if (v.policy.max_downtime !== null) top = Math.max(top, v.policy.max_downtime); }
    const width = Math.max(760, host.clientWidth || 1200), LBL = 230, plot = width - LBL - 190, H = 17;
    const svg = sv(null, "svg", { width, height: rows.length * H + 26, id: "downtime-svg" });
    const x = (s) => LBL + s / top * plot;
    const axis = sv(svg, "g", { class: "axis" });
    for (const step of [60, 300, 600, 1800, 3600, 7200, 21600, 43200, 86400, 604800]) {
      if (top / step > 8) continue;
      for (let s = 0; s <= top; s += step) {
        sv(axis, "line", { x1: x(s), x2: x(s), y1: 14, y2: rows.length * H + 20, class: "grid" });
        sv(axis, "text", { x: x(s) + 2, y: 11 }, duration(s));
      }
      break;
    }
    rows.forEach((r, i) => {
      const y = 18 + i * H, over = r.limit !== null && r.total > r.limit;
      const g = sv(svg, "g", { class: "downtime-row", "data-account": r.v.s.name + "/" + r.a.name });
      const firstOfServer = i === 0 || rows[i - 1].v !== r.v;
      if (firstOfServer && i) sv(svg, "line", { x1: 0, x2: width, y1: y - 0.5, y2: y - 0.5, stroke: "#e4e8ec" });
      if (firstOfServer) sv(g, "text", { x: 8, y: y + 11, "font-weight": 600 }, r.v.s.name.length > 16 ? r.v.s.name.slice(0, 15) + "…" : r.v.s.name);
      sv(g, "text", { x: 128, y: y + 11, fill: over ? "var(--bad)" : undefined }, r.a.name.length > 15 ? r.a.name.slice(0, 14) + "…" : r.a.name);
      const parts = [["migrate", r.a.downtime[0], over ? "#e53e3e" : "var(--migrate)"], ["ip reroute", r.a.downtime[1], "#d69e2e"], ["move back", r.a.downtime[2], over ? "#f56565" : "var(--move-back)"]];
      let at = 0;
      const tip = r.v.s.name + "/" + r.a.name + "\nmigrate " + duration(r.a.downtime[0]) + " + reroute " + duration(r.a.downtime[1]) + " + move back " + duration(r.a.downtime[2]) +
        "\n= " + duration(r.total) + " (" + r.total + " s)" + (r.limit !== null ? "\nmax_downtime " + duration(r.limit) + (over ? ": exceeded by " + duration(r.total - r.limit) : ": " + duration(r.limit - r.total) + " to spare") : "\nno max_downtime");
      for (const [, s, fill] of parts) { if (s > 0) sv(g, "rect", { x: x(at), y: y + 2, width: Math.max(x(at + s) - x(at), 1), height: H - 5, fill, "data-tip": tip }); at += s; }
      if (r.limit !== null) sv(g, "rect", { x: x(r.limit) - 1, y: y, width: 2, height: H - 1, fill: "var(--bad)", "data-tip": "max_downtime " + duration(r.limit) });
      sv(g, "text", { x: LBL + plot + 10, y: y + 11, fill: over ? "var(--bad)" : "#616e7c" }, duration(r.total) + (r.limit !== null ? " / " + duration(r.limit) : ""));
    });
    host.append(svg);
  }

  // ---- the transit bill per server
  function renderBill(view) {
    const table = $("bill"); table.textContent = "";
    const head = table.createTHead().insertRow();
    for (const h of ["server", "transit", "price / month", "free until", "all migrated", "held (days)", "billed days", "cost", ""]) head.append(el("th", { class: h === "server" || h === "transit" ? "text" : "" }, h));
    const body = table.createTBody();
    const most = Math.max(1, ...servers.map((v) => v.s.cost_cents));
    let page = 0;
    for (const v of view.shown) {
      const s = v.s, row = body.insertRow();
      row.dataset.server = s.name;
      if (s.billed_days > 0) row.className = "bad";
      row.append(el("td", { class: "text" }, s.name), el("td", { class: "text" }, D.transits[s.transit].name),
                 el("td", {}, s.price.toFixed(2) + " " + D.currency),
                 el("td", { "data-tip": "free for " + duration(v.policy.free_transit) + " from the end of install\n" + iso(s.install[1] + v.policy.free_transit) }, iso(s.install[1] + v.policy.free_transit).slice(0, 16).replace("T", " ")),
                 el("td", { "data-tip": iso(s.all_migrated) }, iso(s.all_migrated).slice(0, 16).replace("T", " ")),
                 el("td", {}, s.held_days.toFixed(2)), el("td", {}, String(s.billed_days)),
                 el("td", {}, money(s.cost_cents)));
      const cell = el("td", { class: "bar" }), b = el("span");
      b.style.width = (100 * s.cost_cents / most).toFixed(1) + "%"; cell.append(b); row.append(cell);
      page += s.cost_cents;
    }
    const foot = table.createTFoot().insertRow();
    foot.append(el("td", { class: "text", colspan: 7 }, "servers shown · whole fleet"), el("td", {}, money(page) + " · " + money(D.totals.transit_cost_cents)), el("td"));
    $("bill-scope").textContent = "· " + view.shown.length + " of " + servers.length;
  }

  // ---- Monte Carlo (sections hidden without it)
  function renderMonteCarlo() {
    if (!MC) return;
    $("mc-totals").hidden = false; $("mc-violations").hidden = false;
    $("mc-runs").textContent = String(MC.runs);
    for (const h of MC.totals) {
      const fig = el("figure", { class: "histogram" }), W = 300, Hh = 120, most = Math.max(1, ...h.counts);
      const svg = sv(null, "svg", { width: W, height: Hh + 18 }), bw = (W - 10) / Math.max(1, h.counts.length);
      h.counts.forEach((n, i) => {
        const bh = n / most * Hh, lo = h.low + i * h.width;
        sv(svg, "rect", { x: 5 + i * bw, y: Hh - bh, width: Math.max(bw - 1, 1), height: bh, fill: "#486581", "data-tip": h.title + "\n" + lo + " – " + (lo + h.width) + " " + h.unit + "\n" + n + " runs (" + (100 * n / MC.runs).toFixed(1) + " %)" });
      });
      sv(svg, "text", { x: 5, y: Hh + 14, class: "axis" }, h.low + " " + h.unit);
      sv(svg, "text", { x: W - 5, y: Hh + 14, "text-anchor": "end" }, (h.low + h.width * h.counts.length) + " " + h.unit);
      fig.append(svg, el("figcaption", {}, h.title));
      $("mc-histograms").append(fig);
    }
    const table = $("mc-violation-table"), head = table.createTHead().insertRow();
    for (const t of ["kind", "subject", "probability", ""]) head.append(el("th", { class: t === "kind" || t === "subject" ? "text" : "" }, t));
    const body = table.createTBody();
    for (const v of MC.violations) {
      const row = body.insertRow(), cell = el("td", { class: "bar" }), b = el("span", { class: "prob" });
      b.style.width = (100 * v.probability).toFixed(1) + "%"; cell.append(b);
      row.append(el("td", { class: "text" }, v.kind), el("td", { class: "text" }, v.subject), el("td", {}, (100 * v.probability).toFixed(1) + " %"), cell);
    }
    if (!MC.violations.length) body.insertRow().append(el("td", { class: "text ok", colspan: 4 }, "No violation in any run."));
  }

  // ---- wiring
  function render() {
    const view = currentView();
    $("page-label").textContent = view.chosen.length
      ? `servers ${view.first + 1}–${view.first + view.shown.length} of ${view.chosen.length} · page ${state.page + 1} of ${view.pages}`
      : "no server matches";
    $("prev").disabled = state.page === 0; $("next").disabled = state.page >= view.pages - 1;
    renderGantt(view); renderDowntime(view); renderBill(view);
    const h = new URLSearchParams();
    if (state.filter) h.set("filter", state.filter);
    for (const [k, d] of [["group", "none"], ["sort", "written"], ["axis", ""]]) if (state[k] !== d) h.set(k, state[k]);
    if (state.show) h.set("show", state.show);
    if (state.size !== 50) h.set("size", state.size);
    if (state.page) h.set("page", state.page + 1);
    if (expanded.size) h.set("open", [...expanded].map((k) => D.servers[k].name).join(","));
    const text = h.toString();
    if (text !== location.hash.slice(1)) history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
  }
  function bind(id, key, parse) {
    const input = $(id);
    input.value = String(state[key]);
    input.addEventListener("input", () => { state[key] = parse ? parse(input.value) : input.value; if (key !== "show") state.page = 0; render(); });
  }
  bind("filter", "filter"); bind("group", "group"); bind("sort", "sort"); bind("axis", "axis"); bind("downtime-show", "show");
  bind("page-size", "size", (v) => parseInt(v, 10));
  $("prev").addEventListener("click", () => { state.page--; render(); });
  $("next").addEventListener("click", () => { state.page++; render(); });
  let resizing = 0;
  window.addEventListener("resize", () => { clearTimeout(resizing); resizing = setTimeout(render, 150); });

  const tip = $("tip");
  document.addEventListener("mousemove", (e) => {
    const target = e.target.closest ? e.target.closest("[data-tip]") : null;
    if (!target) { tip.hidden = true; return; }
    tip.textContent = target.getAttribute("data-tip"); tip.hidden = false;
    const r = tip.getBoundingClientRect();
    tip.style.left = Math.min(e.clientX + 14, innerWidth - r.width - 8) + "px";
    tip.style.top = (e.clientY + 16 + r.height > innerHeight ? e.clientY - r.height - 10 : e.clientY + 16) + "px";
  });

  renderHeadline(); renderViolations(); renderMonteCarlo(); renderLegend(); render();
  document.body.dataset.rendered = "ok";
})();
