/* aigraph pages: search, filters, date range, N-hop focus, side panel, PNG export and the
 * view state in the URL hash. Data comes from the embedded JSON (see docs/pages.md); every
 * piece of it reaches the DOM through textContent, never as markup. */
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("aigraph-data").textContent);
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = String(v);
      else if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }
  const safeUrl = (u) => (typeof u === "string" && /^https?:\/\/[^\s<>"']+$/.test(u) ? u : null);
  const words = (s) => String(s).replace(/_/g, " ");

  /* ---- names: the rules of aigraph.names (NFKC, pinyin, case, t2s, separators) ---- */
  const SEP = new RegExp(D.patterns.separators, "g");
  const PINYIN = new RegExp(D.patterns.pinyin, "g");
  const T2S = new Map();
  const pairs = Array.from(D.t2s);
  for (let i = 0; i + 1 < pairs.length; i += 2) T2S.set(pairs[i], pairs[i + 1]);
  const isCjk = (ch) => (ch >= "\u3400" && ch <= "\u9fff") || (ch >= "\uf900" && ch <= "\ufaff");
  function stripPinyin(s) {
    return s.replace(PINYIN, (m, off) => ((off > 0 && isCjk(s[off - 1])) || /[^\x00-\x7f]/.test(m) ? "" : m));
  }
  function matchKey(text) {
    const folded = stripPinyin(String(text).normalize("NFKC")).toUpperCase().toLowerCase();
    let out = "";
    for (const ch of folded) out += T2S.get(ch) || ch;
    return out.replace(SEP, "");
  }

  /* ---- graph data ---- */
  const nodeIds = new Set(D.vis.nodes.map((n) => n.id));
  const edgeById = new Map(D.vis.edges.map((e) => [e.id, e]));
  const incident = new Map();
  for (const e of D.vis.edges) {
    for (const n of [e.from, e.to]) {
      if (!incident.has(n)) incident.set(n, []);
      incident.get(n).push(e.id);
    }
  }
  const factEdges = new Map();
  for (const [eid, fids] of Object.entries(D.edge_facts)) {
    for (const fid of fids) {
      if (!factEdges.has(fid)) factEdges.set(fid, []);
      factEdges.get(fid).push(eid);
    }
  }
  const months = [];
  if (D.dates.length) {
    let [y, m] = D.dates[0].split("-").map(Number);
    const [y2, m2] = D.dates[1].split("-").map(Number);
    while (y < y2 || (y === y2 && m <= m2)) {
      months.push(`${y}-${String(m).padStart(2, "0")}`);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
  }
  const label = (id) => (D.entities[id] ? D.entities[id].label : id);

  /* ---- state ---- */
  const ext = [];
  const state = { hide: {}, from: 0, to: Math.max(months.length - 1, 0), focus: null, hops: 0, sel: null };
  for (const f of D.filters) state.hide[f.key] = new Set();

  function factPasses(fact) {
    for (const key in state.hide) if (state.hide[key].has(fact.f[key])) return false;
    if (months.length && (fact.e.slice(0, 7) < months[state.from] || fact.s.slice(0, 7) > months[state.to])) return false;
    return true;
  }

  function computeVisibility() {
    const edges = new Set();
    for (const [eid, fids] of Object.entries(D.edge_facts)) {
      if (fids.some((fid) => factPasses(D.facts[fid]))) edges.add(eid);
    }
    for (const x of ext) if (x.forceVisible) for (const eid of x.forceVisible()) if (edgeById.has(eid)) edges.add(eid);
    let nodes = new Set();
    for (const n of nodeIds) if (!incident.has(n)) nodes.add(n);
    for (const eid of edges) { const e = edgeById.get(eid); nodes.add(e.from); nodes.add(e.to); }
    if (state.focus && nodeIds.has(state.focus) && state.hops > 0) {
      const within = new Set([state.focus]);
      let frontier = [state.focus];
      for (let h = 0; h < state.hops; h++) {
        const next = [];
        for (const n of frontier) {
          for (const eid of incident.get(n) || []) {
            if (!edges.has(eid)) continue;
            const e = edgeById.get(eid);
            const other = e.from === n ? e.to : e.from;
            if (!within.has(other)) { within.add(other); next.push(other); }
          }
        }
        frontier = next;
      }
      for (const eid of Array.from(edges)) {
        const e = edgeById.get(eid);
        if (!within.has(e.from) || !within.has(e.to)) edges.delete(eid);
      }
      nodes = within;
    }
    if (state.focus && nodeIds.has(state.focus)) nodes.add(state.focus);
    return { edges, nodes };
  }

  const hidden = { nodes: new Set(), edges: new Set() };
  const baseThreshold = ((D.vis.options.edges.scaling || {}).label || {}).drawThreshold || 5;
  let labelsForced = false;
  const shownLabel = new Map();
  function applyVisibility() {
    const vis = computeVisibility();
    const nodeUpd = [], edgeUpd = [];
    for (const n of nodeIds) {
      const h = !vis.nodes.has(n);
      if (h !== hidden.nodes.has(n)) { nodeUpd.push({ id: n, hidden: h }); h ? hidden.nodes.add(n) : hidden.nodes.delete(n); }
    }
    for (const [eid, e] of edgeById) {
      const h = !vis.edges.has(eid);
      const upd = { id: eid };
      if (h !== hidden.edges.has(eid)) { upd.hidden = h; h ? hidden.edges.add(eid) : hidden.edges.delete(eid); }
      const fids = D.edge_facts[eid];
      if (fids.length > 1 && !h) {
        const passing = fids.filter((fid) => factPasses(D.facts[fid]));
        const names = (passing.length ? passing : fids).map((fid) => D.facts[fid].label);
        const text = names.slice(0, 3).join("\n") + (names.length > 3 ? `\n+${names.length - 3} more` : "");
        if ((shownLabel.get(eid) || e.label) !== text) { upd.label = text; shownLabel.set(eid, text); }
      }
      if (Object.keys(upd).length > 1) edgeUpd.push(upd);
    }
    if (nodeUpd.length) nodesDS.update(nodeUpd);
    if (edgeUpd.length) edgesDS.update(edgeUpd);
    const force = Boolean(state.focus && state.hops > 0 && nodeIds.has(state.focus));
    if (force !== labelsForced) {  // a focused neighbourhood is small: show every edge label
      labelsForced = force;
      network.setOptions({ edges: { scaling: { label: { drawThreshold: force ? 1 : baseThreshold } } } });
    }
    for (const x of ext) if (x.applied) x.applied();
    $("status").textContent = `Showing ${vis.nodes.size} of ${nodeIds.size} nodes and ` +
      `${vis.edges.size} of ${edgeById.size} edges.`;
  }

  /* ---- network ---- */
  const nodesDS = new vis.DataSet();
  const edgesDS = new vis.DataSet();
  // bound to no data yet: filling the DataSets first and handing them over once (setData,
  // at the end) halves the start-up time of big graphs
  const network = new vis.Network($("net"), {}, D.vis.options);
  const api = {
    data: D, network, nodes: nodesDS, edges: edgesDS, state, ready: false, hidden, el, label,
    matchKey, search, focusEntity, selectEdge, showPanel, factBlock, sourcesList, entityLink,
    apply: () => { applyVisibility(); writeHash(); }, extend: (x) => ext.push(x), writeHash,
  };
  window.aigraph = api;

  function whenReady() {
    if (api.ready) return;
    if (D.vis.options.physics && D.vis.options.physics.enabled) {
      network.setOptions({ physics: { enabled: false } });
      const pos = network.getPositions();
      nodesDS.update(Object.entries(pos).map(([id, p]) => ({ id, x: p.x, y: p.y })));
    }
    readHash(true);
    api.ready = true;
    document.body.setAttribute("data-ready", "true");
  }
  if (D.vis.options.physics && D.vis.options.physics.enabled) network.once("stabilizationIterationsDone", whenReady);
  else network.once("afterDrawing", whenReady);
  network.on("dragEnd", (p) => {
    if (!p.nodes.length) return;
    const pos = network.getPositions(p.nodes);
    nodesDS.update(p.nodes.map((id) => ({ id, x: pos[id].x, y: pos[id].y })));
  });
  network.on("click", (p) => {
    if (p.nodes.length) focusEntity(p.nodes[0], { move: false });
    else if (p.edges.length) selectEdge(p.edges[0]);
    else if (state.focus || state.sel) { state.sel = null; if (!state.hops) state.focus = null; showPanel(); writeHash(); }
  });

  /* ---- search ---- */
  const index = Object.entries(D.entities).map(([id, e]) => ({ id, e }));
  function search(query) {
    const k = matchKey(query);
    if (!k) return [];
    const hits = [];
    for (const { id, e } of index) {
      let best = 9;
      for (const key of e.keys) {
        if (key === k) best = 0;
        else if (best > 1 && key.startsWith(k)) best = 1;
        else if (best > 2 && key.includes(k)) best = 2;
      }
      if (best < 9) hits.push([best, nodeIds.has(id) ? 0 : 1, e.label.length, e.label, id]);
    }
    hits.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0));
    return hits.slice(0, 15).map((h) => h[4]);
  }
  const q = $("q"), list = $("matches");
  let cursor = 0;
  function renderMatches() {
    const ids = search(q.value);
    cursor = Math.min(cursor, Math.max(ids.length - 1, 0));
    list.replaceChildren(...ids.map((id, i) => {
      const e = D.entities[id];
      const alt = [...e.names.map((n) => n[1]), ...(e.aliases || [])].join(" · ");
      return el("li", { role: "option", "data-id": id, "aria-selected": i === cursor ? "true" : "false",
        onmousedown: (ev) => { ev.preventDefault(); pick(id); } },
        el("span", { text: e.label }), el("span", { class: "alt", text: alt || words(e.kind || e.type) }));
    }));
    if (!ids.length && q.value.trim()) list.replaceChildren(el("li", { class: "alt", text: "no name or alias matches" }));
    list.hidden = !q.value.trim();
    return ids;
  }
  function pick(id) { list.hidden = true; q.blur(); focusEntity(id, { move: true }); }
  q.addEventListener("input", () => { cursor = 0; renderMatches(); });
  q.addEventListener("focus", () => { if (q.value.trim()) renderMatches(); });
  q.addEventListener("blur", () => { list.hidden = true; });
  q.addEventListener("keydown", (ev) => {
    const ids = renderMatches();
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      cursor = (cursor + (ev.key === "ArrowDown" ? 1 : ids.length - 1)) % Math.max(ids.length, 1);
      renderMatches(); ev.preventDefault();
    } else if (ev.key === "Enter" && ids.length) { pick(ids[cursor] || ids[0]); ev.preventDefault(); }
    else if (ev.key === "Escape") { list.hidden = true; }
  });

  /* ---- focus and selection ---- */
  function focusEntity(id, opts) {
    if (!D.entities[id]) return;
    state.focus = id; state.sel = null;
    applyVisibility();
    if (nodeIds.has(id)) {
      network.selectNodes([id]);
      if (opts && opts.move) network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 300 } });
      else if (state.hops) network.fit({ nodes: Array.from(nodeIds).filter((n) => !hidden.nodes.has(n)), animation: { duration: 300 } });
    } else {
      const eids = new Set();
      for (const fid of (D.node_facts[id] || [])) for (const eid of factEdges.get(fid) || []) eids.add(eid);
      network.selectEdges(Array.from(eids));
      if (opts && opts.move && eids.size) {
        const ends = new Set(); for (const eid of eids) { ends.add(edgeById.get(eid).from); ends.add(edgeById.get(eid).to); }
        network.fit({ nodes: Array.from(ends), animation: { duration: 300 } });
      }
    }
    showPanel();
    writeHash();
  }
  function selectEdge(eid) {
    if (!edgeById.has(eid)) return;
    state.sel = eid;
    network.selectEdges([eid]);
    showPanel();
    writeHash();
  }

  /* ---- side panel ---- */
  function entityLink(id) {
    return el("button", { class: "link", type: "button", onclick: () => focusEntity(id, { move: true }), text: label(id) });
  }
  function sourcesList(citations) {
    return el("ol", { class: "sources" }, citations.map((c) => {
      const s = D.sources[c.source] || {};
      const url = safeUrl(s.url);
      const where = `line ${c.line}` + (c.context && c.context.length ? ` (context: ${c.context.join(", ")})` : "");
      return el("li", {},
        el("span", { class: "src-title", text: s.title || c.source }), " ",
        el("span", { class: "muted", text: `— ${[s.publisher, s.published].filter(Boolean).join(", ")} · ${where}` }),
        c.note ? el("div", { text: c.note }) : null,
        el("div", { class: "muted" }, `archive: ${s.archive || c.source}`,
          url ? [" · ", el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: "original article" })] : []));
    }));
  }
  function factBlock(fid) {
    const fact = D.facts[fid];
    const r = D.records[fact.record];
    const box = el("div", { class: "fact" });
    if (r.summary) box.append(el("p", { text: r.summary }));
    box.append(el("dl", {},
      (fact.extra || []).map(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]),
      r.participants.map(([role, ids]) => [el("dt", { text: words(role) }),
        el("dd", {}, ids.map((id, i) => [i ? ", " : "", entityLink(id)]))]),
      r.fields.map(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]),
      r.claimed_by ? [el("dt", { text: "claimed by" }), el("dd", {}, r.claimed_by.map((id, i) => [i ? ", " : "", entityLink(id)]))] : [],
      [el("dt", { text: "record" }), el("dd", { text: fact.record })]));
    box.append(el("h3", { text: `Sources (${r.sources.length})` }), sourcesList(r.sources));
    return box;
  }
  function factDetails(fid, open) {
    const fact = D.facts[fid];
    const r = D.records[fact.record];
    const edges = factEdges.get(fid) || [];
    return el("details", { open: open ? true : null, ontoggle: (ev) => {
      if (ev.target.open && edges.length) network.selectEdges(edges.filter((e) => !hidden.edges.has(e)));
    } }, el("summary", { title: fact.title || fact.label, text: fact.title || `${r.date} · ${fact.label}` }), factBlock(fid));
  }
  function entityPanel(id) {
    const e = D.entities[id];
    const facts = D.node_facts[id] || [];
    const nodes = [el("h2", { text: e.label }), el("div", { class: "sub", text: [words(e.type), e.kind && words(e.kind)].filter(Boolean).join(" · ") })];
    const rows = [];
    for (const [lang, name] of e.names) rows.push([lang, name]);
    if (e.aliases) rows.push(["aliases", e.aliases.join(", ")]);
    if (e.misspellings) rows.push(["misspellings", e.misspellings.join(", ")]);
    if (rows.length) nodes.push(el("dl", {}, rows.map(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })])));
    if (e.description) nodes.push(el("p", { text: e.description }));
    const wd = safeUrl(e.wikidata_url);
    if (wd) nodes.push(el("p", { class: "muted" }, "Wikidata: ", el("a", { href: wd, target: "_blank", rel: "noopener noreferrer", text: e.wikidata })));
    nodes.push(el("h3", { text: `${D.node_facts_label || "Facts"} (${facts.length})` }));
    const shown = facts.filter((fid) => factPasses(D.facts[fid]));
    if (shown.length < facts.length) nodes.push(el("p", { class: "muted", text: `${facts.length - shown.length} hidden by the filters or dates.` }));
    nodes.push(...shown.map((fid) => factDetails(fid, shown.length === 1)));
    return nodes;
  }
  function edgePanel(eid) {
    const e = edgeById.get(eid);
    const fids = D.edge_facts[eid];
    return [el("h2", {}, entityLink(e.from), " → ", entityLink(e.to)),
      el("div", { class: "sub", text: `${fids.length} ${fids.length === 1 ? "fact" : "facts"}` }),
      ...fids.map((fid) => factDetails(fid, fids.length <= 3))];
  }
  function overviewPanel() {
    return [el("h2", { text: D.title }), el("p", { class: "sub", text: D.heading }),
      el("p", { text: D.intro || "" }),
      el("p", { class: "muted", text: "Click a node or an edge for its details and sources. Search finds any name or alias, in any script. The view (focus, filters, dates) is kept in the address, so a link shares it." })];
  }
  function showPanel() {
    let content = null;
    for (const x of ext) if (!content && x.panel) content = x.panel();
    if (!content && state.sel && edgeById.has(state.sel)) content = edgePanel(state.sel);
    if (!content && state.focus && D.entities[state.focus]) content = entityPanel(state.focus);
    $("panel").replaceChildren(...(content || overviewPanel()));
    $("panel").scrollTop = 0;
  }

  /* ---- filters, dates, legend ---- */
  function buildFilters() {
    const box = $("filters");
    for (const group of D.filters) {
      const fs = el("fieldset", { "data-key": group.key });
      const setAll = (hide) => {
        state.hide[group.key] = new Set(hide ? group.options.map((o) => o[0]) : []);
        syncControls(); api.apply(); showPanel();
      };
      fs.append(el("legend", {}, group.label, el("span", { class: "toggles" },
        el("button", { type: "button", onclick: () => setAll(false), text: "all" }),
        el("button", { type: "button", onclick: () => setAll(true), text: "none" }))));
      for (const [value, text, color, n] of group.options) {
        const input = el("input", { type: "checkbox", value, checked: true, onchange: (ev) => {
          ev.target.checked ? state.hide[group.key].delete(value) : state.hide[group.key].add(value);
          api.apply(); showPanel();
        } });
        fs.append(el("label", { class: "opt" }, input,
          color ? el("span", { class: "swatch", style: `background:${/^#[0-9a-f]{6}$/i.test(color) ? color : "#999"}` }) : null,
          el("span", { text }), el("span", { class: "n", text: String(n) })));
      }
      box.append(fs);
    }
    if (months.length) {
      const from = el("input", { type: "range", id: "date-from", min: 0, max: months.length - 1, value: 0, "aria-label": "from month" });
      const to = el("input", { type: "range", id: "date-to", min: 0, max: months.length - 1, value: months.length - 1, "aria-label": "to month" });
      const onInput = (which) => () => {
        state.from = Number(from.value); state.to = Number(to.value);
        if (state.from > state.to) { if (which === "from") state.to = state.from; else state.from = state.to; }
        syncControls();
        if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; api.apply(); showPanel(); }); }
      };
      let pending = false;  // dragging fires many events: apply at most once per frame
      from.addEventListener("input", onInput("from"));
      to.addEventListener("input", onInput("to"));
      $("daterange").append(el("h2", { text: "Dates" }), el("div", { class: "range-text", id: "range-text" }), from, to);
    }
  }
  function syncControls() {
    for (const fs of $("filters").querySelectorAll("fieldset")) {
      const hide = state.hide[fs.getAttribute("data-key")];
      for (const input of fs.querySelectorAll("input")) input.checked = !hide.has(input.value);
    }
    if (months.length) {
      $("date-from").value = state.from; $("date-to").value = state.to;
      $("range-text").textContent = `${months[state.from]} — ${months[state.to]}`;
    }
    $("hops").value = String(state.hops);
  }
  function buildLegend() {
    const L = D.legend;
    $("legend").append(
      ...L.nodes.map(([t, c]) => el("div", { class: "row" }, el("span", { class: "dot", style: `background:${c}` }), el("span", { text: words(t) }))),
      ...L.edges.map(([t, c, dashed]) => el("div", { class: "row" },
        dashed ? el("span", { class: "dash" }) : el("span", { class: "swatch", style: `background:${c}` }), el("span", { text: words(t) }))),
      L.note ? el("div", { class: "note", text: L.note }) : null);
  }

  /* ---- URL hash: focus, hops, selection, filters, dates (+ extensions) ---- */
  let lastHash = null;
  function writeHash() {
    if (!api.ready) return;
    const p = new URLSearchParams();
    if (state.focus) p.set("focus", state.focus);
    if (state.hops) p.set("hops", String(state.hops));
    if (state.sel) p.set("sel", state.sel);
    for (const key of Object.keys(state.hide).sort()) if (state.hide[key].size) p.set(`hide.${key}`, Array.from(state.hide[key]).sort().join(","));
    if (months.length && state.from > 0) p.set("from", months[state.from]);
    if (months.length && state.to < months.length - 1) p.set("to", months[state.to]);
    for (const x of ext) if (x.write) x.write(p);
    const text = p.toString();
    lastHash = text ? `#${text}` : "";
    if (location.hash === lastHash || (!lastHash && !location.hash)) return;
    try { history.replaceState(null, "", lastHash || location.pathname + location.search); }
    catch (err) { location.replace(lastHash || "#"); }
  }
  function readHash(initial) {
    const p = new URLSearchParams(location.hash.replace(/^#/, ""));
    state.hops = Math.min(Math.max(Number(p.get("hops")) || 0, 0), 3);
    for (const key of Object.keys(state.hide)) {
      state.hide[key] = new Set((p.get(`hide.${key}`) || "").split(",").filter(Boolean));
    }
    const mi = (v, dflt) => { const i = months.indexOf(v || ""); return i < 0 ? dflt : i; };
    state.from = mi(p.get("from"), 0);
    state.to = mi(p.get("to"), Math.max(months.length - 1, 0));
    if (state.from > state.to) state.from = state.to;
    const focus = p.get("focus");
    state.focus = focus && D.entities[focus] ? focus : null;
    const sel = p.get("sel");
    state.sel = sel && edgeById.has(sel) ? sel : null;
    for (const x of ext) if (x.read) x.read(p);
    syncControls();
    applyVisibility();
    network.unselectAll();
    if (state.sel) network.selectEdges([state.sel]);
    if (state.focus && nodeIds.has(state.focus)) {
      network.selectNodes([state.focus]);
      if (state.hops) network.fit({ nodes: Array.from(nodeIds).filter((n) => !hidden.nodes.has(n)) });
      else network.focus(state.focus, { scale: 1.1 });
    } else if (!initial) network.fit();
    for (const x of ext) if (x.restored) x.restored();
    showPanel();
    lastHash = location.hash;
  }
  window.addEventListener("hashchange", () => { if (api.ready && location.hash !== lastHash) readHash(false); });

  /* ---- buttons ---- */
  $("hops").addEventListener("change", () => {
    state.hops = Number($("hops").value);
    applyVisibility();
    network.fit({ nodes: Array.from(nodeIds).filter((n) => !hidden.nodes.has(n)), animation: { duration: 300 } });
    writeHash();
  });
  $("fit").addEventListener("click", () => network.fit({ nodes: Array.from(nodeIds).filter((n) => !hidden.nodes.has(n)) }));
  $("reset").addEventListener("click", () => {
    for (const key in state.hide) state.hide[key].clear();
    Object.assign(state, { from: 0, to: Math.max(months.length - 1, 0), focus: null, hops: 0, sel: null });
    for (const x of ext) if (x.reset) x.reset();
    q.value = "";
    syncControls(); applyVisibility(); network.unselectAll(); network.fit(); showPanel(); writeHash();
  });
  $("png").addEventListener("click", () => {
    const src = $("net").querySelector("canvas");
    const out = document.createElement("canvas");
    out.width = src.width; out.height = src.height;
    const ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height); ctx.drawImage(src, 0, 0);
    const a = el("a", { href: out.toDataURL("image/png"), download: `aigraph-${D.page}.png` });
    document.body.append(a); a.click(); a.remove();
  });

  buildFilters();
  buildLegend();
  syncControls();
  showPanel();
  nodesDS.add(D.vis.nodes);
  edgesDS.add(D.vis.edges);
  network.setData({ nodes: nodesDS, edges: edgesDS });  // listeners are in place: runs layout
})();
