/* «Mine refleksjoner»: answers to the guide's reflection questions and ticks in
   the success-criteria checklist, kept only in the reader's own browser
   (localStorage) and never sent anywhere. Nothing is stored until the reader
   writes or ticks something. Without JavaScript the pages read as the handbook. */
(function () {
  "use strict";

  var ANSWER = "gl-refleksjon:";
  var CRITERION = "gl-sjekkliste:";
  var PRIVACY = "Svarene lagres bare i denne nettleseren og sendes ikke noe sted.";
  var SAVED = "Svaret er lagret i denne nettleseren.";

  /* localStorage may be off (private mode, policy): fail quietly, say so once. */
  var storage = {
    get: function (key) {
      try { return window.localStorage.getItem(key) || ""; } catch (e) { return ""; }
    },
    set: function (key, value) {
      try {
        if (value) window.localStorage.setItem(key, value);
        else window.localStorage.removeItem(key);
        return true;
      } catch (e) { return false; }
    },
    keys: function () {
      var keys = [];
      try {
        for (var i = 0; i < window.localStorage.length; i++) keys.push(window.localStorage.key(i));
      } catch (e) { /* nothing stored */ }
      return keys.filter(function (key) {
        return key.indexOf(ANSWER) === 0 || key.indexOf(CRITERION) === 0;
      });
    }
  };

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function statusFor(container) {
    var status = container.querySelector(":scope > .gl-answer-status");
    if (!status) {
      status = element("p", "gl-answer-status");
      status.setAttribute("role", "status");
      container.appendChild(status);
    }
    return status;
  }

  /* A field under each question, labelled by the question itself. */
  function addAnswerField(item, status) {
    var key = item.getAttribute("data-gl-question");
    var question = item.querySelector("[data-gl-question-text]");
    if (!key || !question || item.querySelector("textarea")) return;
    var id = "svar-" + key;
    var label = element("label", "gl-answer__label", "Ditt svar");
    label.id = id + "-etikett";
    label.htmlFor = id;
    var field = element("textarea", "gl-answer__field");
    field.id = id;
    field.rows = 3;
    field.setAttribute("aria-labelledby", label.id + " " + question.id);
    field.value = storage.get(ANSWER + key);
    var timer = null;
    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        status.textContent = storage.set(ANSWER + key, field.value.trim() ? field.value : "")
          ? SAVED : "Svaret kunne ikke lagres: nettleseren tillater ikke lagring.";
      }, 500);
    });
    var wrapper = element("div", "gl-answer");
    wrapper.appendChild(label);
    wrapper.appendChild(field);
    question.insertAdjacentElement("afterend", wrapper);
  }

  function enhanceReflectionBoxes() {
    document.querySelectorAll(".gl-reflection").forEach(function (box) {
      var title = box.querySelector(".gl-reflection__title");
      var note = element("p", "gl-reflection__privacy", PRIVACY);
      title.insertAdjacentElement("afterend", note);
      var status = statusFor(box);
      box.querySelectorAll("[data-gl-question]").forEach(function (item) {
        addAnswerField(item, status);
      });
    });
  }

  /* The checklist's drawn boxes become real checkboxes, labelled by their text. */
  function enhanceChecklist() {
    document.querySelectorAll("[data-gl-criterion]").forEach(function (item) {
      var key = CRITERION + item.getAttribute("data-gl-criterion");
      var text = item.querySelector(".gl-checklist__text");
      var drawn = item.querySelector(".gl-checklist__box");
      if (!text || !drawn) return;
      var box = element("input", "gl-checklist__checkbox");
      box.type = "checkbox";
      box.id = item.id + "-avkrysning";
      box.checked = storage.get(key) === "1";
      box.addEventListener("change", function () { storage.set(key, box.checked ? "1" : ""); });
      var label = element("label", "gl-checklist__text");
      label.id = text.id;
      label.htmlFor = box.id;
      while (text.firstChild) label.appendChild(text.firstChild);
      text.replaceWith(label);
      drawn.replaceWith(box);
    });
  }

  /* «Mine refleksjoner»: the notebook's tools. */
  function notebookText(notebook, format) {
    var markdown = format === "md";
    var date = new Date().toLocaleDateString("nb-NO");
    var lines = [markdown ? "# Mine refleksjoner" : "MINE REFLEKSJONER",
      "Guide til god ledelse (KS) – lastet ned " + date, ""];
    notebook.querySelectorAll(".gl-notebook__chapter").forEach(function (chapter) {
      var title = chapter.querySelector(".gl-notebook__chapter-title").textContent.trim();
      lines.push(markdown ? "## " + title : title.toUpperCase(), "");
      chapter.querySelectorAll(".gl-notebook__box").forEach(function (box) {
        var boxTitle = box.querySelector(".gl-notebook__box-title").textContent.trim();
        lines.push(markdown ? "### " + boxTitle : boxTitle, "");
        box.querySelectorAll("[data-gl-question]").forEach(function (item) {
          var question = item.querySelector("[data-gl-question-text]").textContent.trim();
          var answer = storage.get(ANSWER + item.getAttribute("data-gl-question")).trim();
          lines.push(markdown ? "**" + question + "**" : question, "");
          lines.push(answer || (markdown ? "_Ikke besvart._" : "(Ikke besvart.)"), "");
        });
      });
    });
    return lines.join("\n");
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    var link = element("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function button(text, onClick) {
    var node = element("button", "md-button gl-notebook__button", text);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function enhanceNotebook() {
    var notebook = document.querySelector("[data-gl-notebook]");
    if (!notebook) return;
    var status = statusFor(notebook.parentElement);
    notebook.querySelectorAll("[data-gl-question]").forEach(function (item) {
      addAnswerField(item, status);
    });
    var tools = element("div", "gl-notebook__tools");
    tools.setAttribute("role", "group");
    tools.setAttribute("aria-label", "Mine refleksjoner");
    tools.appendChild(button("Skriv ut", function () { window.print(); }));
    tools.appendChild(button("Last ned som Markdown", function () {
      download("mine-refleksjoner.md", "text/markdown", notebookText(notebook, "md"));
      status.textContent = "Filen mine-refleksjoner.md er lastet ned.";
    }));
    tools.appendChild(button("Last ned som tekst", function () {
      download("mine-refleksjoner.txt", "text/plain", notebookText(notebook, "txt"));
      status.textContent = "Filen mine-refleksjoner.txt er lastet ned.";
    }));
    tools.appendChild(button("Slett alle svar", function () {
      if (!window.confirm("Vil du slette alle svarene dine og avkrysningene i sjekklisten? " +
          "Dette kan ikke angres.")) return;
      storage.keys().forEach(function (key) { storage.set(key, ""); });
      notebook.querySelectorAll("textarea").forEach(function (field) { field.value = ""; });
      status.textContent = "Alle svar er slettet fra denne nettleseren.";
    }));
    var note = element("p", "gl-reflection__privacy", PRIVACY);
    notebook.insertAdjacentElement("beforebegin", note);
    notebook.insertAdjacentElement("beforebegin", tools);
  }

  function start() {
    document.documentElement.classList.add("gl-js");
    enhanceReflectionBoxes();
    enhanceChecklist();
    enhanceNotebook();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
