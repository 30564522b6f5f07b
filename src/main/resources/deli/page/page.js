// The node's live page: draws what GET /events streams (status, cluster, metrics, job; the dinner
// is table.js's) on canvas and in tables, no library; forms.js starts runs through the API.
"use strict";

const $ = (id) => document.getElementById(id);
const WINDOW_SECONDS = 300;

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
  $("log-records").replaceChildren(...(last.length ? last.map((r) => Object.assign(el("li", r), { title: r })) : [el("li", "No record yet.", "empty")]));
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
