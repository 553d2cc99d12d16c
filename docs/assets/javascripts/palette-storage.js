/* Privacy: Material stores the colour palette in localStorage on every page
   load, even when the reader never touched the toggle. Store it only once the
   reader has chosen a scheme with the toggle; until then the page follows the
   system setting (prefers-color-scheme) and writes nothing.
   Must run after Material's inline __md_set definition and before its bundle. */
(function () {
  "use strict";
  var set = window.__md_set;
  if (typeof set !== "function") return;
  var chosen = false;
  document.addEventListener("change", function (event) {
    if (event.target && event.target.name === "__palette") chosen = true;
  }, true);
  window.__md_set = function (key, value, storage, scope) {
    if (key === "__palette" && !chosen) return;
    return set.apply(this, arguments);
  };
})();
