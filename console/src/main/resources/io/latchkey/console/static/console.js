// Row selection on device lists: "select all on this page", "all matching the filter" (its box
// arrives with the count, after the page), and the count in the task bar. Listeners sit on the
// form, so boxes htmx swaps in work too. The page works without this (each row has its box).
(function () {
  "use strict";
  function setup() {
    var form = document.getElementById("selection");
    if (!form) { return; }
    var count = document.getElementById("count");
    function rows() { return Array.prototype.slice.call(form.querySelectorAll("input.row-check")); }
    function allMatching() { return document.getElementById("all-matching"); }
    function update() {
      var page = document.getElementById("select-page");
      var all = allMatching();
      var checked = rows().filter(function (r) { return r.checked; }).length;
      if (page) {
        page.checked = checked > 0 && checked === rows().length;
        page.indeterminate = checked > 0 && checked < rows().length;
      }
      if (count) {
        if (all && all.checked) {
          count.textContent = all.parentNode.textContent.trim();
        } else {
          count.textContent = checked === 0 ? count.dataset.none : count.dataset.some.replace("{0}", checked);
        }
      }
    }
    form.addEventListener("change", function (e) {
      var t = e.target;
      if (t.id === "select-page") {
        rows().forEach(function (r) { r.checked = t.checked; });
      } else if (t.id === "all-matching") {
        // "All matching" selects the whole filter, beyond this page: the row boxes then say so.
        rows().forEach(function (r) { r.checked = t.checked; r.disabled = t.checked; });
        var page = document.getElementById("select-page");
        if (page) { page.disabled = t.checked; }
      }
      update();
    });
    update();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
