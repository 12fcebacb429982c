/* newsgraph actor network: search, type filters, legend, tooltips and neighbourhood focus.
   Vanilla JS over the vis DataSet API. Every piece of article text is put into the DOM with
   textContent (never innerHTML); vis draws labels on a canvas. */
(function () {
  "use strict";
  var META = window.NG_META;
  var CLAIM_COLORS = {};
  META.legend.edges.forEach(function (e) { if (e.key.indexOf("claim:") === 0) CLAIM_COLORS[e.label] = e.color; });
  var KIND_LABEL = {};
  META.legend.nodes.forEach(function (n) { KIND_LABEL[n.kind] = n.label; });

  // Nodes come styled by group; edges come compact ({id, from, to, k, w, ct, rel, cl, d}) and get
  // their colour, width, dashes and arrows here.
  var byId = {};
  window.NG_NODES.forEach(function (n) { n.kind = n.group; byId[n.id] = n; });
  function log2(x) { return Math.log(Math.max(1, x)) / Math.LN2; }
  var edgeItems = window.NG_EDGES.map(function (e) {
    var it = { id: e.id, from: e.from, to: e.to, kind: e.k, w: e.w };
    if (e.k === "claim") {
      it.ct = e.ct; it.rel = e.rel; it.cl = e.cl;
      it.color = { color: META.claim_style[e.ct] || "#7f7f7f", opacity: Math.min(1, META.edge_opacity + 0.15) };
      it.arrows = "to";
      it.width = Math.round((1.5 + 1.2 * log2(e.w)) * 100) / 100;
      if (e.rel === "about" && META.dashes) it.dashes = [6, 4];
      if (META.curved) it.smooth = { enabled: true, type: "curvedCW", roundness: 0.18 };
    } else {
      var st = META.edge_style[e.k];
      it.color = { color: st.color, opacity: META.edge_opacity };
      it.width = (e.k === "met" || e.k === "met_at") ? Math.round((1 + 1.5 * log2(e.w)) * 100) / 100 : 1;
      if (st.dashes && META.dashes) it.dashes = [4, 4];  // dashed lines cost 5x to draw: small graphs only
      if (e.d) it.d = e.d;
    }
    return it;
  });
  var nodes = new vis.DataSet(window.NG_NODES);
  var edges = new vis.DataSet(edgeItems);

  var shownKinds = {};
  META.legend.nodes.forEach(function (n) { shownKinds[n.kind] = true; });
  var shownEdges = {};
  META.legend.edges.forEach(function (e) { shownEdges[e.key] = !(META.claims_hidden && e.key.indexOf("claim:") === 0); });
  var extraEdges = {}; // claim edges of the focused node, shown even while claims are hidden
  var edgesOf = {};
  function edgesAt(id) {
    if (!edgesOf.built) {
      edgeItems.forEach(function (e) { (edgesOf[e.from] = edgesOf[e.from] || []).push(e); (edgesOf[e.to] = edgesOf[e.to] || []).push(e); });
      edgesOf.built = true;
    }
    return edgesOf[id] || [];
  }
  var MEETING_VIEW = {}, ACTOR_VIEW = {};
  META.meeting_view_edges.forEach(function (k) { MEETING_VIEW[k] = true; });
  META.actor_view_edges.forEach(function (k) { ACTOR_VIEW[k] = true; });

  function meetingView() { return !!shownKinds.meeting; }
  function edgeKey(e) { return e.kind === "claim" ? "claim:" + e.ct : e.kind; }
  function edgeShown(e) {
    if (MEETING_VIEW[e.kind] && !meetingView()) return false;
    if (ACTOR_VIEW[e.kind] && meetingView()) return false;
    return (!!shownEdges[edgeKey(e)] || !!extraEdges[e.id]) && !!shownKinds[byId[e.from].kind] && !!shownKinds[byId[e.to].kind];
  }
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !!shownKinds[n.kind]; } });
  var edgeView = new vis.DataView(edges, { filter: edgeShown });

  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, window.NG_OPTIONS);

  // Time to first render, for the benchmark and the browser tests.
  network.once("afterDrawing", function () {
    window.__ngFirstRender = performance.now();
    document.body.setAttribute("data-rendered", "1");
  });
  if (META.physics) {
    network.once("stabilized", function () { window.__ngStabilized = performance.now(); });
  }

  // ------------------------------------------------------------------ DOM helpers
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  var SVGNS = "http" + "://www.w3.org/2000/svg"; // a namespace name, not a request
  function swatch(shape, color, border) {
    var s = document.createElementNS(SVGNS, "svg");
    s.setAttribute("width", "16"); s.setAttribute("height", "16"); s.setAttribute("viewBox", "0 0 16 16");
    var p;
    if (shape === "dot") { p = document.createElementNS(SVGNS, "circle"); p.setAttribute("cx", "8"); p.setAttribute("cy", "8"); p.setAttribute("r", "6"); }
    else {
      p = document.createElementNS(SVGNS, "polygon");
      var pts = { square: "2,2 14,2 14,14 2,14", diamond: "8,1 15,8 8,15 1,8", triangle: "8,1 15,14 1,14",
                  hexagon: "4,2 12,2 15,8 12,14 4,14 1,8" }[shape] || "2,2 14,2 14,14 2,14";
      p.setAttribute("points", pts);
    }
    p.setAttribute("fill", color); p.setAttribute("stroke", border); p.setAttribute("stroke-width", "1.5");
    s.appendChild(p);
    return s;
  }
  function lineSwatch(color, dashed, arrow) {
    var s = document.createElementNS(SVGNS, "svg");
    s.setAttribute("width", "26"); s.setAttribute("height", "12"); s.setAttribute("viewBox", "0 0 26 12");
    var l = document.createElementNS(SVGNS, "line");
    l.setAttribute("x1", "1"); l.setAttribute("y1", "6"); l.setAttribute("x2", arrow ? "19" : "25"); l.setAttribute("y2", "6");
    l.setAttribute("stroke", color); l.setAttribute("stroke-width", "2.5");
    if (dashed) l.setAttribute("stroke-dasharray", "4 3");
    s.appendChild(l);
    if (arrow) {
      var a = document.createElementNS(SVGNS, "polygon");
      a.setAttribute("points", "18,1 25,6 18,11"); a.setAttribute("fill", color);
      s.appendChild(a);
    }
    return s;
  }

  // ------------------------------------------------------------------ tooltips and details
  function tipElement(tip, wide, kind) {
    var box = el("div", "ng-tip-body");
    box.appendChild(el("div", "ng-tip-title", tip.title));
    if (kind) box.appendChild(el("div", "ng-tip-kind", kind));
    if (tip.rows && tip.rows.length) {
      var t = el("table", "ng-tip-rows");
      tip.rows.forEach(function (r) {
        var tr = el("tr");
        tr.appendChild(el("th", null, r[0]));
        tr.appendChild(el("td", null, r[1]));
        t.appendChild(tr);
      });
      box.appendChild(t);
    }
    (tip.claims || []).forEach(function (ci) {
      var c = typeof ci === "number" ? META.claims[ci] : ci;
      var d = el("div", "ng-claim");
      var ty = el("span", "ng-claim-type", c.type);
      ty.style.background = CLAIM_COLORS[c.type] || "#7f7f7f";
      d.appendChild(ty);
      if (c.speaker && c.speaker !== tip.title) d.appendChild(el("span", null, c.speaker + " "));
      if (c.date) d.appendChild(el("span", "ng-claim-date", c.date));
      d.appendChild(el("div", "ng-claim-text", "\u201c" + c.text + "\u201d" + (c.on ? "  \u2192 " + c.on : "")));
      if (c.evidence && (wide || c.evidence !== c.text)) d.appendChild(el("div", "ng-evidence", c.evidence));
      if (c.headline) d.appendChild(el("div", "ng-source", "\u2014 " + c.headline));
      box.appendChild(d);
    });
    (tip.evidence || []).forEach(function (x) {
      var d = el("div", "ng-claim");
      d.appendChild(el("div", "ng-evidence", x.evidence));
      if (x.headline) d.appendChild(el("div", "ng-source", "\u2014 " + x.headline));
      box.appendChild(d);
    });
    return box;
  }

  var tipBox = document.getElementById("ng-tip");
  function showTip(tip, pointer, kind) {
    if (!tip) return;
    tipBox.replaceChildren(tipElement(tip, false, kind));
    tipBox.hidden = false;
    var r = container.getBoundingClientRect();
    var x = r.left + pointer.x + 16, y = r.top + pointer.y + 16;
    var w = tipBox.offsetWidth, h = tipBox.offsetHeight;
    if (x + w > window.innerWidth - 8) x = Math.max(8, r.left + pointer.x - w - 16);
    if (y + h > window.innerHeight - 8) y = Math.max(8, window.innerHeight - h - 8);
    tipBox.style.left = x + "px";
    tipBox.style.top = y + "px";
  }
  function hideTip() { tipBox.hidden = true; }
  network.on("hoverNode", function (p) { var n = byId[p.node]; if (n) showTip(n.tip, p.pointer.DOM, KIND_LABEL[n.kind]); });
  network.on("blurNode", hideTip);
  function edgeTip(e) {
    var a = byId[e.from].label, b = byId[e.to].label;
    if (e.kind === "attended") return { title: a + " attended " + b };
    if (e.kind === "held_in") return { title: a + " held in " + b };
    if (e.kind === "met") return { title: a + " met " + b, rows: [["shared meetings", String(e.w)]].concat(e.d ? [["latest", e.d]] : []) };
    if (e.kind === "met_at") return { title: a + " at meetings in " + b, rows: [["meetings", String(e.w)]] };
    var verb = e.rel === "about" ? " about " : " \u2192 ";
    return { title: a + ": " + e.ct + verb + b, rows: [["claims", String(e.w)]], claims: e.cl };
  }
  network.on("hoverEdge", function (p) { var e = edges.get(p.edge); if (e) showTip(edgeTip(e), p.pointer.DOM); });
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  var details = document.getElementById("ng-details");
  // the page is served by `newsgraph serve` (not a file from `newsgraph viz`): link to entity pages, exports
  var SERVED = /^https?:$/.test(window.location.protocol);
  var exports = document.getElementById("ng-exports");
  if (exports) { // the drawing as it is on screen, as a PNG (served or not)
    var png = el("a", null, "PNG");
    png.id = "ng-export-png";
    png.setAttribute("href", "#");
    png.setAttribute("download", "network.png");
    png.addEventListener("click", function () {
      var canvas = document.querySelector("#mynetwork canvas");
      if (canvas) png.setAttribute("href", canvas.toDataURL("image/png"));
    });
    exports.appendChild(png);
    exports.appendChild(document.createTextNode(" "));
    exports.hidden = false;
  }
  if (SERVED) {
    if (exports) {
      ["gexf", "graphml"].forEach(function (fmt) {
        var a = el("a", null, fmt === "gexf" ? "GEXF" : "GraphML");
        a.setAttribute("href", "/network." + fmt + window.location.search);
        a.setAttribute("download", "network." + fmt);
        a.id = "ng-export-" + fmt;
        exports.appendChild(a);
        exports.appendChild(document.createTextNode(" "));
      });
      exports.hidden = false;
    }
    // a date range: the server builds and lays out the filtered network (cached per filters)
    var range = document.getElementById("ng-range");
    if (range) {
      var params = new URLSearchParams(window.location.search);
      var inputs = {};
      ["since", "until"].forEach(function (k) {
        var i = el("input");
        i.type = "text"; i.id = "ng-" + k; i.size = 10; i.placeholder = k + " YYYY-MM-DD";
        i.value = params.get(k) || "";
        i.setAttribute("aria-label", k);
        i.addEventListener("keydown", function (e) { if (e.key === "Enter") apply(); });
        inputs[k] = i;
        range.appendChild(i);
      });
      var go = el("button", null, "Apply");
      go.type = "button"; go.id = "ng-range-apply";
      go.addEventListener("click", apply);
      range.appendChild(go);
      range.hidden = false;
      function apply() {
        ["since", "until"].forEach(function (k) {
          var v = inputs[k].value.trim();
          if (v) params.set(k, v); else params.delete(k);
        });
        window.location.search = params.toString();
      }
    }
  }
  function showDetails(id) {
    var n = byId[id];
    details.replaceChildren();
    details.appendChild(tipElement(n.tip, true, KIND_LABEL[n.kind]));
    if (SERVED && /^https?:\/\//.test(n.iri || "")) { // served by newsgraph serve: the node's page, its sources
      var open = el("a", "ng-open", "Open its page (meetings, claims, sources) →");
      open.setAttribute("href", "/resource?iri=" + encodeURIComponent(n.iri));
      open.id = "ng-open";
      details.appendChild(open);
    }
    var neigh = neighbours(id).filter(function (x) { return x !== id; });
    neigh.sort(function (a, b) { return (byId[b].w - byId[a].w) || byId[a].label.localeCompare(byId[b].label); });
    if (neigh.length) {
      details.appendChild(el("h3", null, "Connected (" + neigh.length + ")"));
      var ul = el("ul", "ng-neighbours");
      neigh.slice(0, 60).forEach(function (m) {
        var li = el("li", null, byId[m].label + " ");
        li.appendChild(el("span", "ng-kind", KIND_LABEL[byId[m].kind] || byId[m].kind));
        li.addEventListener("click", function () { select(m, true); });
        ul.appendChild(li);
      });
      details.appendChild(ul);
    }
    details.hidden = false;
  }

  // ------------------------------------------------------------------ neighbourhood focus
  // The focus is drawn as an overlay after vis has drawn the graph: a white veil over
  // everything, then the neighbourhood's edges and nodes drawn again on top with vis' own
  // drawing. Updating thousands of DataSet items instead takes seconds at 10,000 nodes.
  var focused = null;
  var overlay = null; // {nodes: [...], edges: [...]}
  var canOverlay = !!(network.body && network.body.nodes && network.body.edges);

  function neighbours(id) {
    // One step, and through a meeting to its attendees and place (meetings are half a step).
    var out = {}; out[id] = true;
    network.getConnectedNodes(id).forEach(function (m) {
      out[m] = true;
      if (byId[m].kind === "meeting" && byId[id].kind !== "meeting") {
        network.getConnectedNodes(m).forEach(function (k) { out[k] = true; });
      }
    });
    return Object.keys(out).map(Number);
  }

  function focusOn(id) {
    focused = id;
    var extra = {}, changed = false;
    edgesAt(id).forEach(function (e) { if (e.kind === "claim" && !shownEdges[edgeKey(e)]) extra[e.id] = true; });
    Object.keys(extra).concat(Object.keys(extraEdges)).forEach(function (k) { if (!extra[k] !== !extraEdges[k]) changed = true; });
    if (changed) { extraEdges = extra; edgeView.refresh(); updateInfo(); }
    var keep = {};
    var keepNodes = neighbours(id);
    keepNodes.forEach(function (k) { keep[k] = true; });
    var keepEdges = {};
    keepNodes.forEach(function (k) {
      network.getConnectedEdges(k).forEach(function (e) {
        var ed = edges.get(e);
        if (keep[ed.from] && keep[ed.to] && (ed.from === id || ed.to === id ||
            byId[ed.from].kind === "meeting" || byId[ed.to].kind === "meeting")) keepEdges[e] = true;
      });
    });
    var keptEdges = Object.keys(keepEdges).map(Number);
    // the focused node last, so it is drawn on top
    keepNodes = keepNodes.filter(function (k) { return k !== id; }).concat([id]);
    overlay = { nodes: keepNodes, edges: keptEdges };
    if (canOverlay) network.redraw();
    else dimByUpdate(keep, keepEdges);
  }

  // Zoomed out, vis' own labels are too small to draw: name the biggest visible nodes (or the
  // focused neighbourhood) at a fixed screen size instead.
  var HUB_LABELS = 40;
  var ranked = window.NG_NODES.filter(function (n) { return n.kind !== "meeting"; })
    .sort(function (a, b) { return b.w - a.w; }).map(function (n) { return n.id; });
  function drawScreenLabels(ctx, ids, limit) {
    var scale = network.getScale();
    if (scale >= 0.55) return;
    var body = network.body, px = 13 / scale, drawn = 0;
    ctx.save();
    ctx.font = "600 " + px + "px system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineWidth = 4 / scale;
    ctx.strokeStyle = "rgba(255, 255, 255, 0.95)";
    ctx.fillStyle = "#1f2328";
    var boxes = [];
    for (var i = 0; i < ids.length && drawn < limit; i++) {
      var n = body.nodes[ids[i]];
      if (!n) continue;
      var text = byId[ids[i]].label;
      var y = n.y + (n.shape && n.shape.height ? n.shape.height / 2 : 10) + 3 / scale;
      var half = ctx.measureText(text).width / 2 + 4 / scale;
      var box = [n.x - half, y, n.x + half, y + px * 1.2];
      if (boxes.some(function (b) { return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]; })) continue;
      boxes.push(box);
      ctx.strokeText(text, n.x, y);
      ctx.fillText(text, n.x, y);
      drawn++;
    }
    ctx.restore();
  }

  network.on("afterDrawing", function (ctx) {
    if (!canOverlay) return;
    if (!overlay) { drawScreenLabels(ctx, ranked, HUB_LABELS); return; }
    var body = network.body, frame = container.getBoundingClientRect();
    var tl = network.DOMtoCanvas({ x: 0, y: 0 }), br = network.DOMtoCanvas({ x: frame.width, y: frame.height });
    ctx.save();
    ctx.fillStyle = "rgba(255, 255, 255, 0.84)";
    ctx.fillRect(tl.x, tl.y, br.x - tl.x, br.y - tl.y);
    ctx.restore();
    overlay.edges.forEach(function (k) { var e = body.edges[k]; if (e && e.connected) e.draw(ctx); });
    overlay.edges.forEach(function (k) { var e = body.edges[k]; if (e && e.connected) e.drawArrows(ctx); });
    var labels = [];
    overlay.nodes.forEach(function (k) {
      var n = body.nodes[k];
      if (!n) return;
      var r = n.draw(ctx);
      if (r && r.drawExternalLabel) labels.push(r.drawExternalLabel);
    });
    labels.forEach(function (f) { f(); });
    var mine = overlay.nodes.slice().reverse().filter(function (k) { return byId[k].kind !== "meeting"; });
    drawScreenLabels(ctx, mine, 60);
  });

  // Fallback when vis' internals are not what we expect: dim by updating the DataSets.
  var dimmedNodes = {}, dimmedEdges = {};
  var DIM_NODE = { background: "#e9ebee", border: "#d5d9de" };
  var edgeOrig = {};
  edgeItems.forEach(function (e) { edgeOrig[e.id] = e.color; });
  function dimByUpdate(keep, keepEdges) {
    var nu = [], eu = [];
    nodeView.getIds().forEach(function (k) {
      if (!keep[k] && !dimmedNodes[k]) { dimmedNodes[k] = true; nu.push({ id: k, color: DIM_NODE, font: { color: "#c3c8ce" } }); }
      else if (keep[k] && dimmedNodes[k]) { delete dimmedNodes[k]; nu.push(restoreNode(k)); }
    });
    edgeView.getIds().forEach(function (k) {
      if (!keepEdges[k] && !dimmedEdges[k]) { dimmedEdges[k] = true; eu.push({ id: k, color: { color: "#e3e6ea", opacity: 0.35 } }); }
      else if (keepEdges[k] && dimmedEdges[k]) { delete dimmedEdges[k]; eu.push({ id: k, color: edgeOrig[k] }); }
    });
    if (nu.length) nodes.update(nu);
    if (eu.length) edges.update(eu);
  }
  function restoreNode(k) {
    var o = byId[k];
    return { id: k, color: window.NG_OPTIONS.groups[o.kind].color, font: o.font || { color: window.NG_OPTIONS.nodes.font.color } };
  }

  function clearFocus() {
    focused = null;
    if (Object.keys(extraEdges).length) { extraEdges = {}; edgeView.refresh(); updateInfo(); }
    var had = overlay !== null;
    overlay = null;
    var nu = Object.keys(dimmedNodes).map(function (k) { return restoreNode(Number(k)); });
    var eu = Object.keys(dimmedEdges).map(function (k) { return { id: Number(k), color: edgeOrig[k] }; });
    dimmedNodes = {}; dimmedEdges = {};
    if (nu.length) nodes.update(nu);
    if (eu.length) edges.update(eu);
    network.unselectAll();
    details.hidden = true;
    if (had && canOverlay) network.redraw();
  }

  function select(id, move) {
    var n = byId[id];
    results.hidden = true;
    if (!shownKinds[n.kind]) { setKind(n.kind, true); }
    network.selectNodes([id], false);
    focusOn(id);
    showDetails(id);
    if (move) {
      network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: META.large ? false : { duration: 450, easingFunction: "easeInOutQuad" } });
    }
    window.__ngFocused = id;
  }

  network.on("click", function (p) {
    hideTip();
    if (p.nodes && p.nodes.length) select(p.nodes[0], false);
    else if (!p.edges || !p.edges.length) clearFocus();
  });
  document.getElementById("ng-clear").addEventListener("click", clearFocus);
  document.getElementById("ng-fit").addEventListener("click", function () { network.fit({ animation: !META.large }); });

  // ------------------------------------------------------------------ legend and type filters
  function refresh() {
    var wasFocused = focused;
    if (wasFocused !== null) clearFocus();
    nodeView.refresh();
    edgeView.refresh();
    if (wasFocused !== null && shownKinds[byId[wasFocused].kind]) select(wasFocused, false);
    updateInfo();
  }
  function setKind(kind, on) {
    shownKinds[kind] = on;
    var box = document.querySelector('input[data-kind="' + kind + '"]');
    if (box) { box.checked = on; box.parentNode.classList.toggle("ng-off", !on); }
    refresh();
    syncEdgeLegend();
  }
  function syncEdgeLegend() {
    document.querySelectorAll("#ng-legend-edges label").forEach(function (lab) {
      var v = lab.getAttribute("data-view");
      var active = v === "both" || (v === "meeting") === meetingView();
      lab.style.display = active ? "" : "none";
    });
  }
  var legendNodes = document.getElementById("ng-legend-nodes");
  META.legend.nodes.forEach(function (n) {
    var lab = el("label");
    var box = el("input"); box.type = "checkbox"; box.checked = true; box.setAttribute("data-kind", n.kind);
    box.addEventListener("change", function () { setKind(n.kind, box.checked); });
    lab.appendChild(box);
    lab.appendChild(swatch(n.shape, n.color, n.border));
    lab.appendChild(el("span", null, n.label));
    lab.appendChild(el("span", "ng-count", n.count.toLocaleString("en")));
    legendNodes.appendChild(lab);
  });
  var legendEdges = document.getElementById("ng-legend-edges");
  var claimHeading = false;
  META.legend.edges.forEach(function (e) {
    var isClaim = e.key.indexOf("claim:") === 0;
    if (isClaim && !claimHeading) {
      legendEdges.appendChild(el("h2", null, "Claims (speaker \u2192 target)"));
      if (META.claims_hidden) legendEdges.appendChild(el("p", "ng-hint", "Hidden at this size except around the focused node: tick to show."));
      claimHeading = true;
    }
    var lab = el("label"); lab.setAttribute("data-view", e.view);
    var box = el("input"); box.type = "checkbox"; box.checked = shownEdges[e.key]; box.setAttribute("data-edge", e.key);
    if (!box.checked) lab.classList.add("ng-off");
    box.addEventListener("change", function () {
      shownEdges[e.key] = box.checked; lab.classList.toggle("ng-off", !box.checked); refresh();
    });
    lab.appendChild(box);
    lab.appendChild(lineSwatch(e.color, e.dashes && META.dashes, e.arrow));
    lab.appendChild(el("span", null, e.label));
    lab.appendChild(el("span", "ng-count", e.count.toLocaleString("en")));
    legendEdges.appendChild(lab);
  });
  syncEdgeLegend();

  var info = document.getElementById("ng-info");
  function updateInfo() {
    var n = nodeView.length, m = edgeView.length;
    info.textContent = n.toLocaleString("en") + " nodes \u00b7 " + m.toLocaleString("en") + " links" +
      (n < META.nodes ? " (of " + META.nodes.toLocaleString("en") + ")" : "");
    document.getElementById("ng-empty").hidden = META.nodes > 0;
  }
  document.getElementById("ng-filters").textContent = META.filters ? "\u2014 " + META.filters : "";
  updateInfo();

  // ------------------------------------------------------------------ search
  function fold(s) { return String(s).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var index = null;
  function buildIndex() {
    index = window.NG_NODES.map(function (n) {
      return { id: n.id, names: [fold(n.label)].concat((n.alt || []).map(fold)) };
    });
  }
  var input = document.getElementById("ng-search");
  var results = document.getElementById("ng-results");
  var hits = [], active = 0, timer = null;
  function runSearch() {
    var q = fold(input.value.trim());
    results.replaceChildren();
    hits = [];
    if (q.length < 2) { results.hidden = true; return; }
    if (!index) buildIndex();
    index.forEach(function (it) {
      var best = -1;
      it.names.forEach(function (nm, i) {
        var p = nm.indexOf(q);
        if (p >= 0) { var s = (p === 0 ? 2 : 1) + (i === 0 ? 1 : 0); if (s > best) best = s; }
      });
      if (best >= 0) hits.push([best, it.id]);
    });
    hits.sort(function (a, b) { return (b[0] - a[0]) || (byId[b[1]].w - byId[a[1]].w) || byId[a[1]].label.localeCompare(byId[b[1]].label); });
    var total = hits.length;
    hits = hits.slice(0, 12).map(function (h) { return h[1]; });
    active = 0;
    if (!hits.length) {
      results.appendChild(el("li", "ng-none", "No match"));
    }
    hits.forEach(function (id, i) {
      var li = el("li", i === 0 ? "active" : null);
      var n = byId[id];
      li.appendChild(swatch(window.NG_OPTIONS.groups[n.kind].shape, window.NG_OPTIONS.groups[n.kind].color.background, window.NG_OPTIONS.groups[n.kind].color.border));
      li.appendChild(el("span", null, n.label));
      li.appendChild(el("span", "ng-kind", KIND_LABEL[n.kind] || n.kind));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(id); });
      results.appendChild(li);
    });
    if (total > hits.length) results.appendChild(el("li", "ng-none", (total - hits.length) + " more \u2014 type more letters"));
    results.hidden = false;
  }
  function pick(id) {
    results.hidden = true;
    input.value = byId[id].label;
    select(id, true);
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(runSearch, 120); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { clearTimeout(timer); runSearch(); if (hits.length) pick(hits[active] !== undefined ? hits[active] : hits[0]); }
    else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!hits.length) return;
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      results.querySelectorAll("li").forEach(function (li, i) { li.classList.toggle("active", i === active); });
    } else if (ev.key === "Escape") { results.hidden = true; }
  });
  input.addEventListener("blur", function () { setTimeout(function () { results.hidden = true; }, 150); });

  if (META.centre !== null && META.centre !== undefined) {
    network.once("afterDrawing", function () { network.selectNodes([META.centre], false); showDetails(META.centre); });
  }

  // For tests and the benchmark.
  window.__ng = { focus: function () { return overlay ? { nodes: overlay.nodes.slice(), edges: overlay.edges.slice() } : null; },
                  network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
                  select: select, clearFocus: clearFocus, setKind: setKind, search: function (q) { input.value = q; runSearch(); return hits.slice(); } };
})();
