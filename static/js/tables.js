// A table wider than the screen scrolls inside its .table-responsive box: the box then takes the
// focus, so that the keyboard scrolls it too, and is named after the table's caption. Checked again
// when the window changes size (a phone turned, a zoom).
(() => {
  "use strict";

  function update() {
    document.querySelectorAll(".table-responsive").forEach((box) => {
      const scrolls = box.scrollWidth > box.clientWidth;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.tabIndex = 0;
        box.dataset.focusableScroll = "";
        const caption = box.querySelector("caption");
        if (caption) {
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", caption.textContent.trim());
        }
      } else if (!scrolls && "focusableScroll" in box.dataset) {
        ["tabindex", "role", "aria-label", "data-focusable-scroll"].forEach((name) => box.removeAttribute(name));
      }
    });
  }

  update();
  window.addEventListener("resize", update);
})();
