// Filters for the range/group tables: HTTP status, severity, retryable, lifecycle, the catalog's facts (for the
// columns a table has) and free text, kept in the URL query. One panel, in the first [data-table-filters] marker, filters
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

  /** A filter for each fact column of the table (`<th data-fact="sqlstate">`), its choices the values the rows
   * have, in the order the catalog lists them (`data-fact-values`) or sorted. */
  function factChoices(table) {
    const taken = new Set([...CHOICES.map((choice) => choice.name), "text"]);
    return [...table.tHead.rows[0].cells].filter((cell) => cell.dataset.fact).map((cell) => {
      const listed = cell.dataset.factValues ? JSON.parse(cell.dataset.factValues) : null;
      const fact = cell.dataset.fact;
      return {
        name: taken.has(fact) ? `fact-${fact}` : fact,
        fact,
        label: cellText(cell),
        value: (text) => text || NONE,
        options: (values) => [
          ...(listed ? listed.filter((v) => values.includes(v))
            : values.filter((v) => v !== NONE).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
          ).map((v) => [v, v]),
          ...(values.includes(NONE) ? [[NONE, "None"]] : []),
        ],
      };
    });
  }

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
  function readRows(table, choices) {
    const headerCells = [...table.tHead.rows[0].cells];
    const headers = headerCells.map((cell) => cellText(cell).toLowerCase());
    const columns = choices.map((choice) => (choice.fact
      ? headerCells.findIndex((cell) => cell.dataset.fact === choice.fact) : headers.indexOf(choice.column)));
    return [...table.tBodies].flatMap((body) => [...body.rows]).map((row) => {
      const cells = [...row.cells];
      const values = {};
      choices.forEach((choice, i) => {
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

  function matches(row, state, choices) {
    const query = state.text.trim().toLowerCase();
    return choices.every((choice) => (choice.matches
      ? choice.matches(row.values[choice.name], state[choice.name])
      : !state[choice.name] || row.values[choice.name] === state[choice.name]))
      && (!query || row.text.includes(query));
  }

  function stateFromUrl(selects, choices) {
    const params = new URLSearchParams(location.search);
    const state = { text: params.get("text") || "" };
    for (const choice of choices) {
      const wanted = (params.get(choice.name) || "").toLowerCase();
      const select = selects[choice.name];
      state[choice.name] = select && [...select.options].some((option) => option.value === wanted) ? wanted : "";
    }
    return state;
  }

  function writeUrl(state, params) {
    const url = new URL(location.href);
    for (const name of params) {
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
    const choices = [...CHOICES, ...(tables.length ? factChoices(tables[0]) : [])];
    const params = [...choices.map((choice) => choice.name), "text"];
    const rows = tables.flatMap((table) => readRows(table, choices));

    const selects = {};
    const fields = [];
    for (const choice of choices) {
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
    let state = stateFromUrl(selects, choices);
    let pinnedRow = null;

    function render() {
      let shown = 0;
      for (const row of rows) {
        const visible = matches(row, state, choices);
        if (visible) shown += 1;
        row.element.hidden = !visible && row !== pinnedRow;
        row.element.classList.toggle("table-filters__pinned", !visible && row === pinnedRow);
      }
      const pinned = pinnedRow !== null && !matches(pinnedRow, state, choices);
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
      writeUrl(state, params);
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
      update(Object.fromEntries(params.map((name) => [name, ""])));
      showControls();
    });

    showControls();
    writeUrl(state, params);
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
