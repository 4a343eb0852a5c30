/* aigraph circular-financing page: the list of loops; picking one highlights exactly its
 * legs, fades everything else and shows the legs table. Uses window.aigraph (pages.js). */
(function () {
  "use strict";
  const A = window.aigraph;
  const D = A.data, el = A.el, label = A.label;
  const byId = new Map(D.loops.map((l) => [l.id, l]));
  const FADED_EDGE = "rgba(160,160,160,0.18)";
  const FADED_LABEL = "rgba(90,90,90,0.2)";
  const FADED_NODE = { background: "#eceef1", border: "#c9ced6", highlight: { background: "#eceef1", border: "#9aa1aa" } };
  const original = {
    nodes: new Map(D.vis.nodes.map((n) => [n.id, n.color])),
    edges: new Map(D.vis.edges.map((e) => [e.id, { color: e.color, width: e.width }])),
  };
  let current = null; // the loop whose highlight is drawn
  const usd = (v) => (v === null || v === undefined ? "unknown" : "$" + human(v));
  function human(v) {
    const units = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]];
    for (const [size, suffix] of units) if (Math.abs(v) >= size) return String(Number((v / size).toPrecision(3))) + suffix;
    return String(Number(v.toPrecision(3)));
  }
  const chain = (loop) => [...loop.participants, loop.participants[0]].map(label).join(" → ");

  function highlight() {
    const loop = A.state.loop ? byId.get(A.state.loop) : null;
    if (loop === current) return;
    current = loop;
    const legs = new Set(loop ? loop.legs : []);
    const parts = new Set(loop ? loop.participants : []);
    A.edges.update(D.vis.edges.map((e) => {
      const o = original.edges.get(e.id);
      if (!loop) return { id: e.id, color: o.color, width: o.width || D.vis.options.edges.width, hl: false, font: { color: "#333333" } };
      return legs.has(e.id)
        ? { id: e.id, color: { color: D.highlight, highlight: D.highlight, hover: D.highlight }, width: 4, hl: true, font: { color: "#000000" } }
        : { id: e.id, color: { color: FADED_EDGE, highlight: FADED_EDGE, hover: FADED_EDGE }, width: 1, hl: false, font: { color: FADED_LABEL } };
    }));
    A.nodes.update(D.vis.nodes.map((n) => ({
      id: n.id, color: !loop || parts.has(n.id) ? original.nodes.get(n.id) : FADED_NODE,
      font: { color: !loop || parts.has(n.id) ? "#1f2328" : "#b0b6be" },
    })));
    for (const b of document.querySelectorAll("#loops .loop")) {
      b.setAttribute("aria-pressed", loop && b.getAttribute("data-id") === loop.id ? "true" : "false");
    }
  }

  function pickLoop(id) {
    const loop = byId.get(id);
    A.state.loop = loop && A.state.loop !== id ? id : null;
    A.state.sel = null;
    A.state.focus = null;
    A.apply();
    A.network.unselectAll();
    if (A.state.loop) A.network.fit({ nodes: loop.participants, animation: { duration: 300 } });
    A.showPanel();
  }

  function legsTable(loop) {
    const head = ["#", "leg", "amount", "date", "certainty, status"];
    return el("table", { class: "legs" },
      el("thead", {}, el("tr", {}, head.map((h) => el("th", { text: h })))),
      loop.rows.map((row, i) => {
        const rec = D.records[row.record] || { sources: [] };
        const flags = [row.status === "planned" ? "planned" : null, row.inferred ? "inferred" : null,
          row.certainty === "disputed" ? "disputed" : null, row.amount_usd === null ? "unknown amount" : null].filter(Boolean);
        return el("tbody", { "data-leg": row.leg },
          el("tr", {},
            el("td", { text: String(i + 1) }),
            el("td", {}, A.entityLink(row.from), " → ", A.entityLink(row.to),
              el("div", { class: "src", text: `${row.flow} (${row.class}) · ${row.kind.replace(/_/g, " ")}` })),
            el("td", { text: row.amount_usd !== null ? usd(row.amount_usd) : (row.amount || "unknown") }),
            el("td", { text: row.date || "" }),
            el("td", {}, el("span", { text: `${row.certainty}, ${row.status}` }),
              el("div", {}, flags.map((f) => el("span", { class: "tag warn", text: f }))))),
          el("tr", { class: "sources-row" }, el("td", {}), el("td", { colspan: 4, class: "src" },
            rec.sources.map((c) => {
              const s = D.sources[c.source] || {};
              return el("div", {}, el("span", { class: "src-title", text: s.title || c.source }),
                ` — ${[s.publisher, s.published].filter(Boolean).join(", ")} · line ${c.line}` + (c.note ? `: ${c.note}` : ""));
            }))));
      }));
  }

  function loopPanel(loop) {
    const ratio = loop.round_trip_ratio === null ? "unknown" : String(loop.round_trip_ratio);
    return [
      el("h2", { text: chain(loop) }),
      el("div", { class: "sub", text: `${loop.length} parties · ${loop.financing_legs} financing, ${loop.commercial_legs} commercial legs` }),
      el("dl", {},
        el("dt", { text: "bottleneck" }), el("dd", { text: usd(loop.bottleneck_usd) }),
        el("dt", { text: "round trip" }), el("dd", { text: ratio }),
        el("dt", { text: "flags" }), el("dd", {}, loop.flags.length ? loop.flags.map((f) => el("span", { class: "tag warn", text: f })) : "none"),
        el("dt", { text: "loop id" }), el("dd", { text: loop.id })),
      el("h3", { text: "Legs" }), legsTable(loop),
      el("h3", { text: "Records behind the legs" }),
      ...Array.from(new Set(loop.legs)).map((leg) => {
        const f = D.facts[leg];
        return f ? el("details", {}, el("summary", { text: f.title || f.label }), A.factBlock(leg)) : null;
      }),
    ];
  }

  function buildList() {
    const box = document.getElementById("loops");
    box.hidden = false;
    box.append(el("h2", { text: `Loops (${D.loops.length})` }));
    if (!D.loops.length) box.append(el("p", { class: "muted", text: "No circular-financing loop in this graph." }));
    for (const loop of D.loops) {
      box.append(el("button", { type: "button", class: "loop", "data-id": loop.id, "aria-pressed": "false",
        onclick: () => pickLoop(loop.id) },
        el("div", { class: "chain", text: chain(loop) }),
        el("div", { class: "meta", text: `${loop.rows.map((r) => r.kind.replace(/_/g, " ")).join(" → ")} · bottleneck ${usd(loop.bottleneck_usd)}` }),
        el("div", {}, loop.flags.map((f) => el("span", { class: "tag warn", text: f })))));
    }
  }

  A.state.loop = null;
  A.extend({
    read: (p) => { const id = p.get("loop"); A.state.loop = id && byId.has(id) ? id : null; },
    write: (p) => { if (A.state.loop) p.set("loop", A.state.loop); },
    reset: () => { A.state.loop = null; },
    forceVisible: () => (A.state.loop ? byId.get(A.state.loop).legs : []),
    applied: highlight,
    restored: () => { if (A.state.loop) A.network.fit({ nodes: byId.get(A.state.loop).participants }); },
    panel: () => (A.state.loop && !A.state.sel && !A.state.focus ? loopPanel(byId.get(A.state.loop)) : null),
  });
  buildList();
})();
