// What Material leaves to do for keyboard and screen reader users, on every page it shows (instant loading too).
(() => {
  // Code blocks hold their buttons (copy) in a <nav> without a name: a page with several code blocks had several
  // unnamed navigation landmarks. They are one code block's buttons, not navigation.
  function unmarkCodeNavs(root) {
    root.querySelectorAll("nav.md-code__nav").forEach((nav) => nav.setAttribute("role", "none"));
  }

  // A code block wider than the page scrolls; Material lets the keyboard reach it only where the device can hover.
  const sizes = new ResizeObserver((records) => records.forEach(({ target }) => {
    if (target.scrollWidth > target.clientWidth) {
      target.setAttribute("tabindex", "0");
    }
  }));

  function watch(root) {
    if (root.nodeType !== 1) {
      return;
    }
    unmarkCodeNavs(root.parentNode || root);
    const blocks = root.matches("pre > code") ? [root] : [...root.querySelectorAll("pre > code")];
    blocks.forEach((block) => sizes.observe(block));
  }

  new MutationObserver((records) => records.forEach((record) => record.addedNodes.forEach(watch)))
    .observe(document.documentElement, { childList: true, subtree: true });
  watch(document.documentElement);
})();
