// The live page's forms: a dinner, a factor job or a tuning run started with the same requests,
// and the same parameters, as curl sends them to the API. Loaded after page.js.
"use strict";

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
