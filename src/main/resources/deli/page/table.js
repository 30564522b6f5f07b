// The live page's dinner: the table drawn as SVG from the "dinner" events (philosophers, forks
// and who holds them, the footman's seats, the wait-for cycle of a deadlock). Loaded before
// page.js, which owns the stream and the shared state.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const SEAT_R = 128, FORK_R = 84;

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

// ---- SVG helpers ----

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
