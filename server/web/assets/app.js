// dyad event explorer. Plain JavaScript, no libraries. Every text that comes
// from the API is put into the page with textContent or as an SVG text node,
// never parsed as markup.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const QUAD = ["", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
const QCOL = ["", "#74c476", "#238b45", "#fd8d3c", "#cb181d"];
const FIELDS = ["q", "source", "target", "actor", "from", "to", "code", "quad", "sort", "interval"];

const $ = (id) => document.getElementById(id);

// el builds an HTML element with attributes and text or child nodes.
function el(tag, attrs, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") n.className = v; else n.setAttribute(k, v);
  }
  for (const k of kids) {
    if (k == null) continue;
    n.append(typeof k === "string" || typeof k === "number" ? document.createTextNode(String(k)) : k);
  }
  return n;
}

// sv builds an SVG element; text goes in as a text node.
function sv(tag, attrs, text) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
  if (text != null) n.textContent = String(text);
  return n;
}

function status(msg, isError) {
  const s = $("status");
  s.textContent = msg || "";
  s.classList.toggle("error", !!isError);
}

async function api(path, params) {
  const u = new URL(path, location.href);
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v != null) u.searchParams.set(k, v);
  const r = await fetch(u);
  let body;
  try { body = await r.json(); } catch (e) { body = {}; }
  if (!r.ok) throw new Error(`${path}: ${body.error || r.status + " " + r.statusText}`);
  return body;
}

// ---- state: the filters live in the form and in the URL hash ----

function readForm() {
  const f = {};
  for (const k of FIELDS) f[k] = $("f-" + k).value.trim();
  f.source = f.source.toUpperCase(); f.target = f.target.toUpperCase(); f.actor = f.actor.toUpperCase();
  f.both = $("f-both").checked;
  return f;
}

function writeForm(f) {
  for (const k of FIELDS) $("f-" + k).value = f[k] || "";
  $("f-both").checked = f.both !== false;
}

function fromHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  const f = {};
  for (const k of FIELDS) f[k] = p.get(k) || "";
  f.both = p.get("both") !== "0";
  return f;
}

function toHash(f) {
  const p = new URLSearchParams();
  for (const k of FIELDS) if (f[k]) p.set(k, f[k]);
  if (!f.both) p.set("both", "0");
  const h = p.toString();
  if (location.hash.slice(1) !== h) history.replaceState(null, "", h ? "#" + h : location.pathname);
}

// ---- events table ----

let cursors = [];      // next cursors of the queries behind the table
let queries = [];      // their parameters

function eventQueries(f) {
  const base = { q: f.q, actor: f.actor, from: f.from, to: f.to, quad: f.quad, sort: f.sort, limit: 100 };
  if (/^\d{2}$/.test(f.code)) base.root = f.code; else base.code = f.code;
  const one = Object.assign({}, base, { source: f.source, target: f.target });
  if (f.both && f.source && f.target) {
    return [one, Object.assign({}, base, { source: f.target, target: f.source })];
  }
  return [one];
}

async function loadEvents(f, more) {
  if (!more) { queries = eventQueries(f); cursors = queries.map(() => ""); }
  const pages = await Promise.all(queries.map((q, i) =>
    more && !cursors[i] ? { events: [], next: "" } : api("api/events", Object.assign({}, q, { cursor: cursors[i] }))));
  cursors = pages.map((p) => p.next || "");
  let evs = pages.flatMap((p) => p.events || []);
  if (queries.length > 1) evs.sort(eventOrder(f.sort));
  const tb = $("events").tBodies[0];
  if (!more) tb.replaceChildren();
  for (const e of evs) tb.append(eventRow(e));
  if (!tb.rows.length) tb.append(el("tr", { class: "empty" }, el("td", { colspan: "7" }, "No events match these filters.")));
  $("more").hidden = !cursors.some(Boolean);
  const n = tb.querySelectorAll("tr[data-id]").length;
  $("events-title").textContent = `Events (${n}${cursors.some(Boolean) ? "+" : ""})`;
  return evs;
}

// eventOrder merges the pages of the two directions of a pair in the order
// the API sorts each (see sort in docs/api.md).
function eventOrder(sort) {
  const desc = !sort.startsWith("-"), key = sort.replace(/^-/, "") || "date";
  const val = (e) => (key === "date" ? e.date || "" : Number(e[key]) || 0);
  return (a, b) => {
    const x = val(a), y = val(b);
    const c = x < y ? -1 : x > y ? 1 : 0;
    return (desc ? -c : c) || (b.mentions || 0) - (a.mentions || 0);
  };
}

