/* «Mine refleksjoner»: answers to the guide's reflection questions and ticks in
   the checklist, kept only in the reader's own browser
   (localStorage) and never sent anywhere. Nothing is stored until the reader
   writes or ticks something. Without JavaScript the pages read as the handbook.

   Storage layout (unchanged since the first release, so readers keep their
   answers): one key per answer, "gl-refleksjon:<box>-<n>", and one per tick,
   "gl-sjekkliste:<n>". A write only ever touches the key of the control the
   reader changed, never the whole set.

   Nothing typed is lost: typing is saved after a short pause, and every way
   out saves at once (leaving or hiding the page, following a link, leaving the
   field); downloads and printing save first and read the fields themselves.

   Two tabs: the «storage» event brings another tab's change into this one.
   Rule: a field takes the other tab's value unless it holds words typed here
   that are not yet saved; those are the reader's newest words, they stay and
   are saved (last writer wins, per answer). A field that is merely focused
   follows the other tab, so typing after «Slett alle svar» elsewhere does not
   bring the deleted answer back.

   Hooks: the templates (reflection.html, checklist.html,
   notebook.html) mark what this script works on with data-gl-* attributes and
   write each question's id (data-gl-question, made by macros/components.py), so
   the storage key is "gl-refleksjon:" + that id on every page. Started through
   Material's document$ (once per page, also with instant navigation); the
   window and document listeners are added once. */
