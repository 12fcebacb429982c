/* Name completion for the fields marked data-complete="actor|place|entity" (and any field the query
 * page hands to window.newsgraphComplete): a datalist filled from /complete as the user types.
 * Names reach the page as option values (never markup). */
(function () {
  "use strict";
  var seq = 0, lists = 0;
  function attach(input, kind) {
    var list = document.createElement("datalist");
    list.id = "complete-list-" + (lists++);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.parentNode.appendChild(list);
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q.length < 2) return;
      var mine = ++seq;
      fetch("complete?" + new URLSearchParams({ q: q, kind: kind }).toString())
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (names) {
          if (mine !== seq) return;
          list.textContent = "";
          names.forEach(function (x) {
            var o = document.createElement("option");
            o.value = x.name;
            if (x.also) o.label = x.name + " (" + x.also + ")";
            list.appendChild(o);
          });
        }).catch(function () {});
    });
  }
  window.newsgraphComplete = attach;
  Array.prototype.forEach.call(document.querySelectorAll("input[data-complete]"), function (input) {
    attach(input, input.getAttribute("data-complete"));
  });
})();