function actorCell(a) {
  if (!a) return el("td", {}, "—");
  return el("td", {}, el("span", { class: "code" }, a.code || ""), a.name ? el("span", { class: "name" }, a.name) : null);
}

function eventRow(e) {
  const q = e.quad || 0;
  const tr = el("tr", { "data-id": String(e.id), "data-doc": e.evidence ? String(e.evidence.doc || "") : "", title: QUAD[q] || "" },
    el("td", {}, e.date || ""),
    actorCell(e.source),
    el("td", {}, el("span", { class: "q q" + q }), el("span", { class: "code" }, e.code || ""),
      e.plover ? el("span", { class: "name" }, e.plover) : null),
    actorCell(e.target),
    el("td", { class: "num" }, fmtG(e.goldstein)),
    el("td", { class: "num" }, `${e.mentions || 1}/${e.documents || 1}`),
    el("td", { class: "ev" }, e.evidence ? e.evidence.text || "" : ""));
  tr.addEventListener("click", () => {
    for (const r of tr.parentNode.querySelectorAll("tr.selected")) r.classList.remove("selected");
    tr.classList.add("selected");
    openDocument(e);
  });
  return tr;
}

function fmtG(g) {
  if (g == null || isNaN(g)) return "";
  return (g > 0 ? "+" : "") + Number(g).toFixed(1);
}

// ---- the document panel: text with the evidence and actors highlighted ----

// Spans are byte offsets into the UTF-8 text; the text is cut on the bytes
// and each piece decoded, so accents never shift a highlight.
function highlighted(text, marks) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const cuts = new Set([0, bytes.length]);
  const ok = marks.filter((m) => Array.isArray(m.span) && m.span[0] < m.span[1] && m.span[0] >= 0 && m.span[1] <= bytes.length);
  for (const m of ok) { cuts.add(m.span[0]); cuts.add(m.span[1]); }
  const pts = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < pts.length; i++) {
    const [a, b] = [pts[i], pts[i + 1]];
    let node = document.createTextNode(dec.decode(bytes.subarray(a, b)));
    // innermost first: trigger, actor, evidence sentence
    for (const m of ok.filter((m) => m.span[0] <= a && b <= m.span[1]).sort((x, y) => x.rank - y.rank)) {
      const w = el("mark", { class: m.cls });
      if (m.title) w.title = m.title;
      w.append(node);
      node = w;
    }
    frag.append(node);
  }
  return frag;
}

let docSeq = 0;

