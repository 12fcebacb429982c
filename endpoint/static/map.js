/* The map's time slider: each place's meetings per month come with the page (#map-data), so a
 * move of the slider resizes the circles (area ∝ meetings in the window, on the scale of the
 * whole period) and updates the table without asking the server. */
(function () {
  "use strict";
  var el = document.getElementById("map-data");
  if (!el) return;
  var data = JSON.parse(el.textContent);
  var circles = document.querySelectorAll("#world a.place");
  var rows = document.querySelectorAll("#places-table tbody tr");
  var status = document.getElementById("map-status");
  var initial = status ? status.textContent : "";
  function radius(n) { return data.scale * (1.2 + 5.5 * Math.sqrt(n / Math.max(1, data.top))); }
  function count(i, lo, hi, whole) {
    var months = data.places[i], n = 0;
    for (var k = lo; k <= hi; k++) n += months[k];
    return whole ? n + months[months.length - 1] : n;  // undated meetings count only without a window
  }
  window.ngTimeRange(data.months, function (lo, hi, whole) {
    var places = 0, meetings = 0;
    circles.forEach(function (a) {
      var n = count(+a.getAttribute("data-i"), lo, hi, whole);
      var c = a.querySelector("circle");
      a.style.display = n ? "" : "none";
      if (n) { c.setAttribute("r", radius(n).toFixed(3)); places++; meetings += n; }
      a.setAttribute("data-n", n);
    });
    rows.forEach(function (tr) {
      var n = count(+tr.getAttribute("data-i"), lo, hi, whole);
      tr.querySelector("td.n").textContent = n;
      tr.style.display = n ? "" : "none";
    });
    if (status) status.textContent = whole ? initial : places + " place(s) with " + meetings +
      " meeting(s) from " + data.months[lo] + " to " + data.months[hi] + "; a circle's area is its meetings.";
  });
})();
