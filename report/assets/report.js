// archcheck report: the node-link graph (cytoscape.js with dagre), the
// dependency structure matrix and the main-sequence chart (plain canvas and
// SVG), drawn from the embedded data. Everything from the data goes into
// the page as text (textContent, text nodes, canvas text), never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("archcheck-data").textContent);
  var colors = data.colors;
  var STR = data.strings;
  var MAXN = 36;      // nodes a node-link view shows before folding by folder
  var FLAT = 200;     // ... unless they sit in one flat folder: a grid of up to this many
  var FONT = 12;      // node label size at zoom 1
  var MINPX = 10;     // no label is drawn smaller than this
  var SVGNS = "http://www.w3.org/2000/svg";

  // ---- helpers ----
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
  function svg(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  // path puts a line-break opportunity after every / and . so that long
  // import paths wrap between their elements, never inside a word.
  function path(s) {
    var f = document.createDocumentFragment();
    String(s).split(/(?<=[\/.])/).forEach(function (part, i) {
      if (i > 0) f.appendChild(document.createElement("wbr"));
      f.appendChild(document.createTextNode(part));
    });
    return f;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }
  function plural(n, w) { return n + " " + w + (n === 1 ? "" : (/sh$/.test(w) ? "es" : "s")); }
  function loc(f) { return f.file ? f.file + ":" + f.line + ":" + f.column : f["package"]; }
  function setHash(h) { try { history.replaceState(null, "", h ? "#" + h : location.pathname + location.search); } catch (e) { location.hash = h; } }

  // ---- data ----
  function decode(g) {
    if (!g) return null;
    var byId = {};
    g.nodes.forEach(function (n, i) { n.index = i; byId[n.id] = n; });
    var edges = g.edges.map(function (a) {
      return { from: g.nodes[a[0]].id, to: g.nodes[a[1]].id, imports: a[2], calls: a[3], blocking_calls: a[4],
        publishes: a[5], violations: a[6] ? a[6].split(",") : [], isites: a[7], csites: a[8] };
    });
    return { level: g.level, nodes: g.nodes, edges: edges, byId: byId };
  }
  var main = decode(data.graph);
  var pk = main.level === "package" ? main : decode(data.packages);
  var metrics = {}, candByModule = {};
  data.candidates.forEach(function (c) { candByModule[c.module] = c; metrics[c.module] = c.metrics; });

  function kindOf(e) {
    if (e.publishes > 0) return "publish";
    if (e.blocking_calls > 0) return "blocking";
    if (e.calls > 0) return "call";
    return "import";
  }
  function edgeLabel(e, level) {
    var p = [];
    if (e.imports > 0 && level !== "package") p.push(plural(e.imports, "import"));
    if (e.calls > 0) p.push(plural(e.calls, "call") + (e.blocking_calls > 0 ? " (" + e.blocking_calls + " blocking)" : ""));
    if (e.publishes > 0) p.push(plural(e.publishes, "publish"));
    var s = p.join(", ");
    return e.violations.length ? e.violations.join(", ") + (s ? "\n" + s : "") : s;
  }
  function nodeStats(n) {
    if (n.kind === "seam") return "event seam";
    if (n.kind === "package") return plural(n.lines, "line");
    if (n.kind === "folder") return plural(n.members.length, n.unit) + ", " + plural(n.lines, "line");
    return plural(n.packages, "package") + ", " + plural(n.lines, "line");
  }

  // Findings per module, for colours and panels.
  var findingsByModule = {};
  data.findings.forEach(function (f) {
    [f.from_module, f.to_module].concat(f.modules || []).forEach(function (m) {
      if (!m) return;
      var s = findingsByModule[m] || (findingsByModule[m] = { error: 0, warn: 0 });
      if (f.severity === "error") s.error++; else s.warn++;
    });
  });

  // ---- header, legend, footer ----
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
      legend.appendChild(el("span", {}, [i, it[0]]));
    });
  document.getElementById("footer").textContent = "archcheck " + data.version +
    " · cytoscape.js and dagre (MIT) are embedded: this file needs no network.";

  // ---- details panel ----
  var details = document.getElementById("details");
  function panel(kids) { clear(details); kids.forEach(function (k) { details.appendChild(k); }); details.scrollTop = 0; }
  function findingList(fs) {
    if (fs.length === 0) return el("p", { "class": "hint", text: "No findings." });
    var shown = fs.slice(0, 200);
    var ul = el("ul", {}, shown.map(function (f) {
      return el("li", {}, [el("span", { "class": "tag " + f.severity, text: f.rule }), path(loc(f)), ": " + f.message]);
    }));
    if (fs.length > shown.length) ul.appendChild(el("li", { "class": "hint", text: (fs.length - shown.length) + " more in the findings table" }));
    return ul;
  }
  function rows(pairs) {
    return el("table", {}, pairs.map(function (p) { return el("tr", {}, [el("td", { text: p[0] }), el("td", { "class": "n", text: p[1] })]); }));
  }
  function modFindings(m) {
    return data.findings.filter(function (f) { return f.from_module === m || f.to_module === m || (f.modules || []).indexOf(m) >= 0; });
  }

  function showModule(id) {
    var n = main.level === "module" ? main.byId[id] : null;
    if (!n) return;
    var kids = [el("h3", {}, [path(n.id)]), el("p", {}, [el("span", { "class": "tag", text: n.kind })].concat(n.shared ? [el("span", { "class": "tag", text: "shared" })] : []))];
    var m = metrics[n.id];
    var pairs = [["packages", n.packages], ["lines", n.lines]];
    if (m) {
      pairs = pairs.concat([["afferent Ca (modules depending on it)", m.afferent], ["efferent Ce (modules it depends on)", m.efferent],
        ["instability I = Ce / (Ca + Ce)", m.instability.toFixed(2)], ["abstractness A", m.abstractness.toFixed(2)],
        ["distance from the main sequence |A + I − 1|", m.distance.toFixed(2)],
        ["sync calls in / out", m.inbound_sync_calls + " / " + m.outbound_sync_calls],
        ["blocking calls in / out", m.inbound_blocking_calls + " / " + m.outbound_blocking_calls], ["publishes", m.publishes]]);
    }
    kids.push(el("h4", { text: "metrics" }), rows(pairs));
    kids.push(el("p", {}, [
      el("button", { text: "focus", onclick: function () { focusOn(n.id); } }), " ",
      pk ? el("button", { text: "packages graph", onclick: function () { drill(n.id); } }) : "", " ",
      pk ? el("button", { text: "packages matrix", onclick: function () { tab("matrix"); dsmModule(n.id); } }) : ""]));
    var c = candByModule[n.id];
    if (c) {
      kids.push(el("h4", { text: "extraction candidate #" + c.rank + " (score " + c.score + ")" }),
        el("ul", {}, c.reasons.map(function (r) { return el("li", { text: r }); })));
    }
    if (pk) {
      var pkgs = pk.nodes.filter(function (p) { return p.module === n.id; });
      kids.push(el("h4", { text: "packages (" + pkgs.length + ")" }),
        el("table", {}, pkgs.slice(0, 300).map(function (p) { return el("tr", {}, [el("td", {}, [path(p.label)]), el("td", { "class": "n", text: p.lines })]); })));
    }
    kids.push(el("h4", { text: "findings" }), findingList(modFindings(n.id)));
    panel(kids);
  }

  function showPackage(id) {
    var n = pk && pk.byId[id];
    if (!n) return;
    var out = pk.edges.filter(function (e) { return e.from === id; }).map(function (e) { return e.to; });
    var inn = pk.edges.filter(function (e) { return e.to === id; }).map(function (e) { return e.from; });
    function list(xs) { return el("ul", {}, xs.map(function (p) { return el("li", {}, [path(p)]); })); }
    panel([el("h3", {}, [path(n.id)]), el("p", {}, [el("span", { "class": "tag", text: n.kind }), el("span", { "class": "tag", text: n.module ? "module " + n.module : "unassigned" })]),
      rows([["lines", n.lines]]),
      el("h4", { text: "imports (" + out.length + ")" }), list(out),
      el("h4", { text: "imported by (" + inn.length + ")" }), list(inn),
      el("h4", { text: "findings" }), findingList(data.findings.filter(function (f) { return f["package"] === id; }))]);
  }

  // sitesOf lists the imports and calls behind the package edges es.
  function sitesOf(es) {
    var imps = [], calls = [], ni = 0, nc = 0;
    es.forEach(function (e) {
      ni += e.imports; nc += e.calls;
      for (var i = 0; e.isites && i < e.isites.length; i += 2) imps.push([STR[e.isites[i]] + ":" + e.isites[i + 1], e.from + " → " + e.to]);
      for (var j = 0; e.csites && j < e.csites.length; j += 4) calls.push([STR[e.csites[j]] + ":" + e.csites[j + 1], STR[e.csites[j + 2]], e.csites[j + 3] === 1]);
    });
    var kids = [el("h4", { text: "imports (" + ni + ")" })];
    kids.push(imps.length ? el("ul", {}, imps.slice(0, 300).map(function (x) { return el("li", {}, [el("span", { "class": "loc" }, [path(x[0])]), " ", path(x[1])]); }))
      : el("p", { "class": "hint", text: "No import sites recorded." }));
    kids.push(el("h4", { text: "calls (" + nc + ")" }));
    kids.push(calls.length ? el("ul", {}, calls.slice(0, 300).map(function (x) {
      return el("li", {}, [el("span", { "class": "loc" }, [path(x[0])]), " " + x[1]].concat(x[2] ? [" ", el("span", { "class": "tag warn", text: "blocking" })] : []));
    })) : el("p", { "class": "hint", text: nc ? "" : "No calls." }));
    if (imps.length < ni || calls.length < nc) kids.push(el("p", { "class": "hint", text: "At most " + 30 + " sites per package pair are listed." }));
    return kids;
  }
  // packageEdges are the package edges behind a pair of nodes of level.
  function packageEdges(from, to, level) {
    if (!pk) return [];
    if (level === "package") return pk.edges.filter(function (e) { return e.from === from && e.to === to; });
    var modOf = function (id) { var n = pk.byId[id]; return n ? n.module : ""; };
    return pk.edges.filter(function (e) { return modOf(e.from) === from && modOf(e.to) === to; });
  }
  function showPair(from, to, e, level) {
    var fs = data.findings.filter(function (f) {
      return level === "module" ? f.from_module === from && f.to_module === to : f["package"] === from && pkgCallTarget(f, to);
    });
    var kids = [el("h3", {}, [path(from), " → ", path(to)])];
    if (e) {
      kids.push(el("p", {}, [el("span", { "class": "tag", text: kindOf(e) })]),
        rows([["imports", e.imports], ["calls", e.calls], ["blocking calls", e.blocking_calls], ["publishes", e.publishes]]),
        el("h4", { text: "violations" }), el("p", { text: e.violations.length ? e.violations.join(", ") : "none" }));
    } else kids.push(el("p", { "class": "hint", text: "No dependency." }));
    kids = kids.concat(sitesOf(packageEdges(from, to, level)));
    kids.push(el("h4", { text: "findings" }), findingList(fs));
    panel(kids);
  }
  function pkgCallTarget(f, to) {
    if (f["import"]) return f["import"] === to;
    return (f.chain || []).some(function (c) { return c.indexOf(to + ".") === 0; });
  }

  // ---- tabs ----
  var tabs = { graph: document.getElementById("cy-wrap"), matrix: document.getElementById("dsm-wrap"), chart: document.getElementById("ms-wrap") };
  var current = "graph";
  function tab(name) {
    current = name;
    Object.keys(tabs).forEach(function (k) {
      tabs[k].hidden = k !== name;
      document.getElementById("tab-" + k).classList.toggle("on", k === name);
    });
    document.getElementById("graph-tools").hidden = name !== "graph";
    if (name === "graph" && cy) cy.resize();
    if (name === "matrix") dsmDraw();
    if (name === "chart") chartDraw();
  }
  Object.keys(tabs).forEach(function (k) {
    document.getElementById("tab-" + k).addEventListener("click", function () { tab(k); if (k === "matrix") setHash("view=matrix"); else if (k === "chart") setHash("view=chart"); });
  });

  // ---- node-link graph ----
  var cy = cytoscape({ container: document.getElementById("cy"), style: [
    { selector: "node", style: { "shape": "round-rectangle", "background-color": "#ffffff", "border-width": 1.2,
      "border-color": "#2d3748", "label": "data(display)", "text-wrap": "wrap", "text-valign": "center",
      "text-halign": "center", "font-size": FONT, "font-family": "Helvetica, Arial, sans-serif", "color": "#1a202c",
      "width": "data(w)", "height": "data(h)", "min-zoomed-font-size": MINPX } },
    { selector: "node[?shared]", style: { "border-style": "dashed", "border-color": colors.quiet, "color": "#8a949e", "background-color": "#f7f8f9" } },
    { selector: "node[kind = 'seam']", style: { "shape": "tag", "background-color": "#e6f4ea", "border-color": colors.publish } },
    { selector: "node[kind = 'folder']", style: { "background-color": "#eef2f7", "border-style": "double", "border-width": 3 } },
    { selector: "node.outside", style: { "background-color": "#f7f8f9", "color": "#52606d", "border-color": "#9aa5b1" } },
    { selector: "node.match", style: { "border-width": 3, "border-color": "#d69e2e" } },
    { selector: "node:selected", style: { "border-width": 3, "border-color": "#3182ce" } },
    { selector: "edge", style: { "width": "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)",
      "target-arrow-shape": "triangle", "arrow-scale": 0.8, "curve-style": "bezier", "opacity": 0.85,
      "font-size": 10, "color": "data(color)", "text-wrap": "wrap", "text-background-color": "#ffffff",
      "text-background-opacity": 0.9, "text-background-padding": 1, "min-zoomed-font-size": MINPX } },
    { selector: "edge[?dash]", style: { "line-style": "dashed" } },
    { selector: "edge.lbl", style: { "label": "data(label)", "z-index": 10 } },
    { selector: "edge:selected", style: { "width": 4, "label": "data(label)" } }
  ], minZoom: 0.05, maxZoom: 4, boxSelectionEnabled: false, wheelSensitivity: 0.3 });
  // The views follow their box's size (a window resize, the toolbar wrapping).
  if (window.ResizeObserver) {
    var cyBox = document.getElementById("cy"), cySize = "";
    new ResizeObserver(function () {
      var sz = cyBox.clientWidth + "x" + cyBox.clientHeight;
      if (sz !== cySize) { cySize = sz; cy.resize(); cy.forceRender(); }
    }).observe(cyBox);
    new ResizeObserver(function () { dsmSchedule(); }).observe(document.getElementById("dsm"));
  }
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = FONT + "px Helvetica, Arial, sans-serif";
  function tw(t) { return measure.measureText(t).width; }

  var backBtn = document.getElementById("back"), viewTitle = document.getElementById("view-title"), note = document.getElementById("graph-note");
  var hubBox = document.getElementById("hubs");
  var state = { kind: "main", arg: "" }, open = {};

  // Hubs: modules most other modules depend on. Folded away by default (a
  // toggle draws them), since every edge into them says little.
  var hubs = {};
  (function () {
    if (main.level !== "module" || main.nodes.length < 12) return;
    var ca = {};
    main.edges.forEach(function (e) { (ca[e.to] = ca[e.to] || {})[e.from] = 1; });
    // At least two thirds of the other modules depend on it; at most the
    // five most depended upon.
    var cand = Object.keys(ca).filter(function (id) { return Object.keys(ca[id]).length >= Math.max(4, (2 / 3) * (main.nodes.length - 1)); });
    cand.sort(function (a, b) { return Object.keys(ca[b]).length - Object.keys(ca[a]).length; });
    cand.slice(0, 5).forEach(function (id) { hubs[id] = true; });
  })();
  var hubNames = Object.keys(hubs);
  document.getElementById("hubs-label").hidden = hubNames.length === 0;
  document.getElementById("hubs-text").textContent = "draw " + plural(hubNames.length, "hub");
  document.getElementById("hubs-label").title = "Modules most others depend on, folded away to declutter: " + hubNames.join(", ");
  hubBox.addEventListener("change", function () { render(); });

  // segs is the path a node folds along: its folder, under its module
  // when packages of several modules are drawn (clusters first).
  var MOD = "\u0002";
  function segs(n, byModule) {
    var d = (n.dir !== undefined && n.dir !== "" ? n.dir : n.id).split("/");
    return byModule && n.module ? [MOD + n.module].concat(d) : d;
  }
  function folderLabel(key) {
    if (key.charAt(0) !== MOD) return key + "/…";
    var i = key.indexOf("/");
    return i < 0 ? key.slice(1) + " (module)" : key.slice(i + 1) + "/…";
  }
  // fold groups the nodes of a view by folder until at most MAXN remain
  // (the deepest folding that fits; when even the top folders are too
  // many, the largest and alphabetical ranges of the others); keep lists
  // nodes never folded;
  // open folders show their members.
  function fold(view, keep, unit) {
    var nodes = view.nodes;
    if (nodes.length <= MAXN) return view;
    var mods = {};
    nodes.forEach(function (n) { if (n.kind === "package" && n.module) mods[n.module] = 1; });
    var byModule = Object.keys(mods).length > 1;
    var depth = 1, maxDepth = 1;
    nodes.forEach(function (n) { maxDepth = Math.max(maxDepth, segs(n, byModule).length); });
    function keyAt(n, d) {
      if (keep[n.id] || n.kind === "seam") return null;
      var sg = segs(n, byModule);
      for (var k = d; k < sg.length; k++) { var key = sg.slice(0, k).join("/"); if (!open[key]) return key; }
      return null;
    }
    function count(d) { var seen = {}; var c = 0; nodes.forEach(function (n) { var k = keyAt(n, d); if (k === null) c++; else if (!seen[k]) { seen[k] = 1; c++; } }); return c; }
    // Start below the folder every node shares: a module's packages never
    // fold into the one folder they all live in.
    var first = null, common = 0;
    nodes.forEach(function (n) {
      if (keep[n.id] || n.kind === "seam") return;
      var sg = segs(n, byModule);
      if (first === null) { first = sg.slice(0, sg.length - 1); common = first.length; return; }
      var k = 0;
      while (k < common && k < sg.length - 1 && sg[k] === first[k]) k++;
      common = k;
    });
    depth = Math.max(1, common + 1);
    // A flat folder of up to FLAT packages is drawn whole, as a grid
    // (wrapRows), rather than folded into alphabetical ranges.
    if (count(depth) > MAXN && nodes.length <= FLAT) return view;
    while (depth < maxDepth && count(depth + 1) <= MAXN) depth++;
    var groups = {}, order = [], rep = {};
    nodes.forEach(function (n) {
      var k = keyAt(n, depth);
      if (k === null) k = "\u0001" + n.id;
      if (!groups[k]) { groups[k] = []; order.push(k); }
      groups[k].push(n);
    });
    // Still too many (a flat folder of modules): the largest two thirds of
    // the slots stay as they are, the rest fold, sorted by name, into
    // alphabetical ranges ("m00 … m11"), as an index does; an open range
    // shows its groups.
    if (order.length > MAXN) {
      var name = function (k) { return k.charAt(0) === "\u0001" ? groups[k][0].label : folderLabel(k); };
      var size = function (k) { return groups[k].reduce(function (a, n) { return a + n.lines; }, 0); };
      var kept = order.filter(function (k) { return keep[groups[k][0].id]; });
      var rest = order.filter(function (k) { return !keep[groups[k][0].id]; });
      var slots = MAXN - kept.length, nBig = Math.floor(slots * 2 / 3);
      var big = rest.slice().sort(function (x, y) { return size(y) - size(x); }).slice(0, nBig), isBig = {};
      big.forEach(function (k) { isBig[k] = 1; });
      var small = rest.filter(function (k) { return !isBig[k]; }).sort(function (x, y) { return name(x).localeCompare(name(y), "en", { numeric: true }); });
      var per = Math.ceil(small.length / Math.max(1, slots - nBig)), ranged = kept.concat(big);
      for (var i = 0; i < small.length; i += per) {
        var chunk = small.slice(i, i + per), rk = "\u0003" + name(chunk[0]) + " … " + name(chunk[chunk.length - 1]);
        if (open[rk] || chunk.length === 1) { ranged = ranged.concat(chunk); continue; }
        groups[rk] = [].concat.apply([], chunk.map(function (k) { return groups[k]; }));
        ranged.push(rk);
      }
      var at = {};
      order.forEach(function (k, j) { at[k] = j; });
      order = ranged.sort(function (x, y) { return (at[x] === undefined ? 1e9 : at[x]) - (at[y] === undefined ? 1e9 : at[y]); });
    }
    var out = [];
    order.forEach(function (o) {
      var ms = groups[o];
      if (ms.length === 1) { rep[ms[0].id] = ms[0].id; out.push(ms[0]); return; }
      var f = { id: "folder:" + o, kind: "folder", key: o, label: o.charAt(0) === "\u0003" ? o.slice(1).replace(/ \(module\)/g, "") : folderLabel(o), members: ms, unit: unit, lines: 0, packages: 0,
        shared: ms.every(function (m) { return m.shared; }), outside: ms.every(function (m) { return m.outside; }) };
      ms.forEach(function (m) { f.lines += m.lines; f.packages += m.packages; rep[m.id] = f.id; });
      out.push(f);
    });
    var agg = {}, edges = [];
    view.edges.forEach(function (e) {
      var a = rep[e.from], b = rep[e.to];
      if (!a || !b || a === b) return;
      var k = a + "\u0000" + b, x = agg[k];
      if (!x) { x = agg[k] = { from: a, to: b, imports: 0, calls: 0, blocking_calls: 0, publishes: 0, violations: [] }; edges.push(x); }
      x.imports += e.imports; x.calls += e.calls; x.blocking_calls += e.blocking_calls; x.publishes += e.publishes;
      e.violations.forEach(function (v) { if (x.violations.indexOf(v) < 0) x.violations.push(v); });
    });
    var folded = out.filter(function (n) { return n.kind === "folder"; }).length;
    return { level: view.level, nodes: out, edges: edges, folded: folded, total: nodes.length };
  }

  function elements(view) {
    var out = [], shown = {};
    view.nodes.forEach(function (n) {
      shown[n.id] = true;
      var label = n.kind === "folder" ? n.label : n.label, stats = nodeStats(n);
      var w = Math.max(tw(label), tw(stats)) + (n.kind === "seam" ? 44 : 22);
      out.push({ group: "nodes", data: { id: n.id, kind: n.kind, shared: !!n.shared, display: label + "\n" + stats, w: w, h: 40, ref: n },
        classes: n.outside ? "outside" : "" });
    });
    view.edges.forEach(function (e, i) {
      if (!shown[e.from] || !shown[e.to]) return;
      var k = kindOf(e), to = view.nodes.filter(function (n) { return n.id === e.to; })[0];
      var color = e.violations.length ? colors.violation : (to && to.shared) ? colors.quiet : colors[k];
      var width = e.violations.length ? 2.4 : k === "blocking" ? 2.4 : k === "call" ? 1.6 : k === "publish" ? 1.4 : 1;
      out.push({ group: "edges", data: { id: "e" + i, source: e.from, target: e.to, label: edgeLabel(e, view.level),
        color: color, width: width, dash: k === "publish", ref: e } });
    });
    return out;
  }

  // wrapRows breaks ranks wider than the page into several rows, so that a
  // module of 100+ unconnected packages is a grid, never one row.
  function wrapRows(maxW) {
    var rowsByY = {}, minX = Infinity, maxX = -Infinity;
    cy.nodes().forEach(function (n) {
      var y = Math.round(n.position("y")), x = n.position("x"), w = n.data("w") / 2;
      (rowsByY[y] = rowsByY[y] || []).push(n);
      minX = Math.min(minX, x - w); maxX = Math.max(maxX, x + w);
    });
    if (maxX - minX <= maxW) return;
    var center = (minX + maxX) / 2, gap = 16, lineH = 64;
    var ys = Object.keys(rowsByY).map(Number).sort(function (a, b) { return a - b; });
    var shift = 0;
    ys.forEach(function (y) {
      var row = rowsByY[y].sort(function (a, b) { return a.position("x") - b.position("x"); });
      var lines = [[]], w = 0;
      row.forEach(function (n) {
        var nw = n.data("w") + gap;
        if (w + nw > maxW && lines[lines.length - 1].length) { lines.push([]); w = 0; }
        lines[lines.length - 1].push(n); w += nw;
      });
      lines.forEach(function (line, li) {
        var total = line.reduce(function (a, n) { return a + n.data("w") + gap; }, 0), x = center - total / 2;
        line.forEach(function (n) {
          n.position({ x: x + (n.data("w") + gap) / 2, y: y + shift + li * lineH });
          x += n.data("w") + gap;
        });
      });
      shift += (lines.length - 1) * lineH;
    });
  }

  // reduce hides the edges another path already implies (u → v when u
  // reaches v through some other successor), keeping every edge with a
  // violation of a rule at error severity, and every publish: dense graphs
  // become readable layers. The "all edges" toggle draws them all.
  var errorRules = {};
  data.findings.forEach(function (f) { if (f.severity === "error") errorRules[f.rule] = true; });
  var allEdges = document.getElementById("all-edges");
  allEdges.addEventListener("change", function () { render(); });
  function reduce(view) {
    if (allEdges.checked || view.edges.length <= view.nodes.length * 1.5) return view;
    // Rank the nodes as the matrix does (dependencies first, cycles
    // ordered to minimise back edges); edges down that order form a DAG,
    // which is reduced; edges up it close cycles and always stay.
    var o = dsmOrder(view.nodes.map(function (n) { return n.id; }), view.edges), pos = {};
    o.order.forEach(function (id, i) { pos[id] = i; });
    var succ = {};
    view.edges.forEach(function (e) { if (pos[e.to] < pos[e.from]) (succ[e.from] = succ[e.from] || []).push(e.to); });
    var reach = {};
    function reachOf(a) {
      if (reach[a]) return reach[a];
      var seen = {}, stack = [a];
      while (stack.length) { var x = stack.pop(); (succ[x] || []).forEach(function (y) { if (!seen[y]) { seen[y] = true; stack.push(y); } }); }
      return (reach[a] = seen);
    }
    var kept = view.edges.filter(function (e) {
      if (e.violations.some(function (r) { return errorRules[r]; }) || e.publishes || !(pos[e.to] < pos[e.from])) return true;
      return !(succ[e.from] || []).some(function (w) { return w !== e.to && reachOf(w)[e.to]; });
    });
    var out = {};
    Object.keys(view).forEach(function (k) { out[k] = view[k]; });
    out.edges = kept;
    out.hiddenEdges = view.edges.length - kept.length;
    return out;
  }

  // bands folds a drawing much taller than the page and much narrower
  // into side-by-side bands of consecutive ranks (the top ranks on the
  // left), so that a long chain of layers uses the page's width at a
  // readable zoom.
  function bands(W, H) {
    var z = MINPX / FONT + 0.001, gap = 40, maxW = W / z - 48, maxH = (H - 48) / z;
    var rows = {};
    cy.nodes().forEach(function (nd) {
      var y = Math.round(nd.position("y")), x = nd.position("x"), w = nd.data("w") / 2;
      var r = rows[y] || (rows[y] = { y: y, x1: Infinity, x2: -Infinity, nodes: [] });
      r.x1 = Math.min(r.x1, x - w); r.x2 = Math.max(r.x2, x + w); r.nodes.push(nd);
    });
    var ranks = Object.keys(rows).map(Number).sort(function (a, b) { return a - b; }).map(function (y) { return rows[y]; });
    if (!ranks.length || ranks[ranks.length - 1].y - ranks[0].y + 40 <= maxH) return false;
    // Consecutive ranks fill a band up to the visible height; the bands,
    // each as wide as its widest rank, must fit the width side by side.
    var list = [], cur = null;
    ranks.forEach(function (r) {
      if (!cur || r.y - cur.top + 40 > maxH) { cur = { top: r.y, x1: r.x1, x2: r.x2, rows: [] }; list.push(cur); }
      cur.rows.push(r); cur.x1 = Math.min(cur.x1, r.x1); cur.x2 = Math.max(cur.x2, r.x2);
    });
    var total = list.reduce(function (a, bd) { return a + bd.x2 - bd.x1 + gap; }, -gap);
    if (list.length < 2 || total > maxW) return false;
    var x = 0;
    list.forEach(function (bd) {
      var dx = x - bd.x1, dy = ranks[0].y - bd.top;
      bd.rows.forEach(function (r) { r.nodes.forEach(function (nd) { nd.position({ x: nd.position("x") + dx, y: nd.position("y") + dy }); }); });
      x += bd.x2 - bd.x1 + gap;
    });
    return true;
  }

  // arrange wraps wide ranks into rows and, when the drawing is taller
  // than the page, tries narrower rows cut into side-by-side bands; the
  // first arrangement that fits wins, else the plain wrapped one.
  function arrange(W, H) {
    var z = MINPX / FONT + 0.001, maxW = W / z - 48, orig = {};
    cy.nodes().forEach(function (nd) { orig[nd.id()] = { x: nd.position("x"), y: nd.position("y") }; });
    function restore() { cy.nodes().forEach(function (nd) { nd.position(orig[nd.id()]); }); }
    var plain = Math.max(600, W / 0.9 - 40);
    wrapRows(plain);
    var bb = cy.nodes().boundingBox();
    if (bb.h * z <= H - 48) return;
    for (var k = 1; k <= 6; k++) {
      restore();
      wrapRows(k === 1 ? plain : Math.max(200, (maxW - (k - 1) * 40) / k));
      if (bands(W, H)) return;
    }
    restore();
    wrapRows(plain);
  }

  var ready = false, currentView = null;
  function draw(view, heading) {
    view = reduce(view);
    currentView = view;
    cy.elements().remove();
    cy.add(elements(view));
    viewTitle.textContent = heading;
    var notes = view.outsideNote ? [view.outsideNote] : [];
    if (view.folded) notes.push(view.total + " nodes folded by folder into " + view.nodes.length + " (click a folder to open it)");
    if (view.hiddenEdges) notes.push(plural(view.hiddenEdges, "edge") + " implied by longer paths not drawn");
    note.textContent = notes.join("; ");
    document.getElementById("all-edges-label").hidden = !view.hiddenEdges && !allEdges.checked;
    var t0 = performance.now();
    var layout = cy.layout({ name: "dagre", rankDir: "TB", nodeSep: 24, rankSep: 50, edgeSep: 8,
      ranker: view.nodes.length > 80 || view.edges.length > 150 ? "longest-path" : "network-simplex", fit: false, animate: false });
    layout.one("layoutstop", function () {
      var box = document.getElementById("cy");
      cy.resize();
      cy.batch(function () { arrange(box.clientWidth, box.clientHeight); });
      fitReadable();
      cy.forceRender();
      if (!ready) {
        ready = true;
        document.body.setAttribute("data-nodes", String(cy.nodes().length));
        document.body.setAttribute("data-edges", String(cy.edges().length));
        document.body.setAttribute("data-layout-ms", String(Math.round(performance.now() - t0)));
        var st = labelCheck();
        document.body.setAttribute("data-min-label-px", String(st.minPx));
        document.body.setAttribute("data-visible-labels", String(st.visible));
        document.body.setAttribute("data-label-overlaps", String(st.overlaps.length));
        document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
        document.body.setAttribute("data-ready", "1");
      }
    });
    layout.run();
  }
  // fitReadable fits the view, but never below the zoom at which labels
  // are MINPX tall: a larger drawing scrolls from its top instead.
  function fitReadable() {
    cy.fit(undefined, 24);
    var minZ = MINPX / FONT + 0.001;
    if (cy.zoom() > 1.25) { cy.zoom(1.25); cy.center(); }
    if (cy.zoom() < minZ) {
      var bb = cy.elements().boundingBox();
      cy.zoom(minZ);
      var w = cy.width();
      cy.pan({ x: bb.w * minZ < w ? (w - bb.w * minZ) / 2 - bb.x1 * minZ : 24 - bb.x1 * minZ, y: 24 - bb.y1 * minZ });
    }
  }

  // labelCheck is the page's own measure of legibility, for tests: the
  // smallest drawn label, and the pairs of visible node labels that overlap.
  function labelCheck() {
    var z = cy.zoom(), ext = cy.extent(), px = FONT * z, boxes = [];
    cy.nodes().forEach(function (n) {
      var bb = n.boundingBox({ includeLabels: true, includeOverlays: false });
      if (bb.x2 < ext.x1 || bb.x1 > ext.x2 || bb.y2 < ext.y1 || bb.y1 > ext.y2) return;
      if (px < MINPX) return; // not drawn
      boxes.push({ id: n.id(), x1: bb.x1, y1: bb.y1, x2: bb.x2, y2: bb.y2 });
    });
    var overlaps = [];
    for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
      var a = boxes[i], b = boxes[j];
      if (a.x1 < b.x2 - 0.5 && b.x1 < a.x2 - 0.5 && a.y1 < b.y2 - 0.5 && b.y1 < a.y2 - 0.5) overlaps.push([a.id, b.id]);
    }
    return { minPx: boxes.length ? Math.round(px * 10) / 10 : 0, visible: boxes.length, overlaps: overlaps };
  }

  function hidden(id) { return !hubBox.checked && hubs[id]; }
  function baseView() {
    var nodes = main.nodes.filter(function (n) { return !hidden(n.id); });
    var edges = main.edges.filter(function (e) { return !hidden(e.from) && !hidden(e.to); });
    return { level: main.level, nodes: nodes, edges: edges };
  }
  function render() {
    var k = state.kind, unit = main.level === "module" ? "module" : "package";
    backBtn.hidden = k === "main";
    if (k === "main") {
      draw(fold(baseView(), {}, unit), main.level === "module" ? "modules" : "packages");
    } else if (k === "focus") {
      var id = state.arg, keep = {}, nb = {};
      keep[id] = nb[id] = true;
      var b = main.level === "module" ? { nodes: main.nodes, edges: main.edges } : baseView();
      var edges = b.edges.filter(function (e) { return e.from === id || e.to === id; });
      edges.forEach(function (e) { nb[e.from] = nb[e.to] = true; });
      var v = { level: main.level, nodes: b.nodes.filter(function (n) { return nb[n.id]; }), edges: edges };
      draw(fold(v, keep, unit), "focus: " + id + " and its " + plural(Object.keys(nb).length - 1, "neighbour"));
    } else if (k === "drill") {
      drawDrill(state.arg);
    }
  }
  function setState(kind, arg) { state = { kind: kind, arg: arg || "" }; open = {}; render(); }
  function focusOn(id) { tab("graph"); setState("focus", id); setHash("node=" + encodeURIComponent(id) + "&focus=1"); }

  // drill shows the packages of module m, folded by folder when there are
  // many, and the modules they touch as one node each.
  function drill(m) { tab("graph"); setState("drill", m); setHash("drill=" + encodeURIComponent(m)); }
  function drawDrill(m) {
    if (!pk) return;
    var nodes = [], ext = {}, rep = {}, edges = {}, list = [];
    pk.nodes.forEach(function (n) { if (n.module === m) { nodes.push(n); rep[n.id] = n.id; } });
    var inner = { level: "package", nodes: nodes, edges: pk.edges.filter(function (e) { return rep[e.from] && rep[e.to]; }) };
    pk.edges.forEach(function (e) {
      var a = rep[e.from], b = rep[e.to];
      if (a && b) return;
      if (!a && !b) return;
      var other = a ? e.to : e.from, on = pk.byId[other], mod = on.module || "(unassigned)";
      if (!ext[mod]) {
        var mn = main.level === "module" && main.byId[mod];
        ext[mod] = { id: "module:" + mod, kind: "module", label: mod, packages: mn ? mn.packages : 0, lines: mn ? mn.lines : 0, outside: true, shared: mn && mn.shared, dir: "\u0000" };
      }
      var from = a ? a : ext[mod].id, to = a ? ext[mod].id : b;
      var k = from + "\u0000" + to, x = edges[k];
      if (!x) { x = edges[k] = { from: from, to: to, imports: 0, calls: 0, blocking_calls: 0, publishes: 0, violations: [] }; list.push(x); }
      x.imports += e.imports; x.calls += e.calls; x.blocking_calls += e.blocking_calls; x.publishes += e.publishes;
      e.violations.forEach(function (v) { if (x.violations.indexOf(v) < 0) x.violations.push(v); });
    });
    var keep = {};
    var exts = Object.keys(ext).map(function (k) { keep[ext[k].id] = true; return ext[k]; });
    // Neighbour modules stay whole; the module's own packages fold.
    var folded = fold(inner, {}, "package");
    var v = { level: "package", nodes: folded.nodes.concat(exts.length + folded.nodes.length > MAXN + 12 ? [] : exts), edges: folded.edges, folded: folded.folded, total: folded.total };
    var repOf = {};
    folded.nodes.forEach(function (n) { if (n.kind === "folder") n.members.forEach(function (x) { repOf[x.id] = n.id; }); else repOf[n.id] = n.id; });
    if (v.nodes.length > folded.nodes.length) {
      var agg = {};
      list.forEach(function (e) {
        var from = repOf[e.from] || e.from, to = repOf[e.to] || e.to, k = from + "\u0000" + to, x = agg[k];
        if (!x) { x = agg[k] = { from: from, to: to, imports: 0, calls: 0, blocking_calls: 0, publishes: 0, violations: [] }; v.edges.push(x); }
        x.imports += e.imports; x.calls += e.calls; x.blocking_calls += e.blocking_calls; x.publishes += e.publishes;
        e.violations.forEach(function (y) { if (x.violations.indexOf(y) < 0) x.violations.push(y); });
      });
    }
    v.outsideNote = v.nodes.length === folded.nodes.length && exts.length ? plural(exts.length, "neighbour module") + " not drawn (see the matrix)" : "";
    draw(v, "packages of " + m);
  }
  backBtn.addEventListener("click", function () { setHash(""); setState("main"); });
  document.getElementById("fit").addEventListener("click", function () { cy.fit(undefined, 24); });

  cy.on("tap", "node", function (ev) {
    var n = ev.target.data("ref");
    if (n.kind === "folder") { open[n.key] = true; render(); return; }
    if (n.kind === "module" && !n.outside) { showModule(n.id); setHash("node=" + encodeURIComponent(n.id)); }
    else if (n.kind === "module") { showModule(n.label); }
    else if (n.kind === "package") { showPackage(n.id); setHash("node=" + encodeURIComponent(n.id)); }
    else panel([el("h3", { text: n.id }), el("p", { text: "event seam: calls into it publish asynchronously" })]);
    cy.edges().removeClass("lbl");
    ev.target.connectedEdges().addClass("lbl");
  });
  cy.on("dbltap", "node[kind = 'module']", function (ev) { var n = ev.target.data("ref"); drill(n.outside ? n.label : n.id); });
  cy.on("tap", "edge", function (ev) {
    var e = ev.target.data("ref"), lvl = currentView.level;
    if (String(e.from).indexOf("folder:") === 0 || String(e.to).indexOf("folder:") === 0 || String(e.from).indexOf("module:") === 0 || String(e.to).indexOf("module:") === 0) {
      panel([el("h3", { text: ev.target.source().data("ref").label + " → " + ev.target.target().data("ref").label }),
        rows([["imports", e.imports], ["calls", e.calls], ["blocking calls", e.blocking_calls], ["publishes", e.publishes]]),
        el("p", { "class": "hint", text: "Open the folder, or use the matrix, for the sites behind it." })]);
      return;
    }
    showPair(e.from, e.to, e, lvl);
  });
  cy.on("tap", function (ev) { if (ev.target === cy) cy.edges().removeClass("lbl"); });
  cy.on("mouseover", "edge", function (ev) { ev.target.addClass("lbl"); });
  cy.on("mouseout", "edge", function (ev) { if (!ev.target.selected()) ev.target.removeClass("lbl"); });
  cy.on("mouseover", "node", function (ev) { ev.target.connectedEdges().addClass("lbl"); });
  cy.on("mouseout", "node", function (ev) { if (!ev.target.selected()) ev.target.connectedEdges().removeClass("lbl"); });

  // Search: highlights matches; Enter focuses the first one.
  var search = document.getElementById("search");
  function matches(q) { return main.nodes.filter(function (n) { return n.id.toLowerCase().indexOf(q) >= 0; }); }
  search.addEventListener("input", function () {
    var q = search.value.toLowerCase();
    cy.nodes().removeClass("match");
    if (!q) return;
    cy.nodes().forEach(function (n) {
      var r = n.data("ref");
      if ((r.id + " " + r.label).toLowerCase().indexOf(q) >= 0 || (r.members || []).some(function (m) { return m.id.toLowerCase().indexOf(q) >= 0; })) n.addClass("match");
    });
  });
  search.addEventListener("keydown", function (e) {
    if (e.key !== "Enter") return;
    var m = matches(search.value.toLowerCase());
    if (m.length) { focusOn(m[0].id); if (main.level === "module") showModule(m[0].id); else showPackage(m[0].id); }
  });

  // ---- dependency structure matrix ----
  // order puts dependencies first (rows depend on earlier columns, below
  // the diagonal) and every cycle's members together (Tarjan's strongly
  // connected components come out dependencies first).
  function dsmOrder(ids, edges) {
    var adj = {}, index = {}, low = {}, onStack = {}, stack = [], comps = [], counter = 0;
    ids.forEach(function (id) { adj[id] = []; });
    edges.forEach(function (e) { if (adj[e.from] && adj[e.to] !== undefined && e.from !== e.to) adj[e.from].push(e.to); });
    function strong(v) {
      var work = [[v, 0]];
      index[v] = low[v] = counter++; stack.push(v); onStack[v] = true;
      while (work.length) {
        var top = work[work.length - 1], u = top[0], i = top[1];
        if (i < adj[u].length) {
          top[1]++;
          var w = adj[u][i];
          if (index[w] === undefined) { index[w] = low[w] = counter++; stack.push(w); onStack[w] = true; work.push([w, 0]); }
          else if (onStack[w]) low[u] = Math.min(low[u], index[w]);
        } else {
          work.pop();
          if (work.length) { var p = work[work.length - 1][0]; low[p] = Math.min(low[p], low[u]); }
          if (low[u] === index[u]) {
            var comp = [], x;
            do { x = stack.pop(); onStack[x] = false; comp.push(x); } while (x !== u);
            comps.push(comp);
          }
        }
      }
    }
    ids.forEach(function (id) { if (index[id] === undefined) strong(id); });
    var pos = {};
    ids.forEach(function (id, i) { pos[id] = i; });
    var order = [], blocks = [];
    // Inside a cycle, the members more of the others use come first, so
    // that as few marks as possible sit above the diagonal.
    var bal = {};
    edges.forEach(function (e) { if (adj[e.from] && adj[e.to] !== undefined && e.from !== e.to) { bal[e.to] = (bal[e.to] || 0) + 1; bal[e.from] = (bal[e.from] || 0) - 1; } });
    comps.forEach(function (c) {
      c.sort(function (a, b) { return c.length > 1 && (bal[b] || 0) !== (bal[a] || 0) ? (bal[b] || 0) - (bal[a] || 0) : pos[a] - pos[b]; });
      if (c.length > 1) blocks.push([order.length, c.length]);
      order = order.concat(c);
    });
    return { order: order, blocks: blocks };
  }
  var dsm = null;
  var dsmCanvas = document.getElementById("dsm-canvas"), dsmScroll = document.getElementById("dsm"), dsmSpacer = document.getElementById("dsm-spacer");
  var dsmInfo = document.getElementById("dsm-info"), dsmBack = document.getElementById("dsm-back"), dsmTitle = document.getElementById("dsm-title");
  var CELL = 22;
  function dsmBuild(level, nodes, edges, title, module) {
    var ids = nodes.map(function (n) { return n.id; });
    var o = dsmOrder(ids, edges), at = {}, cells = {};
    o.order.forEach(function (id, i) { at[id] = i; });
    edges.forEach(function (e) { if (at[e.from] !== undefined && at[e.to] !== undefined) cells[at[e.from] + "," + at[e.to]] = e; });
    var label = {}; nodes.forEach(function (n) { label[n.id] = n.kind === "seam" ? n.label + " (event seam)" : n.label; });
    var ctx = dsmCanvas.getContext("2d");
    ctx.font = "12px Helvetica, Arial, sans-serif";
    var lw = 0;
    o.order.forEach(function (id, i) { lw = Math.max(lw, ctx.measureText((i + 1) + "  " + label[id]).width); });
    dsm = { level: level, order: o.order, blocks: o.blocks, cells: cells, label: label, lw: Math.min(Math.ceil(lw) + 16, 380), th: 34, hover: null, sel: null, title: title, module: module };
    document.body.setAttribute("data-dsm-rows", String(o.order.length));
    dsmTitle.textContent = title + " · " + plural(o.order.length, level === "module" ? "module" : "package") + ", dependencies first";
    dsmBack.hidden = !module;
    dsmSpacer.style.width = (dsm.lw + o.order.length * CELL + 20) + "px";
    dsmSpacer.style.height = (dsm.th + o.order.length * CELL + 20) + "px";
    dsmDraw();
  }
  function cellColor(e) {
    if (e.violations.length) return colors.violation;
    if (e.blocking_calls > 0) return colors.blocking;
    if (e.publishes > 0) return colors.publish;
    if (e.calls > 0) return colors.call;
    return colors["import"];
  }
  function dsmDraw() {
    if (!dsm || tabs.matrix.hidden) return;
    var W = dsmScroll.clientWidth, H = dsmScroll.clientHeight, dpr = window.devicePixelRatio || 1;
    if (dsmCanvas.width !== W * dpr || dsmCanvas.height !== H * dpr) {
      dsmCanvas.width = W * dpr; dsmCanvas.height = H * dpr;
      dsmCanvas.style.width = W + "px"; dsmCanvas.style.height = H + "px";
    }
    var sx = dsmScroll.scrollLeft, sy = dsmScroll.scrollTop;
    dsmCanvas.style.left = sx + "px"; dsmCanvas.style.top = sy + "px";
    var ctx = dsmCanvas.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, W, H);
    var n = dsm.order.length, lw = dsm.lw, th = dsm.th;
    var c0 = Math.max(0, Math.floor(sx / CELL)), c1 = Math.min(n, Math.ceil((sx + W - lw) / CELL) + 1);
    var r0 = Math.max(0, Math.floor(sy / CELL)), r1 = Math.min(n, Math.ceil((sy + H - th) / CELL) + 1);
    function X(c) { return lw + c * CELL - sx; }
    function Y(r) { return th + r * CELL - sy; }
    ctx.save();
    ctx.beginPath(); ctx.rect(lw, th, W - lw, H - th); ctx.clip();
    // Hover bands, diagonal, grid, cells.
    if (dsm.hover) {
      ctx.fillStyle = "rgba(49,130,206,0.10)";
      ctx.fillRect(lw, Y(dsm.hover[0]), W, CELL);
      ctx.fillRect(X(dsm.hover[1]), th, CELL, H);
    }
    ctx.fillStyle = "#e4e7eb";
    for (var d = Math.max(r0, c0); d < Math.min(r1, c1); d++) ctx.fillRect(X(d), Y(d), CELL, CELL);
    ctx.strokeStyle = "#edf0f3"; ctx.lineWidth = 1;
    ctx.beginPath();
    for (var r = r0; r <= r1; r++) { ctx.moveTo(X(c0), Y(r) + 0.5); ctx.lineTo(X(c1), Y(r) + 0.5); }
    for (var c = c0; c <= c1; c++) { ctx.moveTo(X(c) + 0.5, Y(r0)); ctx.lineTo(X(c) + 0.5, Y(r1)); }
    ctx.stroke();
    ctx.font = "10px Helvetica, Arial, sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
    for (r = r0; r < r1; r++) for (c = c0; c < c1; c++) {
      var e = dsm.cells[r + "," + c];
      if (!e) continue;
      ctx.fillStyle = cellColor(e);
      ctx.globalAlpha = c > r ? 1 : 0.85;
      ctx.fillRect(X(c) + 1, Y(r) + 1, CELL - 2, CELL - 2);
      ctx.globalAlpha = 1;
      ctx.fillStyle = "#fff";
      var cnt = (dsm.level === "module" ? e.imports : e.calls) || e.imports || e.calls || e.publishes;
      ctx.fillText(cnt > 99 ? "99+" : String(cnt), X(c) + CELL / 2, Y(r) + CELL / 2 + 0.5);
    }
    // Cycles: their modules boxed on the diagonal.
    ctx.strokeStyle = colors.violation; ctx.lineWidth = 2;
    dsm.blocks.forEach(function (b) { ctx.strokeRect(X(b[0]) + 1, Y(b[0]) + 1, b[1] * CELL - 2, b[1] * CELL - 2); });
    if (dsm.sel) { ctx.strokeStyle = "#1a202c"; ctx.lineWidth = 2; ctx.strokeRect(X(dsm.sel[1]), Y(dsm.sel[0]), CELL, CELL); }
    ctx.restore();
    // Headers: row names on the left, column numbers on top (sticky).
    ctx.fillStyle = "#f7f8fa"; ctx.fillRect(0, th, lw, H); ctx.fillRect(lw, 0, W, th);
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, lw, th);
    ctx.font = "12px Helvetica, Arial, sans-serif"; ctx.textAlign = "left"; ctx.textBaseline = "middle";
    ctx.save(); ctx.beginPath(); ctx.rect(0, th, lw, H - th); ctx.clip();
    for (r = r0; r < r1; r++) {
      var hot = dsm.hover && (dsm.hover[0] === r || dsm.hover[1] === r);
      ctx.fillStyle = hot ? "#2b6cb0" : "#1a202c";
      var txt = (r + 1) + "  " + dsm.label[dsm.order[r]];
      while (ctx.measureText(txt).width > lw - 10 && txt.length > 4) txt = txt.slice(0, -2) + "…";
      ctx.fillText(txt, 6, Y(r) + CELL / 2);
    }
    ctx.restore();
    ctx.save(); ctx.beginPath(); ctx.rect(lw, 0, W - lw, th); ctx.clip();
    ctx.textAlign = "center"; ctx.font = "10px Helvetica, Arial, sans-serif";
    for (c = c0; c < c1; c++) {
      ctx.fillStyle = dsm.hover && dsm.hover[1] === c ? "#2b6cb0" : "#52606d";
      ctx.fillText(String(c + 1), X(c) + CELL / 2, th - 10);
    }
    ctx.restore();
    ctx.fillStyle = "#52606d"; ctx.font = "11px Helvetica, Arial, sans-serif"; ctx.textAlign = "left";
    ctx.fillText("row uses column", 6, th / 2);
  }
  function dsmHit(ev) {
    var rect = dsmCanvas.getBoundingClientRect();
    var x = ev.clientX - rect.left + dsmScroll.scrollLeft - dsm.lw, y = ev.clientY - rect.top + dsmScroll.scrollTop - dsm.th;
    var px = ev.clientX - rect.left, py = ev.clientY - rect.top;
    var c = Math.floor(x / CELL), r = Math.floor(y / CELL), n = dsm.order.length;
    if (px < dsm.lw && py > dsm.th && r >= 0 && r < n) return { row: r };
    if (px >= dsm.lw && py >= dsm.th && r >= 0 && r < n && c >= 0 && c < n) return { row: r, col: c };
    return null;
  }
  var dsmRaf = 0;
  function dsmSchedule() { if (!dsmRaf) dsmRaf = requestAnimationFrame(function () { dsmRaf = 0; dsmDraw(); }); }
  dsmScroll.addEventListener("scroll", dsmSchedule);
  window.addEventListener("resize", dsmSchedule);
  dsmScroll.addEventListener("mousemove", function (ev) {
    if (!dsm) return;
    var h = dsmHit(ev), old = dsm.hover;
    dsm.hover = h ? [h.row, h.col === undefined ? h.row : h.col] : null;
    if (String(old) !== String(dsm.hover)) {
      dsmSchedule();
      if (h && h.col !== undefined) {
        var a = dsm.order[h.row], b = dsm.order[h.col], e = dsm.cells[h.row + "," + h.col];
        dsmInfo.textContent = dsm.label[a] + " → " + dsm.label[b] + (e ? ": " + (edgeLabel(e, "module").replace("\n", "; ") || "depends") : ": no dependency");
      } else if (h) dsmInfo.textContent = dsm.label[dsm.order[h.row]];
    }
  });
  dsmScroll.addEventListener("mouseleave", function () { if (dsm) { dsm.hover = null; dsmSchedule(); } });
  dsmScroll.addEventListener("click", function (ev) {
    var h = dsm && dsmHit(ev);
    if (!h) return;
    if (h.col === undefined) {
      var id = dsm.order[h.row];
      if (dsm.level === "module") showModule(id); else showPackage(id);
      return;
    }
    selectCell(dsm.order[h.row], dsm.order[h.col]);
  });
  dsmScroll.addEventListener("dblclick", function (ev) {
    var h = dsm && dsmHit(ev);
    if (h && h.col === undefined && dsm.level === "module" && pk) dsmModule(dsm.order[h.row]);
  });
  function selectCell(a, b) {
    var r = dsm.order.indexOf(a), c = dsm.order.indexOf(b);
    if (r < 0 || c < 0) return false;
    dsm.sel = [r, c];
    document.body.setAttribute("data-cell", a + ">" + b);
    showPair(a, b, dsm.cells[r + "," + c], dsm.level);
    setHash("cell=" + encodeURIComponent(a) + ">" + encodeURIComponent(b) + (dsm.module ? "&module=" + encodeURIComponent(dsm.module) : ""));
    dsmDraw();
    return true;
  }
  function scrollToCell(a, b) {
    var r = dsm.order.indexOf(a), c = dsm.order.indexOf(b);
    dsmScroll.scrollLeft = Math.max(0, c * CELL - dsmScroll.clientWidth / 2);
    dsmScroll.scrollTop = Math.max(0, r * CELL - dsmScroll.clientHeight / 2);
  }
  function dsmMain() { dsmBuild(main.level, main.nodes, main.edges, main.level === "module" ? "modules" : "packages", ""); }
  function dsmModule(m) {
    var nodes = pk.nodes.filter(function (n) { return n.module === m; }), inside = {};
    nodes.forEach(function (n) { inside[n.id] = true; });
    dsmBuild("package", nodes, pk.edges.filter(function (e) { return inside[e.from] && inside[e.to]; }), "packages of " + m, m);
  }
  dsmBack.addEventListener("click", function () { dsmMain(); setHash("view=matrix"); });

  // ---- main-sequence chart ----
  var chartDone = false;
  function chartDraw() {
    if (chartDone) return;
    chartDone = true;
    var box = document.getElementById("ms");
    clear(box);
    var mods = main.level === "module" ? main.nodes.filter(function (n) { return metrics[n.id]; }) : [];
    if (!mods.length) { box.appendChild(el("p", { "class": "hint", text: "The main-sequence chart needs module metrics (a module-level report with candidates)." })); return; }
    var S = 560, P = 48, maxL = 1;
    mods.forEach(function (n) { maxL = Math.max(maxL, n.lines); });
    var root = svg("svg", { width: S + 2 * P, height: S + 2 * P, viewBox: "0 0 " + (S + 2 * P) + " " + (S + 2 * P), "font-family": "Helvetica, Arial, sans-serif", "font-size": "12" });
    function X(i) { return P + i * S; } function Y(a) { return P + (1 - a) * S; }
    root.appendChild(svg("rect", { x: P, y: P, width: S, height: S, fill: "#fff", stroke: "#c3cad1" }));
    root.appendChild(svg("polygon", { points: [X(0), Y(0), X(0.5), Y(0), X(0), Y(0.5)].join(" "), fill: "#fed7d7", opacity: 0.6 }));
    root.appendChild(svg("polygon", { points: [X(1), Y(1), X(0.5), Y(1), X(1), Y(0.5)].join(" "), fill: "#fefcbf", opacity: 0.8 }));
    var t1 = svg("text", { x: X(0), y: P - 10, fill: "#9b2c2c" }); t1.textContent = "■ zone of pain (bottom left: concrete and depended upon)"; root.appendChild(t1);
    var t2 = svg("text", { x: X(1), y: P - 10, fill: "#975a16", "text-anchor": "end" }); t2.textContent = "■ zone of uselessness (top right)"; root.appendChild(t2);
    root.appendChild(svg("line", { x1: X(0), y1: Y(1), x2: X(1), y2: Y(0), stroke: "#52606d", "stroke-dasharray": "6 4" }));
    var ax = svg("text", { x: X(0.5), y: P + S + 34, "text-anchor": "middle", fill: "#1a202c" }); ax.textContent = "instability I = Ce / (Ca + Ce)"; root.appendChild(ax);
    var ay = svg("text", { x: 14, y: Y(0.5), "text-anchor": "middle", fill: "#1a202c", transform: "rotate(-90 14 " + Y(0.5) + ")" }); ay.textContent = "abstractness A"; root.appendChild(ay);
    [0.5, 1].forEach(function (v) {
      var a = svg("text", { x: X(v), y: P + S + 16, "text-anchor": "middle", fill: "#52606d" }); a.textContent = String(v); root.appendChild(a);
      var b = svg("text", { x: P - 8, y: Y(v) + 4, "text-anchor": "end", fill: "#52606d" }); b.textContent = String(v); root.appendChild(b);
    });
    var placed = [];
    mods.slice().sort(function (a, b) { return b.lines - a.lines; }).forEach(function (n) {
      var m = metrics[n.id], f = findingsByModule[n.id];
      var r = 4 + 18 * Math.sqrt(n.lines / maxL);
      var col = f && f.error ? colors.violation : f && f.warn ? colors.blocking : colors.call;
      var cx = X(m.instability), cyy = Y(m.abstractness);
      var dot = svg("circle", { cx: cx, cy: cyy, r: r, fill: col, "fill-opacity": 0.35, stroke: col, "class": "dot" });
      var t = svg("title", {}); t.textContent = n.id + ": I " + m.instability.toFixed(2) + ", A " + m.abstractness.toFixed(2) + ", D " + m.distance.toFixed(2) + ", " + plural(n.lines, "line");
      dot.appendChild(t);
      dot.addEventListener("click", function () { showModule(n.id); setHash("node=" + encodeURIComponent(n.id) + "&view=chart"); });
      root.appendChild(dot);
      // Label the dot when its label overlaps no earlier one.
      var w = tw(n.label), lx = cx + r + 3, ly = cyy + 4, bb = [lx, ly - 11, lx + w, ly + 2];
      if (lx + w > P + S) { lx = cx - r - 3 - w; bb = [lx, ly - 11, lx + w, ly + 2]; }
      if (placed.some(function (p) { return bb[0] < p[2] && p[0] < bb[2] && bb[1] < p[3] && p[1] < bb[3]; })) return;
      placed.push(bb);
      var lab = svg("text", { x: lx, y: ly, fill: "#1a202c" }); lab.textContent = n.label; root.appendChild(lab);
    });
    box.appendChild(root);
    box.appendChild(el("p", { "class": "hint", text: "Each module at its instability and abstractness (the numbers suggest prints); dot size: lines; colour: red with error findings, orange with warnings. The dashed line is the main sequence A + I = 1." }));
  }

  // ---- findings table, grouped ----
  var tbody = document.querySelector("#findings tbody");
  var groups = [], gIndex = {};
  data.findings.forEach(function (f) {
    var key = f.group || [f.rule, f.from_module || "", f.to_module || "", (f.modules || []).join(","), f.rule === "sync-call" ? "" : f["package"]].join("|");
    var g = gIndex[key];
    if (!g) { g = gIndex[key] = { key: key, items: [], text: "" }; groups.push(g); }
    g.items.push(f);
  });
  function mods(f) { return f.modules ? f.modules.join(", ") : [f.from_module, f.to_module].filter(Boolean).join(" → "); }
  function findingRow(f) {
    var tr = el("tr", { "class": "item" }, [
      el("td", {}, [el("span", { "class": "tag", text: f.rule })]),
      el("td", {}, [el("span", { "class": "tag " + f.severity, text: f.severity })]),
      el("td", { "class": "loc" }, [path(loc(f))]),
      el("td", { text: mods(f) }),
      el("td", { text: f.message })
    ]);
    tr.addEventListener("click", function () { selectFinding(f, tr); });
    return tr;
  }
  // Groups are drawn a page at a time (a monolith has thousands): the
  // search text is built once, rows only when shown.
  var PAGE = 200, shownGroups = [], more = null;
  groups.forEach(function (g) {
    g.text = g.items.map(function (x) { return x.rule + " " + x.severity + " " + loc(x) + " " + mods(x) + " " + x.message; }).join(" ").toLowerCase();
  });
  function groupRows(g) {
    if (g.head || g.rows) return g.head ? [g.head].concat(g.open ? g.rows : []) : g.rows;
    var f = g.items[0];
    if (g.items.length === 1) { g.rows = [findingRow(f)]; return g.rows; }
    var head = el("tr", { "class": "group" }, [
      el("td", {}, [el("span", { "class": "tag", text: f.rule })]),
      el("td", {}, [el("span", { "class": "tag " + f.severity, text: f.severity })]),
      el("td", { "class": "loc", text: plural(g.items.length, "site") }),
      el("td", { text: mods(f) }),
      el("td", {}, [el("span", { "class": "caret", text: "▸ " }), f.message])
    ]);
    g.head = head;
    head.addEventListener("click", function () {
      if (!g.rows) g.rows = g.items.map(findingRow);
      g.open = !g.open;
      head.classList.toggle("open", g.open);
      var next = head.nextSibling;
      g.rows.forEach(function (r) { if (g.open) tbody.insertBefore(r, next); else if (r.parentNode) tbody.removeChild(r); });
    });
    return [head];
  }
  function listGroups(q, limit) {
    clear(tbody);
    var hits = groups.filter(function (g) { return q === "" || g.text.indexOf(q) >= 0; });
    shownGroups = hits.slice(0, limit);
    shownGroups.forEach(function (g) { groupRows(g).forEach(function (r) { tbody.appendChild(r); }); });
    if (hits.length > limit) {
      more = el("tr", { "class": "more" }, [el("td", { colspan: "5" }, [el("button", { text: "show " + Math.min(PAGE, hits.length - limit) + " more of " + (hits.length - limit) + " groups", onclick: function () { listGroups(q, limit + PAGE); } })])]);
      tbody.appendChild(more);
    }
    if (data.findings.length === 0) tbody.appendChild(el("tr", {}, [el("td", { colspan: "5", "class": "hint", text: "No findings." })]));
  }
  listGroups("", PAGE);
  document.getElementById("findings-count").textContent = plural(data.findings.length, "finding") + " in " + plural(groups.length, "group");
  var filterTimer = 0;
  document.getElementById("filter").addEventListener("input", function (e) {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(function () { listGroups(e.target.value.toLowerCase(), PAGE); }, 120);
  });
  function selectFinding(f, tr) {
    Array.prototype.forEach.call(tbody.rows, function (r) { r.classList.remove("sel"); });
    tr.classList.add("sel");
    if (main.level === "module" && f.from_module && main.byId[f.from_module]) {
      if (f.to_module && main.byId[f.to_module]) {
        tab("matrix"); if (!dsm || dsm.module) dsmMain();
        selectCell(f.from_module, f.to_module); scrollToCell(f.from_module, f.to_module);
      } else showModule(f.from_module);
    } else if (pk && pk.byId[f["package"]]) showPackage(f["package"]);
    window.scrollTo({ top: 0, behavior: "smooth" });
  }

  // ---- candidates ----
  var cands = document.getElementById("candidates");
  if (!data.candidates_available) {
    cands.appendChild(el("p", { "class": "hint", text: "Extraction candidates were not computed for this report." }));
  } else if (data.candidates.length === 0) {
    cands.appendChild(el("p", { "class": "hint", text: "No module stands out as an extraction candidate." }));
  } else {
    var ct = el("table", {}, [el("thead", {}, [el("tr", {}, ["rank", "module", "score", "reasons"].map(function (h) { return el("th", { text: h }); }))])]);
    var cb = el("tbody");
    data.candidates.slice(0, 50).forEach(function (c) {
      cb.appendChild(el("tr", {}, [el("td", { text: c.rank }), el("td", { text: c.module }), el("td", { text: c.score }),
        el("td", {}, [el("ul", {}, c.reasons.map(function (r) { return el("li", { text: r }); }))])]));
    });
    ct.appendChild(cb);
    cands.appendChild(ct);
  }

  // ---- data edges (module → table), a collapsible section ----
  if (data.data && data.data.length) {
    var db = document.querySelector("#data-edges tbody");
    data.data.forEach(function (d) {
      db.appendChild(el("tr", d.violation ? { "class": "violation" } : {}, [el("td", { text: d.module }), el("td", { text: d.table }),
        el("td", { text: d.writes || "" }), el("td", { text: d.reads || "" }), el("td", { text: d.violation ? "data-ownership" : "" })]));
    });
    document.getElementById("data-count").textContent = "(" + data.data.length + ")";
    document.getElementById("data-section").hidden = false;
  }

  // ---- start, and deep links (#node=, #cell=, #view=) ----
  window.archcheck = { labelCheck: labelCheck, focus: focusOn, drill: drill, tab: tab, cy: cy };
  var h = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (kv) { var i = kv.indexOf("="); if (i > 0) h[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1)); });
  dsmMain();
  var startNode = h.node && (main.byId[h.node] ? h.node : "");
  if (h.drill && pk && main.byId[h.drill]) { setState("drill", h.drill); showModule(h.drill); }
  else if (data.focus && main.byId[data.focus] && !h.cell) setState("focus", data.focus);
  else if (startNode && h.focus) setState("focus", startNode);
  else setState("main");
  if (h.cell) {
    var ab = h.cell.split(">");
    tab("matrix");
    if (h.module && pk) dsmModule(h.module);
    if (ab.length === 2 && selectCell(ab[0], ab[1])) scrollToCell(ab[0], ab[1]);
  } else if (h.view === "matrix" || h.view === "chart") tab(h.view);
  if (startNode) {
    cy.getElementById(startNode).select();
    if (main.level === "module") showModule(startNode); else showPackage(startNode);
  } else if (data.focus && main.byId[data.focus]) showModule(data.focus);
})();
