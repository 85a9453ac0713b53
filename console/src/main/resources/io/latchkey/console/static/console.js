// Row selection on device lists: "select all on this page", "all matching the filter", and the
// count in the task bar. The page works without it (each row has its own checkbox).
(function () {
  "use strict";
  function setup() {
    var form = document.getElementById("selection");
    if (!form) { return; }
    var page = document.getElementById("select-page");
    var all = document.getElementById("all-matching");
    var count = document.getElementById("count");
    var rows = function () { return Array.prototype.slice.call(form.querySelectorAll("input.row-check")); };
    var initial = count ? count.textContent : "";
    function update() {
      var checked = rows().filter(function (r) { return r.checked; }).length;
      if (page) {
        page.checked = checked > 0 && checked === rows().length;
        page.indeterminate = checked > 0 && checked < rows().length;
      }
      if (count) {
        if (all && all.checked) {
          count.textContent = initial;
        } else {
          count.textContent = checked === 0 ? count.dataset.none : count.dataset.some.replace("{0}", checked);
        }
      }
    }
    if (page) {
      page.addEventListener("change", function () {
        rows().forEach(function (r) { r.checked = page.checked; });
        update();
      });
    }
    if (all) {
      all.addEventListener("change", function () {
        // "All matching" selects the whole filter, beyond this page: the row boxes then say so.
        rows().forEach(function (r) { r.checked = all.checked; r.disabled = all.checked; });
        if (page) { page.disabled = all.checked; }
        update();
      });
    }
    rows().forEach(function (r) { r.addEventListener("change", update); });
    update();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