async function openDocument(e) {
  const id = e.evidence && e.evidence.doc;
  if (!id) return;
  const seq = ++docSeq;
  let d;
  try {
    d = await api("api/documents/" + encodeURIComponent(id));
  } catch (err) {
    status(err.message, true);
    return;
  }
  if (seq !== docSeq) return;
  $("doc-title").textContent = d.title || String(d.id);
  const meta = $("doc-meta");
  meta.replaceChildren(`${d.published || ""} · ${d.lang || ""} · ${String(d.id)} `);
  if (d.url && /^https?:\/\//i.test(d.url)) meta.append(el("a", { href: d.url, rel: "noopener noreferrer", target: "_blank" }, "source"));
  const ev = e.evidence;
  $("doc-event").replaceChildren(
    el("span", { class: "q q" + (e.quad || 0) }),
    `${e.date || ""}  ${e.source ? e.source.code : "?"} → ${e.target ? e.target.code : "—"}  `,
    el("span", { class: "code" }, e.code || ""),
    `  ${e.plover || ""}  Goldstein ${fmtG(e.goldstein)}  (${ev.modality || ""})`);
  const marks = [];
  if (ev.span) marks.push({ span: ev.span, cls: "evidence", rank: 3, title: "evidence of " + (e.code || "") });
  if (ev.trigger) marks.push({ span: ev.trigger, cls: "trigger", rank: 1 });
  for (const a of d.actors || []) marks.push({ span: a.span, cls: "actor", rank: 2, title: a.code + (a.name ? " · " + a.name : "") });
  const box = $("doc-text");
  box.replaceChildren(highlighted(d.text || "", marks));
  $("doc").hidden = false;
  const m = box.querySelector("mark.evidence");
  if (m) m.scrollIntoView({ block: "center" });
}

// ---- timeline chart: events per quad class, stacked, and mean Goldstein ----

async function loadTimeline(f) {
  const a = f.source || f.actor, b = f.target;
  const box = $("timeline");
  if (!a || !b) {
    $("timeline-title").textContent = "Timeline";
    $("summary").textContent = "Pick a source and a target (or click a pair in the network) to see their timeline.";
    box.replaceChildren();
    return;
  }
  const params = { a, b, from: f.from, to: f.to };
  let t;
  if (f.interval) {
    t = await api("api/timeline", Object.assign(params, { interval: f.interval }));
  } else {
    for (const iv of ["month", "week", "day"]) {
      t = await api("api/timeline", Object.assign(params, { interval: iv }));
      if (fillPeriods(iv, t.points || []).length >= 4) break;
    }
  }
  const pts = fillPeriods(t.interval, t.points || []);
  $("timeline-title").textContent = `Timeline ${a} ↔ ${b} (by ${t.interval})`;
  const tot = [0, 0, 0, 0, 0];
  let gsum = 0, n = 0;
  for (const p of pts) {
    for (let q = 1; q <= 4; q++) tot[q] += p["q" + q] || 0;
    gsum += (p.goldstein || 0) * (p.events || 0); n += p.events || 0;
  }
  const s = $("summary");
  if (!n) { s.textContent = `No events between ${a} and ${b} for these dates.`; box.replaceChildren(); return; }
  s.replaceChildren(`${n} event${n > 1 ? "s" : ""}: `,
    el("b", { class: "coop" }, `${tot[1] + tot[2]} cooperation`), " (", `${tot[1]} verbal, ${tot[2]} material), `,
    el("b", { class: "conf" }, `${tot[3] + tot[4]} conflict`), " (", `${tot[3]} verbal, ${tot[4]} material); mean Goldstein `,
    el("b", {}, fmtG(gsum / n)), ".");
  box.replaceChildren(timelineSVG(pts, (p) => openPeriod(f, a, b, t.interval, p)));
  $("timeline-legend").replaceChildren(...[1, 2, 3, 4].flatMap((q) => [el("span", { class: "sw", style: "background:" + QCOL[q] }), QUAD[q]]),
    el("span", { class: "sw", style: "background:#1d232a;height:3px" }), "mean Goldstein (right axis)");
}

function timelineSVG(pts, onPick) {
  const W = 720, H = 280, L = 40, R = 44, T = 12, B = 40;
  const pw = (W - L - R) / Math.max(pts.length, 1);
  const maxN = Math.max(1, ...pts.map((p) => p.events || 0));
  const step = niceStep(maxN);
  const top = Math.ceil(maxN / step) * step;
  const y = (v) => T + (H - T - B) * (1 - v / top);
  const g = (v) => T + (H - T - B) * (1 - (v + 10) / 20);
  const svg = sv("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events per period by quad class, with mean Goldstein" });
  for (let v = 0; v <= top; v += step) {
    svg.append(sv("line", { class: "grid", x1: L, x2: W - R, y1: y(v), y2: y(v) }));
    svg.append(sv("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end" }, v));
  }
  for (const v of [-10, -5, 0, 5, 10]) svg.append(sv("text", { x: W - R + 6, y: g(v) + 4 }, (v > 0 ? "+" : "") + v));
  svg.append(sv("line", { class: "axis", x1: L, x2: W - R, y1: g(0), y2: g(0), "stroke-dasharray": "3 3" }));
  svg.append(sv("text", { x: 4, y: T + 2, transform: `rotate(90 4 ${T + 2})` }, "events"));
  const every = Math.ceil(pts.length / 12);
  const line = [];
  pts.forEach((p, i) => {
    const x = L + i * pw, bw = Math.max(2, Math.min(48, pw * 0.7)), bx = x + (pw - bw) / 2;
    const grp = sv("g", { class: "period", "data-period": p.period });
    let acc = 0;
    for (let q = 1; q <= 4; q++) {
      const c = p["q" + q] || 0;
      if (!c) continue;
      const r = sv("rect", { class: "bar", x: bx, y: y(acc + c), width: bw, height: y(acc) - y(acc + c), fill: QCOL[q] });
      r.append(sv("title", {}, `${p.period}: ${c} ${QUAD[q]}`));
      grp.append(r);
      acc += c;
    }
    // a transparent full-height target makes thin bars easy to click
    const hit = sv("rect", { x: x, y: T, width: pw, height: H - T - B, fill: "transparent", class: "bar" });
    hit.append(sv("title", {}, `${p.period}: ${p.events} events, mean Goldstein ${fmtG(p.goldstein)}`));
    grp.append(hit);
    grp.addEventListener("click", () => onPick(p));
    svg.append(grp);
    if (i % every === 0) svg.append(sv("text", { x: x + pw / 2, y: H - B + 16, "text-anchor": "middle" }, p.period));
    if (p.events) line.push([x + pw / 2, g(p.goldstein || 0), p]);
  });
  if (line.length > 1) svg.append(sv("polyline", { class: "gold", points: line.map(([a, b]) => `${a},${b}`).join(" ") }));
  for (const [cx, cy, p] of line) {
    const c = sv("circle", { class: "gold-pt", cx, cy, r: 4 });
    c.append(sv("title", {}, `${p.period}: mean Goldstein ${fmtG(p.goldstein)}`));
    c.addEventListener("click", () => onPick(p));
    svg.append(c);
  }
  svg.append(sv("line", { class: "axis", x1: L, x2: W - R, y1: y(0), y2: y(0) }));
  return svg;
}

