// Questionnaire pages. The page works without this script (save and continue).
// - Long answers: say "not saved yet" while typing; htmx saves a second after
//   typing stops and reports "saved" in the same aria-live region.
// - Choices: when a radio, box or list changes, the section's questions are
//   asked for again with the answers on the page, so a follow-up question
//   appears (or goes) at once. Only new questions are inserted and gone ones
//   removed: the questions already on the page, and what is typed in them, are
//   never replaced.
(function () {
  "use strict";
  var pending = document.documentElement.lang === "en" ? "Not saved yet…" : "Ikke lagret ennå …";
  var asked = 0;

  function isChoice(el) {
    return el.matches && el.matches("input[type=radio], input[type=checkbox], select");
  }

  document.addEventListener("input", function (event) {
    var area = event.target;
    if (!area.matches || !area.matches("textarea[hx-post]")) { return; }
    var status = document.getElementById(area.getAttribute("aria-describedby").split(" ")[0]);
    if (status) { status.textContent = pending; }
  });

  function merge(list, fresh) {
    var wanted = {};
    fresh.querySelectorAll(":scope > .question").forEach(function (q) { wanted[q.id] = true; });
    list.querySelectorAll(":scope > .question").forEach(function (q) {
      if (!wanted[q.id]) { q.remove(); }
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

  document.addEventListener("change", function (event) {
    var list = document.getElementById("section-questions");
    if (!list || !list.dataset.liveUrl || !window.fetch) { return; }
    if (!isChoice(event.target) || !list.contains(event.target)) { return; }
    var form = list.closest("form");
    var mine = ++asked;
    fetch(list.dataset.liveUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.ok && response.status === 200 ? response.text() : null;
    }).then(function (html) {
      if (html === null || mine !== asked) { return; }  // a later change wins
      var doc = new DOMParser().parseFromString(html, "text/html");
      var fresh = doc.getElementById("section-questions");
      if (!fresh) { return; }
      merge(list, fresh);
      var news = doc.getElementById("questions-news-text");
      var live = document.getElementById("questions-news");
      if (news && live) { live.textContent = news.textContent; }
    }).catch(function () { /* the save buttons still work */ });
  });
})();
