// Questionnaire pages. The page works without this script (save and continue).
// - Long answers: say "not saved yet" while typing; htmx saves a second after
//   typing stops and reports "saved" in the same aria-live region.
// - Choices (radios, boxes, lists): saved as soon as they change, and the
//   section's questions are asked for again with the answers on the page, so a
//   follow-up question appears (or goes) at once, and the progress bar and the
//   section list follow the saved answers (a long answer's save swaps them in
//   out of band). Only new questions are
//   inserted and gone ones removed: the questions already on the page, and
//   what is typed in them, are never replaced. One request at a time, so each
//   save carries the value the previous one stored.
// - Leaving the page with answers not saved yet asks first (not after Save).
(function () {
  "use strict";
  var pending = {
    en: "Not saved yet…",
    nn: "Ikkje lagra enno …"
  }[document.documentElement.lang] || "Ikke lagret ennå …";
  var unsaved = {};   // field name -> true while its answer is not saved
  var toSave = {};    // choice names waiting for the next request
  var busy = false;
  var submitting = false;

  function isChoice(el) {
    return el.matches && el.matches("input[type=radio], input[type=checkbox], select");
  }

  function statusFor(name) {
    return document.getElementById("autosave-" + name.replace(/[._]/g, "-"));
  }

  function questions() {
    var list = document.getElementById("section-questions");
    return list && list.dataset.liveUrl ? list : null;
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    var list = questions();
    if (!list || !field.name || !list.contains(field)) { return; }
    unsaved[field.name] = true;
    if (field.matches("textarea[hx-post]")) {
      var status = document.getElementById(field.getAttribute("aria-describedby").split(" ")[0]);
      if (status) { status.textContent = pending; }
    }
  });

  // A long answer's save reports in its status line; a saved one carries data-saved.
  document.addEventListener("htmx:afterSwap", function (event) {
    var status = event.detail.target;
    if (!status || !status.id || status.id.indexOf("autosave-") !== 0) { return; }
    var area = document.querySelector('[aria-describedby~="' + status.id + '"]');
    if (area && status.querySelector("[data-saved]")) { delete unsaved[area.name]; }
  });

  function merge(list, fresh) {
    var wanted = {};
    fresh.querySelectorAll(":scope > .question").forEach(function (q) { wanted[q.id] = true; });
    list.querySelectorAll(":scope > .question").forEach(function (q) {
      if (!wanted[q.id]) {
        q.querySelectorAll("[name]").forEach(function (f) { delete unsaved[f.name]; });
        q.remove();
      }
    });
    var previous = null;
    Array.prototype.slice.call(fresh.querySelectorAll(":scope > .question")).forEach(function (q) {
      var here = document.getElementById(q.id);
      if (here) { previous = here; return; }
      if (previous) { previous.after(q); } else { list.prepend(q); }
      if (window.htmx) { window.htmx.process(q); }
      previous = q;
    });
  }

  function report(doc) {
    doc.querySelectorAll(".choice-saved").forEach(function (note) {
      var status = document.getElementById(note.dataset.status);
      if (status) { status.textContent = note.textContent; }
      var mine = document.getElementById(note.dataset.orig);
      var theirs = doc.getElementById(note.dataset.orig);
      if (!mine) { return; }
      var name = mine.name.slice("_orig.".length);
      if (note.hasAttribute("data-saved") && theirs) {
        mine.value = theirs.value;
        if (!toSave[name]) { delete unsaved[name]; }  // unless changed again since
      } else {
        unsaved[name] = true;
      }
    });
  }

  // A saved choice may finish a section: the progress bar and the section
  // list come back with the answer and replace the ones on the page.
  function progress(doc) {
    ["section-progress", "section-list"].forEach(function (id) {
      var fresh = doc.getElementById(id);
      var here = document.getElementById(id);
      if (!fresh || !here) { return; }
      fresh.removeAttribute("hx-swap-oob");
      here.replaceWith(document.importNode(fresh, true));
    });
  }

  function send() {
    var list = questions();
    if (!list || busy) { return; }
    busy = true;
    var sent = Object.keys(toSave);
    toSave = {};
    var body = new FormData(list.closest("form"));
    sent.forEach(function (name) { body.append("_save", name); });
    fetch(list.dataset.liveUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.ok && response.status === 200 ? response.text() : null;
    }).then(function (html) {
      if (html === null) { return; }
      var doc = new DOMParser().parseFromString(html, "text/html");
      var fresh = doc.getElementById("section-questions");
      if (fresh) { merge(list, fresh); }
      report(doc);
      progress(doc);
      var news = doc.getElementById("questions-news-text");
      var live = document.getElementById("questions-news");
      if (news && live && news.textContent.trim()) { live.textContent = news.textContent; }
    }).catch(function () { /* the save buttons still work */ }).then(function () {
      busy = false;
      if (Object.keys(toSave).length) { send(); }
    });
  }

  document.addEventListener("change", function (event) {
    var list = questions();
    if (!list || !window.fetch) { return; }
    var field = event.target;
    if (!isChoice(field) || !list.contains(field)) { return; }
    unsaved[field.name] = true;
    toSave[field.name] = true;
    var status = statusFor(field.name);
    if (status) { status.textContent = pending; }
    send();
  });

  document.addEventListener("submit", function () { submitting = true; });

  window.addEventListener("beforeunload", function (event) {
    if (submitting || !Object.keys(unsaved).length) { return; }
    event.preventDefault();
    event.returnValue = "";
  });
})();
