// dman label page: draws boxes on one picture at a time and saves every edit.
// Coordinates are the pixels the server sends: upright (EXIF orientation
// already applied by the server, as dman crop applies it), so naturalWidth and
// naturalHeight are the picture's size as crop sees it.
"use strict";
const TOKEN = window.DMAN_TOKEN;
const $ = (id) => document.getElementById(id);
const api = (path) => path + (path.includes("?") ? "&" : "?") + "token=" + TOKEN;
const state = { pictures: [], settings: null, index: 0, boxes: [], revision: 0, selected: -1,
                undo: [], redo: [], label: 0, zoom: 1, panX: 0, panY: 0, fit: 1, saving: Promise.resolve() };
const DRAG_THRESHOLD = 4;

async function getJSON(path) {
  const r = await fetch(api(path), { headers: { "X-Dman-Token": TOKEN } });
  if (!r.ok) throw new Error((await r.json()).error || r.statusText);
  return r.json();
}

function setStatus(text, error = false) { const s = $("status"); s.textContent = text; s.classList.toggle("error", error); }

async function init() {
  const st = await getJSON("/api/state");
  state.pictures = st.pictures; state.settings = st.settings;
  const first = st.pictures.findIndex((p) => !p.annotated);
  buildFilmstrip();
  await show(first >= 0 ? first : 0);
}

// Thumbnails load two at a time, visible ones only, and wait while a picture is being switched
// to, so making them (on the server) never slows the switch a person is waiting for.
const thumbs = { wanted: new Set(), running: 0, paused: 0 };
function pumpThumbnails() {
  while (!thumbs.paused && thumbs.running < 2 && thumbs.wanted.size) {
    const img = thumbs.wanted.values().next().value; thumbs.wanted.delete(img);
    thumbs.running++;
    img.onload = img.onerror = () => { thumbs.running--; pumpThumbnails(); };
    img.src = img.dataset.src;
  }
}
function buildFilmstrip() {
  const strip = $("filmstrip");
  const observer = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.target.src) continue;
      if (e.isIntersecting) thumbs.wanted.add(e.target); else thumbs.wanted.delete(e.target);
    }
    pumpThumbnails();
  }, { root: strip });
  state.pictures.forEach((p, i) => {
    const img = document.createElement("img");
    img.dataset.src = api("/thumb/" + p.id); img.title = p.name;
    img.onclick = () => show(i);
    strip.appendChild(img); observer.observe(img);
  });
}

// `state.timings` keeps how long each switch took (call to painted frame), for the timing script.
state.timings = [];
async function show(index) {
  if (index < 0 || index >= state.pictures.length) return;
  const started = performance.now();
  await state.saving;
  const p = state.pictures[index];
  thumbs.paused++;
  let data;
  try { [data] = await Promise.all([getJSON("/api/boxes/" + p.id), loadImage(api("/img/" + p.id))]); }
  finally { thumbs.paused--; setTimeout(pumpThumbnails, 0); }
  state.index = index; state.boxes = data.boxes; state.revision = data.revision; revisions.set(p.id, data.revision);
  state.selected = state.boxes.length ? 0 : -1; state.undo = []; state.redo = [];
  $("name").textContent = p.name + "  (" + (index + 1) + "/" + state.pictures.length + ")";
  fitToView(); render(); updateProgress(); preload(index + 1); preload(index + 2);
  document.querySelectorAll("#filmstrip img").forEach((im, i) => im.classList.toggle("current", i === index));
  const cur = $("filmstrip").children[index]; if (cur) cur.scrollIntoView({ block: "nearest", inline: "center" });
  requestAnimationFrame(() => {
    const painted = performance.now();
    state.timings.push({ index, ms: painted - started, at: painted });
    if (state.timings.length > 1000) state.timings.splice(1, 500);   // keep the first (page load) entry
    window.dispatchEvent(new Event("dman-picture-shown"));
  });
}

function loadImage(src) {
  return new Promise((resolve, reject) => {
    const img = $("picture");
    img.onload = () => resolve(); img.onerror = () => reject(new Error("picture did not load"));
    img.src = src;
  });
}
function preload(i) { if (i < state.pictures.length) { const im = new Image(); im.src = api("/img/" + state.pictures[i].id); } }