function niceStep(max) {
  for (const s of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]) if (max / s <= 6) return s;
  return Math.ceil(max / 6);
}

// periodRange gives the first and last day of a timeline period.
function periodRange(iv, p) {
  if (iv === "month") {
    const [yy, mm] = p.split("-").map(Number);
    const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
    return [`${p}-01`, `${p}-${String(last).padStart(2, "0")}`];
  }
  if (iv === "week") {
    const d = new Date(p + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 6);
    return [p, d.toISOString().slice(0, 10)];
  }
  return [p, p];
}

// openPeriod narrows the table to a chart point and opens its most
// mentioned event's document.
async function openPeriod(f, a, b, iv, p) {
  const [from, to] = periodRange(iv, p.period);
  const g = Object.assign({}, f, { source: a, target: b, actor: f.source ? f.actor : "", both: true, from, to });
  writeForm(g);
  toHash(g);
  try {
    const evs = await loadEvents(g);
    const best = evs.slice().sort((x, y) => (y.mentions || 0) - (x.mentions || 0))[0];
    status(`${p.period}: ${evs.length} event${evs.length === 1 ? "" : "s"} between ${a} and ${b}.`);
    if (best) {
      const row = $("events").querySelector(`tr[data-id="${CSS.escape(String(best.id))}"]`);
      if (row) row.classList.add("selected");
      openDocument(best);
    }
  } catch (err) { status(err.message, true); }
}

// ---- network of the most active pairs ----

