// Questionnaire pages: say "not saved yet" while a long answer is being typed;
// htmx saves it a second after typing stops and reports "saved" in the same
// aria-live region. The page works without this script.
(function () {
  "use strict";
  var pending = document.documentElement.lang === "en" ? "Not saved yet…" : "Ikke lagret ennå …";
  document.querySelectorAll("textarea[hx-post]").forEach(function (area) {
    var status = document.getElementById(area.getAttribute("aria-describedby").split(" ")[0]);
    area.addEventListener("input", function () {
      if (status) { status.textContent = pending; }
    });
  });
})();
