// The node's live page: draws what GET /events streams (status, cluster, dinner, job) and starts
// runs through the same API as curl does. No library: SVG for the table, canvas for the charts.
"use strict";

const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";
const WINDOW_SECONDS = 300;
const SEAT_R = 128, FORK_R = 84;

const state = {
  dinners: new Map(),   // trace id -> { view, seen (ms), rate }
  shown: null,          // the trace id drawn
  jobs: new Map(),      // trace id -> job data
  series: { meals: [], log: [], factor: [], messages: [] },
  metrics: null,        // the previous counters per actor class, for rates
  last: {},             // the previous counters, for rates
};

// ---- the stream ----

function connect() {
  const events = new EventSource("/events");
  events.onopen = () => { $("link").textContent = "live"; $("link").className = "link up"; };
  events.onerror = () => { $("link").textContent = "reconnecting"; $("link").className = "link down"; };
  events.addEventListener("status", (e) => onStatus(JSON.parse(e.data)));
  events.addEventListener("cluster", (e) => onCluster(JSON.parse(e.data)));
  events.addEventListener("dinner", (e) => onDinner(JSON.parse(e.data)));
  events.addEventListener("job", (e) => onJob(JSON.parse(e.data)));
  events.addEventListener("metrics", (e) => onMetrics(JSON.parse(e.data)));
}

// ---- services, work, log server, rates ----

function onStatus(s) {
  $("node").textContent = s.node;
  $("uptime").textContent = "up " + duration(s.uptimeSeconds);
  if (s.work) {
    $("work").textContent = "work held " + s.work.held + " of " + s.work.bound;
  }
  const rows = s.services.map((v) =>
    row([v.name, [v.state, v.state], v.instances ?? "", v.restarts ?? 0]));
  $("services").tBodies[0].replaceChildren(...rows);
  const now = Date.now() / 1000;
  const log = s.services.find((v) => v.name === "logserver");
  if (log && log.stats) {
    push("log", now, rate("log", now, log.stats.lines));
    drawLogServer(log.stats);
  }
  const factor = s.services.find((v) => v.name === "factor");
  if (factor && factor.stats) {
    push("factor", now, rate("factor", now, factor.stats.numbers));
  }
  const shown = state.dinners.get(state.shown);
  push("meals", now, shown && shown.view.state === "dining" ? shown.rate : 0);
  for (const name of ["meals", "log", "factor"]) {
    chart(name);
  }
}

function rate(name, now, count) {
  const before = state.last[name];
  state.last[name] = { t: now, n: count };
  if (!before || count < before.n || now <= before.t) {
    return 0;
  }
  return (count - before.n) / (now - before.t);
}

function push(name, t, v) {
  const s = state.series[name];
  s.push({ t, v });
  while (s.length && s[0].t < t - WINDOW_SECONDS) {
    s.shift();
  }
}

function drawLogServer(stats) {
  const kinds = Object.entries(stats.badInput || {}).filter(([, n]) => n > 0);
  const bad = kinds.reduce((a, [, n]) => a + n, 0);
  const figures = [
    ["state", stats.state], ["listens on", stats.address], ["writes", stats.out],
    ["open connections", stats.openConnections], ["connections", number(stats.connections)],
    ["records written", number(stats.lines)], ["records/s", number(Math.round(lastOf("log")))],
    ["bad frames refused", bad + (kinds.length ? " (" + kinds.map(([k, n]) => k + " " + n).join(", ") + ")" : "")],
  ];
  $("logserver").replaceChildren(...figures.flatMap(([k, v]) => [el("dt", k), el("dd", String(v ?? ""))]));
  // The last few records, as the server wrote them (cut, and at most ten: the server keeps no more).
  const last = stats.lastRecords || [];
  $("log-records").replaceChildren(...(last.length ? last.map((r) => el("li", r)) : [el("li", "No record yet.", "empty")]));
}

function lastOf(name) {
  const s = state.series[name];
  return s.length ? s[s.length - 1].v : 0;
}

function chart(name) {
  const canvas = $("chart-" + name);
  const ctx = canvas.getContext("2d");
  const w = canvas.width, h = canvas.height;
  ctx.clearRect(0, 0, w, h);
  const s = state.series[name];
  $("rate-" + name).textContent = s.length ? number(Math.round(s[s.length - 1].v)) : "";
  if (s.length < 2) {
    return;
  }
  const max = Math.max(1, ...s.map((p) => p.v));
  const t1 = s[s.length - 1].t, t0 = t1 - WINDOW_SECONDS;
  ctx.strokeStyle = "#4a7fb5";
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  s.forEach((p, i) => {
    const x = ((p.t - t0) / WINDOW_SECONDS) * w;
    const y = h - 4 - (p.v / max) * (h - 12);
    if (i === 0) { ctx.moveTo(x, y); } else { ctx.lineTo(x, y); }
  });
  ctx.stroke();
  ctx.fillStyle = "#999";
  ctx.font = "10px sans-serif";
  ctx.fillText(number(Math.round(max)), 3, 10);
}

