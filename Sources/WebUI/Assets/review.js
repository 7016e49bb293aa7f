// dman review page: one tile per family (expand to see its augmentations),
// reject / restore by picture, family or selection. Every change is a POST
// that moves files through the quarantine journal before it is answered.
"use strict";
const TOKEN = window.DMAN_TOKEN;
const $ = (id) => document.getElementById(id);
const api = (path) => path + (path.includes("?") ? "&" : "?") + "token=" + TOKEN;
const state = { items: [], families: [], tiles: [], focus: 0, expanded: new Set(), selected: new Set(),
                undo: [], busy: Promise.resolve(), changes: 0 };

async function call(path, body) {
  const init = body ? { method: "POST", body: JSON.stringify(body), headers: { "X-Dman-Token": TOKEN, "Content-Type": "application/json" } }
                    : { headers: { "X-Dman-Token": TOKEN } };
  const r = await fetch(api(path), init);
  const answer = await r.json();
  if (!r.ok) throw new Error(answer.error || r.statusText);
  return answer;
}
function setStatus(text, error = false) { const s = $("status"); s.textContent = text; s.classList.toggle("error", error); }

function load(answer) {
  state.items = answer.items; $("dataset").textContent = answer.dataset;
  const byFamily = new Map();
  for (const it of answer.items) { if (!byFamily.has(it.family)) byFamily.set(it.family, []); byFamily.get(it.family).push(it); }
  state.families = [...byFamily.entries()].map(([family, items]) => ({ family, items }));
  const issues = [...new Set(answer.items.flatMap((i) => i.issues))].sort(), filter = $("filter");
  for (const name of issues) if (![...filter.options].some((o) => o.value === name)) filter.add(new Option("issue: " + name, name));
}

function familyMatches(f, filter) {
  if (!filter) return true;
  if (filter === "kept") return f.items.some((i) => !i.rejected);
  if (filter === "rejected") return f.items.some((i) => i.rejected);
  return f.items.some((i) => i.issues.includes(filter));
}
function itemMatches(i, filter) {
  if (!filter || (filter !== "kept" && filter !== "rejected")) return true;
  return filter === "rejected" ? i.rejected : !i.rejected;
}

function build() {
  const filter = $("filter").value, sort = $("sort").value;
  let fams = state.families.filter((f) => familyMatches(f, filter));
  if (sort === "issues") {
    const n = (f) => new Set(f.items.flatMap((i) => i.issues)).size;
    fams = [...fams].sort((a, b) => n(b) - n(a) || (a.family < b.family ? -1 : 1));
  }
  state.tiles = [];
  for (const f of fams) {
    state.tiles.push({ kind: "family", id: "f:" + f.family, family: f });
    if (state.expanded.has(f.family)) for (const it of f.items) if (itemMatches(it, filter)) state.tiles.push({ kind: "item", id: "k:" + it.key, item: it, family: f });
  }
  state.focus = Math.max(0, Math.min(state.focus, state.tiles.length - 1));
}

function render() {
  const grid = $("grid"), frag = document.createDocumentFragment();
  state.tiles.forEach((t, index) => {
    const el = document.createElement("div"), items = t.kind === "family" ? t.family.items : [t.item];
    const rejected = items.filter((i) => i.rejected).length;
    el.className = "tile" + (t.kind === "item" ? " member" : "") + (rejected === items.length ? " rejected" : rejected ? " partly" : "")
      + (index === state.focus ? " focus" : "") + (state.selected.has(t.id) ? " selected" : "");
    el.dataset.testid = "review-tile"; el.dataset.kind = t.kind; el.dataset.family = t.family.family; el.dataset.index = index;
    if (t.kind === "item") el.dataset.key = t.item.key;
    const shown = t.kind === "item" ? t.item : (items.find((i) => !i.rejected) || items[0]);
    const img = document.createElement("img"); img.loading = "lazy"; img.alt = shown.file; img.src = api("/thumb/" + shown.key);
    el.appendChild(img);
    const cap = document.createElement("div"); cap.className = "cap";
    cap.textContent = t.kind === "family" ? t.family.family : (t.item.transforms.join(" + ") || "original");
    cap.title = items.map((i) => i.file + (i.reason ? "  (" + i.reason + ")" : "")).join("\n"); el.appendChild(cap);
    if (t.kind === "family") {
      const c = document.createElement("span"); c.className = "count";
      c.textContent = (state.expanded.has(t.family.family) ? "▾ " : "▸ ") + items.length + (rejected ? ` (${rejected} out)` : "");
      el.appendChild(c);
    }
    const issues = [...new Set(items.flatMap((i) => i.issues))];
    if (issues.length) { const b = document.createElement("div"); b.className = "issues"; for (const n of issues) { const s = document.createElement("span"); s.textContent = n; b.appendChild(s); } el.appendChild(b); }
    frag.appendChild(el);
  });
  grid.replaceChildren(frag);
  const kept = state.items.filter((i) => !i.rejected).length;
  $("counts").textContent = `${state.families.length} families, ${state.items.length} pictures: ${kept} kept, ${state.items.length - kept} rejected`;
  const f = grid.children[state.focus]; if (f) f.scrollIntoView({ block: "nearest" });
}
function refresh() { build(); render(); }

