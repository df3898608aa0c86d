// A list's search box and its filters are two forms: a search typed but not yet sent goes with the
// filters (or the year) when they are sent, rather than the last search sent. Without this script,
// the filters keep the last search sent, as the server wrote it in a hidden field.
(() => {
  "use strict";

  document.addEventListener("submit", (event) => {
    const form = event.target;
    const search = document.querySelector("form.search-form input[name=q]");
    if (!search || form.contains(search) || form.method.toLowerCase() !== "get") {
      return;
    }
    let sent = form.querySelector("input[name=q]");
    if (!search.value) {
      sent?.remove();
      return;
    }
    if (!sent) {
      sent = Object.assign(document.createElement("input"), { type: "hidden", name: "q" });
      form.append(sent);
    }
    sent.value = search.value;
  });
})();
