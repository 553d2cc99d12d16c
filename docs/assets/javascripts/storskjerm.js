/* «Vis på storskjerm»: a «Til refleksjon» box's questions, or a skill card's
   points, one at a time in large type for a room (a projector or a big screen).

   The buttons (macros/templates/storskjerm.html) are rendered `hidden` and
   revealed here, so without JavaScript there is no dead button. The view is
   built from the question texts only (the element the button names with
   data-gl-storskjerm-items), never by copying the box: the reader's own answers
   (reflections.js) never reach the screen. Nothing is stored, nothing is loaded.

   Keys: → ↓ Page Down, Space: next; ← ↑ Page Up, Shift+Space: previous
   (presentation remotes send Page Up/Down); Home/End; a horizontal swipe;
   Esc or «Lukk» closes and returns focus to the button.

   A modal <dialog> (labelled, the current question in a live region) fills
   the window; where the Fullscreen API exists the document goes full screen
   too (a dialog element itself may not be made fullscreen). Leaving full
   screen (Esc, F11) also closes the view: one Esc leaves it. */
(function () {
  "use strict";

  const SWIPE = 50; // px of horizontal travel that counts as a swipe

  let view = null; // the dialog's parts, built once
  let slides = [];
  let index = 0;
  let opener = null;
  let wentFullscreen = false;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  const fullscreenElement = () => document.fullscreenElement || document.webkitFullscreenElement || null;

  function requestFullscreen() {
    const root = document.documentElement;
    const request = root.requestFullscreen || root.webkitRequestFullscreen;
    if (!request || !(document.fullscreenEnabled || document.webkitFullscreenEnabled)) return;
    try {
      const result = request.call(root);
      wentFullscreen = true;
      if (result && typeof result.catch === "function") {
        result.catch(() => { wentFullscreen = false; }); // refused: the overlay fills the window
      }
    } catch (e) {
      wentFullscreen = false;
    }
  }

  function exitFullscreen() {
    if (!fullscreenElement()) return;
    const exit = document.exitFullscreen || document.webkitExitFullscreen;
    try {
      const result = exit && exit.call(document);
      if (result && typeof result.catch === "function") result.catch(() => {});
    } catch (e) { /* already left */ }
  }

  function build() {
    const dialog = element("dialog", "gl-storskjerm");
    dialog.id = "gl-storskjerm";
    dialog.setAttribute("aria-labelledby", "gl-storskjerm-kapittel gl-storskjerm-tittel");
    dialog.setAttribute("aria-describedby", "gl-storskjerm-innhold");

    const header = element("div", "gl-storskjerm__header");
    const heading = element("div", "gl-storskjerm__heading");
    const chapter = element("p", "gl-storskjerm__chapter");
    chapter.id = "gl-storskjerm-kapittel";
    const title = element("h2", "gl-storskjerm__title");
    title.id = "gl-storskjerm-tittel";
    heading.append(chapter, title);
    const close = element("button", "gl-storskjerm__close", "Lukk");
    close.type = "button";
    header.append(heading, close);

    const stage = element("div", "gl-storskjerm__stage");
    stage.id = "gl-storskjerm-innhold";
    stage.setAttribute("aria-live", "polite");
    stage.setAttribute("aria-atomic", "true");
    const counter = element("p", "gl-storskjerm__counter");
    const text = element("p", "gl-storskjerm__text");
    stage.append(counter, text);

    const footer = element("div", "gl-storskjerm__footer");
    const previous = element("button", "gl-storskjerm__step", "Forrige");
    previous.type = "button";
    const hint = element("p", "gl-storskjerm__hint",
      "Piltaster, mellomrom, Page Up/Down eller sveip for å bla. Esc lukker.");
    const next = element("button", "gl-storskjerm__step", "Neste");
    next.type = "button";
    footer.append(previous, hint, next);

    dialog.append(header, stage, footer);
    document.body.appendChild(dialog);

    close.addEventListener("click", hide);
    previous.addEventListener("click", () => go(index - 1));
    next.addEventListener("click", () => go(index + 1));
    dialog.addEventListener("cancel", (event) => { event.preventDefault(); hide(); });
    dialog.addEventListener("close", restore);
    dialog.addEventListener("keydown", onKey);
    dialog.addEventListener("keyup", (event) => {
      if (event.key === " " || event.key === "Spacebar") event.preventDefault(); // no button click
    });
    addSwipe(dialog);
    document.addEventListener("fullscreenchange", onFullscreenChange);
    document.addEventListener("webkitfullscreenchange", onFullscreenChange);

    return { dialog, chapter, title, counter, text, previous, next, close, unit: "" };
  }

  function isOpen() {
    return Boolean(view && view.dialog.hasAttribute("open"));
  }

  function go(to) {
    if (!slides.length) return;
    const target = Math.max(0, Math.min(slides.length - 1, to));
    if (target === index && view.text.textContent) return;
    index = target;
    view.counter.textContent = `${view.unit} ${index + 1} av ${slides.length}`;
    view.text.textContent = slides[index];
    view.previous.disabled = index === 0;
    view.next.disabled = index === slides.length - 1;
    // A disabled button loses focus; keep it in the dialog.
    if (document.activeElement && document.activeElement.disabled) {
      (view.next.disabled ? view.previous : view.next).focus();
    }
    view.text.classList.remove("gl-storskjerm__text--enter");
    void view.text.offsetWidth; // restart the (motion-safe) fade-in
    view.text.classList.add("gl-storskjerm__text--enter");
  }

  function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const forward = ["ArrowRight", "ArrowDown", "PageDown", "Right", "Down"];
    const back = ["ArrowLeft", "ArrowUp", "PageUp", "Left", "Up"];
    let to = null;
    if (event.key === " " || event.key === "Spacebar") to = event.shiftKey ? index - 1 : index + 1;
    else if (forward.indexOf(event.key) >= 0) to = index + 1;
    else if (back.indexOf(event.key) >= 0) to = index - 1;
    else if (event.key === "Home") to = 0;
    else if (event.key === "End") to = slides.length - 1;
    else if (event.key === "Escape" || event.key === "Esc") {
      event.preventDefault();
      hide();
      return;
    }
    if (to === null) return;
    event.preventDefault();
    go(to);
  }

  function addSwipe(dialog) {
    let start = null;
    const begin = (x, y) => { start = { x, y }; };
    const end = (x, y) => {
      if (!start) return;
      const dx = x - start.x;
      const dy = y - start.y;
      start = null;
      if (Math.abs(dx) >= SWIPE && Math.abs(dx) > Math.abs(dy)) go(dx < 0 ? index + 1 : index - 1);
    };
    if (window.PointerEvent) {
      dialog.addEventListener("pointerdown", (event) => {
        if (event.pointerType !== "mouse") begin(event.clientX, event.clientY);
      });
      dialog.addEventListener("pointerup", (event) => {
        if (event.pointerType !== "mouse") end(event.clientX, event.clientY);
      });
      dialog.addEventListener("pointercancel", () => { start = null; });
    } else {
      dialog.addEventListener("touchstart", (event) => {
        const touch = event.changedTouches[0];
        begin(touch.clientX, touch.clientY);
      }, { passive: true });
      dialog.addEventListener("touchend", (event) => {
        const touch = event.changedTouches[0];
        end(touch.clientX, touch.clientY);
      });
    }
  }

  function show(button) {
    const source = document.getElementById(button.getAttribute("data-gl-storskjerm"));
    if (!source) return;
    const selector = button.getAttribute("data-gl-storskjerm-items");
    // Only the texts: textContent of the question elements, never fields or answers.
    slides = Array.from(source.querySelectorAll(selector))
      .map((node) => node.textContent.replace(/\s+/g, " ").trim())
      .filter(Boolean);
    const closing = button.getAttribute("data-gl-storskjerm-closing");
    if (closing) slides.push(closing);
    if (!slides.length) return;

    if (!view) view = build();
    opener = button;
    view.chapter.textContent = button.getAttribute("data-gl-storskjerm-chapter") || "";
    view.chapter.hidden = !view.chapter.textContent;
    view.title.textContent = button.getAttribute("data-gl-storskjerm-title") || "";
    view.unit = button.getAttribute("data-gl-storskjerm-unit") || "Spørsmål";
    index = -1;
    view.text.textContent = "";
    go(0);

    if (typeof view.dialog.showModal === "function") {
      view.dialog.showModal();
    } else { // no <dialog> support: a fixed overlay with the same parts
      view.dialog.setAttribute("open", "");
      view.dialog.setAttribute("role", "dialog");
      view.dialog.setAttribute("aria-modal", "true");
    }
    document.documentElement.classList.add("gl-storskjerm-open");
    view.next.disabled ? view.close.focus() : view.next.focus();
    requestFullscreen();
  }

  function hide() {
    if (!isOpen()) return;
    if (typeof view.dialog.close === "function") view.dialog.close();
    else {
      view.dialog.removeAttribute("open");
      restore();
    }
  }

  /* After closing, by any way: leave full screen, give focus back to the button. */
  function restore() {
    document.documentElement.classList.remove("gl-storskjerm-open");
    wentFullscreen = false;
    exitFullscreen();
    slides = [];
    if (opener && document.contains(opener)) opener.focus();
    opener = null;
  }

  function onFullscreenChange() {
    if (fullscreenElement()) return;
    // The reader left full screen (Esc in full screen never reaches the page): close too.
    if (wentFullscreen && isOpen()) hide();
    wentFullscreen = false;
  }

  function init() {
    document.querySelectorAll("button[data-gl-storskjerm]").forEach((button) => {
      button.hidden = false;
      button.addEventListener("click", () => show(button));
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
