// Turns every <select data-combobox-url> (cbe_portal.widgets.Autocomplete) into a WAI-ARIA 1.2
// combobox with a listbox popup: the user types, the lookup answers, the choice goes into the
// select, which stays in the form (hidden) and is what the server receives.
(() => {
  "use strict";

  const DELAY = 250;
  const plural = (count) =>
    count === 0 ? "Aucun résultat" : count === 1 ? "1 résultat" : `${count} résultats`;

  function enhance(select, index) {
    const multiple = select.multiple;
    const minLength = Number(select.dataset.comboboxMin || 2);
    const base = select.id || `combobox-${index}`;
    const label = select.id ? document.querySelector(`label[for="${CSS.escape(select.id)}"]`) : null;

    const wrapper = document.createElement("div");
    wrapper.className = "combobox";
    const input = document.createElement("input");
    input.type = "text";
    input.id = `${base}-combobox`;
    input.className = "form-control";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", `${base}-listbox`);
    const listbox = document.createElement("ul");
    listbox.id = `${base}-listbox`;
    listbox.className = "combobox-listbox";
    listbox.setAttribute("role", "listbox");
    listbox.hidden = true;
    const hint = document.createElement("span");
    hint.id = `${base}-hint`;
    hint.className = "visually-hidden";
    hint.textContent = `Tapez au moins ${minLength} lettres, puis choisissez avec les flèches haut et bas et Entrée.`;
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    const chosenList = document.createElement("ul");
    chosenList.className = "combobox-chosen";
    chosenList.setAttribute("aria-label", "Sélection");

    // The visible label now names the text input; errors and help stay attached to it.
    if (label) {
      label.htmlFor = input.id;
      if (!label.id) label.id = `${base}-label`;
      listbox.setAttribute("aria-labelledby", label.id);
    }
    const describedBy = [hint.id, select.getAttribute("aria-describedby")].filter(Boolean).join(" ");
    input.setAttribute("aria-describedby", describedBy);
    if (select.getAttribute("aria-invalid")) input.setAttribute("aria-invalid", select.getAttribute("aria-invalid"));
    if (select.classList.contains("is-invalid")) input.classList.add("is-invalid");
    if (select.required) {
      input.setAttribute("aria-required", "true");
      select.required = false; // a hidden control must not block the browser's own validation
    }
    select.hidden = true;
    select.tabIndex = -1;
    wrapper.append(input, listbox, hint, status);
    if (multiple) wrapper.append(chosenList);
    select.after(wrapper);
    // The error summary's link to the field (templates/bootstrap5/errors.html) now leads to the input.
    if (select.id) {
      document.querySelectorAll(`a[href="#${CSS.escape(select.id)}"]`).forEach((link) => {
        link.hash = input.id;
      });
    }

    let results = [];
    let active = -1;
    let timer = null;
    let request = null;

    const selectedOption = () => (select.selectedIndex >= 0 ? select.options[select.selectedIndex] : null);
    const shownText = () => {
      const option = selectedOption();
      return !multiple && option && option.value ? option.text : "";
    };

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(position) {
      const options = listbox.children;
      if (active >= 0 && options[active]) {
        options[active].setAttribute("aria-selected", "false");
        options[active].classList.remove("combobox-option-active");
      }
      active = position;
      if (active < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      const option = options[active];
      option.setAttribute("aria-selected", "true");
      option.classList.add("combobox-option-active");
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }

    function show(found) {
      results = found;
      listbox.replaceChildren(
        ...found.map((result, position) => {
          const option = document.createElement("li");
          option.id = `${base}-option-${position}`;
          option.className = "combobox-option";
          option.setAttribute("role", "option");
          option.setAttribute("aria-selected", "false");
          option.textContent = result.label;
          return option;
        }),
      );
      active = -1;
      listbox.hidden = found.length === 0;
      input.setAttribute("aria-expanded", String(found.length > 0));
      status.textContent = plural(found.length);
    }

    function renderChosen() {
      chosenList.replaceChildren(
        ...Array.from(select.selectedOptions, (option) => {
          const item = document.createElement("li");
          const remove = document.createElement("button");
          remove.type = "button";
          remove.className = "btn btn-link btn-sm combobox-remove";
          remove.textContent = "Retirer";
          remove.setAttribute("aria-label", `Retirer ${option.text}`);
          remove.addEventListener("click", () => {
            option.remove();
            renderChosen();
            status.textContent = `${option.text} retiré de la sélection`;
            input.focus();
          });
          item.append(option.text, " ", remove);
          return item;
        }),
      );
      chosenList.hidden = select.selectedOptions.length === 0;
    }

    function choose(position) {
      const result = results[position];
      const value = String(result.id);
      let option = Array.from(select.options).find((candidate) => candidate.value === value);
      if (!option) {
        option = new Option(result.label, value);
        select.add(option);
      }
      option.selected = true;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      close();
      if (multiple) {
        input.value = "";
        renderChosen();
        status.textContent = `${result.label} ajouté à la sélection`;
      } else {
        input.value = result.label;
        status.textContent = `${result.label} choisi`;
      }
    }

    function search() {
      const text = input.value.trim();
      if (request) request.abort();
      if (text.length < minLength) {
        results = [];
        close();
        return;
      }
      request = new AbortController();
      const url = new URL(select.dataset.comboboxUrl, window.location.href);
      url.searchParams.set("q", text);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", signal: request.signal })
        .then((response) => {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then((data) => {
          if (document.activeElement === input) show(data.results);
        })
        .catch((error) => {
          if (error.name !== "AbortError") status.textContent = "La recherche est indisponible pour le moment.";
        });
    }

    input.addEventListener("input", () => {
      // Emptying an optional single choice clears it; anything else waits for a chosen option.
      if (!multiple && input.value === "" && select.querySelector('option[value=""]')) select.value = "";
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY);
    });

    input.addEventListener("keydown", (event) => {
      const open = !listbox.hidden;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!open && results.length) {
            listbox.hidden = false;
            input.setAttribute("aria-expanded", "true");
          }
          if (results.length) setActive(Math.min(active + 1, results.length - 1));
          break;
        case "ArrowUp":
          event.preventDefault();
          if (open && active > 0) setActive(active - 1);
          break;
        case "Enter":
          if (open && active >= 0) {
            event.preventDefault(); // choose, do not submit the form
            choose(active);
          }
          break;
        case "Escape":
          if (open) {
            event.preventDefault();
            close();
          }
          break;
        case "Tab":
          close();
          break;
        default:
      }
    });

    // Focus stays in the input while the pointer chooses an option.
    listbox.addEventListener("mousedown", (event) => event.preventDefault());
    listbox.addEventListener("click", (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) choose(Array.prototype.indexOf.call(listbox.children, option));
    });

    // Leaving the field shows what will be sent: typed text that chose nothing is dropped.
    input.addEventListener("blur", () => {
      window.clearTimeout(timer);
      if (request) request.abort();
      close();
      results = [];
      listbox.replaceChildren();
      input.value = shownText();
    });

    input.value = shownText();
    if (multiple) renderChosen();
  }

  document.querySelectorAll("select[data-combobox-url]").forEach(enhance);
})();
