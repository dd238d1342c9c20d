// Filters for the range/group tables: HTTP status, severity, retryable, lifecycle (for the columns a table has)
// and free text, kept in the URL query. One panel, in the first [data-table-filters] marker, filters
// the table after every marker.
(() => {
  "use strict";

  const NONE = "none";
  // One filter per column that holds a choice. A table without the column gets no filter for it.
  const CHOICES = [
    {
      name: "status",
      column: "status",
      label: "HTTP status",
      value: (text) => (/^\d+$/.test(text) ? text : NONE),
      options: (values) => [
        ...values.filter((v) => v !== NONE).sort((a, b) => a - b).map((v) => [v, v]),
        ...(values.includes(NONE) ? [[NONE, "None"]] : []),
      ],
    },
    {
      name: "severity",
      column: "severity",
      label: "Severity",
      value: (text) => (/^[a-z]+$/i.test(text) ? text.toLowerCase() : NONE),
      options: (values) =>
        [["error", "Error"], ["warning", "Warning"], ["notice", "Notice"], ["success", "Success"], [NONE, "None"]]
          .filter(([value]) => values.includes(value)),
    },
    {
      name: "retryable",
      column: "retryable",
      label: "Retryable",
      value: (text) => (text.toLowerCase() === "not applicable" ? "n/a" : text.toLowerCase()),
      options: (values) =>
        [["yes", "Yes"], ["no", "No"], ["conditional", "Conditional"], ["n/a", "Not applicable"]]
          .filter(([value]) => value !== "n/a" || values.includes(value)),
    },
    {
      name: "lifecycle",
      column: "lifecycle",
      label: "Lifecycle",
      any: "Current (removed hidden)",
      value: (text) => text.toLowerCase(),
      options: (values) =>
        [["all", "All, removed included"], ["active", "Active"], ["deprecated", "Deprecated"], ["removed", "Removed"]]
          .filter(([value]) => value === "all" || values.includes(value)),
      // Removed codes keep their rows (and anchors) but are left out until asked for.
      matches: (value, wanted) => (wanted === "all" ? true : wanted ? value === wanted : value !== "removed"),
    },
  ];
  // "q" belongs to Material's search, which opens its overlay when the URL carries it.
  const PARAMS = [...CHOICES.map((choice) => choice.name), "text"];

  let current = null;

  function element(tag, attributes = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  }

  function option(value, label) {
    return element("option", { value }, [label]);
  }

  function field(id, label, control) {
    control.id = id;
    return element("div", { class: "table-filters__field" }, [
      element("label", { for: id }, [label]),
      control,
    ]);
  }

  function cellText(cell) {
    return cell.textContent.replace(/\s+/g, " ").trim();
  }

  function tableAfter(marker) {
    const next = marker.nextElementSibling;
    if (!next) return null;
    return next.matches("table") ? next : next.querySelector("table");
  }

  /** The rows of a table: each with its value for every choice column the table has, and its other text. */
  function readRows(table) {
    const headers = [...table.tHead.rows[0].cells].map((cell) => cellText(cell).toLowerCase());
    const columns = CHOICES.map((choice) => headers.indexOf(choice.column));
    return [...table.tBodies].flatMap((body) => [...body.rows]).map((row) => {
      const cells = [...row.cells];
      const values = {};
      CHOICES.forEach((choice, i) => {
        if (columns[i] >= 0) values[choice.name] = choice.value(cellText(cells[columns[i]]));
      });
      return {
        element: row,
        values,
        text: cells
          .filter((_, index) => !columns.includes(index))
          .map(cellText)
          .join(" ")
          .toLowerCase(),
      };
    });
  }

  function matches(row, state) {
    const query = state.text.trim().toLowerCase();
    return CHOICES.every((choice) => (choice.matches
      ? choice.matches(row.values[choice.name], state[choice.name])
      : !state[choice.name] || row.values[choice.name] === state[choice.name]))
      && (!query || row.text.includes(query));
  }

  function stateFromUrl(selects) {
    const params = new URLSearchParams(location.search);
    const state = { text: params.get("text") || "" };
    for (const choice of CHOICES) {
      const wanted = (params.get(choice.name) || "").toLowerCase();
      const select = selects[choice.name];
      state[choice.name] = select && [...select.options].some((option) => option.value === wanted) ? wanted : "";
    }
    return state;
  }

  function writeUrl(state) {
    const url = new URL(location.href);
    for (const name of PARAMS) {
      if (state[name].trim()) url.searchParams.set(name, state[name]);
      else url.searchParams.delete(name);
    }
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  function hashTarget() {
    let id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      return null;
    }
    return id ? document.getElementById(id) : null;
  }

  function describe(shown, total, pinned) {
    const count = `${shown} of ${total} rows`;
    if (pinned) return `${count} match the filters; the linked row is shown as well.`;
    if (shown === 0) return `${count}. No rows match these filters.`;
    return count;
  }

  function mount(markers) {
    const tables = markers.map(tableAfter).filter(Boolean);
    const rows = tables.flatMap(readRows);

    const selects = {};
    const fields = [];
    for (const choice of CHOICES) {
      const values = rows.filter((row) => choice.name in row.values).map((row) => row.values[choice.name]);
      if (!values.length) continue;
      const options = choice.options([...new Set(values)]).map(([value, label]) => option(value, label));
      selects[choice.name] = element("select", { name: choice.name }, [option("", choice.any || "Any"), ...options]);
      fields.push(field(`table-filters-${choice.name}`, choice.label, selects[choice.name]));
    }
    const textInput = element("input", {
      type: "search", name: "text", autocomplete: "off", placeholder: "Code, name, message…",
    });
    const resetButton = element("button", { type: "button", class: "table-filters__reset" }, [
      "Reset filters",
    ]);
    const count = element("p", {
      class: "table-filters__count", role: "status", "aria-live": "polite",
    });
    const form = element("form", {
      class: "table-filters__form", role: "search", "aria-label": "Filter the table rows",
    }, [
      ...fields,
      field("table-filters-text", "Contains text", textInput),
      resetButton,
    ]);
    let state = stateFromUrl(selects);
    let pinnedRow = null;

    function render() {
      let shown = 0;
      for (const row of rows) {
        const visible = matches(row, state);
        if (visible) shown += 1;
        row.element.hidden = !visible && row !== pinnedRow;
        row.element.classList.toggle("table-filters__pinned", !visible && row === pinnedRow);
      }
      const pinned = pinnedRow !== null && !matches(pinnedRow, state);
      count.textContent = describe(shown, rows.length, pinned);
      count.classList.toggle("table-filters__count--empty", shown === 0 && !pinned);
    }

    function showControls() {
      for (const [name, select] of Object.entries(selects)) select.value = state[name];
      textInput.value = state.text;
    }

    function update(changes) {
      state = { ...state, ...changes };
      pinnedRow = null;
      render();
      writeUrl(state);
    }

    function pinHashTarget() {
      const target = hashTarget();
      const row = target && target.closest("tr");
      pinnedRow = rows.find((candidate) => candidate.element === row) || null;
      render();
      return pinnedRow && target;
    }

    function revealHashTarget() {
      const target = pinHashTarget();
      if (target) target.scrollIntoView();
    }

    for (const [name, select] of Object.entries(selects)) {
      select.addEventListener("change", () => update({ [name]: select.value }));
    }
    textInput.addEventListener("input", () => update({ text: textInput.value }));
    form.addEventListener("submit", (event) => event.preventDefault());
    resetButton.addEventListener("click", () => {
      update(Object.fromEntries(PARAMS.map((name) => [name, ""])));
      showControls();
    });

    showControls();
    writeUrl(state);
    const target = pinHashTarget();
    markers[0].append(form, count);
    if (target) target.scrollIntoView();
    return { markers, revealHashTarget };
  }

  function init() {
    const markers = [...document.querySelectorAll("[data-table-filters]")];
    if (current && current.markers[0] === markers[0]) return;
    current = markers.length ? mount(markers) : null;
  }

  window.addEventListener("hashchange", () => current && current.revealHashTarget());

  if (window.document$) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
