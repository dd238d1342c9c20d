// "Copy as Markdown" on code pages: copies the page's Markdown twin (index.md beside it) to the clipboard.
// The button stays hidden without JavaScript; the links to the twins work either way.
(() => {
  "use strict";

  function init() {
    for (const button of document.querySelectorAll("[data-copy-markdown]")) {
      if (button.dataset.ready) continue;
      button.dataset.ready = "true";
      button.hidden = false;
      const status = button.parentElement.querySelector("[role=status]");
      button.addEventListener("click", async () => {
        try {
          const response = await fetch(new URL(button.dataset.copyMarkdown, location.href));
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          await navigator.clipboard.writeText(await response.text());
          if (status) status.textContent = "Copied.";
        } catch (error) {
          if (status) status.textContent = "Could not copy; open the Markdown link instead.";
        }
      });
    }
  }

  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
