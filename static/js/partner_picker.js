/* The partner picker (agreements/picker.py): an editable combobox with a
 * listbox popup and list autocomplete, as in the WAI-ARIA 1.2 Authoring
 * Practices. htmx fills the listbox as the user types; this script moves the
 * visual focus (aria-activedescendant), chooses, removes and announces.
 *
 * Keys in the text box: Down/Up move through the options (opening the list),
 * Alt+Down opens it, Enter chooses the active option, Escape closes the list
 * (or clears the text when it is closed), Tab closes it. */
(function () {
  "use strict";

  function setup(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var input = root.querySelector("[role=combobox]");
    var listbox = root.querySelector("[role=listbox]");
    var chosen = root.querySelector(".partner-chosen");
    var status = root.querySelector("[data-picker-status]");
    var name = root.dataset.name;
    var multiple = root.hasAttribute("data-multiple");
    var active = -1;

    function options() {
      return Array.prototype.slice.call(
        listbox.querySelectorAll("[role=option]:not([aria-disabled=true])")
      );
    }
    function isOpen() { return !listbox.hidden; }
    function open() {
      if (!listbox.querySelector("[role=option]")) return;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      move(-1);
    }
    function move(index) {
      var all = options();
      all.forEach(function (o) {
        o.setAttribute("aria-selected", "false");
        o.classList.remove("active");
      });
      active = index;
      if (index < 0 || index >= all.length) {
        active = -1;
        input.removeAttribute("aria-activedescendant");
        return;
      }
      var option = all[index];
      option.setAttribute("aria-selected", "true");
      option.classList.add("active");
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }
    function say(text) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
    function changed() {
      root.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function chip(value, label) {
      var item = document.createElement("li");
      item.className = "partner-chip";
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = name;
      hidden.value = value;
      var text = document.createElement("span");
      text.textContent = label;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "partner-remove";
      remove.setAttribute("aria-label", root.dataset.removeLabel.replace("{name}", label));
      remove.textContent = "\u00d7";
      item.append(hidden, text, " ", remove);
      return item;
    }
    function choose(option) {
      if (option.dataset.propose !== undefined) {
        propose(option.dataset.propose);
        return;
      }
      var value = option.dataset.value;
      var label = option.dataset.name + " (" + option.dataset.country + ")";
      if (!multiple) chosen.innerHTML = "";
      var present = chosen.querySelector('input[value="' + value + '"]');
      if (!present) chosen.append(chip(value, label));
      input.value = "";
      close();
      listbox.innerHTML = "";
      say(root.dataset.addedLabel.replace("{name}", label));
      changed();
    }
    function propose(text) {
      var details = document.querySelector(root.dataset.propose);
      if (!details) return;
      chosen.innerHTML = "";
      details.open = true;
      var field = details.querySelector("input[type=text], input:not([type])");
      if (field) field.value = text;
      input.value = "";
      close();
      listbox.innerHTML = "";
      var next = details.querySelector("select, input[type=url]");
      (next || field || details).focus();
      changed();
    }

    input.addEventListener("keydown", function (event) {
      var count = options().length;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!isOpen()) { open(); if (!event.altKey) move(0); return; }
        if (count) move(active + 1 >= count ? 0 : active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (!isOpen()) { open(); move(count - 1); return; }
        if (count) move(active <= 0 ? count - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (isOpen() && active >= 0) {
          event.preventDefault();
          choose(options()[active]);
        } else if (input.value) {
          event.preventDefault(); // never submit the form from the search box
        }
      } else if (event.key === "Escape") {
        if (isOpen()) { event.preventDefault(); close(); }
        else if (input.value) { event.preventDefault(); input.value = ""; }
      } else if (event.key === "Tab") {
        close();
      }
    });
    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });
    listbox.addEventListener("mousedown", function (event) {
      event.preventDefault(); // keep the focus in the text box
    });
    listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]:not([aria-disabled=true])");
      if (option) choose(option);
    });
    chosen.addEventListener("click", function (event) {
      var button = event.target.closest(".partner-remove");
      if (!button) return;
      var item = button.closest("li");
      var label = item.querySelector("span").textContent.trim();
      item.remove();
      say(root.dataset.removedLabel.replace("{name}", label));
      input.focus();
      changed();
    });
    listbox.addEventListener("htmx:afterSwap", function () {
      var count = options().length;
      var found = listbox.querySelectorAll("[data-value]").length;
      active = -1;
      if (listbox.querySelector("[role=option]") && input.value.trim().length > 1) {
        open();
      } else {
        close();
      }
      say(root.dataset.foundLabel.replace("{n}", String(found)));
      if (count === 0) input.removeAttribute("aria-activedescendant");
    });
    input.addEventListener("input", function () {
      if (input.value.trim().length < 2) { close(); listbox.innerHTML = ""; }
    });
  }

  function all() {
    document.querySelectorAll("[data-partner-picker]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", all);
  } else {
    all();
  }
})();
