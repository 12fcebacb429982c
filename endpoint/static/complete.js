/* Name completion for the fields marked data-complete="actor|place|entity": a datalist filled from
 * /complete as the user types. Names reach the page as option values (never markup). */
(function () {
  "use strict";
  var seq = 0;
  Array.prototype.forEach.call(document.querySelectorAll("input[data-complete]"), function (input, n) {
    var list = document.createElement("datalist");
    list.id = "complete-list-" + n;
    input.setAttribute("list", list.id);
    input.parentNode.appendChild(list);
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q.length < 2) return;
      var mine = ++seq;
      fetch("complete?" + new URLSearchParams({ q: q, kind: input.getAttribute("data-complete") }).toString())
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
  });
})();
