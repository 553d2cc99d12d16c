/* Glossary tooltips (WCAG 1.4.13): Esc closes an open definition without moving focus.
 *
 * Material (feature content.tooltips) shows a term's definition while the term is
 * hovered or focused; overrides/hooks/glossary_first.py makes the first occurrence of each
 * term on a page focusable. Material offers no way to dismiss the tooltip, so Esc
 * hides every open one here; it opens again the next time the term gets focus or
 * the pointer. No other key and no other element is touched. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") {
      return;
    }
    var open = document.querySelectorAll(".md-tooltip2.md-tooltip2--active");
    for (var i = 0; i < open.length; i++) {
      open[i].classList.remove("md-tooltip2--active");
    }
  });
})();