function fitToView() {
  const vp = $("viewport"), img = $("picture");
  state.fit = Math.min(vp.clientWidth / img.naturalWidth, vp.clientHeight / img.naturalHeight, 4);
  state.zoom = 1; state.panX = 0; state.panY = 0; applyTransform();
}
function scale() { return state.fit * state.zoom; }
function applyTransform() {
  $("stage").style.transform = `translate(${state.panX}px, ${state.panY}px) scale(${scale()})`;
}

// ---- boxes -----------------------------------------------------------------
function render() {
  const stage = $("stage");
  stage.querySelectorAll(".box").forEach((b) => b.remove());
  const s = scale();
  state.boxes.forEach((b, i) => {
    const el = document.createElement("div");
    el.className = "box" + (i === state.selected ? " selected" : "");
    el.dataset.index = i; el.dataset.testid = "box";
    Object.assign(el.style, { left: b.x + "px", top: b.y + "px", width: b.w + "px", height: b.h + "px", borderWidth: 2 / s + "px" });
    const tag = document.createElement("span"); tag.className = "tag"; tag.textContent = b.label || "";
    tag.style.transform = `scale(${1 / s})`; tag.style.transformOrigin = "0 100%"; el.appendChild(tag);
    if (i === state.selected) for (const h of ["nw", "ne", "sw", "se"]) {
      const hd = document.createElement("div"); hd.className = "handle"; hd.dataset.handle = h;
      const size = 10 / s;
      Object.assign(hd.style, { width: size + "px", height: size + "px",
        left: (h[1] === "w" ? -size / 2 : b.w - size / 2) + "px", top: (h[0] === "n" ? -size / 2 : b.h - size / 2) + "px" });
      el.appendChild(hd);
    }
    stage.appendChild(el);
  });
  const list = $("box-list"); list.innerHTML = "";
  state.boxes.forEach((b, i) => {
    const li = document.createElement("li");
    li.textContent = `${b.label || "-"}  ${Math.round(b.x)},${Math.round(b.y)}  ${Math.round(b.w)}×${Math.round(b.h)}`;
    if (i === state.selected) li.style.color = "#ffd54f";
    list.appendChild(li);
  });
  updatePreview();
}

function edit(mutator) {
  state.undo.push(JSON.stringify([state.boxes, state.selected])); state.redo = [];
  mutator(); clampAll(); render(); save();
}
function restore(stackFrom, stackTo) {
  if (!stackFrom.length) return;
  stackTo.push(JSON.stringify([state.boxes, state.selected]));
  [state.boxes, state.selected] = JSON.parse(stackFrom.pop()); render(); save();
}
function clampAll() {
  const W = $("picture").naturalWidth, H = $("picture").naturalHeight;
  for (const b of state.boxes) {
    b.w = Math.max(1, Math.min(b.w, W)); b.h = Math.max(1, Math.min(b.h, H));
    b.x = Math.max(0, Math.min(b.x, W - b.w)); b.y = Math.max(0, Math.min(b.y, H - b.h));
  }
}

// Saves run one after another; each reads the picture's revision when it is
// sent (not when it was queued), so quick edits never conflict with each other.
const revisions = new Map();
function save() {
  const p = state.pictures[state.index], boxes = JSON.stringify(state.boxes), annotated = state.boxes.length > 0;
  setStatus("saving…");
  state.saving = state.saving.then(async () => {
    const body = `{"revision":${revisions.get(p.id) || 0},"boxes":${boxes}}`;
    const r = await fetch(api("/api/boxes/" + p.id), { method: "POST", body,
      headers: { "X-Dman-Token": TOKEN, "Content-Type": "application/json" } });
    const answer = await r.json();
    if (!r.ok) { setStatus(answer.error, true); return; }
    revisions.set(p.id, answer.revision); p.annotated = annotated;
    if (state.pictures[state.index] === p) state.revision = answer.revision;
    setStatus("saved"); updateProgress();
  }).catch((e) => setStatus("not saved: " + e.message, true));
}

function updateProgress() {
  const done = state.pictures.filter((p) => p.annotated).length;
  $("progress").textContent = `${done} / ${state.pictures.length} annotated`;
  document.querySelectorAll("#filmstrip img").forEach((im, i) => im.classList.toggle("done", state.pictures[i].annotated));
}

