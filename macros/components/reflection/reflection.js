/* «Mine refleksjoner»: answers to the guide's reflection questions and ticks in
   the checklist, kept only in the reader's own browser
   (localStorage) and never sent anywhere. Nothing is stored until the reader
   writes or ticks something. Without JavaScript the pages read as the handbook.

   Storage layout: one key per answer, "gl-svar:<id>", holding JSON
   {"svar": the answer, "spørsmål": the question as it read when the answer was
   saved}, and one per tick, "gl-avkrysset:<id>", holding {"punkt": the item's
   text}. The id is the question's (checklist item's) id in the data
   (docs/_data/*.yml): kept when a new edition rewords a question, so answers stay
   with their questions whatever the order. A write only ever touches the key of
   the control the reader changed, never the whole set.

   Until this edition answers were stored by position, "gl-refleksjon:<box>-<n>"
   and "gl-sjekkliste:<n>" (plain text, "1"). The first edition with ids took
   those positions as its ids, so the map from an old key to its question is
   "gl-refleksjon:" + id, whatever later editions do to the order: each old
   answer moves to its new key once, the first time a page shows its question.
   «Mine refleksjoner» shows every question and checklist item, so what is still
   under an old key there, or under an id the guide no longer has, belongs to a
   question no longer in the guide: it is kept and shown in a section of its
   own, with the question as the reader saw it, and can be deleted one by one.

   The downloads end with the same answers as one line of JSON and a CRC-32 of
   the file, so «Les inn svar fra en fil» can bring them back in another
   browser, refusing a file that is not ours, changed, cut short, too large or
   in another encoding, and never writing over an answer already here.

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
   write each question's id (data-gl-question, from the data, by
   macros/components/reflection/), so the storage key is "gl-svar:" + that id on
   every page. Started through
   Material's document$ (once per page, also with instant navigation); the
   window and document listeners are added once. */
