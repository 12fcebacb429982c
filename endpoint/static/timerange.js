/* A window over a sorted list of months, from two range inputs (#range-from, #range-to): the map's
 * time slider and the timeline's zoom. `ngTimeRange(months, onChange)` calls onChange(lo, hi)
 * (indexes, inclusive) on every move and keeps the window in the URL (?from=YYYY-MM&to=YYYY-MM,
 * replaceState: a shareable link, no new history entry per step). */
(function () {
  "use strict";
  window.ngTimeRange = function (months, onChange) {
    var from = document.getElementById("range-from"), to = document.getElementById("range-to");
    var label = document.getElementById("range-label"), play = document.getElementById("range-play");
    var all = document.getElementById("range-all");
    if (!from || !to || months.length < 2) return null;
    var timer = null;
    function clamp(v) { return Math.max(0, Math.min(months.length - 1, v)); }
    function update(moved) {
      var lo = +from.value, hi = +to.value;
      if (lo > hi) { if (moved === from) to.value = hi = lo; else from.value = lo = hi; }
      label.textContent = months[lo] === months[hi] ? months[lo] : months[lo] + " – " + months[hi];
      var url = new URL(window.location.href);
      var whole = lo === 0 && hi === months.length - 1;
      if (whole) { url.searchParams.delete("from"); url.searchParams.delete("to"); }
      else { url.searchParams.set("from", months[lo]); url.searchParams.set("to", months[hi]); }
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
      onChange(lo, hi, whole);
    }
    function set(lo, hi) { from.value = clamp(lo); to.value = clamp(hi); update(null); }
    from.addEventListener("input", function () { update(from); });
    to.addEventListener("input", function () { update(to); });
    if (all) all.addEventListener("click", function () { stop(); set(0, months.length - 1); });
    function stop() { if (timer) { clearInterval(timer); timer = null; play.textContent = "▶ play"; } }
    if (play) play.addEventListener("click", function () {
      if (timer) { stop(); return; }
      var width = +to.value - +from.value;
      if (+to.value >= months.length - 1) set(0, width);
      play.textContent = "❚❚ pause";
      timer = setInterval(function () {
        if (+to.value >= months.length - 1) { stop(); return; }
        set(+from.value + 1, +to.value + 1);
      }, 700);
    });
    var q = new URLSearchParams(window.location.search);
    var lo = months.indexOf(q.get("from")), hi = months.indexOf(q.get("to"));
    set(lo < 0 ? 0 : lo, hi < 0 ? months.length - 1 : hi);
    return { set: set, stop: stop };
  };
})();