// ---- actors, per class ----

function onMetrics(m) {
  const now = Date.now() / 1000;
  const before = state.metrics;
  state.metrics = { t: now, byClass: new Map(m.classes.map((c) => [c.actorClass, c])) };
  if (!before || now <= before.t) {
    return;
  }
  const dt = now - before.t;
  let total = 0;
  const rows = [];
  for (const c of m.classes) {
    const p = before.byClass.get(c.actorClass) || { handled: 0, waited: 0, waitNanos: 0, timed: 0, handlingNanos: 0 };
    const handled = Math.max(0, c.handled - p.handled);
    total += handled;
    const waited = c.waited - p.waited, timed = c.timed - p.timed;
    rows.push({
      name: c.actorClass, actors: c.actors, rate: handled / dt,
      wait: waited > 0 ? (c.waitNanos - p.waitNanos) / waited : null,
      handling: timed > 0 ? (c.handlingNanos - p.handlingNanos) / timed : null,
      longest: c.maxHandlingNanos,
    });
  }
  push("messages", now, total / dt);
  chart("messages");
  rows.sort((a, b) => b.rate - a.rate || a.name.localeCompare(b.name));
  $("actors").tBodies[0].replaceChildren(...rows.filter((r) => r.actors > 0 || r.rate > 0).slice(0, 12).map((r) =>
    row([r.name, r.actors, number(Math.round(r.rate)), nanos(r.wait), nanos(r.handling), nanos(r.longest)])));
}

function nanos(n) {
  if (n === null || n === undefined) return "";
  if (n < 1e3) return Math.round(n) + " ns";
  if (n < 1e6) return (n / 1e3).toFixed(1) + " \u00b5s";
  if (n < 1e9) return (n / 1e6).toFixed(1) + " ms";
  return (n / 1e9).toFixed(2) + " s";
}

// ---- the cluster ----

function onCluster(c) {
  $("leader").textContent = c.leader ? "leader " + c.leader : "no leader";
  const rows = c.members.map((m) =>
    row([m.node + (m.node === c.self ? " (this node)" : ""), [m.status, m.status],
      [m.reachable ? "yes" : "no", m.reachable ? "up" : "unreachable"], (m.roles || []).filter((r) => !r.startsWith("dc-")).join(", ")]));
  $("members").tBodies[0].replaceChildren(...rows);
}

// ---- the dinner ----

function onDinner(d) {
  const view = d.data;
  const known = state.dinners.get(d.key);
  let r = known ? known.rate : 0;
  if (known && view.seconds > known.view.seconds) {
    r = (view.meals - known.view.meals) / (view.seconds - known.view.seconds);
  }
  state.dinners.set(d.key, { view, rate: r });
  // The newest dinner is the one shown: a dinner started from this page, or from elsewhere.
  if (!known && (state.shown === null || !state.dinners.get(state.shown) || view.state === "dining")) {
    state.shown = d.key;
  }
  if (state.shown === d.key) {
    drawDinner(view, r);
  }
}

function drawDinner(v, r) {
  const tag = $("dinner-state");
  tag.textContent = v.state;
  tag.className = "tag " + v.state;
  const how = v.footman ? "a footman seating " + v.seats : "no footman";
  $("dinner-summary").textContent =
    v.faculty + " philosophers, " + how + " · " + v.seconds.toFixed(1) + " s" +
    (v.state === "dining" ? " · " + number(Math.round(r)) + " meals/s" : "");
  const of = v.expected >= 0 ? " of " + number(v.expected) : "";
  $("meals-text").textContent = number(v.meals) + of + " meals";
  $("meals-bar").style.width = (v.expected > 0 ? Math.min(100, (100 * v.meals) / v.expected) : 0) + "%";
  $("cycle-text").textContent = v.cycle.length
    ? "deadlock: " + v.cycle.map((l) => "P" + l.philosopher + " holds fork " + l.holds + ", waits for fork " + l.waitsFor).join("; ")
    : "";
  drawTable(v);
}

// The table is built once per size and then updated in place, so forks glide (CSS transitions).
let built = null;