(() => {
  "use strict";

  const ANSWER = "gl-svar:";
  const CRITERION = "gl-avkrysset:";
  const OLD_ANSWER = "gl-refleksjon:"; // until this edition: by position, plain text
  const OLD_CRITERION = "gl-sjekkliste:";
  const PREFIXES = [ANSWER, CRITERION, OLD_ANSWER, OLD_CRITERION];
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
      return keys.filter((key) => PREFIXES.some((prefix) => key.indexOf(prefix) === 0));
    }
  };

  /* A stored answer: {svar, spørsmål}. Anything else under the key (edited by
     hand) is kept as the answer's words. */
  const parseAnswer = (raw) => {
    if (!raw) return { svar: "", "spørsmål": "" };
    try {
      const record = JSON.parse(raw);
      if (record && typeof record.svar === "string") {
        return { svar: record.svar, "spørsmål": typeof record["spørsmål"] === "string" ? record["spørsmål"] : "" };
      }
    } catch (e) { /* not JSON: the words themselves */ }
    return { svar: raw, "spørsmål": "" };
  };
  const readAnswer = (id) => parseAnswer(storage.get(ANSWER + id));
  const answerRecord = (svar, question) => (svar ? JSON.stringify({ svar, "spørsmål": question }) : "");
  const tickRecord = (text) => JSON.stringify({ punkt: text });
  const parseTick = (raw) => {
    if (!raw) return null;
    try {
      const record = JSON.parse(raw);
      if (record && typeof record.punkt === "string") return { punkt: record.punkt };
    } catch (e) { /* kept as a tick */ }
    return { punkt: "" };
  };

  /* Two answers to one question, neither written over: `here` keeps its place,
     `extra` follows it under a line saying where it came from; null when `here`
     already holds `extra`. Used by the migration and by reading in a file. */
  const joinAnswers = (here, extra, source) => {
    if (!here.trim()) return extra;
    if (here.indexOf(extra.trim()) !== -1) return null;
    return `${here.trimEnd()}\n\n– Fra ${source}: –\n${extra}`;
  };

  /* An answer or tick under the old positional key moves to its id's key, once.
     The old key goes only when the new one holds its words: an answer already
     under the new key (a tab still showing the page from before ids wrote the
     old key after this one moved it) keeps its place, the old words follow it. */
  const migrateAnswer = (id, question) => {
    const old = storage.get(OLD_ANSWER + id);
    if (!old) return;
    const here = readAnswer(id);
    const svar = joinAnswers(here.svar, old, "en eldre versjon av siden");
    if (svar !== null && storage.set(ANSWER + id, answerRecord(svar, here["spørsmål"] || question)) !== "ok") return;
    storage.set(OLD_ANSWER + id, "");
  };
  const migrateTick = (id, text) => {
    if (!storage.get(OLD_CRITERION + id)) return;
    if (!storage.get(CRITERION + id) && storage.set(CRITERION + id, tickRecord(text)) !== "ok") return;
    storage.set(OLD_CRITERION + id, "");
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
    const result = storage.set(entry.key, answerRecord(value, entry.question));
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
    const text = question.textContent.trim();
    migrateAnswer(name, text);
    const id = "svar-" + name;
    const label = element("label", "gl-answer__label", "Ditt svar");
    label.id = id + "-etikett";
    label.htmlFor = id;
    const field = element("textarea", "gl-answer__field");
    field.id = id;
    field.rows = 3;
    field.setAttribute("aria-labelledby", label.id + " " + question.id);
    const key = ANSWER + name;
    const entry = { key, id: name, question: text, field, status, saved: readAnswer(name).svar, dirty: false,
      timer: null };
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
      const id = item.getAttribute("data-gl-checklist-item");
      const key = CRITERION + id;
      const text = item.querySelector("[data-gl-checklist-text]");
      const drawn = item.querySelector("[data-gl-checklist-box]");
      if (!text || !drawn) return;
      const itemText = text.textContent.trim();
      migrateTick(id, itemText);
      /* On «Mine refleksjoner» the page's one status speaks for the ticks too. */
      const notebook = item.closest("[data-gl-notebook]");
      const container = notebook ? notebook.parentElement : item.closest("[data-gl-checklist]") || item.parentElement;
      const status = statusFor(container);
      const box = element("input", "gl-checklist__checkbox");
      box.type = "checkbox";
      box.id = item.id + "-avkrysning";
      box.checked = Boolean(storage.get(key));
      ticks.set(key, { box, id, text: itemText });
      box.addEventListener("change", () => {
        const result = storage.set(key, box.checked ? tickRecord(itemText) : "");
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
      if (entry && showStored(entry, parseAnswer(value).svar)) {
        say(entry.status, "Svaret ble endret i en annen fane eller et annet vindu.");
      }
      const tick = ticks.get(key);
      if (tick) tick.box.checked = Boolean(value);
    });
    if (event.key === null || PREFIXES.some((prefix) => event.key.indexOf(prefix) === 0)) showOrphans();
  };

  /* Back from the back/forward cache: other pages may have changed answers. */
  const resync = (event) => {
    if (!event.persisted) return;
    refreshFromStorage();
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
    const id = item.getAttribute("data-gl-question");
    const entry = answers.get(ANSWER + id);
    return (entry ? entry.field.value : readAnswer(id).svar).trim();
  };

  const titleOf = (section) => section.querySelector(":scope > [data-gl-notebook-title]").textContent.trim();

  /* --- «Mine refleksjoner»: answers to questions no longer in the guide ------------ */

  /* The ids the page shows: every question and checklist item of this edition. */
  const currentIds = (notebook) => ({
    questions: new Set(Array.from(notebook.querySelectorAll("[data-gl-question]"),
      (item) => item.getAttribute("data-gl-question"))),
    items: new Set(Array.from(notebook.querySelectorAll("[data-gl-checklist-item]"),
      (item) => item.getAttribute("data-gl-checklist-item")))
  });

  /* What is stored for questions (items) this edition no longer has, oldest
     layout moved to the new one first. Only on «Mine refleksjoner», which shows
     every question: elsewhere a question may simply stand on another page. */
  const orphans = (notebook) => {
    const ids = currentIds(notebook);
    storage.keys().forEach((key) => {
      if (key.indexOf(OLD_ANSWER) === 0 && !ids.questions.has(key.slice(OLD_ANSWER.length))) {
        migrateAnswer(key.slice(OLD_ANSWER.length), "");
      } else if (key.indexOf(OLD_CRITERION) === 0 && !ids.items.has(key.slice(OLD_CRITERION.length))) {
        migrateTick(key.slice(OLD_CRITERION.length), "");
      }
    });
    const found = { answers: [], ticks: [] };
    storage.keys().sort().forEach((key) => {
      if (key.indexOf(ANSWER) === 0 && !ids.questions.has(key.slice(ANSWER.length))) {
        const record = parseAnswer(storage.get(key));
        if (record.svar) found.answers.push({ key, id: key.slice(ANSWER.length), ...record });
      } else if (key.indexOf(CRITERION) === 0 && !ids.items.has(key.slice(CRITERION.length))) {
        const record = parseTick(storage.get(key));
        if (record) found.ticks.push({ key, id: key.slice(CRITERION.length), ...record });
      }
    });
    return found;
  };

  const UNKNOWN_QUESTION = "(Spørsmålet er ikke lenger med i guiden, og ordlyden er ikke kjent.)";
  const ORPHANS_TITLE = "Svar på spørsmål som ikke lenger står i guiden";

  /* The section under the notebook: each kept answer with its question as the
     reader saw it and a button to delete it. Drawn again after every change. */
  const showOrphans = () => {
    const notebook = document.querySelector("[data-gl-notebook]");
    if (!notebook) return;
    const found = orphans(notebook);
    let section = document.querySelector("[data-gl-orphans]");
    const focusedKey = section && document.activeElement && section.contains(document.activeElement)
      ? document.activeElement.getAttribute("data-gl-orphan-delete") : null;
    if (!found.answers.length && !found.ticks.length) {
      if (section) section.remove();
      return;
    }
    if (!section) {
      section = element("section", "gl-notebook__orphans");
      section.setAttribute("data-gl-orphans", "");
      section.setAttribute("aria-labelledby", "notat-tidligere-sporsmal");
      notebook.insertAdjacentElement("afterend", section);
    }
    section.replaceChildren();
    const heading = element("h2", "gl-notebook__chapter-title", ORPHANS_TITLE);
    heading.id = "notat-tidligere-sporsmal";
    heading.tabIndex = -1;
    section.append(heading, element("p", "gl-notebook__orphans-intro",
      "Disse spørsmålene er tatt ut av guiden etter at du svarte på dem. Svarene dine er tatt vare på " +
      "her, med spørsmålet slik det lød da du svarte. Du kan slette dem når du ikke trenger dem lenger."));
    const list = element("ul", "gl-notebook__orphan-list");
    const add = (entry, question, body, label) => {
      const item = element("li", "gl-notebook__orphan");
      item.setAttribute("data-gl-orphan", entry.key);
      const text = element("p", "gl-notebook__text gl-notebook__orphan-question", question);
      text.id = "tidligere-" + entry.key.replace(/[^a-z0-9-]/g, "-");
      const remove = button(label, () => deleteOrphan(entry.key, question));
      remove.setAttribute("aria-describedby", text.id);
      remove.setAttribute("data-gl-orphan-delete", entry.key);
      item.append(text, body, remove);
      list.appendChild(item);
    };
    found.answers.forEach((entry) => {
      add(entry, entry["spørsmål"] || UNKNOWN_QUESTION,
        element("p", "gl-notebook__orphan-answer", entry.svar), "Slett dette svaret");
    });
    found.ticks.forEach((entry) => {
      add(entry, entry.punkt || UNKNOWN_QUESTION,
        element("p", "gl-notebook__orphan-answer", "Krysset av i sjekklisten."), "Slett denne avkrysningen");
    });
    section.appendChild(list);
    const again = focusedKey && section.querySelector(`[data-gl-orphan-delete="${CSS.escape(focusedKey)}"]`);
    if (again) again.focus();
  };

  const deleteOrphan = (key, question) => {
    const status = notebookStatus();
    if (!window.confirm(`Vil du slette det du har lagret til «${question}»? Dette kan ikke angres.`)) return;
    const section = document.querySelector("[data-gl-orphans]");
    const items = Array.from(section.querySelectorAll("[data-gl-orphan]"));
    const index = items.findIndex((item) => item.getAttribute("data-gl-orphan") === key);
    if (storage.set(key, "") !== "ok") {
      say(status, "Svaret kunne ikke slettes: nettleseren tillater ikke endringer i lagringen.", true);
      return;
    }
    showOrphans();
    say(status, "Det lagrede svaret er slettet fra denne nettleseren.");
    /* Focus stays in the list: the next delete button, else the previous, else the tools. */
    const left = document.querySelectorAll("[data-gl-orphan-delete]");
    const next = left[Math.min(index, left.length - 1)];
    const tools = document.querySelector(".gl-notebook__tools button");
    if (next) next.focus();
    else if (tools) tools.focus();
  };

  /* Fields and ticks show what storage now holds (after a file is read in, back
     from the back/forward cache). */
  const refreshFromStorage = () => {
    answers.forEach((entry) => showStored(entry, readAnswer(entry.id).svar));
    ticks.forEach((tick, key) => { tick.box.checked = Boolean(storage.get(key)); });
    showOrphans();
  };

  /* --- Downloads ------------------------------------------------------------------- */

  const FORMAT = "gl-mine-refleksjoner";
  const VERSION = 1;
  /* The line that closes the human part of a download: format, version, CRC-32. */
  const MARKER_RE = /^gl-mine-refleksjoner (\d+) ([0-9a-f]{8})$/gm;

  /* CRC-32 (IEEE, as zlib.crc32) of a text's UTF-8 bytes: it tells a file cut
     short or changed from the one downloaded (it is no seal against forgery). */
  const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (text) => {
    let crc = 0xFFFFFFFF;
    new TextEncoder().encode(text).forEach((byte) => { crc = CRC_TABLE[(crc ^ byte) & 0xFF] ^ (crc >>> 8); });
    return ((crc ^ 0xFFFFFFFF) >>> 0).toString(16).padStart(8, "0");
  };

  /* Everything the reader has: this edition's answers (from the fields: what
     the page shows), kept answers to removed questions, ticks. */
  const collect = (notebook) => {
    const svar = [];
    notebook.querySelectorAll("[data-gl-question]").forEach((item) => {
      const id = item.getAttribute("data-gl-question");
      const answer = answerOf(item);
      if (!answer) return;
      const shown = item.querySelector("[data-gl-question-text]").textContent.trim();
      svar.push({ id, "spørsmål": readAnswer(id)["spørsmål"] || shown, svar: answer });
    });
    const kept = orphans(notebook);
    kept.answers.forEach((entry) => svar.push({ id: entry.id, "spørsmål": entry["spørsmål"], svar: entry.svar }));
    const avkrysninger = [];
    ticks.forEach((tick) => {
      if (tick.box.checked && notebook.contains(tick.box)) avkrysninger.push({ id: tick.id, punkt: tick.text });
    });
    kept.ticks.forEach((entry) => avkrysninger.push({ id: entry.id, punkt: entry.punkt }));
    return { svar, avkrysninger, kept };
  };

  /* JSON on one line, safe inside an HTML comment and a text file. */
  const dataLine = (data) => JSON.stringify({ format: FORMAT, versjon: VERSION, svar: data.svar,
    avkrysninger: data.avkrysninger })
    .replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));

  const READ_BACK = "Filen kan leses inn igjen på siden «Mine refleksjoner», også i en annen nettleser. " +
    "Endrer du filen, kan den ikke leses inn.";

  /* «Mine refleksjoner»: the notebook's tools. Reads the fields, not storage. */
  const notebookText = (notebook, format) => {
    const markdown = format === "md";
    const inline = markdown ? escapeMarkdownInline : (text) => text;
    const heading = (level, text) => (markdown ? `${"#".repeat(level)} ${inline(text)}` :
      level === 2 ? text.toUpperCase() : text);
    const date = new Date().toLocaleDateString("nb-NO");
    const data = collect(notebook);
    const lines = [markdown ? "# Mine refleksjoner" : "MINE REFLEKSJONER",
      `Guide til god ledelse (KS) – lastet ned ${date}`, ""];
    const question = (text, answer) => {
      lines.push(markdown ? `**${inline(text)}**` : text, "");
      if (!answer) lines.push(markdown ? "_Ikke besvart._" : "(Ikke besvart.)", "");
      else lines.push(markdown ? markdownAnswer(answer) : answer, "");
    };
    notebook.querySelectorAll("[data-gl-notebook-chapter]").forEach((chapter) => {
      lines.push(heading(2, titleOf(chapter)), "");
      chapter.querySelectorAll("[data-gl-notebook-box]").forEach((box) => {
        lines.push(heading(3, titleOf(box)), "");
        box.querySelectorAll("[data-gl-question]").forEach((item) => {
          question(item.querySelector("[data-gl-question-text]").textContent.trim(), answerOf(item));
        });
      });
    });
    const checklist = notebook.querySelector("[data-gl-checklist]");
    if (checklist) {
      lines.push(heading(2, checklist.querySelector("h2").textContent.trim()), "");
      ticks.forEach((tick) => {
        if (!notebook.contains(tick.box)) return;
        lines.push(`${tick.box.checked ? "[x]" : "[ ]"} ${inline(tick.text)}`, "");
      });
    }
    if (data.kept.answers.length || data.kept.ticks.length) {
      lines.push(heading(2, ORPHANS_TITLE), "");
      data.kept.answers.forEach((entry) => question(entry["spørsmål"] || UNKNOWN_QUESTION, entry.svar));
      data.kept.ticks.forEach((entry) => lines.push(`[x] ${inline(entry.punkt || UNKNOWN_QUESTION)}`, ""));
    }
    lines.push(READ_BACK, "");
    /* The data, hidden from a note program's view in Markdown (an HTML comment). */
    const before = lines.join("\n") + (markdown ? "<!--\n" : "");
    const after = dataLine(data) + "\n" + (markdown ? "-->\n" : "");
    return `${before}${FORMAT} ${VERSION} ${crc32(before + after)}\n${after}`;
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

  const notebookStatus = () => statusFor(document.querySelector("[data-gl-notebook]").parentElement);

  const deleteAll = (status) => {
    flushAll(); // the confirm dialog may outlast the pause: keep nothing pending
    if (!window.confirm("Vil du slette alle svarene dine og avkrysningene i sjekklisten? " +
        "Dette kan ikke angres.")) return;
    cancelAll();
    const failed = storage.keys().filter((key) => storage.set(key, "") !== "ok");
    answers.forEach((entry) => {
      entry.field.value = "";
      entry.saved = readAnswer(entry.id).svar;
    });
    ticks.forEach((tick, key) => { tick.box.checked = Boolean(storage.get(key)); });
    showOrphans();
    if (failed.length) {
      say(status, "Noen svar kunne ikke slettes: nettleseren tillater ikke endringer i lagringen.", true);
    } else {
      say(status, "Alle svar er slettet fra denne nettleseren.");
    }
  };

  /* --- Reading a downloaded file back ----------------------------------------------- */

  const MAX_BYTES = 1024 * 1024; // 1 MB: a year of answers is a few hundred kB at most
  const NOT_READ = "Filen ble ikke lest inn, og ingenting er endret. ";
  const REFUSED = {
    large: NOT_READ + "Den er større enn 1 MB, og en fil med svar fra denne siden er mye mindre. " +
      "Velg filen mine-refleksjoner.txt eller mine-refleksjoner.md som du lastet ned herfra.",
    encoding: NOT_READ + "Den er lagret med en annen tegnkoding enn UTF-8, kanskje av et skriveprogram. " +
      "Bruk filen slik den ble lastet ned fra denne siden.",
    foreign: NOT_READ + "Den er ikke en fil med svar lastet ned fra «Mine refleksjoner». " +
      "Velg filen mine-refleksjoner.txt eller mine-refleksjoner.md som du lastet ned herfra.",
    changed: NOT_READ + "Den er endret eller ufullstendig etter at den ble lastet ned. " +
      "Last ned svarene på nytt i nettleseren der du skrev dem, og les inn den filen uten å endre den.",
    truncated: NOT_READ + "Slutten av filen mangler, så den er ufullstendig, eller den er lastet ned før " +
      "siden kunne lese inn filer (desember 2026). Last ned svarene på nytt i nettleseren der du skrev dem.",
    unreadable: NOT_READ + "Nettleseren kunne ikke lese filen. Prøv igjen, eller velg en annen fil.",
    storage: NOT_READ + "Nettleseren tillot ikke å lagre svarene: "
  };

  const ID_RE = /^[a-z0-9][a-z0-9-]*$/;
  const isText = (value) => typeof value === "string";

  /* The file's text, or the reason it is refused. */
  const decode = (bytes) => {
    if ((bytes[0] === 0xFF && bytes[1] === 0xFE) || (bytes[0] === 0xFE && bytes[1] === 0xFF)) {
      return { refused: "encoding" }; // UTF-16
    }
    const start = bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF ? 3 : 0;
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start));
    } catch (e) {
      return { refused: "encoding" }; // Latin-1, Windows-1252 …
    }
    if (text.indexOf("\u0000") !== -1) return { refused: "encoding" }; // UTF-16 without its mark
    return { text };
  };

  /* What a downloaded file holds, checked whole, or the reason it is refused. */
  const parseFile = (text) => {
    if (!/^(MINE REFLEKSJONER|# Mine refleksjoner)\r?\n/.test(text)) return { refused: "foreign" };
    const markers = Array.from(text.matchAll(MARKER_RE));
    if (!markers.length) return { refused: "truncated" };
    const marker = markers[markers.length - 1]; // the file's own, after any answer that copies one
    const end = marker.index + marker[0].length + 1;
    const rest = text.slice(end);
    if (crc32(text.slice(0, marker.index) + rest) !== marker[2] || text[end - 1] !== "\n") {
      return { refused: "changed" };
    }
    if (Number(marker[1]) !== VERSION) return { refused: "foreign" };
    let data;
    try {
      data = JSON.parse(rest.split("\n")[0]);
    } catch (e) {
      return { refused: "changed" };
    }
    const good = data && data.format === FORMAT && Array.isArray(data.svar) && Array.isArray(data.avkrysninger) &&
      data.svar.every((a) => a && ID_RE.test(a.id) && isText(a["spørsmål"]) && isText(a.svar) && a.svar.trim()) &&
      data.avkrysninger.every((t) => t && ID_RE.test(t.id) && isText(t.punkt));
    return good ? { data } : { refused: "changed" };
  };

  /* The file's answers and ticks added to storage. Never writes over an answer:
     one already here that differs keeps its place, the file's follows it in the
     same field under a line saying where it came from. All or nothing: on a
     failed write, every key written is put back as it was. */
  const importData = (data, fileName) => {
    const before = new Map();
    const write = (key, value) => {
      if (!before.has(key)) before.set(key, storage.get(key));
      const result = storage.set(key, value);
      if (result !== "ok") throw new Error(result);
    };
    const counts = { added: 0, both: 0, same: 0, ticks: 0 };
    try {
      data.svar.forEach((answer) => {
        migrateAnswer(answer.id, answer["spørsmål"]);
        const here = readAnswer(answer.id);
        const joined = joinAnswers(here.svar, answer.svar, `filen ${fileName}`);
        if (joined === null) {
          counts.same++;
        } else {
          write(ANSWER + answer.id, answerRecord(joined, here["spørsmål"] || answer["spørsmål"]));
          if (here.svar.trim()) counts.both++;
          else counts.added++;
        }
      });
      data.avkrysninger.forEach((tick) => {
        migrateTick(tick.id, tick.punkt);
        if (storage.get(CRITERION + tick.id)) return;
        write(CRITERION + tick.id, tickRecord(tick.punkt));
        counts.ticks++;
      });
    } catch (error) {
      before.forEach((value, key) => storage.set(key, value));
      return { refused: "storage", why: WHY[error.message] || WHY.blocked };
    }
    return { counts };
  };

  const importSummary = (name, counts) => {
    const parts = [];
    const n = (count, one, many) => `${count} ${count === 1 ? one : many}`;
    if (counts.added) parts.push(n(counts.added, "svar", "svar") + " lagt til");
    if (counts.ticks) parts.push(n(counts.ticks, "avkrysning", "avkrysninger") + " lagt til");
    if (counts.same) parts.push(n(counts.same, "svar", "svar") + " fantes her fra før");
    let text = `Filen ${name} er lest inn: ` + (parts.length ? parts.join(", ") + "." : "den hadde ingen svar.");
    if (counts.both) {
      text += ` ${n(counts.both, "spørsmål", "spørsmål")} hadde et annet svar her fra før. ` +
        "Der står nå begge svarene, ditt svar herfra først og svaret fra filen under.";
    }
    return text;
  };

  const readFile = async (input, status) => {
    const file = input.files && input.files[0];
    if (!file) return;
    flushAll(); // words typed here are saved before anything is compared
    let outcome;
    if (file.size > MAX_BYTES) {
      outcome = { refused: "large" };
    } else {
      try {
        outcome = decode(new Uint8Array(await file.arrayBuffer()));
      } catch (e) {
        outcome = { refused: "unreadable" };
      }
      if (!outcome.refused) outcome = parseFile(outcome.text);
      if (!outcome.refused) outcome = importData(outcome.data, file.name);
    }
    input.value = ""; // the same file can be chosen again
    if (outcome.refused) {
      say(status, REFUSED[outcome.refused] + (outcome.why || ""), true);
      return;
    }
    refreshFromStorage();
    say(status, importSummary(file.name, outcome.counts));
  };

  /* A visible label, a hint with the limit, and a live status of its own. */
  const importControl = () => {
    const wrapper = element("div", "gl-notebook__import");
    const label = element("label", "gl-notebook__import-label", "Les inn svar fra en fil");
    label.htmlFor = "les-inn-svar";
    const input = element("input", "gl-notebook__import-file");
    input.type = "file";
    input.id = "les-inn-svar";
    input.accept = ".txt,.md,text/plain,text/markdown";
    const hint = element("p", "gl-notebook__hint",
      "Velg en fil du har lastet ned fra denne siden (.txt eller .md, høyst 1 MB), for eksempel i en " +
      "annen nettleser. Svarene blir lagt til her. Et svar du allerede har her, blir ikke skrevet over: " +
      "er svarene ulike, får du begge i samme felt. Filen leses bare av nettleseren din.");
    hint.id = "les-inn-svar-hjelp";
    input.setAttribute("aria-describedby", hint.id);
    const status = element("p", "gl-notebook__import-status");
    status.setAttribute("role", "status");
    status.setAttribute("data-gl-import-status", "");
    input.addEventListener("change", () => { readFile(input, status); });
    wrapper.append(label, input, hint, status);
    return wrapper;
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
    notebook.insertAdjacentElement("beforebegin", importControl());
  };

  /* After the page's fields and ticks (which move their old keys first). */
  const enhanceOrphans = () => showOrphans();


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
    enhanceOrphans();
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
