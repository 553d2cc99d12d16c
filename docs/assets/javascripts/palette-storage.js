/* Privacy: Material stores the colour palette in localStorage on every page
   load, even when the reader never touched the toggle. Store it only once the
   reader has chosen a scheme with the toggle; until then the page follows the
   system setting (prefers-color-scheme) and writes nothing.
   Must run after Material's inline __md_set definition and before its bundle
   (so not through document$, which the bundle defines). */
(() => {
  "use strict";
  const set = window.__md_set;
  if (typeof set !== "function") return;
  let chosen = false;
  document.addEventListener("change", (event) => {
    if (event.target && event.target.name === "__palette") chosen = true;
  }, true);
  window.__md_set = (key, ...rest) => {
    if (key === "__palette" && !chosen) return undefined;
    return set(key, ...rest);
  };
})();