function build(svg, n) {
  const size = Math.max(10, Math.min(26, 300 / n));
  const t = { n, size, waits: document.createElementNS(SVG, "g"), forks: [], philosophers: [], footman: text(0, -8, "", "footman"), seated: text(0, 10, "", "footman") };
  const parts = [defs(), circle(0, 0, FORK_R + 18, "plate"), t.waits];
  for (let i = 0; i < n; i++) {
    const g = document.createElementNS(SVG, "g");
    g.dataset.fork = i;
    const line = document.createElementNS(SVG, "line");
    attrs(line, { x1: 0, y1: -size * 0.7, x2: 0, y2: size * 0.7 });
    g.appendChild(line);
    t.forks.push(g);
    parts.push(g);
  }
  const step = (2 * Math.PI) / n;
  for (let i = 0; i < n; i++) {
    const g = document.createElementNS(SVG, "g");
    g.dataset.philosopher = i;
    const [x, y] = polar(i * step, SEAT_R);
    g.appendChild(circle(x, y, size));
    g.appendChild(text(x, y, "P" + i));
    const [mx, my] = polar(i * step, SEAT_R + size + 13);
    const meals = text(mx, my, "", "meals");
    g.appendChild(meals);
    t.philosophers.push({ g, meals });
    parts.push(g);
  }
  parts.push(t.footman, t.seated);
  svg.replaceChildren(...parts);
  return t;
}

function polar(angle, radius) {
  return [radius * Math.sin(angle), -radius * Math.cos(angle)];
}

function drawTable(v) {
  const svg = $("table");
  const n = v.philosophers.length;
  if (n === 0) {
    built = null;
    svg.replaceChildren(text(0, 0, v.faculty + " philosophers: too many to draw", "footman"));
    return;
  }
  if (!built || built.n !== n) {
    built = build(svg, n);
  }
  const step = (2 * Math.PI) / n;
  const seatR = SEAT_R, forkR = FORK_R, size = built.size;
  // The wait-for edges: a waiting philosopher points at the fork it waits for (in the cycle: red).
  const inCycle = new Set(v.cycle.map((l) => l.philosopher + ">" + l.waitsFor));
  const waits = [];
  for (const f of v.forks) {
    for (const p of f.waiters) {
      const [x1, y1] = polar(p * step, seatR - size - 2);
      const [x2, y2] = forkAt(f, step, forkR, seatR);
      const line = document.createElementNS(SVG, "line");
      attrs(line, { x1, y1, x2, y2, class: "wait" + (inCycle.has(p + ">" + f.id) ? " cycle" : "") });
      waits.push(line);
    }
  }
  built.waits.replaceChildren(...waits);
  // Fork i lies between philosophers i-1 and i; held, it moves beside its holder.
  for (const f of v.forks) {
    const g = built.forks[f.id];
    g.setAttribute("class", "fork" + (f.holder >= 0 ? " held" : ""));
    g.dataset.holder = f.holder;
    const [x, y] = forkAt(f, step, forkR, seatR);
    const angle = f.holder >= 0 ? f.holder * step : (f.id - 0.5) * step;
    g.style.transform = "translate(" + x.toFixed(1) + "px, " + y.toFixed(1) + "px) rotate(" + ((angle * 180) / Math.PI).toFixed(1) + "deg)";
  }
  for (const p of v.philosophers) {
    const seat = built.philosophers[p.id];
    seat.g.setAttribute("class", "philosopher " + p.doing);
    seat.g.dataset.doing = p.doing;
    seat.meals.textContent = p.meals + (p.meals === 1 ? " meal" : " meals");
    seat.meals.dataset.meals = p.meals;
  }
  built.footman.textContent = v.footman
    ? "footman: " + Math.max(0, v.seats - v.seated.length) + " of " + v.seats + " seats free" +
      (v.queue.length ? ", " + v.queue.length + " waiting" : "")
    : "no footman";
  built.seated.textContent = v.footman ? "seated: " + (v.seated.length ? v.seated.map((s) => "P" + s).join(" ") : "none") : "";
}

function forkAt(f, step, forkR, seatR) {
  if (f.holder >= 0) {
    // Held: beside its holder, on the side of the neighbour it shares the fork with.
    const side = f.id === f.holder ? -0.22 : 0.22;
    return polar((f.holder + side) * step, (forkR + seatR) / 2);
  }
  return polar((f.id - 0.5) * step, forkR);
}

function defs() {
  const d = document.createElementNS(SVG, "defs");
  d.innerHTML =
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#e07b39"/></marker>' +
    '<marker id="arrow-cycle" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#d0312d"/></marker>';
  return d;
}

// ---- jobs ----

function onJob(j) {
  const unit = { factor: "numbers", tune: "cells" }[j.data.kind] || "units";
  state.jobs.set(j.key, Object.assign({ last: j.last, unit }, j.data));
  const jobs = [...state.jobs.entries()].slice(-8).reverse();
  $("jobs").replaceChildren(...jobs.map(([key, job]) => {
    const div = el("div", "");
    div.className = "job " + job.state;
    div.dataset.job = key;
    const pct = job.total > 0 ? (100 * job.done) / job.total : 0;
    const rateText = job.seconds > 0 ? number(Math.round(job.done / job.seconds)) + " " + job.unit + "/s" : "";
    div.append(
      el("div", job.kind + " " + key + " · " + job.state + " · " + number(job.done) + " of " + number(job.total) + " " + job.unit + " · " + rateText),
      barOf(pct),
      el("small", Object.entries(job.byNode || {}).map(([node, n]) => node + ": " + number(n)).join(" · ")));
    return div;
  }));
}