// ---- crop preview (geometry from the server: Crop's SquareCropPlanner) ------
let previewTicket = 0;
async function updatePreview() {
  const canvas = $("preview"), ctx = canvas.getContext("2d"), outline = $("crop-outline");
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const b = state.boxes[state.selected];
  if (!b) { $("pad").textContent = ""; outline.style.display = "none"; return; }
  const img = $("picture"), ticket = ++previewTicket;
  const q = `/api/plan/${state.pictures[state.index].id}?x=${b.x}&y=${b.y}&w=${b.w}&h=${b.h}&width=${img.naturalWidth}&height=${img.naturalHeight}`;
  const plan = await getJSON(q);
  if (ticket !== previewTicket) return;
  const k = canvas.width / plan.side;
  ctx.fillStyle = "rgba(255,138,101,0.35)"; ctx.fillRect(0, 0, canvas.width, canvas.height);
  const sx = Math.max(0, plan.x), sy = Math.max(0, plan.y);
  const ex = Math.min(img.naturalWidth, plan.x + plan.side), ey = Math.min(img.naturalHeight, plan.y + plan.side);
  ctx.drawImage(img, sx, sy, ex - sx, ey - sy, (sx - plan.x) * k, (sy - plan.y) * k, (ex - sx) * k, (ey - sy) * k);
  ctx.strokeStyle = "#ffd54f"; ctx.strokeRect((b.x - plan.x) * k, (b.y - plan.y) * k, b.w * k, b.h * k);
  const pct = (plan.pad * 100).toFixed(1);
  $("pad").textContent = `square ${plan.side} px at ${plan.x},${plan.y}; padded ${pct}%` +
    (plan.overMaxPad ? ` — over --max-pad ${(state.settings.maxPad * 100).toFixed(0)}%: crop will skip this box` : "");
  $("pad").classList.toggle("warn", plan.overMaxPad);
  Object.assign(outline.style, { display: "block", left: plan.x + "px", top: plan.y + "px",
    width: plan.side + "px", height: plan.side + "px", borderWidth: 1 / scale() + "px" });
}

// ---- mouse -----------------------------------------------------------------
function toPicture(ev) {
  const r = $("stage").getBoundingClientRect(), s = scale();
  return { x: (ev.clientX - r.left) / s, y: (ev.clientY - r.top) / s };
}
let gesture = null, spaceDown = false;
$("viewport").addEventListener("mousedown", (ev) => {
  ev.preventDefault();
  const p = toPicture(ev);
  if (spaceDown || ev.button === 1) { gesture = { kind: "pan", sx: ev.clientX, sy: ev.clientY, px: state.panX, py: state.panY }; return; }
  const handle = ev.target.dataset.handle, boxEl = ev.target.closest(".box");
  if (handle) { gesture = { kind: "resize", handle, start: p, orig: { ...state.boxes[state.selected] }, moved: false }; return; }
  if (boxEl) {
    const i = Number(boxEl.dataset.index);
    if (i !== state.selected) { state.selected = i; render(); }
    gesture = { kind: "move", start: p, orig: { ...state.boxes[i] }, moved: false }; return;
  }
  if (gesture && gesture.kind === "click-draw") { finishDraw(p, ev.shiftKey); return; }
  gesture = { kind: "draw", start: p, moved: false };
});
window.addEventListener("mousemove", (ev) => {
  if (!gesture) return;
  if (gesture.kind === "pan") { state.panX = gesture.px + ev.clientX - gesture.sx; state.panY = gesture.py + ev.clientY - gesture.sy; applyTransform(); return; }
  const p = toPicture(ev), s = scale();
  const dist = Math.hypot(p.x - gesture.start.x, p.y - gesture.start.y) * s;
  if (!gesture.moved && dist < DRAG_THRESHOLD) return;
  if (!gesture.moved && gesture.kind !== "click-draw") {
    gesture.moved = true;
    state.undo.push(JSON.stringify([state.boxes, state.selected])); state.redo = [];
    if (gesture.kind === "draw") { state.boxes.push({ x: p.x, y: p.y, w: 1, h: 1, label: currentLabel() }); state.selected = state.boxes.length - 1; }
  }
  const b = state.boxes[state.selected];
  if (gesture.kind === "draw" || gesture.kind === "click-draw") Object.assign(b, rectFrom(gesture.start, p, !ev.shiftKey));
  else if (gesture.kind === "move") { b.x = gesture.orig.x + p.x - gesture.start.x; b.y = gesture.orig.y + p.y - gesture.start.y; }
  else if (gesture.kind === "resize") {
    const o = gesture.orig, fixed = { x: gesture.handle[1] === "w" ? o.x + o.w : o.x, y: gesture.handle[0] === "n" ? o.y + o.h : o.y };
    Object.assign(b, rectFrom(fixed, p, !ev.shiftKey && Math.abs(o.w - o.h) < 0.5));
  }
  clampAll(); render();
});
window.addEventListener("mouseup", (ev) => {
  if (!gesture) return;
  if (gesture.kind === "pan") { gesture = null; return; }
  if (gesture.kind === "draw" && !gesture.moved) { gesture.kind = "click-draw"; return; }   // first click of click-click
  if (gesture.kind === "click-draw") return;
  const changed = gesture.moved; gesture = null;
  if (changed) save();
});
function finishDraw(p, free) {
  const start = gesture.start; gesture = null;
  edit(() => { state.boxes.push({ ...rectFrom(start, p, !free), label: currentLabel() }); state.selected = state.boxes.length - 1; });
}
function rectFrom(a, b, square) {
  let w = Math.abs(b.x - a.x), h = Math.abs(b.y - a.y);
  if (square) { const side = Math.max(w, h); w = side; h = side; }
  return { x: b.x < a.x ? a.x - w : a.x, y: b.y < a.y ? a.y - h : a.y, w: Math.max(1, w), h: Math.max(1, h) };
}
function currentLabel() { return state.settings.labels[state.label] || state.settings.labels[0] || null; }

