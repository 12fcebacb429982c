/* The timeline's zoom: a window of months (timerange.js; the mouse wheel over the bars narrows
 * or widens it around the month under the pointer). The bars of the window are spread over the
 * axis' whole width, the others hidden, and so are the month sections below outside it. */
(function () {
  "use strict";
  var el = document.getElementById("axis-data");
  if (!el) return;
  var data = JSON.parse(el.textContent);
  var svg = document.getElementById("time-axis");
  var bars = svg.querySelectorAll("a[data-i]");
  var range = null;
  function layout(lo, hi) {
    // the axis is as wide as the figure shows it (or wider, scrolled, when there are many months)
    var box = svg.getBoundingClientRect();
    var width = Math.max(data.width, box.height ? 130 * box.width / box.height : data.width);
    svg.setAttribute("viewBox", "0 -4 " + width.toFixed(1) + " 130");
    var step = width / (hi - lo + 1), every = Math.max(1, Math.ceil(34 / step));
    bars.forEach(function (a) {
      var i = +a.getAttribute("data-i"), inside = i >= lo && i <= hi;
      a.style.display = inside ? "" : "none";
      if (!inside) return;
      var x = (i - lo) * step;
      a.querySelectorAll("rect").forEach(function (r) {
        r.setAttribute("x", x.toFixed(2));
        r.setAttribute("width", Math.max(1, Math.min(step * 0.78, 60)).toFixed(2));
      });
      var t = a.querySelector("text");
      t.setAttribute("x", x.toFixed(2));
      t.setAttribute("class", (i - lo) % every === 0 ? "" : "off");
    });
  }
  range = window.ngTimeRange(data.months, function (lo, hi, whole) {
    layout(lo, hi);
    document.querySelectorAll("section.month").forEach(function (s) {
      var m = s.id.replace("month-", "");
      var k = data.months.indexOf(m);
      s.style.display = whole || (k >= lo && k <= hi) ? "" : "none";  // undated: only when zoomed out
    });
    svg.setAttribute("data-window", data.months[lo] + "/" + data.months[hi]);
  });
  if (!range) return;
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var from = +document.getElementById("range-from").value, to = +document.getElementById("range-to").value;
    var box = svg.getBoundingClientRect();
    var at = from + Math.floor((ev.clientX - box.left) / box.width * (to - from + 1));
    var width = to - from + 1, next = ev.deltaY < 0 ? Math.max(1, Math.floor(width / 2)) : width * 2;
    var lo = Math.round(at - (at - from) * next / width);
    range.set(lo, lo + next - 1);
  }, { passive: false });
})();
