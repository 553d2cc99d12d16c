/* «Vis på storskjerm»: a «Til refleksjon» box's questions, or a skill card's
   points, one at a time in large type for a room (a projector or a big screen).

   The buttons (storskjerm.html) are rendered `hidden` and
   revealed here, so without JavaScript there is no dead button. The view is
   built from the question texts only (the element the button names with
   data-gl-storskjerm-items), never by copying the box: the reader's own answers
   (reflection.js) never reach the screen. Nothing is stored, nothing is loaded.

   Keys: → ↓ Page Down, Space: next; ← ↑ Page Up, Shift+Space: previous
   (presentation remotes send Page Up/Down); Home/End; a horizontal swipe;
   Esc or «Lukk» closes and returns focus to the button.

   A modal <dialog> (labelled, the current question in a live region) fills
   the window; where the Fullscreen API exists the document goes full screen
   too (a dialog element itself may not be made fullscreen). Both sit in the
   browser's top layer, the later one drawn over the earlier: full screen
   arrives after the dialog has opened, so WebKit (Safari) drew the page over
   the question. Once full screen has arrived the dialog is opened again, on
   top, in every engine. Leaving full screen (Esc, F11) also closes the view:
   one Esc leaves it.

   Started through Material's document$: each page's buttons are revealed and
   wired once; the dialog and the document's listeners are made once. */
(() => {
  "use strict";

  const SWIPE = 50; // px of horizontal travel that counts as a swipe

  let view = null; // the dialog's parts, built once
  // The label of a text the edition adds (the skill cards' closing prompt).
  const ADDITION = "Tillegg i den digitale utgaven";
  let slides = [];
  let counted = 0; // the slides that are KS' questions or points (not the closing prompt)
  let index = 0;
  let opener = null;
  let wentFullscreen = false;

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  };

  /* A part of the view with an id (the dialog's name and description point to it). */
  const part = (tag, className, id) => {
    const node = element(tag, className);
    node.id = id;
    return node;
  };

  const stepButton = (className, text) => {
    const node = element("button", className, text);
    node.type = "button";
    return node;
  };

  const fullscreenElement = () => document.fullscreenElement || document.webkitFullscreenElement || null;

  const requestFullscreen = () => {
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
  };

  const exitFullscreen = () => {
    if (!fullscreenElement()) return;
    const exit = document.exitFullscreen || document.webkitExitFullscreen;
    try {
      const result = exit && exit.call(document);
      if (result && typeof result.catch === "function") result.catch(() => {});
    } catch (e) { /* already left */ }
  };

  const build = () => {
    const dialog = part("dialog", "gl-storskjerm", "gl-storskjerm");
    dialog.setAttribute("aria-labelledby", "gl-storskjerm-kapittel gl-storskjerm-tittel");
    dialog.setAttribute("aria-describedby", "gl-storskjerm-innhold");

    const heading = element("div", "gl-storskjerm__heading");
    const chapter = part("p", "gl-storskjerm__chapter", "gl-storskjerm-kapittel");
    const title = part("h2", "gl-storskjerm__title", "gl-storskjerm-tittel");
    heading.append(chapter, title);
    const close = stepButton("gl-storskjerm__close", "Lukk");
    const header = element("div", "gl-storskjerm__header");
    header.append(heading, close);

    const stage = part("div", "gl-storskjerm__stage", "gl-storskjerm-innhold");
    stage.setAttribute("aria-live", "polite");
    stage.setAttribute("aria-atomic", "true");
    const counter = element("p", "gl-storskjerm__counter");
    const text = element("p", "gl-storskjerm__text");
    stage.append(counter, text);

    const previous = stepButton("gl-storskjerm__step", "Forrige");
    const hint = element("p", "gl-storskjerm__hint",
      "Bla med piltastene, mellomromstasten eller Page Up/Page Down, eller sveip. Trykk Esc for å lukke.");
    const next = stepButton("gl-storskjerm__step", "Neste");
    const footer = element("div", "gl-storskjerm__footer");
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

    return { dialog, chapter, title, counter, text, previous, next, close, unit: "" };
  };

  const isOpen = () => Boolean(view && view.dialog.hasAttribute("open"));

  const go = (to) => {
    if (!slides.length) return;
    const target = Math.max(0, Math.min(slides.length - 1, to));
    if (target === index && view.text.textContent) return;
    index = target;
    // The closing prompt is the edition's, not one of KS' points: not counted, labelled.
    view.counter.textContent = index < counted ? `${view.unit} ${index + 1} av ${counted}` : ADDITION;
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
  };

  const onKey = (event) => {
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
  };

  const addSwipe = (dialog) => {
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
  };

  const show = (button) => {
    const source = document.getElementById(button.getAttribute("data-gl-storskjerm"));
    if (!source) return;
    const selector = button.getAttribute("data-gl-storskjerm-items");
    // Only the texts: textContent of the question elements, never fields or answers.
    slides = Array.from(source.querySelectorAll(selector))
      .map((node) => node.textContent.replace(/\s+/g, " ").trim())
      .filter(Boolean);
    counted = slides.length;
    const closing = button.getAttribute("data-gl-storskjerm-closing");
    if (closing) slides.push(closing);
    if (!slides.length) return;

    if (!view || !document.contains(view.dialog)) view = build();
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
    (view.next.disabled ? view.close : view.next).focus();
    requestFullscreen();
  };

  const hide = () => {
    if (!isOpen()) return;
    if (typeof view.dialog.close === "function") view.dialog.close();
    else {
      view.dialog.removeAttribute("open");
      restore();
    }
  };

  /* After closing, by any way: leave full screen, give focus back to the button.
     A close that raise() followed with showModal() is no closing. */
  const restore = () => {
    if (isOpen()) return;
    wentFullscreen = false;
    exitFullscreen();
    slides = [];
    if (opener && document.contains(opener)) opener.focus();
    opener = null;
  };

  /* The open dialog back on top of the top layer, above the full-screen document,
     with the focus where it was. (Its "close" event comes after it has opened
     again: restore() then does nothing.) */
  const raise = () => {
    const focused = document.activeElement;
    if (typeof view.dialog.showModal !== "function") return;
    view.dialog.close();
    view.dialog.showModal();
    if (focused && view.dialog.contains(focused)) focused.focus();
  };

  const onFullscreenChange = () => {
    if (fullscreenElement()) {
      if (isOpen()) raise();
      return;
    }
    // The reader left full screen (Esc in full screen never reaches the page): close too.
    if (wentFullscreen && isOpen()) hide();
    wentFullscreen = false;
  };

  /* Each page: reveal its buttons and wire each one once. */
  const wired = new WeakSet();
  const setUpPage = () => {
    document.querySelectorAll("button[data-gl-storskjerm]").forEach((button) => {
      button.hidden = false;
      if (wired.has(button)) return;
      wired.add(button);
      button.addEventListener("click", () => show(button));
    });
  };

  document.addEventListener("fullscreenchange", onFullscreenChange);
  document.addEventListener("webkitfullscreenchange", onFullscreenChange);

  /* Material's document$ emits each page, the current one on subscribing (the
     bundle runs before this script); without the bundle, the page once loaded. */
  if (window.document$) window.document$.subscribe(setUpPage);
  else document.addEventListener("DOMContentLoaded", setUpPage);
})();
