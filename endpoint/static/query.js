/* The query page: a small SPARQL highlighter, the named queries, and a results table.
 * Offline by design (no libraries). Everything from the server reaches the DOM through
 * textContent / setAttribute on links we build, never as markup. */
(function () {
  "use strict";

  // ------------------------------------------------------------------ highlighter
  var KEYWORDS = ("BASE PREFIX SELECT DISTINCT REDUCED AS CONSTRUCT DESCRIBE ASK FROM NAMED WHERE ORDER BY ASC DESC " +
    "LIMIT OFFSET GROUP HAVING VALUES UNDEF OPTIONAL GRAPH SERVICE SILENT BIND UNION MINUS FILTER EXISTS NOT IN " +
    "LATERAL INSERT DELETE DATA WITH USING DEFAULT ALL LOAD CLEAR DROP CREATE ADD MOVE COPY TO INTO A TRUE FALSE SEPARATOR")
    .split(" ");
  var FUNCTIONS = ("COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND " +
    "ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER " +
    "YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF " +
    "STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE").split(" ");
  var KW = {}, FN = {};
  KEYWORDS.forEach(function (k) { KW[k] = true; });
  FUNCTIONS.forEach(function (k) { FN[k] = true; });

  // one alternation, tried at each position; order matters (long strings before short ones)
  var TOKEN = new RegExp([
    "(#[^\\n\\r]*)",                                              // 1 comment
    "(\"\"\"[\\s\\S]*?(?:\"\"\"|$)|'''[\\s\\S]*?(?:'''|$))",      // 2 long string (unterminated: to the end)
    "(\"(?:[^\"\\\\\\n]|\\\\.)*\"?|'(?:[^'\\\\\\n]|\\\\.)*'?)",  // 3 string
    "(<[^<>\"{}|^`\\\\\\s]*>)",                                   // 4 IRI
    "([?$][A-Za-z0-9_\\u00B7\\u00C0-\\uFFFF]+)",                  // 5 variable
    "((?:[A-Za-z\\u00C0-\\uFFFF][\\w.\\-\\u00C0-\\uFFFF]*)?:[\\w.\\-:%\\u00C0-\\uFFFF]*)", // 6 prefixed name
    "([A-Za-z_][A-Za-z0-9_]*)",                                   // 7 word
    "([+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+))",          // 8 number
    "(\\s+)",                                                     // 9 space
    "([\\s\\S])"                                                  // 10 anything else
  ].join("|"), "g");

  function classify(m) {
    if (m[1] !== undefined) return "com";
    if (m[2] !== undefined || m[3] !== undefined) return "str";
    if (m[4] !== undefined) return "iri";
    if (m[5] !== undefined) return "var";
    if (m[6] !== undefined) return "pname";
    if (m[7] !== undefined) {
      var up = m[7].toUpperCase();
      if (KW[up]) return "kw";
      if (FN[up]) return "fn";
      return null;
    }
    if (m[8] !== undefined) return "num";
    return null;
  }

  /* Tokens of a SPARQL text as [class or null, text] pairs (exported for tests via window). */
  function tokenize(text) {
    var out = [], m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      if (m[0] === "") { TOKEN.lastIndex++; continue; }
      out.push([classify(m), m[0]]);
    }
    return out;
  }

  function highlight(code, text) {
    var frag = document.createDocumentFragment();
    var plain = "";
    tokenize(text).forEach(function (t) {
      if (!t[0]) { plain += t[1]; return; }
      if (plain) { frag.appendChild(document.createTextNode(plain)); plain = ""; }
      var span = document.createElement("span");
      span.className = "tok-" + t[0];
      span.textContent = t[1];
      frag.appendChild(span);
    });
    // a trailing newline needs something after it, or the overlay is one line short
    frag.appendChild(document.createTextNode(plain + (text.slice(-1) === "\n" ? " " : "")));
    code.textContent = "";
    code.appendChild(frag);
  }

  window.newsgraphTokenize = tokenize;

  // ------------------------------------------------------------------ page
  var body = document.body;
  var BASE = body.getAttribute("data-base") || "";
  var RESOURCE = body.getAttribute("data-resource") || "/resource";
  var queries = JSON.parse(document.getElementById("ng-queries").textContent);
  var byName = {};
  queries.forEach(function (q) { byName[q.name] = q; });

  var ta = document.getElementById("query");
  var code = document.getElementById("hl");
  var pre = code.parentNode;
  var select = document.getElementById("named");
  var desc = document.getElementById("named-desc");
  var paramsBox = document.getElementById("params");
  var editedNote = document.getElementById("edited");
  var runBtn = document.getElementById("run");
  var statusEl = document.getElementById("status");
  var errorEl = document.getElementById("error");
  var results = document.getElementById("results");
  var dlCsv = document.getElementById("dl-csv");
  var dlJson = document.getElementById("dl-json");
  var loaded = null; // the named query whose text is in the editor, unchanged

  function sync() {
    highlight(code, ta.value);
    pre.scrollTop = ta.scrollTop;
    pre.scrollLeft = ta.scrollLeft;
    var unchanged = loaded && ta.value === loaded.text;
    editedNote.hidden = !loaded || unchanged;
    Array.prototype.forEach.call(paramsBox.querySelectorAll("input"), function (i) { i.disabled = !unchanged; });
    updateDownloads();
    if (typeof updateShare === "function") updateShare();
  }

  ta.addEventListener("input", sync);
  ta.addEventListener("scroll", function () { pre.scrollTop = ta.scrollTop; pre.scrollLeft = ta.scrollLeft; });
  ta.addEventListener("keydown", function (e) {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") { e.preventDefault(); run(); }
    if (e.key === "Tab" && !e.shiftKey) {
      e.preventDefault();
      var s = ta.selectionStart, en = ta.selectionEnd;
      ta.value = ta.value.slice(0, s) + "  " + ta.value.slice(en);
      ta.selectionStart = ta.selectionEnd = s + 2;
      sync();
    }
  });

  function pick(name) {
    var q = byName[name];
    paramsBox.textContent = "";
    loaded = q || null;
    if (!q) { desc.textContent = ""; sync(); return; }
    desc.textContent = q.description;
    q.params.forEach(function (p) {
      var label = document.createElement("label");
      var caption = document.createElement("span");
      caption.textContent = p.name + (p.optional ? " (optional)" : " (required)");
      var input = document.createElement("input");
      input.type = "text";
      input.name = p.name;
      input.id = "param-" + p.name;
      input.placeholder = p.description;
      input.addEventListener("input", function () { updateDownloads(); updateShare(); });
      input.setAttribute("autocomplete", "off");
      input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); run(); } });
      label.appendChild(caption);
      label.appendChild(input);
      paramsBox.appendChild(label);
      // names complete in any spelling (complete.js, loaded before this file)
      if (/^(actor|entity|place)$/.test(p.name) && window.newsgraphComplete) window.newsgraphComplete(input, p.name);
    });
    ta.value = q.text;
    ta.scrollTop = 0;
    sync();
  }

  select.addEventListener("change", function () { pick(select.value); });

  function paramQuery() {
    var parts = [];
    Array.prototype.forEach.call(paramsBox.querySelectorAll("input"), function (i) {
      if (i.value !== "") parts.push(encodeURIComponent(i.name) + "=" + encodeURIComponent(i.value));
    });
    return parts;
  }

  function requestFor(format) {
    // the named query with its parameters bound (as values, on the server), or the text as written
    if (loaded && ta.value === loaded.text) {
      var parts = paramQuery();
      if (format) parts.push("format=" + format);
      return { url: "queries/" + encodeURIComponent(loaded.name) + (parts.length ? "?" + parts.join("&") : ""),
               init: { method: "GET" } };
    }
    var url = "sparql" + (format ? "?format=" + format : "");
    return { url: url, getUrl: "sparql?query=" + encodeURIComponent(ta.value) + (format ? "&format=" + format : ""),
             init: { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
                     body: "query=" + encodeURIComponent(ta.value) } };
  }

  function updateDownloads() {
    [[dlCsv, "csv"], [dlJson, "json"]].forEach(function (pair) {
      var r = requestFor(pair[1]);
      var href = r.getUrl || r.url;
      if (href.length > 7000) { pair[0].removeAttribute("href"); pair[0].title = "query too long for a link"; }
      else { pair[0].setAttribute("href", href); pair[0].setAttribute("download", "results." + pair[1]); }
    });
  }

  // ------------------------------------------------------------------ results
  function hrefFor(iri) {
    if (BASE && iri.indexOf(BASE) === 0) return RESOURCE + "?iri=" + encodeURIComponent(iri);
    if (/^https?:\/\//i.test(iri)) return iri;
    return null; // javascript:, data:, urn:... stay text
  }

  function compact(iri) {
    var prefixes = { "http://schema.org/": "schema:", "https://w3id.org/newsgraph/vocab#": "ng:",
      "http://www.w3.org/ns/oa#": "oa:", "http://www.w3.org/ns/prov#": "prov:",
      "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:", "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
      "http://www.w3.org/2001/XMLSchema#": "xsd:", "http://www.w3.org/2002/07/owl#": "owl:" };
    for (var ns in prefixes) {
      if (iri.indexOf(ns) === 0 && iri.length > ns.length) return prefixes[ns] + iri.slice(ns.length);
    }
    if (BASE && iri.indexOf(BASE) === 0) return "…/" + iri.slice(BASE.length);
    return iri;
  }

  function cell(term) {
    var td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      var href = hrefFor(term.value);
      var el = document.createElement(href ? "a" : "span");
      if (href) {
        el.setAttribute("href", href);
        if (href !== term.value || href.indexOf("/") === 0) { /* our page */ }
        else { el.className = "ext"; el.setAttribute("rel", "noopener noreferrer nofollow"); }
      }
      el.textContent = term.label || compact(term.value);
      el.title = term.value;
      td.appendChild(el);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.appendChild(document.createTextNode(term.value));
      var extra = term["xml:lang"] ? "@" + term["xml:lang"] : (term.datatype ? compact(term.datatype) : "");
      if (extra) {
        var s = document.createElement("span");
        s.className = term["xml:lang"] ? "lang" : "dt";
        s.textContent = extra;
        td.appendChild(s);
      }
    }
    return td;
  }

  // the current result: sorted and shown a page at a time, entirely in the browser
  var PAGE = 50;
  var current = null; // {vars, rows, page, sortVar, sortDir}

  function sortKey(term) {
    if (!term) return [2, ""];
    var v = term.value;
    var dt = term.datatype || "";
    if (/#(integer|decimal|double|float|int|long)$/.test(dt) && !isNaN(parseFloat(v))) return [0, parseFloat(v)];
    return [1, (term.label || v).toLowerCase()];
  }

  function compareRows(v, dir) {
    return function (a, b) {
      var ka = sortKey(a[v]), kb = sortKey(b[v]);
      if (ka[0] !== kb[0]) return ka[0] - kb[0]; // empty cells last either way
      if (ka[1] < kb[1]) return -dir;
      if (ka[1] > kb[1]) return dir;
      return 0;
    };
  }

  function showTable(data) {
    current = { vars: data.head.vars || [], rows: data.results.bindings.slice(), original: data.results.bindings,
                page: 0, sortVar: null, sortDir: 1, short: {} };
    // columns of short literals (dates, counts, statuses) stay whole instead of wrapping into fragments
    current.vars.forEach(function (v) {
      current.short[v] = current.rows.every(function (b) {
        return !b[v] || (b[v].type === "literal" && b[v].value.length <= 16);
      });
    });
    render();
    fetchLabels();
    return current.rows.length;
  }

  function render() {
    var c = current;
    results.textContent = "";
    var table = document.createElement("table");
    table.id = "result-table";
    var thead = document.createElement("thead");
    var tr = document.createElement("tr");
    c.vars.forEach(function (v) {
      var th = document.createElement("th");
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "sort";
      btn.textContent = v + (c.sortVar === v ? (c.sortDir > 0 ? " ▲" : " ▼") : "");
      btn.title = "sort by " + v;
      btn.addEventListener("click", function () { sortBy(v); });
      th.setAttribute("aria-sort", c.sortVar === v ? (c.sortDir > 0 ? "ascending" : "descending") : "none");
      th.appendChild(btn);
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    table.appendChild(thead);
    var tbody = document.createElement("tbody");
    c.rows.slice(c.page * PAGE, (c.page + 1) * PAGE).forEach(function (b) {
      var row = document.createElement("tr");
      c.vars.forEach(function (v) {
        var td = cell(b[v]);
        if (c.short[v]) td.className = "short";
        row.appendChild(td);
      });
      tbody.appendChild(row);
    });
    table.appendChild(tbody);
    results.appendChild(table);
    results.appendChild(pager());
  }

  function pager() {
    var c = current, n = c.rows.length, pages = Math.max(1, Math.ceil(n / PAGE));
    var nav = document.createElement("nav");
    nav.className = "pager";
    nav.id = "pager";
    function button(text, id, page, enabled) {
      var b = document.createElement("button");
      b.type = "button"; b.textContent = text; b.id = id; b.disabled = !enabled;
      b.addEventListener("click", function () { c.page = page; render(); });
      nav.appendChild(b);
    }
    button("« first", "page-first", 0, c.page > 0);
    button("‹ previous", "page-prev", c.page - 1, c.page > 0);
    var info = document.createElement("span");
    info.id = "page-info";
    info.textContent = n ? "rows " + (c.page * PAGE + 1) + "–" + Math.min(n, (c.page + 1) * PAGE) + " of " + n +
      " · page " + (c.page + 1) + " of " + pages : "no rows";
    nav.appendChild(info);
    button("next ›", "page-next", c.page + 1, c.page < pages - 1);
    button("last »", "page-last", pages - 1, c.page < pages - 1);
    return nav;
  }

  function sortBy(v) {
    var c = current;
    if (c.sortVar === v && c.sortDir === -1) { // third click: the server's order again
      c.sortVar = null; c.sortDir = 1; c.rows = c.original.slice();
    } else {
      c.sortDir = c.sortVar === v ? -1 : 1;
      c.sortVar = v;
      c.rows = c.original.slice().sort(compareRows(v, c.sortDir));
    }
    c.page = 0;
    render();
  }

  /* Our own IRIs in the result get their names, headlines or meeting descriptions: one request. */
  function fetchLabels() {
    var c = current, seen = {}, iris = [];
    c.rows.forEach(function (b) {
      c.vars.forEach(function (v) {
        var t = b[v];
        if (t && t.type === "uri" && BASE && t.value.indexOf(BASE) === 0 && !seen[t.value] && iris.length < 2000) {
          seen[t.value] = true; iris.push(t.value);
        }
      });
    });
    if (!iris.length) return;
    fetch("labels", { method: "POST", headers: { "Content-Type": "application/json" },
                      body: JSON.stringify({ iris: iris }) })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (labels) {
        if (current !== c) return;
        c.rows.forEach(function (b) {
          c.vars.forEach(function (v) { var t = b[v]; if (t && t.type === "uri" && labels[t.value]) t.label = labels[t.value]; });
        });
        render();
      }).catch(function () { /* labels are a nicety: the IRIs stay */ });
  }

  function setStatus(text) { statusEl.textContent = text; }

  function showError(text) {
    errorEl.hidden = false;
    errorEl.textContent = text;
  }

  function run() {
    remember();
    var r = requestFor(null);
    r.init.headers = r.init.headers || {};
    r.init.headers["Accept"] = "application/sparql-results+json, text/turtle;q=0.9";
    errorEl.hidden = true;
    errorEl.textContent = "";
    results.textContent = "";
    runBtn.disabled = true;
    setStatus("running…");
    var t0 = performance.now();
    fetch(r.url, r.init).then(function (resp) {
      return resp.text().then(function (text) { return { resp: resp, text: text }; });
    }).then(function (x) {
      var ms = Math.round(performance.now() - t0);
      var resp = x.resp;
      if (!resp.ok) {
        setStatus("");
        showError(resp.status + " " + resp.statusText + "\n" + x.text);
        return;
      }
      var ctype = (resp.headers.get("Content-Type") || "").split(";")[0].trim();
      var cut = resp.headers.get("X-Newsgraph-Truncated") === "true";
      var limit = resp.headers.get("X-Newsgraph-Row-Limit");
      if (ctype === "application/sparql-results+json") {
        var data = JSON.parse(x.text);
        if (typeof data.boolean === "boolean") {
          var p = document.createElement("p");
          p.className = "boolean";
          p.textContent = data.boolean ? "true" : "false";
          results.appendChild(p);
          setStatus("ASK answered in " + ms + " ms");
          return;
        }
        var n = showTable(data);
        setStatus(n + " row" + (n === 1 ? "" : "s") + " in " + ms + " ms" +
                  (cut ? " (cut at the row limit of " + limit + ")" : ""));
      } else {
        var pre2 = document.createElement("pre");
        pre2.textContent = x.text;
        results.appendChild(pre2);
        setStatus((resp.headers.get("X-Newsgraph-Rows") || "?") + " triples in " + ms + " ms" +
                  (cut ? " (cut at the row limit of " + limit + ")" : ""));
      }
    }).catch(function (err) {
      setStatus("");
      showError("request failed: " + err);
    }).then(function () { runBtn.disabled = false; });
  }

  runBtn.addEventListener("click", run);

  // ------------------------------------------------------------------ shareable URLs and history
  var share = document.getElementById("share");

  /* The page URL that reopens this query: ?named=NAME&param=value..., or ?query=TEXT. */
  function pageUrl() {
    var sp = new URLSearchParams();
    if (loaded && ta.value === loaded.text) {
      sp.set("named", loaded.name);
      Array.prototype.forEach.call(paramsBox.querySelectorAll("input"), function (i) {
        if (i.value !== "") sp.set(i.name, i.value);
      });
    } else {
      sp.set("query", ta.value);
    }
    return window.location.pathname + "?" + sp.toString();
  }

  function updateShare() {
    if (!share) return;
    var u = pageUrl();
    if (u.length > 7000) { share.removeAttribute("href"); share.title = "query too long for a link"; return; }
    share.setAttribute("href", u);
    share.title = "a link that opens this query (and runs it)";
  }

  var restoring = false;
  function remember() {
    if (restoring) return;
    var u = pageUrl();
    if (u !== window.location.pathname + window.location.search) window.history.pushState({}, "", u);
  }

  /* ?named=NAME&param=value opens the named query with its parameters filled in, ?query=TEXT the
   * text; either runs at once (a shared link shows its answer). */
  function fromUrl(runIt) {
    var sp = new URLSearchParams(window.location.search);
    restoring = true;
    if (sp.get("named") && byName[sp.get("named")]) {
      select.value = sp.get("named");
      pick(select.value);
      Array.prototype.forEach.call(paramsBox.querySelectorAll("input"), function (i) {
        if (sp.get(i.name) !== null) i.value = sp.get(i.name);
      });
      sync();
      if (runIt) run();
    } else if (sp.get("query")) {
      select.value = "";
      pick("");
      ta.value = sp.get("query");
      sync();
      if (runIt) run();
    }
    restoring = false;
  }

  window.addEventListener("popstate", function () { fromUrl(true); });
  fromUrl(true);
  sync();
})();
