// A YASR plugin drawing CONSTRUCT/DESCRIBE results (N-Triples) as a small force-laid graph in SVG.
// Text goes in with textContent and attributes with setAttribute: nothing from the results becomes markup.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var LABELS = { "http://www.w3.org/2004/02/skos/core#prefLabel": 1, "http://www.w3.org/2000/01/rdf-schema#label": 1 };
  var LINE = /^(<[^>]*>|_:\S+)\s+<([^>]*)>\s+(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)\s*\.\s*$/;
  var MAX_NODES = 80;

  function term(raw) {
    if (raw[0] === "<") return { kind: "iri", value: raw.slice(1, -1) };
    if (raw[0] === "_") return { kind: "bnode", value: raw };
    var m = /^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+))?/.exec(raw);
    return { kind: "literal", value: JSON.parse('"' + m[1] + '"'), lang: m[2] || "" };
  }
  function parse(text) {
    var triples = [];
    text.split(/\r?\n/).forEach(function (line) {
      var m = LINE.exec(line.trim());
      if (m) triples.push({ s: term(m[1]), p: m[2], o: term(m[3]) });
    });
    return triples;
  }
  function shortName(iri) {
    var cut = Math.max(iri.lastIndexOf("#"), iri.lastIndexOf("/"));
    return iri.slice(cut + 1) || iri;
  }
  function localHref(iri) {
    var ns = "https://w3id.org/nikg/id/";
    return iri.indexOf(ns) === 0 ? "/id/" + iri.slice(ns.length) : null;
  }
  function model(triples) {
    var nodes = {}, edges = [], labels = {};
    function node(t) {
      if (!nodes[t.value] && Object.keys(nodes).length < MAX_NODES) nodes[t.value] = { id: t.value, x: 0, y: 0 };
      return nodes[t.value];
    }
    triples.forEach(function (t) {
      if (LABELS[t.p] && t.o.kind === "literal") { if (!labels[t.s.value] || t.o.lang === "en") labels[t.s.value] = t.o.value; return; }
      if (t.o.kind === "literal") return;
      var a = node(t.s), b = node(t.o);
      if (a && b) edges.push({ a: a, b: b, p: shortName(t.p) });
    });
    triples.forEach(function (t) { if (LABELS[t.p]) node(t.s); });
    return { nodes: Object.keys(nodes).map(function (k) { return nodes[k]; }), edges: edges, labels: labels };
  }
  // Fruchterman-Reingold with a cooling step, from a circle (same input, same picture).
  function layout(g, w, h) {
    var n = g.nodes.length, k = 0.75 * Math.sqrt((w * h) / Math.max(1, n)), temp = w / 8;
    g.nodes.forEach(function (v, i) {
      v.x = w / 2 + (w / 3) * Math.cos(2 * Math.PI * i / n); v.y = h / 2 + (h / 3) * Math.sin(2 * Math.PI * i / n);
    });
    for (var step = 0; step < 300; step++, temp *= 0.985) {
      g.nodes.forEach(function (v) { v.dx = 0; v.dy = 0; });
      for (var i = 0; i < n; i++) for (var j = i + 1; j < n; j++) {
        var a = g.nodes[i], b = g.nodes[j], dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        var f = (k * k) / d; a.dx += dx / d * f; a.dy += dy / d * f; b.dx -= dx / d * f; b.dy -= dy / d * f;
      }
      g.edges.forEach(function (e) {
        var dx = e.a.x - e.b.x, dy = e.a.y - e.b.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01, f = (d * d) / k;
        e.a.dx -= dx / d * f; e.a.dy -= dy / d * f; e.b.dx += dx / d * f; e.b.dy += dy / d * f;
      });
      g.nodes.forEach(function (v) {
        var d = Math.sqrt(v.dx * v.dx + v.dy * v.dy) + 0.01, m = Math.min(d, temp);
        v.x = Math.min(w - 90, Math.max(90, v.x + v.dx / d * m));
        v.y = Math.min(h - 20, Math.max(24, v.y + v.dy / d * m));
      });
    }
  }
  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }
  function draw(g, w, h) {
    var svg = el("svg", { viewBox: "0 0 " + w + " " + h, "class": "rdf-graph", role: "img", "aria-label": "Result graph" });
    g.edges.forEach(function (e) {
      el("line", { x1: e.a.x, y1: e.a.y, x2: e.b.x, y2: e.b.y, stroke: "#9aa6b8" }, svg);
      el("text", { x: (e.a.x + e.b.x) / 2, y: (e.a.y + e.b.y) / 2, "font-size": 10, fill: "#5b6475", "text-anchor": "middle" }, svg).textContent = e.p;
    });
    g.nodes.forEach(function (n) {
      var href = localHref(n.id), holder = href ? el("a", { href: href }, svg) : svg;
      el("circle", { cx: n.x, cy: n.y, r: 7, fill: "#eef3fb", stroke: "#1f5fbf" }, holder);
      var label = g.labels[n.id] || shortName(n.id);
      el("text", { x: n.x, y: n.y - 10, "font-size": 11, "text-anchor": "middle" }, holder).textContent = label.length > 28 ? label.slice(0, 27) + "…" : label;
    });
    return svg;
  }

  function GraphPlugin(yasr) { this.yasr = yasr; this.priority = 5; this.label = "Graph"; }
  GraphPlugin.prototype.triples = function () {
    var results = this.yasr.results;
    if (!results || results.getError && results.getError()) return [];
    var type = (results.getContentType && results.getContentType()) || "";
    if (type.indexOf("n-triples") < 0 && type.indexOf("text/plain") < 0) return [];
    return parse(results.getOriginalResponseAsString());
  };
  GraphPlugin.prototype.canHandleResults = function () { return this.triples().length > 0; };
  GraphPlugin.prototype.getIcon = function () {
    var icon = document.createElement("span"); icon.textContent = "◎"; return icon;
  };
  GraphPlugin.prototype.draw = function () {
    var g = model(this.triples()), w = 1100, h = 640;
    layout(g, w, h);
    this.yasr.resultsEl.appendChild(draw(g, w, h));
  };
  window.NikgGraphPlugin = GraphPlugin;
})();
