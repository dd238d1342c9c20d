/* The site's one search field: the combobox in the header, or on the home, /lookup/ and 404 pages the box in
 * the page instead. Errors come first, from the lookup (lookup-core.js, lookup-index.json); then sections of pages
 * that hold the words typed (lookup-pages.js, page-index.json). The engine and the indexes load when a reader moves
 * to a field, or when a page runs a query of its own (/lookup/?q=, the 404 page). This file only does the DOM;
 * everything shown comes from the generated indexes and is set with textContent.
 */
(function () {
  "use strict";

  let Core = window.ErrorLookupCore || null;
  let Pages = window.ErrorLookupPages || null;
  const siteRoot = new URL("..", document.currentScript.src);
  let labels = { retry: {}, lifecycle: {} }; // the index's words for retry verdicts and lifecycle states
  const KIND_LABELS = { status: "HTTP status" };
  const WARM_UP_QUERIES = ["10000", "error code", "Error: code=100 (x)"]; // a number, words, a paste
  const ALSO_KEY = "error-lookup:also";
  let enginePromise = null;
  let indexPromise = null;
  let pagesPromise = null;
  let boxCount = 0;

  /** The search's engine (the scripts the page names in its template #error-lookup-engine, run in order), loaded
   * the first time a reader moves to the field: a page that is only read never downloads it. */
  function loadEngine() {
    if (!enginePromise) {
      enginePromise = new Promise((resolve, reject) => {
        if (Core && Pages) {
          resolve();
          return;
        }
        const template = document.getElementById("error-lookup-engine");
        const sources = template
          ? [...template.content.querySelectorAll("script[src]")].map((s) => new URL(s.getAttribute("src"), document.baseURI))
          : [];
        if (!sources.length) {
          reject(new Error("This page names no lookup engine."));
          return;
        }
        const scripts = sources.map((source) => {
          const script = document.createElement("script");
          script.src = source.href;
          script.async = false;
          return script;
        });
        const last = scripts[scripts.length - 1];
        last.addEventListener("load", () => {
          Core = window.ErrorLookupCore;
          Pages = window.ErrorLookupPages;
          return Core && Pages ? resolve() : reject(new Error("The lookup engine did not load."));
        });
        scripts.forEach((script) => script.addEventListener("error", () => reject(new Error(`${script.src}: not loaded`))));
        document.head.append(...scripts);
      });
    }
    return enginePromise;
  }

  function loadIndex() {
    if (!indexPromise) {
      const fetched = fetch(new URL("lookup-index.json", siteRoot)).then((response) => {
        if (!response.ok) {
          throw new Error(`lookup-index.json: HTTP ${response.status}`);
        }
        return response.json();
      });
      indexPromise = Promise.all([fetched, loadEngine()])
        .then(([raw]) => {
          const index = Core.createIndex(raw);
          labels = index.labels;
          performance.mark("error-lookup:ready");
          document.documentElement.dataset.errorLookup = "ready";
          prepareWhenIdle(index);
          return index;
        });
    }
    return indexPromise;
  }

  /** The page index, or an empty one if it cannot be loaded (errors still answer). */
  function loadPages() {
    if (!pagesPromise) {
      const fetched = fetch(new URL("page-index.json", siteRoot))
        .then((response) => (response.ok ? response.json() : { sections: [] }))
        .catch(() => ({ sections: [] }));
      pagesPromise = Promise.all([fetched, loadEngine()]).then(([raw]) => Pages.createIndex(raw));
    }
    return pagesPromise;
  }

  /** Start loading the engine and both indexes: the reader is about to type. */
  function warmUp() {
    loadIndex().catch(() => undefined);
    loadPages().catch(() => undefined);
  }

  /** Build what the lookup searches with, a step at a time when the page is idle or at the latest 50 ms later (a
   * query builds the rest at once), then run throwaway lookups so that the engine has compiled the matching code
   * before the first keystroke. */
  function prepareWhenIdle(index) {
    const idle = window.requestIdleCallback
      ? (callback) => window.requestIdleCallback(callback, { timeout: 50 })
      : (callback) => setTimeout(callback);
    idle(function step(deadline) {
      do {
        if (!Core.prepareStep(index)) {
          WARM_UP_QUERIES.forEach((query) => Core.lookup(index, query));
          performance.mark("error-lookup:prepared");
          return;
        }
      } while (deadline && deadline.timeRemaining() > 0);
      idle(step);
    });
  }

  /** A same-origin URL on this site for a path from the index, or null. */
  function siteUrl(path) {
    const target = new URL(path, siteRoot);
    return target.origin === location.origin && target.pathname.startsWith(siteRoot.pathname) ? target : null;
  }

  function navigate(path) {
    const target = siteUrl(path);
    if (target) {
      location.assign(target.href);
    }
  }

  /** Text of several lines as the one-line field shows it: each line break and the space around it as one space. */
  function oneLine(text) {
    return String(text).replace(/[ \t]*[\r\n]+[ \t]*/g, " ");
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null && text !== "") {
      node.textContent = String(text);
    }
    return node;
  }

  class LookupBox {
    constructor(container, mode) {
      this.mode = mode;
      this.id = `error-lookup${mode === "header" ? "" : `-${mode}-${++boxCount}`}`;
      this.container = container;
      this.active = -1;
      this.result = null;
      this.build();
    }

    build() {
      const root = element("div", `error-lookup error-lookup--${this.mode}`);
      root.setAttribute("role", this.mode === "header" ? "search" : "group");
      if (this.mode === "header") {
        root.setAttribute("aria-label", "Error lookup");
      }
      const label = element("label", this.mode === "header" ? "visually-hidden" : "error-lookup__label",
        "Search errors and pages");
      label.htmlFor = `${this.id}-input`;
      const field = element("div", "error-lookup__field");
      const input = element("input", "error-lookup__input");
      Object.assign(input, {
        id: `${this.id}-input`,
        type: "text",
        autocomplete: "off",
        spellcheck: false,
        placeholder: this.mode === "header" ? "Search errors and pages" : "1803, Agent not found, rate limits…",
      });
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-autocomplete", "list");
      input.setAttribute("aria-expanded", "false");
      input.setAttribute("aria-controls", `${this.id}-listbox`);
      input.setAttribute("aria-describedby", `${this.id}-status`);
      input.setAttribute("aria-keyshortcuts", "Control+K Meta+K");
      input.setAttribute("enterkeyhint", "go");
      field.append(input);
      if (this.mode === "header") {
        const hint = element("kbd", "error-lookup__shortcut", "Ctrl K");
        hint.setAttribute("aria-hidden", "true");
        field.append(hint);
      }
      const panel = element("div", "error-lookup__panel");
      const status = element("p", "error-lookup__status");
      status.id = `${this.id}-status`;
      status.setAttribute("aria-live", "polite");
      const listbox = element("div", "error-lookup__listbox");
      listbox.id = `${this.id}-listbox`;
      listbox.setAttribute("role", "listbox");
      listbox.setAttribute("aria-label", "Matching errors and pages");
      const more = element("a", "error-lookup__more", "See all results");
      more.hidden = true;
      panel.append(status, listbox, more);
      root.append(label, field, panel);
      this.container.append(root);
      Object.assign(this, { root, input, panel, status, listbox, more });
      this.setOpen(this.mode !== "header");

      input.addEventListener("input", () => this.update());
      input.addEventListener("paste", (event) => this.onPaste(event));
      input.addEventListener("keydown", (event) => this.onKey(event));
      root.addEventListener("pointerenter", warmUp, { once: true });
      input.addEventListener("focus", () => {
        warmUp();
        if (this.mode === "header" && this.input.value.trim()) {
          this.setOpen(true);
        }
      });
      root.addEventListener("focusout", (event) => {
        if (this.mode === "header" && !root.contains(event.relatedTarget)) {
          this.setOpen(false);
        }
      });
      listbox.addEventListener("mousedown", (event) => event.preventDefault());
      listbox.addEventListener("click", (event) => {
        const option = event.target.closest("[role=option]");
        if (option) {
          this.remember(option.dataset.path);
        }
      });
    }

    setOpen(open) {
      if (!open && this.active >= 0) {
        this.activate(-1);
      }
      this.panel.hidden = !open;
      this.input.setAttribute("aria-expanded", String(open && this.listbox.childElementCount > 0));
    }

    /** What to look up: the text as pasted, line breaks and all, while the one-line field still shows it. */
    text() {
      const value = this.input.value;
      return this.pasted && this.pasted.shown === value ? this.pasted.text : value;
    }

    /** A paste of several lines: the field shows it on one line, the lookup reads the lines. */
    onPaste(event) {
      const text = event.clipboardData ? event.clipboardData.getData("text/plain") : "";
      if (!/[\r\n]/.test(text)) {
        return;
      }
      event.preventDefault();
      const { selectionStart, selectionEnd, value } = this.input;
      const whole = selectionStart === 0 && selectionEnd === value.length;
      this.input.setRangeText(oneLine(text), selectionStart, selectionEnd, "end");
      this.pasted = whole ? { shown: this.input.value, text } : null;
      this.update();
    }

    update() {
      const shown = this.input.value;
      const query = this.text();
      if (this.mode === "page") {
        this.keepQueryInUrl(shown, query);
      }
      if (!query.trim()) {
        this.show(null, shown);
        return;
      }
      Promise.all([loadIndex(), loadPages()]).then(
        ([index, pages]) => {
          if (this.input.value === shown) {
            const result = Core.lookup(index, query, { limit: this.mode === "header" ? 8 : Core.LIMIT });
            this.show({ ...result, pages: Pages.search(pages, query, Pages.LIMIT, pagePath().slice(1)) }, shown);
          }
        },
        () => {
          this.status.textContent = "The error index could not be loaded. Reload the page to try again.";
        },
      );
    }

    keepQueryInUrl(shown, query) {
      if (this.input.value !== shown) {
        return;
      }
      const url = new URL(location.href);
      if (query.trim() && query.length <= 2000) {
        url.searchParams.set("q", query);
      } else {
        url.searchParams.delete("q");
      }
      history.replaceState(history.state, "", url);
    }

    show(result, query) {
      this.result = result;
      this.active = -1;
      this.input.removeAttribute("aria-activedescendant");
      const options = result ? result.items.map((item, i) => this.option(item, i)) : [];
      const pages = result && result.pages ? result.pages : [];
      const pageOptions = pages.map((item, i) => this.pageOption(item, options.length + i));
      this.listbox.replaceChildren(...this.grouped(result, options), ...this.pagesGroup(pageOptions, options.length));
      this.listbox.dataset.query = query;
      const onPages = !pages.length ? ""
        : ` ${pages.length === 1 ? "1 page section mentions it" : `${pages.length} page sections mention it`}.`;
      if (!result) {
        this.status.textContent = "";
      } else if (!result.total && pages.length) {
        this.status.textContent = `No error matches this.${onPages}`;
      } else if (!result.total) {
        this.status.textContent = this.mode === "inline"
          ? "Nothing on this site is close to this address. Look the error up by its code, name or message below."
          : "Nothing on this site matches this. Try the code alone, the error name, or a few words of the message.";
      } else {
        const count = result.total === 1 ? "1 match" : `${result.total} matches`;
        const shown = result.total > result.items.length ? `, the first ${result.items.length} shown` : "";
        const split = result.ambiguous
          ? ` It matches errors in ${result.ambiguous.length} catalogs (${result.ambiguous.join(", ")}) and does not say which; they are grouped by catalog.`
          : "";
        this.status.textContent = `${result.interpretation ? result.interpretation + " " : ""}${count}${shown}.${split}${onPages}`;
      }
      const showMore = Boolean(result) && result.total > result.items.length && this.mode !== "page";
      this.more.hidden = !showMore;
      if (showMore) {
        const target = siteUrl("lookup/");
        target.searchParams.set("q", query.slice(0, 2000));
        this.more.href = target.href;
      }
      this.setOpen(this.mode !== "header" || (Boolean(result) && document.activeElement === this.input));
    }

    /** A real link (open in a new tab, copy its address) in the role of an option of the combobox. */
    optionLink(kind, url, position) {
      const option = element("a", `error-lookup__option error-lookup__option--${kind}`);
      option.id = `${this.id}-option-${position}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.tabIndex = -1;
      const target = siteUrl(url);
      if (target) {
        option.href = target.href;
      }
      option.dataset.path = url;
      option.dataset.url = target ? target.pathname + target.hash : "";
      option.dataset.kind = kind;
      return option;
    }

    /** A section of a page that holds the words typed, as an option after the errors. */
    pageOption(item, position) {
      const option = this.optionLink("page", item.url, position);
      const head = element("span", "error-lookup__head");
      head.append(element("span", "error-lookup__name", item.section || item.page));
      const where = [item.catalog, item.section && item.section !== item.page ? item.page : ""].filter(Boolean);
      option.append(head, element("span", "error-lookup__description", item.snippet),
        element("span", "error-lookup__where", where.join(" · ")));
      return option;
    }

    /** The page sections, under their own heading after the errors. */
    pagesGroup(options, errors) {
      if (!options.length) {
        return [];
      }
      const group = element("div", "error-lookup__group error-lookup__group--pages");
      group.setAttribute("role", "group");
      const label = element("div", "error-lookup__group-label", errors ? "In the pages" : "Pages");
      label.id = `${this.id}-group-pages`;
      label.setAttribute("role", "presentation");
      group.setAttribute("aria-labelledby", label.id);
      group.append(label, ...options);
      return [group];
    }

    option(item, position) {
      const option = this.optionLink(item.kind, item.url, position);
      const head = element("span", "error-lookup__head");
      const code = item.kind === "range" ? item.label : item.kind === "status" ? item.status : item.code;
      head.append(element("span", "error-lookup__code", code), element("span", "error-lookup__name", item.name));
      if ((item.kind === "entry" || item.kind === "message") && (item.status !== null || item.http)) {
        head.append(element("span", "error-lookup__badge", item.status === null ? "no HTTP status" : `HTTP ${item.status}`));
      }
      if (item.severity && item.severity !== "error") {
        head.append(element("span", `error-lookup__badge error-lookup__badge--${item.severity}`, item.severity));
      }
      if (item.retryable && Object.hasOwn(labels.retry, item.retryable)) {
        head.append(element("span", `error-lookup__badge error-lookup__badge--${item.retryable}`, labels.retry[item.retryable]));
      }
      for (const [label, value] of item.facts || []) {
        head.append(element("span", "error-lookup__badge error-lookup__badge--fact", `${label} ${value}`));
      }
      if (Object.hasOwn(labels.lifecycle, item.lifecycle)) {
        head.append(element("span", `error-lookup__badge error-lookup__badge--${item.lifecycle}`, labels.lifecycle[item.lifecycle]));
      }
      const kind = item.kind === "range" ? item.term : KIND_LABELS[item.kind];
      const where = [item.catalog, item.system, kind, item.match].filter(Boolean).join(" · ");
      const description = element("span", "error-lookup__description", item.description);
      if (item.lang) {
        description.lang = item.lang; // a translated message, read out in its language
      }
      option.append(head, description);
      if (item.hint) {
        option.append(element("span", "error-lookup__hint", item.hint));
      }
      option.append(element("span", "error-lookup__where", where));
      return option;
    }

    /** The options as they are listed: under a heading per catalog when they come from more than one. */
    grouped(result, options) {
      const catalogs = [...new Set((result ? result.items : []).map((item) => item.catalog).filter(Boolean))];
      if (catalogs.length < 2) {
        return options;
      }
      return catalogs.map((catalog, at) => {
        const group = element("div", "error-lookup__group");
        group.setAttribute("role", "group");
        const label = element("div", "error-lookup__group-label", catalog);
        label.id = `${this.id}-group-${at}`;
        label.setAttribute("role", "presentation");
        group.setAttribute("aria-labelledby", label.id);
        group.append(label, ...options.filter((_, i) => result.items[i].catalog === catalog));
        return group;
      });
    }

    /** Before leaving for a result of an answer split between catalogs, note the other matches for that page. */
    remember(path) {
      if (!this.result || !this.result.ambiguous) {
        return;
      }
      const others = this.result.items
        .filter((item) => item.url !== path && (item.kind === "entry" || item.kind === "message"))
        .slice(0, 5)
        .map((item) => ({ label: `${item.code ?? ""} ${item.name ?? ""} (${item.catalog})`.trim(), url: item.url }));
      try {
        sessionStorage.setItem(ALSO_KEY, JSON.stringify({ target: path.split("#")[0], others }));
      } catch {
        // Storage may be off: the note is a convenience.
      }
    }

    options() {
      return [...this.listbox.querySelectorAll("[role=option]")];
    }

    activate(position) {
      const options = this.options();
      this.active = position < 0 || !options.length ? -1 : position % options.length;
      options.forEach((option, i) => option.setAttribute("aria-selected", String(i === this.active)));
      if (this.active < 0) {
        this.input.removeAttribute("aria-activedescendant");
        return;
      }
      const option = options[this.active];
      this.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    }

    onKey(event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        this.setOpen(true);
        const count = this.options().length;
        const step = event.key === "ArrowDown" ? 1 : count - 1;
        this.activate(this.active < 0 ? (step === 1 ? 0 : count - 1) : (this.active + step) % count);
      } else if (event.key === "Enter") {
        const options = this.options();
        const option = options[this.active >= 0 ? this.active : 0];
        event.preventDefault();
        if (option) {
          this.remember(option.dataset.path);
          navigate(option.dataset.path);
        }
      } else if (event.key === "Escape") {
        event.preventDefault();
        if (this.mode === "header" && !this.panel.hidden) {
          this.setOpen(false);
        } else {
          this.input.value = "";
          this.update();
        }
      }
    }

    run(query) {
      this.input.value = oneLine(query);
      this.pasted = { shown: this.input.value, text: query };
      this.update();
    }
  }

  function pagePath() {
    const path = location.pathname.startsWith(siteRoot.pathname)
      ? "/" + location.pathname.slice(siteRoot.pathname.length)
      : location.pathname;
    return path + location.hash;
  }

  function initContainers() {
    for (const container of document.querySelectorAll("[data-error-lookup]:not([data-error-lookup-ready])")) {
      container.dataset.errorLookupReady = "";
      const mode = container.dataset.errorLookup;
      const box = new LookupBox(container, mode === "not-found" ? "inline" : mode);
      if (mode === "page") {
        const query = new URL(location.href).searchParams.get("q");
        if (query) {
          box.run(query);
          loadIndex().then((index) => {
            const result = Core.lookup(index, query);
            if (result.go && box.text() === query) {
              const target = siteUrl(result.go);
              if (target) {
                location.replace(target.href);
              }
            }
          });
        }
      } else if (mode === "not-found") {
        loadEngine().then(() => box.run(Core.safeDecode(pagePath(), decodeURI)), () => undefined);
      }
    }
  }

  /** The header's field, on every page without a box of its own; on a phone, where the field does not fit, a
   * button in its place that opens the lookup page, whose box searches the same. */
  function initHeader() {
    if (document.getElementById("error-lookup-input") || document.querySelector("[data-error-lookup]")) {
      return;
    }
    const header = document.querySelector(".md-header__inner");
    if (!header) {
      return;
    }
    const slot = element("div", "error-lookup-slot");
    header.insertBefore(slot, header.querySelector(".md-header__source") || null);
    new LookupBox(slot, "header");
    const link = element("a", "error-lookup-slot__link md-header__button md-icon");
    link.href = siteUrl("lookup/").href;
    link.setAttribute("aria-label", "Search errors and pages");
    link.title = "Search errors and pages";
    link.append(searchIcon());
    slot.append(link);
  }

  function searchIcon() {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5");
    svg.append(path);
    return svg;
  }

  /** Whether the key is typed into something that takes text (then "/" is a character, not a shortcut). */
  function typing(target) {
    return target instanceof Element && (target.closest("input, textarea, select, [contenteditable=true]") !== null);
  }

  function focusLookup(event) {
    const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target);
    const ctrlK = event.key.toLowerCase() === "k" && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
    if (!slash && !ctrlK) {
      return;
    }
    const inputs = [
      ...document.querySelectorAll(".error-lookup--page .error-lookup__input, .error-lookup--inline .error-lookup__input"),
      document.getElementById("error-lookup-input"),
    ];
    const input = inputs.find((candidate) => candidate && candidate.offsetParent !== null);
    if (input) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  }

  /** On a page reached from an answer split between catalogs: say which other entries the text matched. */
  function showOtherMatches() {
    let noted = null;
    try {
      noted = JSON.parse(sessionStorage.getItem(ALSO_KEY) || "null");
      sessionStorage.removeItem(ALSO_KEY);
    } catch {
      return;
    }
    const here = pagePath().split("#")[0].replace(/^\//, "");
    const heading = document.querySelector(".md-content__inner h1");
    if (!noted || noted.target !== here || !heading || !Array.isArray(noted.others) || !noted.others.length) {
      return;
    }
    const note = element("aside", "error-lookup-also");
    note.setAttribute("aria-label", "Other matches");
    note.append(element("p", "", "The text you looked up also matches:"));
    const list = element("ul");
    for (const other of noted.others) {
      const target = typeof other.url === "string" ? siteUrl(other.url) : null;
      if (target) {
        const link = element("a", "", String(other.label));
        link.href = target.href;
        const item = element("li");
        item.append(link);
        list.append(item);
      }
    }
    if (list.childElementCount) {
      note.append(list);
      heading.after(note);
    }
  }

  function init() {
    initHeader();
    initContainers();
    showOtherMatches();
  }

  document.addEventListener("keydown", focusLookup);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
