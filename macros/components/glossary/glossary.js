/* Glossary tooltips (WCAG 1.4.13): Esc closes an open definition without moving focus.
 *
 * Material (feature content.tooltips) shows a term's definition while the term is
 * hovered or focused; overrides/hooks/glossary_first.py makes the first occurrence of each
 * term on a page focusable. Material offers no way to dismiss the tooltip, so Esc
 * hides every open one here; it opens again the next time the term gets focus or
 * the pointer. No other key and no other element is touched. One listener on the
 * document serves every page, also with instant navigation: nothing to set up per page. */
(() => {
  "use strict";
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    document.querySelectorAll(".md-tooltip2.md-tooltip2--active").forEach((tooltip) => {
      tooltip.classList.remove("md-tooltip2--active");
    });
  });
})();
