/* /editor: Yasgui on this endpoint. The configuration comes from the page's JSON (endpoint,
 * prefixes, the named queries as examples); nothing is fetched from anywhere but this server. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ng-editor").textContent);
  var Y = window.Yasgui;
  var byName = {};
  data.examples.forEach(function (q) { byName[q.name] = q; });

  var yasgui = new Y(document.getElementById("yasgui"), {
    requestConfig: { endpoint: data.endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    // the endpoint field offers this endpoint only (Yasgui's own list names public ones)
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: data.endpoint }]; }, keys: [] },
    persistenceId: "newsgraph-editor",
    tabName: "Query",
    yasqe: {
      value: data.start,
      // "property" and "class" would ask LOV (lov.linkeddata.es): left off, the page stays offline
      autocompleters: ["prefixes", "variables"]
    },
    yasr: { prefixes: data.prefixes, pluginOrder: ["table", "response"], defaultPlugin: "table" }
  });

  function openExample(name) {
    var q = byName[name];
    if (!q) return null;
    var tab = yasgui.addTab(true, { name: q.title, yasqe: { value: q.text },
                                    requestConfig: { endpoint: data.endpoint, method: "POST" } });
    return tab;
  }

  var pick = document.getElementById("example");
  pick.addEventListener("change", function () {
    if (pick.value) openExample(pick.value);
    pick.value = "";
  });
  // /editor?example=NAME opens that named query (a link from the query page or the docs)
  var wanted = new URLSearchParams(window.location.search).get("example");
  if (wanted) openExample(wanted);
  window.__ngEditor = { yasgui: yasgui, openExample: openExample };
})();