async function loadNetwork(f) {
  const d = await api("api/dyads", { limit: 24, from: f.from, to: f.to });
  const dy = d.dyads || [];
  const box = $("network");
  if (!dy.length) { box.replaceChildren(el("p", { class: "hint" }, "No events stored yet.")); return dy; }
  const W = 560, H = 400;
  const weight = new Map();
  for (const e of dy) for (const k of [e.source, e.target]) weight.set(k, (weight.get(k) || 0) + e.events);
  const nodes = [...weight.keys()].sort((x, y) => weight.get(y) - weight.get(x) || x.localeCompare(y));
  const radius = (k) => Math.max(16, 5 + 3.9 * k.length);
  const pos = forceLayout(nodes, dy, W, H, radius);
  const maxE = Math.max(...dy.map((e) => e.events));
  const svg = sv("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "most active pairs of actors" });
  const defs = sv("defs");
  for (const [name, col] of [["pos", "#238b45"], ["neg", "#cb181d"], ["mid", "#8a949e"]]) {
    const m = sv("marker", { id: "arr-" + name, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" });
    m.append(sv("path", { d: "M0,0 L10,5 L0,10 z", fill: col }));
    defs.append(m);
  }
  svg.append(defs);
  const pair = new Set(dy.map((e) => e.source + ">" + e.target));
  for (const e of dy) {
    const [x1, y1] = pos.get(e.source), [x2, y2] = pos.get(e.target);
    if (e.source === e.target) { // events within one country: a loop above its node
      const r = radius(e.source), col = e.goldstein > 0.5 ? "#238b45" : e.goldstein < -0.5 ? "#cb181d" : "#8a949e";
      const loop = sv("path", { class: "edge", d: `M${x1 - 8},${y1 - r + 2} C${x1 - 26},${y1 - r - 30} ${x1 + 26},${y1 - r - 30} ${x1 + 8},${y1 - r + 2}`,
        fill: "none", stroke: col, "stroke-width": 1.5 + 6 * (e.events / maxE), "stroke-opacity": 0.75, "data-source": e.source, "data-target": e.target });
      loop.append(sv("title", {}, `${e.source} → ${e.source}: ${e.events} events, ${e.mentions} mentions, mean Goldstein ${fmtG(e.goldstein)}`));
      loop.addEventListener("click", () => apply(Object.assign(readForm(), { source: e.source, target: e.target, actor: "", both: true })));
      svg.append(loop);
      continue;
    }
    const dx = x2 - x1, dy2 = y2 - y1, len = Math.hypot(dx, dy2) || 1;
    // two-way pairs curve apart so both arrows show
    const bend = pair.has(e.target + ">" + e.source) ? 18 : 0;
    const mx = (x1 + x2) / 2 - (dy2 / len) * bend, my = (y1 + y2) / 2 + (dx / len) * bend;
    const r1 = radius(e.source) + 2, r2 = radius(e.target) + 3;
    const ex = x2 - (dx / len) * r2, ey = y2 - (dy2 / len) * r2, sx = x1 + (dx / len) * r1, sy = y1 + (dy2 / len) * r1;
    const kind = e.goldstein > 0.5 ? "pos" : e.goldstein < -0.5 ? "neg" : "mid";
    const col = { pos: "#238b45", neg: "#cb181d", mid: "#8a949e" }[kind];
    const p = sv("path", { class: "edge", d: `M${sx},${sy} Q${mx},${my} ${ex},${ey}`, fill: "none", stroke: col,
      "stroke-width": 1.5 + 6 * (e.events / maxE), "stroke-opacity": 0.75, "marker-end": `url(#arr-${kind})`,
      "data-source": e.source, "data-target": e.target });
    p.append(sv("title", {}, `${e.source} → ${e.target}: ${e.events} events, ${e.mentions} mentions, mean Goldstein ${fmtG(e.goldstein)}`));
    p.addEventListener("click", () => apply(Object.assign(readForm(), { source: e.source, target: e.target, actor: "", both: true })));
    svg.append(p);
  }
  for (const k of nodes) {
    const [x, y] = pos.get(k);
    const chosen = [f.source, f.target, f.actor].some((c) => c && k.startsWith(c));
    const g = sv("g", { class: chosen ? "node chosen" : "node", "data-code": k });
    g.append(sv("circle", { cx: x, cy: y, r: radius(k) }));
    g.append(sv("text", { x, y: y + 4, "text-anchor": "middle" }, k));
    g.append(sv("title", {}, `${k}: ${weight.get(k)} events in these pairs. Click to show its events.`));
    g.addEventListener("click", () => apply(Object.assign(readForm(), { actor: k, source: "", target: "" })));
    svg.append(g);
  }
  box.replaceChildren(svg);
  return dy;
}

// forceLayout places the nodes of the network: they repel each other, links
// pull their ends together. It starts from a circle and has no randomness,
// so the same data always gives the same picture.
function forceLayout(nodes, links, W, H, radius) {
  const n = nodes.length, idx = new Map(nodes.map((k, i) => [k, i]));
  const minLen = nodes.map((key) => radius(key) + 40);
  const pad = 30, cx = W / 2, cy = H / 2;
  const P = nodes.map((k, i) => {
    const t = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return [cx + Math.cos(t) * (W / 2 - pad), cy + Math.sin(t) * (H / 2 - pad)];
  });
  const k = Math.sqrt(((W - 2 * pad) * (H - 2 * pad)) / Math.max(n, 1)) * 0.75;
  // gravity strong enough to hold all the nodes in an ellipse that fills the frame
  const R = W / 2 - pad, grav = (0.9 * n * k * k) / (R * R);
  let temp = W / 8;
  for (let it = 0; it < 400; it++) {
    const D = P.map(() => [0, 0]);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      let dx = P[i][0] - P[j][0], dy = P[i][1] - P[j][1];
      const d = Math.max(Math.hypot(dx, dy), 0.5), f = (k * k) / d;
      dx /= d; dy /= d;
      D[i][0] += dx * f; D[i][1] += dy * f; D[j][0] -= dx * f; D[j][1] -= dy * f;
    }
    for (const e of links) {
      const i = idx.get(e.source), j = idx.get(e.target);
      if (i === j) continue;
      let dx = P[i][0] - P[j][0], dy = P[i][1] - P[j][1];
      const d = Math.max(Math.hypot(dx, dy), 0.5);
      // links do not pull closer than their labels and arrows need
      const f = d > minLen[i] + minLen[j] ? (d * d) / k : 0;
      dx /= d; dy /= d;
      D[i][0] -= dx * f; D[i][1] -= dy * f; D[j][0] += dx * f; D[j][1] += dy * f;
    }
    // gravity keeps separate pairs from drifting to the walls
    for (let i = 0; i < n; i++) {
      D[i][0] -= (P[i][0] - cx) * grav; D[i][1] -= ((P[i][1] - cy) * grav * W) / H;
    }
    for (let i = 0; i < n; i++) {
      const d = Math.max(Math.hypot(D[i][0], D[i][1]), 0.01), m = Math.min(d, temp);
      P[i][0] = Math.min(W - pad, Math.max(pad, P[i][0] + (D[i][0] / d) * m));
      P[i][1] = Math.min(H - pad, Math.max(pad, P[i][1] + (D[i][1] / d) * m));
    }
    temp = Math.max(0.5, temp * 0.985);
  }
  return new Map(nodes.map((key, i) => [key, P[i]]));
}

// fillPeriods adds the empty periods between the first and the last, so the
// time axis is even (as dyad plot does); past 400 periods it leaves them.
function fillPeriods(iv, pts) {
  if (pts.length < 2) return pts;
  const have = new Map(pts.map((p) => [p.period, p]));
  const out = [];
  let d = new Date(periodRange(iv, pts[0].period)[0] + "T00:00:00Z");
  const last = pts[pts.length - 1].period;
  if (isNaN(d)) return pts;
  for (let i = 0; i < 400; i++) {
    const name = iv === "month" ? d.toISOString().slice(0, 7) : d.toISOString().slice(0, 10);
    out.push(have.get(name) || { period: name, q1: 0, q2: 0, q3: 0, q4: 0, events: 0, goldstein: 0 });
    if (name >= last) return out.length >= pts.length ? out : pts;
    if (iv === "month") d.setUTCMonth(d.getUTCMonth() + 1); else d.setUTCDate(d.getUTCDate() + (iv === "week" ? 7 : 1));
  }
  return pts;
}

// ---- wiring ----

async function apply(f, first) {
  writeForm(f);
  toHash(f);
  status("Loading…");
  try {
    const [dy] = await Promise.all([loadNetwork(f), loadEvents(f)]);
    // With no pair chosen, the page opens on the most active pair.
    if (first && !f.source && !f.target && !f.actor && dy.length) {
      const top = dy[0];
      f = Object.assign(f, { source: top.source, target: top.target, both: true });
      writeForm(f);
      toHash(f);
      await Promise.all([loadNetwork(f), loadEvents(f)]);
    }
    await loadTimeline(f);
    status("");
  } catch (err) {
    status(err.message, true);
  }
}

async function fillActors() {
  try {
    const d = await api("api/actors", { limit: 200 });
    $("actor-codes").replaceChildren(...(d.actors || []).map((a) => el("option", { value: a.code }, a.name || "")));
    for (const k of ["source", "target", "actor"]) $("f-" + k).setAttribute("list", "actor-codes");
  } catch (err) { /* suggestions are optional */ }
}

$("filters").addEventListener("submit", (ev) => { ev.preventDefault(); apply(readForm()); });
$("reset").addEventListener("click", () => apply({ both: true }));
$("more").addEventListener("click", () => loadEvents(readForm(), true).catch((err) => status(err.message, true)));
$("doc-close").addEventListener("click", () => { $("doc").hidden = true; });
document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") $("doc").hidden = true; });
fillActors();
apply(fromHash(), true);