function barOf(pct) {
  const bar = el("div", "");
  bar.className = "bar";
  const fill = el("div", "");
  fill.style.width = pct.toFixed(1) + "%";
  bar.appendChild(fill);
  return bar;
}

// ---- starting runs: the API's own requests ----

async function post(path, body, answer) {
  const out = $(answer);
  out.className = "answer";
  out.textContent = "running...";
  try {
    const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const text = await response.text();
    out.textContent = (response.ok ? "" : response.status + ": ") + summarize(text);
    if (!response.ok) {
      out.className = "answer error";
    }
  } catch (e) {
    out.className = "answer error";
    out.textContent = String(e);
  }
}

function summarize(text) {
  try {
    const a = JSON.parse(text);
    if (Array.isArray(a)) {
      return a.length + " numbers factored";
    }
    if (a.error) {
      return a.error;
    }
    if (a.outcome) {
      return a.outcome + (a.meals !== undefined ? ": " + a.meals + " meals" : "") + (a.seconds ? " in " + a.seconds.toFixed(2) + " s" : "");
    }
    if (a.best) {
      return "best k=" + a.best.k + " " + a.best.distance + " quality " + a.best.quality + " (" + a.ms + " ms)";
    }
  } catch (e) {
    // not JSON: shown as it came
  }
  return text.slice(0, 200);
}

function fields(form) {
  const out = {};
  for (const input of form.elements) {
    if (!input.name) continue;
    out[input.name] = input.type === "checkbox" ? input.checked : input.value;
  }
  return out;
}

$("dinner-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const f = fields(e.target);
  state.shown = null;
  const body = {
    faculty: Number(f.faculty), servings: Number(f.servings), eat: f.eat, think: f.think,
    footman: f.footman, "deadlock-after": f["deadlock-after"],
  };
  // Left blank: the node's own setting.
  if (f.continuous.trim()) body.continuous = f.continuous.trim();
  if (f["fail-rate"].trim()) body["fail-rate"] = Number(f["fail-rate"]);
  if (f.seed.trim()) body.seed = Number(f.seed);
  if (body.continuous) delete body.servings;
  post("/philosophers", body, "dinner-answer");
});

$("factor-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const f = fields(e.target);
  const digits = Number(f.digits);
  const numbers = f.numbers.split(/[\s,]+/).filter((n) => n);
  const given = numbers.length > 0;
  for (let i = 0; !given && i < Number(f.count); i++) {
    let s = String(1 + Math.floor(Math.random() * 9));
    while (s.length < digits) s += String(Math.floor(Math.random() * 10));
    numbers.push(s);
  }
  post("/factor", numbers, "factor-answer");
});

$("tune-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const f = fields(e.target);
  const body = { k: f.k, step: Number(f.step), distances: f.distances };
  if (f.csv.trim()) { body.csv = f.csv; } else { body.dataset = f.dataset; }
  post("/tune", body, "tune-answer");
});

// ---- small helpers ----

function row(cells) {
  const tr = document.createElement("tr");
  for (const c of cells) {
    const td = document.createElement("td");
    if (Array.isArray(c)) { td.textContent = c[0]; td.className = c[1]; } else { td.textContent = String(c); }
    tr.appendChild(td);
  }
  return tr;
}

function el(tag, content, cls) {
  const e = document.createElement(tag);
  e.textContent = content;
  if (cls) { e.className = cls; }
  return e;
}

function circle(cx, cy, r, cls) {
  const c = document.createElementNS(SVG, "circle");
  attrs(c, { cx, cy, r });
  if (cls) c.setAttribute("class", cls);
  return c;
}

function text(x, y, s, cls) {
  const t = document.createElementNS(SVG, "text");
  attrs(t, { x, y });
  if (cls) t.setAttribute("class", cls);
  t.textContent = s;
  return t;
}

function attrs(e, a) {
  for (const [k, v] of Object.entries(a)) {
    e.setAttribute(k, typeof v === "number" ? v.toFixed(1) : v);
  }
}

function number(n) {
  return Number(n).toLocaleString("en-US");
}

function duration(s) {
  if (s < 60) return s + " s";
  if (s < 3600) return Math.floor(s / 60) + " min " + (s % 60) + " s";
  return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
}

// A token given as /?token=... is in a cookie now: keep it out of the address bar.
if (location.search.includes("token=")) {
  history.replaceState(null, "", "/");
}
connect();
