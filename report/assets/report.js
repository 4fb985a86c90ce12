// archcheck report: draws the embedded data with cytoscape.js and dagre.
// Everything from the data goes into the page as text (textContent, text
// nodes, canvas labels), never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("archcheck-data").textContent);
  var colors = data.colors;
  var LARGE = 150; // nodes: above this, cheaper edges and layout

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = String(attrs[k]);
      else if (k === "onclick") e.addEventListener("click", attrs[k]);
      else e.setAttribute(k, attrs[k]);
    });
    (kids || []).forEach(function (c) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }
  function plural(n, w) { return n + " " + w + (n === 1 ? "" : "s"); }
  function loc(f) { return f.file ? f.file + ":" + f.line + ":" + f.column : f["package"]; }

  // Header, legend, footer.
  var s = data.summary, sum = document.getElementById("summary");
  sum.appendChild(el("span", { "class": "errors", text: plural(s.errors, "error") }));
  sum.appendChild(el("span", { "class": "warnings", text: plural(s.warnings, "warning") }));
  sum.appendChild(el("span", { text: s.suppressed + " suppressed" }));
  if (data.inferred) sum.appendChild(el("span", { "class": "note", text: "modules inferred: no archcheck.yaml" }));
  var legend = document.getElementById("legend");
  [["import", colors["import"], false], ["call", colors.call, false], ["blocking call", colors.blocking, false],
   ["publish", colors.publish, true], ["violation", colors.violation, false], ["shared", colors.quiet, false]]
    .forEach(function (it) {
      var i = el("i", { "class": it[2] ? "dash" : "" });
      i.style.borderTopColor = it[1];
      legend.appendChild(i);
      legend.appendChild(document.createTextNode(it[0]));
    });
  document.getElementById("footer").textContent = "archcheck " + data.version +
    " · cytoscape.js and dagre (MIT) are embedded: this file needs no network.";

  // Findings table.
  var tbody = document.querySelector("#findings tbody");
  data.findings.forEach(function (f) {
    var mods = f.modules ? f.modules.join(", ") : [f.from_module, f.to_module].filter(Boolean).join(" → ");
    var tr = el("tr", {}, [
      el("td", {}, [el("span", { "class": "tag", text: f.rule })]),
      el("td", {}, [el("span", { "class": "tag " + f.severity, text: f.severity })]),
      el("td", { "class": "loc", text: loc(f) }),
      el("td", { text: mods }),
      el("td", { text: f.message })
    ]);
    tr.addEventListener("click", function () { selectFinding(f, tr); });
    tbody.appendChild(tr);
  });
  if (data.findings.length === 0) tbody.appendChild(el("tr", {}, [el("td", { colspan: "5", "class": "hint", text: "No findings." })]));
  document.getElementById("filter").addEventListener("input", function (e) {
    var q = e.target.value.toLowerCase();
    Array.prototype.forEach.call(tbody.rows, function (r) {
      r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0;
    });
  });

  // Candidates.
  var cands = document.getElementById("candidates");
  var candByModule = {};
  if (!data.candidates_available) {
    cands.appendChild(el("p", { "class": "hint", text: "Extraction candidates were not computed for this report." }));
  } else if (data.candidates.length === 0) {
    cands.appendChild(el("p", { "class": "hint", text: "No module stands out as an extraction candidate." }));
  } else {
    var ct = el("table", {}, [el("thead", {}, [el("tr", {}, ["rank", "module", "score", "reasons"].map(function (h) { return el("th", { text: h }); }))])]);
    var cb = el("tbody");
    data.candidates.forEach(function (c) {
      candByModule[c.module] = c;
      cb.appendChild(el("tr", {}, [el("td", { text: c.rank }), el("td", { text: c.module }), el("td", { text: c.score }),
        el("td", {}, [el("ul", {}, c.reasons.map(function (r) { return el("li", { text: r }); }))])]));
    });
    ct.appendChild(cb);
    cands.appendChild(ct);
  }

  // Graph.
  function elements(view, faded) {
    var out = [];
    view.nodes.forEach(function (n) {
      var node = { group: "nodes", data: { id: n.id, kind: n.kind, module: n.module || "", shared: !!n.shared,
        display: n.label + "\n" + n.stats, w: n.w, h: n.h, ref: n }, classes: faded && faded(n) ? "faded" : "" };
      if (n.x !== undefined) node.position = { x: n.x, y: n.y };
      out.push(node);
    });
    view.edges.forEach(function (e, i) {
      out.push({ group: "edges", data: { id: "e" + i, source: e.from, target: e.to, label: e.label || "",
        color: e.color, width: e.width, dash: !!e.dash, ref: e } });
    });
    return out;
  }

  function style(large) {
    return [
      { selector: "node", style: { "shape": "round-rectangle", "background-color": "#ffffff", "border-width": 1.2,
        "border-color": "#2d3748", "label": "data(display)", "text-wrap": "wrap", "text-valign": "center",
        "text-halign": "center", "font-size": 12, "font-family": "Helvetica, Arial, sans-serif", "color": "#1a202c",
        "width": "data(w)", "height": "data(h)", "min-zoomed-font-size": 6 } },
      { selector: "node[?shared]", style: { "border-style": "dashed", "border-color": colors.quiet, "color": "#8a949e", "background-color": "#f7f8f9" } },
      { selector: "node[kind = 'seam']", style: { "shape": "tag", "background-color": "#e6f4ea", "border-color": colors.publish } },
      { selector: "node.faded", style: { "opacity": 0.45 } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#3182ce" } },
      { selector: "edge", style: { "width": "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)",
        "target-arrow-shape": "triangle", "arrow-scale": 0.8, "curve-style": large ? "straight" : "bezier",
        "label": "data(label)", "font-size": 9, "color": "data(color)", "text-wrap": "wrap",
        "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 1,
        "min-zoomed-font-size": 8 } },
      { selector: "edge[?dash]", style: { "line-style": "dashed" } },
      { selector: "edge:selected", style: { "width": 4, "overlay-opacity": 0.08 } }
    ];
  }

  var main = data.graph;
  var large = main.nodes.length > LARGE;
  var cy = cytoscape({ container: document.getElementById("cy"), style: style(large), minZoom: 0.02, maxZoom: 4,
    textureOnViewport: large, hideEdgesOnViewport: large, boxSelectionEnabled: false });
  var first = true;
  var backBtn = document.getElementById("back");
  var title = document.getElementById("view-title");

  function show(view, faded, heading) {
    cy.elements().remove();
    cy.add(elements(view, faded));
    title.textContent = heading;
    var big = view.nodes.length > LARGE;
    var preset = view.nodes.length > 0 && view.nodes[0].x !== undefined && view === main;
    var layout = preset ? cy.layout({ name: "preset", fit: true, padding: 24 }) : cy.layout({ name: "dagre", rankDir: "TB", nodeSep: big ? 12 : 40, rankSep: big ? 40 : 130,
      edgeSep: 8, ranker: big ? "longest-path" : "network-simplex", fit: true, padding: 24, animate: false });
    var t0 = performance.now();
    layout.one("layoutstop", function () {
      cy.fit(undefined, 24);
      if (first) {
        first = false;
        document.body.setAttribute("data-nodes", String(cy.nodes().length));
        document.body.setAttribute("data-edges", String(cy.edges().length));
        document.body.setAttribute("data-layout-ms", String(Math.round(performance.now() - t0)));
        document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
        document.body.setAttribute("data-ready", "1");
      }
    });
    layout.run();
  }

  function showMain() {
    backBtn.hidden = true;
    show(main, null, main.level === "module" ? "modules" : "packages");
  }

  // drill shows the packages of module m and the packages they touch.
  function drill(m) {
    var pk = data.packages;
    if (!pk) return;
    var inside = {}, keep = {};
    pk.nodes.forEach(function (n) { if (n.module === m) inside[n.id] = keep[n.id] = true; });
    var edges = pk.edges.filter(function (e) { return inside[e.from] || inside[e.to]; });
    edges.forEach(function (e) { keep[e.from] = keep[e.to] = true; });
    var nodes = pk.nodes.filter(function (n) { return keep[n.id]; });
    backBtn.hidden = false;
    show({ level: "package", nodes: nodes, edges: edges }, function (n) { return !inside[n.id]; }, "packages of " + m);
  }
  backBtn.addEventListener("click", showMain);
  document.getElementById("fit").addEventListener("click", function () { cy.fit(undefined, 24); });

  // Details panel.
  var details = document.getElementById("details");
  function findingsOf(pred) { return data.findings.filter(pred); }
  function findingList(fs) {
    if (fs.length === 0) return el("p", { "class": "hint", text: "No findings." });
    return el("ul", {}, fs.map(function (f) {
      return el("li", {}, [el("span", { "class": "tag " + f.severity, text: f.rule }), loc(f) + ": " + f.message]);
    }));
  }
  function rows(pairs) {
    return el("table", {}, pairs.map(function (p) { return el("tr", {}, [el("td", { text: p[0] }), el("td", { "class": "n", text: p[1] })]); }));
  }
  function edgeTotals(view, id) {
    var t = { out: 0, "in": 0, ce: {}, ca: {}, callsOut: 0, callsIn: 0, blockOut: 0, blockIn: 0, pub: 0 };
    view.edges.forEach(function (e) {
      if (e.from === id) { t.out += e.imports; t.ce[e.to] = 1; t.callsOut += e.calls; t.blockOut += e.blocking_calls; t.pub += e.publishes; }
      if (e.to === id) { t["in"] += e.imports; t.ca[e.from] = 1; t.callsIn += e.calls; t.blockIn += e.blocking_calls; }
    });
    return t;
  }

  function showModule(n, view) {
    var t = edgeTotals(view, n.id);
    var ca = Object.keys(t.ca).length, ce = Object.keys(t.ce).length;
    var inst = ca + ce === 0 ? 0 : ce / (ca + ce);
    var kids = [el("h3", { text: n.id }), el("p", {}, [el("span", { "class": "tag", text: n.kind })].concat(n.shared ? [el("span", { "class": "tag", text: "shared" })] : []))];
    kids.push(el("h4", { text: "metrics" }), rows([["packages", n.packages], ["lines", n.lines],
      ["afferent (modules depending on it)", ca], ["efferent (modules it depends on)", ce], ["instability", inst.toFixed(2)],
      ["imports out / in", t.out + " / " + t["in"]], ["calls out / in", t.callsOut + " / " + t.callsIn],
      ["blocking calls out / in", t.blockOut + " / " + t.blockIn], ["publishes", t.pub]]));
    var c = candByModule[n.id];
    if (c) {
      kids.push(el("h4", { text: "extraction candidate #" + c.rank + " (score " + c.score + ")" }),
        el("ul", {}, c.reasons.map(function (r) { return el("li", { text: r }); })));
    }
    if (data.packages) {
      var pkgs = data.packages.nodes.filter(function (p) { return p.module === n.id; });
      kids.push(el("h4", {}, ["packages ", el("button", { text: "show graph", onclick: function () { drill(n.id); } })]),
        el("table", {}, pkgs.map(function (p) { return el("tr", {}, [el("td", { text: p.id }), el("td", { "class": "n", text: p.lines })]); })));
    }
    kids.push(el("h4", { text: "findings" }), findingList(findingsOf(function (f) {
      return f.from_module === n.id || f.to_module === n.id || (f.modules || []).indexOf(n.id) >= 0;
    })));
    clear(details);
    kids.forEach(function (k) { details.appendChild(k); });
  }

  function showPackage(n, view) {
    var out = view.edges.filter(function (e) { return e.from === n.id; }).map(function (e) { return e.to; });
    var inn = view.edges.filter(function (e) { return e.to === n.id; }).map(function (e) { return e.from; });
    var kids = [el("h3", { text: n.id }), el("p", {}, [el("span", { "class": "tag", text: n.kind }), el("span", { "class": "tag", text: n.module ? "module " + n.module : "unassigned" })]),
      rows([["lines", n.lines]]),
      el("h4", { text: "imports (" + out.length + ")" }), el("ul", {}, out.map(function (p) { return el("li", { text: p }); })),
      el("h4", { text: "imported by (" + inn.length + ")" }), el("ul", {}, inn.map(function (p) { return el("li", { text: p }); })),
      el("h4", { text: "findings" }), findingList(findingsOf(function (f) { return f["package"] === n.id; }))];
    clear(details);
    kids.forEach(function (k) { details.appendChild(k); });
  }

  function showEdge(e, level) {
    var fs = findingsOf(function (f) {
      return level === "module" ? f.from_module === e.from && f.to_module === e.to : f["package"] === e.from && f["import"] === e.to;
    });
    clear(details);
    [el("h3", { text: e.from + " → " + e.to }), el("p", {}, [el("span", { "class": "tag", text: e.kind })]),
      rows([["imports", e.imports], ["calls", e.calls], ["blocking calls", e.blocking_calls], ["publishes", e.publishes]]),
      el("h4", { text: "violations" }), el("p", { text: e.violations.length ? e.violations.join(", ") : "none" }),
      el("h4", { text: "findings" }), findingList(fs)].forEach(function (k) { details.appendChild(k); });
  }

  function currentView() {
    return backBtn.hidden ? main : { level: "package", nodes: data.packages.nodes, edges: data.packages.edges };
  }
  cy.on("tap", "node", function (ev) {
    var n = ev.target.data("ref");
    if (n.kind === "module") showModule(n, currentView());
    else if (n.kind === "package") showPackage(n, currentView());
    else { clear(details).appendChild(el("h3", { text: n.id })); details.appendChild(el("p", { text: "event seam: calls into it publish asynchronously" })); }
  });
  cy.on("dbltap", "node[kind = 'module']", function (ev) { drill(ev.target.id()); });
  cy.on("tap", "edge", function (ev) { showEdge(ev.target.data("ref"), backBtn.hidden ? main.level : "package"); });

  function selectFinding(f, tr) {
    Array.prototype.forEach.call(tbody.rows, function (r) { r.classList.remove("sel"); });
    tr.classList.add("sel");
    var id = main.level === "module" ? f.from_module : f["package"];
    if (!backBtn.hidden) showMain();
    var n = id && cy.getElementById(id);
    if (n && n.length) {
      cy.elements().unselect();
      n.select();
      cy.animate({ center: { eles: n } }, { duration: 200 });
      n.emit("tap");
    }
  }

  showMain();

  // #node=ID selects a node on load, so a link can point at a module.
  var m = /^#node=(.+)$/.exec(location.hash);
  if (m) {
    var target = cy.getElementById(decodeURIComponent(m[1]));
    if (target.length) { target.select(); target.emit("tap"); }
  }
})();