// Keys of the pictures an action applies to: the selection, else the focused tile.
function targets(rejecting) {
  const tiles = state.selected.size ? state.tiles.filter((t) => state.selected.has(t.id)) : [state.tiles[state.focus]].filter(Boolean);
  const items = tiles.flatMap((t) => t.kind === "family" ? t.family.items : [t.item]);
  return [...new Set(items.filter((i) => i.rejected !== rejecting).map((i) => i.key))];
}

function act(rejecting, keys = targets(rejecting), remember = true) {
  if (!keys.length) return;
  setStatus(rejecting ? "rejecting…" : "restoring…");
  state.busy = state.busy.then(async () => {
    const answer = await call(rejecting ? "/api/reject" : "/api/restore", { keys });
    load(answer); state.selected.clear(); refresh(); state.changes++;
    if (remember) state.undo.push({ rejecting, keys });
    setStatus(`${rejecting ? "rejected" : "restored"} ${answer.moved.length} picture${answer.moved.length === 1 ? "" : "s"}; saved`);
  }).catch((e) => setStatus("not saved: " + e.message, true));
}

function columns() {
  const grid = $("grid"), first = grid.children[0];
  if (!first) return 1;
  const top = first.offsetTop; let n = 0;
  for (const c of grid.children) { if (c.offsetTop !== top) break; n++; }
  return Math.max(1, n);
}
function moveFocus(d) { state.focus = Math.max(0, Math.min(state.tiles.length - 1, state.focus + d)); render(); }

$("grid").addEventListener("click", (ev) => {
  const el = ev.target.closest(".tile"); if (!el) return;
  const i = Number(el.dataset.index), t = state.tiles[i];
  if (ev.shiftKey || ev.ctrlKey || ev.metaKey) { state.selected.has(t.id) ? state.selected.delete(t.id) : state.selected.add(t.id); }
  else state.selected.clear();
  state.focus = i; render();
});
$("grid").addEventListener("dblclick", (ev) => { const el = ev.target.closest(".tile"); if (el) toggle(state.tiles[Number(el.dataset.index)]); });
function toggle(t) {
  if (!t) return;
  const f = t.family.family; state.expanded.has(f) ? state.expanded.delete(f) : state.expanded.add(f);
  build(); state.focus = state.tiles.findIndex((x) => x.id === "f:" + f); render();
}
$("filter").addEventListener("change", () => { state.focus = 0; refresh(); });
$("sort").addEventListener("change", () => { state.focus = 0; refresh(); });

window.addEventListener("keydown", (ev) => {
  if (ev.target.tagName === "SELECT") return;
  const k = ev.key;
  if (k === "?") { $("help").hidden = !$("help").hidden; return; }
  if (k === "Escape") { $("help").hidden = true; state.selected.clear(); render(); return; }
  if ((ev.ctrlKey || ev.metaKey) && k.toLowerCase() === "z") {
    ev.preventDefault(); const last = state.undo.pop(); if (last) act(!last.rejecting, last.keys, false); return;
  }
  if (k === "ArrowRight" || k === "l") { ev.preventDefault(); moveFocus(1); return; }
  if (k === "ArrowLeft" || k === "h") { ev.preventDefault(); moveFocus(-1); return; }
  if (k === "ArrowDown" || k === "j") { ev.preventDefault(); moveFocus(columns()); return; }
  if (k === "ArrowUp" || k === "k") { ev.preventDefault(); moveFocus(-columns()); return; }
  if (k === "Enter" || k === "e" || k === "E") { ev.preventDefault(); toggle(state.tiles[state.focus]); return; }
  if (k === "x" || k === "X" || k === "Delete" || k === "Backspace") { ev.preventDefault(); act(true); return; }
  if (k === "r" || k === "R" || k === "u" || k === "U") { ev.preventDefault(); act(false); return; }
  if (k === "f" || k === "F") {
    const f = $("filter"); f.selectedIndex = (f.selectedIndex + 1) % f.options.length; state.focus = 0; refresh(); return;
  }
});

call("/api/items").then((answer) => { load(answer); refresh(); setStatus("ready"); }).catch((e) => setStatus(e.message, true));