$("viewport").addEventListener("wheel", (ev) => {
  ev.preventDefault();
  const r = $("viewport").getBoundingClientRect(), mx = ev.clientX - r.left, my = ev.clientY - r.top;
  const old = scale(); state.zoom = Math.min(32, Math.max(0.2, state.zoom * (ev.deltaY < 0 ? 1.15 : 1 / 1.15)));
  const k = scale() / old; state.panX = mx - (mx - state.panX) * k; state.panY = my - (my - state.panY) * k;
  applyTransform(); render();
}, { passive: false });

// ---- keys --------------------------------------------------------------------
window.addEventListener("keyup", (ev) => { if (ev.key === " ") spaceDown = false; });
window.addEventListener("keydown", (ev) => {
  if (ev.key === " ") { spaceDown = true; ev.preventDefault(); return; }
  const b = state.boxes[state.selected], arrows = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  if (ev.key === "?") { $("help").hidden = !$("help").hidden; return; }
  if (ev.key === "Escape") { $("help").hidden = true; state.selected = -1; render(); return; }
  if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === "z") { ev.preventDefault(); ev.shiftKey ? restore(state.redo, state.undo) : restore(state.undo, state.redo); return; }
  if (arrows[ev.key] && b) {
    ev.preventDefault();
    const [dx, dy] = arrows[ev.key].map((v) => v * (ev.shiftKey ? 10 : 1));
    if (ev.altKey) edit(() => { if (ev.shiftKey) { b.x += dx / 10; b.y += dy / 10; b.w -= dx / 10; b.h -= dy / 10; } else { b.w += dx; b.h += dy; } });
    else edit(() => { b.x += dx; b.y += dy; });
    return;
  }
  if (ev.key === "ArrowRight" || ev.key === "PageDown") { show(state.index + 1); return; }
  if (ev.key === "ArrowLeft" || ev.key === "PageUp") { show(state.index - 1); return; }
  if ((ev.key === "Delete" || ev.key === "Backspace") && b) { edit(() => { state.boxes.splice(state.selected, 1); state.selected = state.boxes.length - 1; }); return; }
  if (/^[1-9]$/.test(ev.key)) {
    state.label = Number(ev.key) - 1;
    if (b && state.settings.labels[state.label]) edit(() => { b.label = state.settings.labels[state.label]; });
    return;
  }
  if (ev.key === "n" || ev.key === "N") {
    const n = state.pictures.length;
    for (let k = 1; k <= n; k++) { const i = (state.index + k) % n; if (!state.pictures[i].annotated) { show(i); return; } }
    return;
  }
  if ((ev.key === "c" || ev.key === "C") && state.index > 0) {
    getJSON("/api/boxes/" + state.pictures[state.index - 1].id).then((prev) => {
      if (prev.boxes.length) edit(() => { state.boxes = state.boxes.concat(prev.boxes); state.selected = state.boxes.length - 1; });
    });
    return;
  }
  if (ev.key === "+" || ev.key === "=") { state.zoom *= 1.25; applyTransform(); render(); }
  if (ev.key === "-") { state.zoom /= 1.25; applyTransform(); render(); }
  if (ev.key === "0") fitToView();
});
window.addEventListener("resize", () => { fitToView(); render(); });

init().catch((e) => setStatus(e.message, true));
