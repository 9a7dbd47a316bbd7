// Samarbeidssjekk: small progressive enhancements. Pages work without JavaScript.
(function () {
  "use strict";
  // Send the CSRF token with every htmx request.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) { event.detail.headers["X-CSRFToken"] = token.value; }
  });
  // Filters fold into a <details> on phones; on wider screens they start open.
  if (window.matchMedia("(min-width: 768px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (d) {
      d.open = true;
    });
  }
  // Long text fields: a live count of the characters left, so the limit
  // never cuts text without warning (maxlength stops typing silently).
  var lang = (document.documentElement.lang || "nb").slice(0, 2);
  var words = {
    en: ["{n} characters left", "{n} characters too many"],
    nn: ["{n} teikn att", "{n} teikn for mykje"],
    nb: ["{n} tegn igjen", "{n} tegn for mye"]
  }[lang] || ["{n} tegn igjen", "{n} tegn for mye"];
  document.querySelectorAll("textarea[maxlength]").forEach(function (area, index) {
    var max = parseInt(area.getAttribute("maxlength"), 10);
    if (!(max >= 1000)) { return; }
    var counter = document.createElement("div");
    counter.className = "form-text char-count";
    counter.id = (area.id || "text-" + index) + "-count";
    var live = document.createElement("div");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", counter);
    counter.insertAdjacentElement("afterend", live);
    var described = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    var timer = null;
    function update() {
      var left = max - area.value.length;
      var text = (left >= 0 ? words[0] : words[1])
        .replace("{n}", Math.abs(left).toLocaleString(lang === "en" ? "en" : "nb"));
      counter.textContent = text;
      counter.classList.toggle("text-danger", left < max / 20);
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { live.textContent = text; }, 1000);
    }
    area.addEventListener("input", update);
    counter.textContent = (words[0]).replace(
      "{n}", (max - area.value.length).toLocaleString(lang === "en" ? "en" : "nb"));
  });
})();