(() => {
  "use strict";

  const ANSWER = "gl-refleksjon:";
  const CRITERION = "gl-sjekkliste:";
  const PAUSE = 300; // ms of quiet typing before an answer is saved
  const PRIVACY = "Svarene lagres bare i denne nettleseren og sendes ikke noe sted.";
  const SAVED = "Svaret er lagret i denne nettleseren.";
  const TICK_SAVED = "Avkrysningen er lagret i denne nettleseren.";
  const WHY = {
    quota: "lagringsplassen i nettleseren er full.",
    blocked: "nettleseren tillater ikke lagring."
  };

  /* localStorage may be blocked (site data blocked, some private modes) or full. */
  const storage = {
    get(key) {
      try { return window.localStorage.getItem(key) || ""; } catch (e) { return ""; }
    },
    /* "ok", "quota" (full) or "blocked" (refused). */
    set(key, value) {
      try {
        if (value) window.localStorage.setItem(key, value);
        else window.localStorage.removeItem(key);
        return "ok";
      } catch (e) {
        const full = e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
          e.code === 22 || e.code === 1014);
        return full ? "quota" : "blocked";
      }
    },
    keys() {
      const keys = [];
      try {
        for (let i = 0; i < window.localStorage.length; i++) keys.push(window.localStorage.key(i));
      } catch (e) { /* nothing stored */ }
      return keys.filter((key) => key.indexOf(ANSWER) === 0 || key.indexOf(CRITERION) === 0);
    }
  };

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  };

  /* One live status per box, checklist or notebook, at its end. */
  const statusFor = (container) => {
    let status = container.querySelector(":scope > [data-gl-answer-status]");
    if (!status) {
      status = element("p", "gl-answer__status");
      status.setAttribute("role", "status");
      status.setAttribute("data-gl-answer-status", "");
      container.appendChild(status);
    }
    return status;
  };

  /* A message in a live status; a problem (not saved) stands out. */
  const say = (status, text, problem) => {
    status.textContent = text;
    status.classList.toggle("gl-answer__status--problem", Boolean(problem));
  };

  /* What is stored for a field's text: nothing for blank text. */
  const stored = (text) => (text.trim() ? text : "");

  /* Every answer field on this page, by storage key. */
  const answers = new Map();
  /* Every checkbox on this page, by storage key. */
  const ticks = new Map();

  /* beforeunload only while words wait to be saved (it keeps pages out of
     some browsers' back/forward cache). */
  const markPending = (pending) => {
    if (pending) window.addEventListener("beforeunload", flushAll);
    else window.removeEventListener("beforeunload", flushAll);
  };

  const save = (entry) => {
    window.clearTimeout(entry.timer);
    entry.timer = null;
    if (!entry.dirty) return;
    const value = stored(entry.field.value);
    const result = storage.set(entry.key, value);
    if (result === "ok") {
      entry.saved = value;
      entry.dirty = false;
      say(entry.status, SAVED);
    } else {
      say(entry.status, "Svaret kunne ikke lagres: " + WHY[result], true);
    }
    markPending(Array.from(answers.values()).some((other) => other.timer !== null));
  };

  const flushAll = () => answers.forEach(save);

  /* Forget unsaved edits and pending saves (after «Slett alle svar»). */
  const cancelAll = () => {
    answers.forEach((entry) => {
      window.clearTimeout(entry.timer);
      entry.timer = null;
      entry.dirty = false;
    });
    markPending(false);
  };

  /* Show a value stored by another tab, keeping the caret where it was. */
  const showStored = (entry, value) => {
    entry.saved = value;
    if (entry.dirty || entry.field.value === value) return false;
    const field = entry.field;
    const focused = document.activeElement === field;
    const start = field.selectionStart;
    const end = field.selectionEnd;
    field.value = value;
    if (focused) field.setSelectionRange(Math.min(start, value.length), Math.min(end, value.length));
    return true;
  };

  /* A field under each question, labelled by the question itself. */
  const addAnswerField = (item, status) => {
    const name = item.getAttribute("data-gl-question");
    const question = item.querySelector("[data-gl-question-text]");
    if (!name || !question || item.querySelector("textarea")) return;
    const id = "svar-" + name;
    const label = element("label", "gl-answer__label", "Ditt svar");
    label.id = id + "-etikett";
    label.htmlFor = id;
    const field = element("textarea", "gl-answer__field");
    field.id = id;
    field.rows = 3;
    field.setAttribute("aria-labelledby", label.id + " " + question.id);
    const key = ANSWER + name;
    const entry = { key, field, status, saved: storage.get(key), dirty: false, timer: null };
    field.value = entry.saved;
    answers.set(key, entry);
    field.addEventListener("input", () => {
      entry.dirty = stored(field.value) !== entry.saved;
      window.clearTimeout(entry.timer);
      entry.timer = entry.dirty ? window.setTimeout(() => save(entry), PAUSE) : null;
      markPending(entry.dirty);
    });
    field.addEventListener("change", () => save(entry));
    field.addEventListener("blur", () => save(entry));
    const wrapper = element("div", "gl-answer");
    wrapper.appendChild(label);
    wrapper.appendChild(field);
    question.insertAdjacentElement("afterend", wrapper);
  };

  const enhanceReflectionBoxes = () => {
    document.querySelectorAll("[data-gl-reflection]").forEach((box) => {
      const title = box.querySelector("[data-gl-reflection-title]");
      if (title && !box.querySelector("[data-gl-reflection-privacy]")) {
        const note = element("p", "gl-reflection__privacy", PRIVACY);
        note.setAttribute("data-gl-reflection-privacy", "");
        title.insertAdjacentElement("afterend", note);
      }
      const status = statusFor(box);
      box.querySelectorAll("[data-gl-question]").forEach((item) => addAnswerField(item, status));
    });
  };

  /* The checklist's drawn boxes become real checkboxes, labelled by their text. */
  const enhanceChecklist = () => {
    document.querySelectorAll("[data-gl-checklist-item]").forEach((item) => {
      const key = CRITERION + item.getAttribute("data-gl-checklist-item");
      const text = item.querySelector("[data-gl-checklist-text]");
      const drawn = item.querySelector("[data-gl-checklist-box]");
      if (!text || !drawn) return;
      const container = item.closest("[data-gl-checklist]") || item.parentElement;
      const status = statusFor(container);
      const box = element("input", "gl-checklist__checkbox");
      box.type = "checkbox";
      box.id = item.id + "-avkrysning";
      box.checked = storage.get(key) === "1";
      ticks.set(key, box);
      box.addEventListener("change", () => {
        const result = storage.set(key, box.checked ? "1" : "");
        if (result === "ok") say(status, TICK_SAVED);
        else say(status, "Avkrysningen kunne ikke lagres: " + WHY[result], true);
      });
      const label = element("label", "gl-checklist__text");
      label.id = text.id;
      label.setAttribute("data-gl-checklist-text", "");
      label.htmlFor = box.id;
      while (text.firstChild) label.appendChild(text.firstChild);
      text.replaceWith(label);
      drawn.replaceWith(box);
    });
  };

  const safeLocalStorage = () => {
    try { return window.localStorage; } catch (e) { return null; }
  };

  /* Another tab changed storage: bring its answers and ticks here. */
  const syncFromStorage = (event) => {
    if (event.storageArea && event.storageArea !== safeLocalStorage()) return;
    const changed = event.key === null
      ? Array.from(answers.keys()).concat(Array.from(ticks.keys())) // cleared
      : [event.key];
    changed.forEach((key) => {
      const value = event.key === null ? "" : (event.newValue || "");
      const entry = answers.get(key);
      if (entry && showStored(entry, value)) {
        say(entry.status, "Svaret ble endret i en annen fane eller et annet vindu.");
      }
      const box = ticks.get(key);
      if (box) box.checked = value === "1";
    });
  };

  /* Back from the back/forward cache: other pages may have changed answers. */
  const resync = (event) => {
    if (!event.persisted) return;
    answers.forEach((entry) => showStored(entry, storage.get(entry.key)));
    ticks.forEach((box, key) => { box.checked = storage.get(key) === "1"; });
  };

  /* Markdown: the reader's words stay words. Nothing they type may become a
     heading, list, quote, code, link, emphasis or HTML (CommonMark). */
  const escapeMarkdownInline = (text) => text
    .replace(/[\\`*_[\]<>|~]/g, "\\$&")
    .replace(/&(?=#?\w+;)/g, "\\&");

  const escapeMarkdownLine = (line) => {
    let escaped = escapeMarkdownInline(line.trim());
    if (/^[#>+=-]/.test(escaped)) escaped = "\\" + escaped; // heading, quote, list, rule, setext
    return escaped.replace(/^(\d+)([.)])/, "$1\\$2"); // ordered list
  };

  /* Paragraphs as the reader wrote them: line breaks kept (two trailing spaces). */
  const markdownAnswer = (answer) => answer.split(/\n\s*\n/)
    .map((paragraph) => paragraph.split("\n").map(escapeMarkdownLine).filter((line) => line).join("  \n"))
    .filter((paragraph) => paragraph).join("\n\n");

  const answerOf = (item) => {
    const key = ANSWER + item.getAttribute("data-gl-question");
    const entry = answers.get(key);
    return (entry ? entry.field.value : storage.get(key)).trim();
  };

  const titleOf = (section) => section.querySelector(":scope > [data-gl-notebook-title]").textContent.trim();

  /* «Mine refleksjoner»: the notebook's tools. Reads the fields, not storage. */
  const notebookText = (notebook, format) => {
    const markdown = format === "md";
    const inline = markdown ? escapeMarkdownInline : (text) => text;
    const date = new Date().toLocaleDateString("nb-NO");
    const lines = [markdown ? "# Mine refleksjoner" : "MINE REFLEKSJONER",
      `Guide til god ledelse (KS) – lastet ned ${date}`, ""];
    notebook.querySelectorAll("[data-gl-notebook-chapter]").forEach((chapter) => {
      const title = titleOf(chapter);
      lines.push(markdown ? `## ${inline(title)}` : title.toUpperCase(), "");
      chapter.querySelectorAll("[data-gl-notebook-box]").forEach((box) => {
        const boxTitle = titleOf(box);
        lines.push(markdown ? `### ${inline(boxTitle)}` : boxTitle, "");
        box.querySelectorAll("[data-gl-question]").forEach((item) => {
          const question = item.querySelector("[data-gl-question-text]").textContent.trim();
          const answer = answerOf(item);
          lines.push(markdown ? `**${inline(question)}**` : question, "");
          if (!answer) lines.push(markdown ? "_Ikke besvart._" : "(Ikke besvart.)", "");
          else lines.push(markdown ? markdownAnswer(answer) : answer, "");
        });
      });
    });
    return lines.join("\n");
  };

  const download = (name, type, text) => {
    const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
    const link = element("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const button = (text, onClick) => {
    const node = element("button", "md-button gl-notebook__button", text);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  };

  const deleteAll = (status) => {
    flushAll(); // the confirm dialog may outlast the pause: keep nothing pending
    if (!window.confirm("Vil du slette alle svarene dine og avkrysningene i sjekklisten? " +
        "Dette kan ikke angres.")) return;
    cancelAll();
    const failed = storage.keys().filter((key) => storage.set(key, "") !== "ok");
    answers.forEach((entry) => {
      entry.field.value = "";
      entry.saved = storage.get(entry.key);
    });
    if (failed.length) {
      say(status, "Noen svar kunne ikke slettes: nettleseren tillater ikke endringer i lagringen.", true);
    } else {
      say(status, "Alle svar er slettet fra denne nettleseren.");
    }
  };

  const enhanceNotebook = () => {
    const notebook = document.querySelector("[data-gl-notebook]");
    if (!notebook || notebook.hasAttribute("data-gl-notebook-ready")) return;
    notebook.setAttribute("data-gl-notebook-ready", "");
    const status = statusFor(notebook.parentElement);
    notebook.querySelectorAll("[data-gl-question]").forEach((item) => addAnswerField(item, status));
    const tools = element("div", "gl-notebook__tools");
    tools.setAttribute("role", "group");
    tools.setAttribute("aria-label", "Mine refleksjoner");
    const hint = element("p", "gl-notebook__hint",
      "Tekstfilen åpner du i Notisblokk, Word eller et annet skriveprogram. " +
      "Filen til notatprogram har den samme teksten, men med overskriftene merket " +
      "slik at et notatprogram viser dem som overskrifter.");
    hint.id = "notat-nedlasting-hjelp";
    const offer = (label, name, type, format) => {
      const node = button(label, () => {
        flushAll();
        download(name, type, notebookText(notebook, format));
        say(status, `Filen ${name} er lastet ned.`);
      });
      node.setAttribute("aria-describedby", hint.id);
      return node;
    };
    tools.append(
      offer("Last ned som tekstfil", "mine-refleksjoner.txt", "text/plain", "txt"),
      offer("Last ned til notatprogram", "mine-refleksjoner.md", "text/markdown", "md"),
      button("Skriv ut", () => { flushAll(); window.print(); }),
      button("Slett alle svar", () => deleteAll(status)));
    notebook.insertAdjacentElement("beforebegin", tools);
    notebook.insertAdjacentElement("beforebegin", hint);
  };

  /* Printing shows each answer in full: fields grow to their text. */
  const fitFieldsForPrint = () => {
    flushAll();
    answers.forEach(({ field }) => {
      field.style.height = "";
      field.style.height = `${field.scrollHeight + 4}px`;
    });
  };

  const unfitFields = () => answers.forEach(({ field }) => { field.style.height = ""; });

  /* Each page, once: the fields, checkboxes and tools of the page now shown. The
     previous page's words are saved first (with instant navigation its fields are
     gone after the swap). */
  const setUpPage = () => {
    flushAll();
    answers.clear();
    ticks.clear();
    enhanceReflectionBoxes();
    enhanceChecklist();
    enhanceNotebook();
  };

  /* Once per script: every way out saves first; other tabs; printing. */
  window.addEventListener("pagehide", flushAll);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flushAll();
  });
  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest("a[href]")) flushAll();
  }, true);
  window.addEventListener("storage", syncFromStorage);
  window.addEventListener("pageshow", resync);
  window.addEventListener("beforeprint", fitFieldsForPrint);
  window.addEventListener("afterprint", unfitFields);

  /* Material's document$ emits each page, the current one on subscribing (the
     bundle runs before this script); without the bundle, the page once loaded. */
  if (window.document$) window.document$.subscribe(setUpPage);
  else document.addEventListener("DOMContentLoaded", setUpPage);
})();
