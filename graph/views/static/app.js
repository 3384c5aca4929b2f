/* uscn page: network, tooltips, details and filters.
 *
 * Safety: every text from the data is put into the page with textContent;
 * nothing here writes innerHTML. Links are made only for http(s) URLs and for
 * the page's own "#ev-N" anchors. Tooltips are DOM elements, so vis-network
 * never parses a title as HTML.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("uscn-data").textContent);
  var EVENTS = DATA.events;
  var NODES = DATA.nodes;
  var EDGES = DATA.edges;
  var SAFE_URL = /^https?:\/\/[^\s]+$/i;
  var form = document.getElementById("filters");
  var statusEl = document.getElementById("status");
  var details = document.getElementById("details");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function extLink(url, text) {
    if (typeof url !== "string" || !SAFE_URL.test(url)) { return el("span", "nolink", text); }
    var a = el("a", null, text);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer nofollow";
    return a;
  }

  function score(g) { return (g > 0 ? "+" : "") + Number(g).toFixed(1); }
  function tone(g) { return g > 0 ? "cooperation" : (g < 0 ? "conflict" : "neutral"); }
  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }

  /* newest first, undated last */
  function byRecency(ids) {
    return ids.slice().sort(function (a, b) {
      var da = EVENTS[a].d || "", db = EVENTS[b].d || "";
      if (da === db) { return b - a; }
      if (!da) { return 1; }
      if (!db) { return -1; }
      return da < db ? 1 : -1;
    });
  }

  function eventItem(i, withLinks) {
    var ev = EVENTS[i];
    var li = el("li", "ev tone-" + tone(ev.g));
    li.appendChild(el("span", "ev-date", ev.dt));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", "ev-type", ev.t));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", "ev-label", ev.l));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", "ev-score", score(ev.g)));
    if (ev.p) { li.appendChild(el("span", "ev-flag", "planned")); }
    if (withLinks) {
      var links = el("span", "ev-links");
      ev.s.forEach(function (s) {
        links.appendChild(extLink(s[1], "article" + (s[0] ? ": " + s[0] : "")));
        links.appendChild(document.createTextNode(" "));
      });
      if (ev.tl) {
        var a = el("a", "ev-evidence", "evidence");
        a.href = "#ev-" + ev.i;
        links.appendChild(a);
      }
      li.appendChild(links);
    }
    return li;
  }

  function summaryLines(kind, info) {
    var lines = [];
    if (kind === "node") {
      lines.push(info.cls + " · " + plural(info.count, "event") + " · " + plural(info.deg, "partner"));
      lines.push("PageRank " + info.pr.toFixed(3) + (info.com ? " · community " + info.com : ""));
    } else {
      var mean = info.b;
      lines.push(plural(info.w, "shared event") + " · balance " + score(mean) + " (" + tone(mean) + ")");
      if (info.first) { lines.push(info.first + (info.last && info.last !== info.first ? " to " + info.last : "")); }
      lines.push(info.types.map(function (t) { return t[0] + " " + t[1]; }).join(", "));
    }
    return lines;
  }

  function title(kind, info) {
    if (kind === "node") { return info.label; }
    return NODES[info.from].label + " — " + NODES[info.to].label;
  }

  /* the hover tooltip: a DOM element, never an HTML string */
  function tooltip(kind, info) {
    var box = el("div", "tip");
    box.appendChild(el("div", "tip-title", title(kind, info)));
    summaryLines(kind, info).forEach(function (line) { box.appendChild(el("div", "tip-line", line)); });
    var ids = byRecency(info.ev);
    var list = el("ul", "tip-events");
    ids.slice(0, DATA.tooltipEvents).forEach(function (i) { list.appendChild(eventItem(i, true)); });
    box.appendChild(list);
    if (ids.length > DATA.tooltipEvents) {
      box.appendChild(el("div", "tip-more", "and " + (ids.length - DATA.tooltipEvents) + " more: click to list them all"));
    }
    return box;
  }

  function showDetails(kind, info) {
    while (details.firstChild) { details.removeChild(details.firstChild); }
    details.appendChild(el("h3", null, title(kind, info)));
    summaryLines(kind, info).forEach(function (line) { details.appendChild(el("p", "muted", line)); });
    if (kind === "node" && info.a !== null && info.a !== undefined) {
      var btn = el("button", "small", "Show in timeline");
      btn.type = "button";
      btn.addEventListener("click", function () {
        form.elements["actor"].value = String(info.a);
        apply();
        document.getElementById("timeline-section").scrollIntoView();
      });
      details.appendChild(btn);
    }
    var ids = byRecency(info.ev);
    var list = el("ol", "detail-events");
    ids.slice(0, 300).forEach(function (i) { list.appendChild(eventItem(i, true)); });
    details.appendChild(list);
    if (ids.length > 300) { details.appendChild(el("p", "muted", (ids.length - 300) + " older events: see the timeline")); }
  }

  function clearDetails() {
    while (details.firstChild) { details.removeChild(details.firstChild); }
    details.appendChild(el("h3", null, "Details"));
    details.appendChild(el("p", "muted", "Click an actor or a link in the network to list its events here."));
  }

  /* ---------------------------------------------------------------- network */
  var container = document.getElementById("network");
  var nodes = new vis.DataSet(DATA.vis.nodes.map(function (n) {
    var copy = Object.assign({}, n);
    copy.title = tooltip("node", NODES[n.id]);
    return copy;
  }));
  var edges = new vis.DataSet(DATA.vis.edges.map(function (e) {
    var copy = Object.assign({}, e);
    copy.title = tooltip("edge", EDGES[e.id]);
    return copy;
  }));
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.vis.options);
  window.uscnNetwork = network;

  var layoutNote = document.getElementById("layout-note");
  function ready() {
    document.body.setAttribute("data-network-ready", "1");
  }
  if (DATA.layout === "precomputed" || NODES.length === 0) {
    network.once("afterDrawing", function () { network.fit(); ready(); });
    if (NODES.length === 0) { ready(); }
  } else {
    network.on("stabilizationProgress", function (p) {
      layoutNote.textContent = "Laying out the network: " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      layoutNote.textContent = "Layout settled; physics is off. Drag actors to rearrange them.";
      ready();
    });
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      showDetails("node", NODES[params.nodes[0]]);
    } else if (params.edges.length) {
      showDetails("edge", EDGES[params.edges[0]]);
    } else {
      clearDetails();
    }
  });

  /* ---------------------------------------------------------------- filters */
  var items = Array.prototype.slice.call(document.querySelectorAll("#timeline > li"));
  var tlStatus = document.getElementById("tl-status");

  function current() {
    var classes = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name=cls]"), function (c) {
      classes[c.value] = c.checked;
    });
    var from = form.elements["from"].value || null, to = form.elements["to"].value || null;
    return {
      from: from, to: to,
      dated: (from && from !== DATA.dateMin) || (to && to !== DATA.dateMax),
      dispute: form.elements["dispute"].value === "" ? null : Number(form.elements["dispute"].value),
      actor: form.elements["actor"].value === "" ? null : Number(form.elements["actor"].value),
      classes: classes
    };
  }

  function eventOk(ev, f) {
    if (f.dated) {
      if (!ev.d) { return false; }
      if (f.from && (ev.e || ev.d) < f.from) { return false; }
      if (f.to && ev.d > f.to) { return false; }
    }
    if (f.dispute !== null && ev.x.indexOf(f.dispute) < 0) { return false; }
    return true;
  }

  function apply() {
    var f = current();
    var ok = EVENTS.map(function (ev) { return eventOk(ev, f); });
    var shown = {}, nShown = 0, eShown = 0;
    var nodeUpdates = NODES.map(function (n) {
      var visible = f.classes[n.kind] !== false && n.ev.some(function (i) { return ok[i]; });
      if (visible) { shown[n.id] = true; nShown += 1; }
      return { id: n.id, hidden: !visible };
    });
    var edgeUpdates = EDGES.map(function (e) {
      var visible = shown[e.from] && shown[e.to] && e.ev.some(function (i) { return ok[i]; });
      if (visible) { eShown += 1; }
      return { id: e.id, hidden: !visible };
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    var tShown = 0;
    items.forEach(function (li) {
      var ev = EVENTS[Number(li.getAttribute("data-i"))];
      var visible = ok[ev.i] && (f.actor === null || ev.a.indexOf(f.actor) >= 0);
      li.hidden = !visible;
      if (visible) { tShown += 1; }
    });
    statusEl.textContent = "Network: " + nShown + " of " + plural(NODES.length, "actor") + ", " +
      eShown + " of " + plural(EDGES.length, "link") + ". Timeline: " + tShown + " of " +
      plural(items.length, "event") + ".";
    tlStatus.textContent = "Showing " + tShown + " of " + plural(items.length, "listed event") + ".";
    if (f.actor !== null) {
      var match = NODES.filter(function (n) { return n.a === f.actor; });
      if (match.length && shown[match[0].id]) { network.selectNodes([match[0].id]); }
    }
  }

  form.addEventListener("change", apply);
  form.addEventListener("input", function (e) { if (e.target.type === "date") { apply(); } });
  form.addEventListener("reset", function () { window.setTimeout(function () { apply(); clearDetails(); }, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  /* "evidence" links open the timeline entry, even when filters hide it */
  document.addEventListener("click", function (e) {
    var a = e.target && e.target.closest ? e.target.closest("a[href^='#ev-']") : null;
    if (!a) { return; }
    var li = document.getElementById(a.getAttribute("href").slice(1));
    if (!li) { return; }
    e.preventDefault();
    li.hidden = false;
    var d = li.querySelector("details");
    if (d) { d.open = true; }
    li.classList.add("pinned");
    li.scrollIntoView({ block: "center" });
  });

  apply();
}());
