// The progress of an import run in the background: the status region of the page is fetched again
// every two seconds (its aria-live region announces it); once the import is done, the page reloads
// to show its result. Without JavaScript, a <noscript> refresh reloads the whole page.
(function () {
  "use strict";
  const region = document.getElementById("suivi-import");
  if (!region) {
    return;
  }
  async function poll() {
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin" });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById("suivi-import");
      if (!fresh) {
        window.location.reload();
        return;
      }
      region.querySelector("[role=status]").replaceChildren(...fresh.querySelector("[role=status]").childNodes);
    } catch (error) {
      // A network hiccup: the next round tries again.
    }
    window.setTimeout(poll, 2000);
  }
  window.setTimeout(poll, 2000);
})();
