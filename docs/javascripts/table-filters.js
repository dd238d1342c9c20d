// Filters for the range/group tables: status, retryable and free text, kept in the URL query.
// One panel, in the first [data-table-filters] marker, filters the table after every marker.
(() => {
  "use strict";

  const RETRYABLE_OPTIONS = [["yes", "Yes"], ["no", "No"], ["conditional", "Conditional"]];
  const NO_STATUS = "none";
  // "q" belongs to Material's search, which opens its overlay when the URL carries it.
  const PARAMS = ["status", "retryable", "text"];

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

  function readRows(table) {
    const headers = [...table.tHead.rows[0].cells].map((cell) => cellText(cell).toLowerCase());
    const statusColumn = headers.indexOf("status");
    const retryableColumn = headers.indexOf("retryable");
    return [...table.tBodies].flatMap((body) => [...body.rows]).map((row) => {
      const cells = [...row.cells];
      const status = cellText(cells[statusColumn]);
      return {
        element: row,
        status: /^\d+$/.test(status) ? status : NO_STATUS,
        retryable: cellText(cells[retryableColumn]).toLowerCase(),
        text: cells
          .filter((_, index) => index !== statusColumn && index !== retryableColumn)
          .map(cellText)
          .join(" ")
          .toLowerCase(),
      };
    });
  }

  function statusOptions(rows) {
    const statuses = [...new Set(rows.map((row) => row.status))];
    const numeric = statuses.filter((status) => status !== NO_STATUS).sort((a, b) => a - b);
    const options = numeric.map((status) => option(status, status));
    if (statuses.includes(NO_STATUS)) options.push(option(NO_STATUS, "None"));
    return options;
  }

  function matches(row, state) {
    const query = state.text.trim().toLowerCase();
    return (!state.status || row.status === state.status)
      && (!state.retryable || row.retryable === state.retryable)
      && (!query || row.text.includes(query));
  }

  function stateFromUrl(statusSelect, retryableSelect) {
    const params = new URLSearchParams(location.search);
    const allowed = (select, value) =>
      [...select.options].some((choice) => choice.value === value) ? value : "";
    return {
      status: allowed(statusSelect, params.get("status") || ""),
      retryable: allowed(retryableSelect, (params.get("retryable") || "").toLowerCase()),
      text: params.get("text") || "",
    };
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

    const statusSelect = element("select", { name: "status" }, [
      option("", "Any"), ...statusOptions(rows),
    ]);
    const retryableSelect = element("select", { name: "retryable" }, [
      option("", "Any"), ...RETRYABLE_OPTIONS.map(([value, label]) => option(value, label)),
    ]);
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
      field("table-filters-status", "HTTP status", statusSelect),
      field("table-filters-retryable", "Retryable", retryableSelect),
      field("table-filters-text", "Contains text", textInput),
      resetButton,
    ]);
    let state = stateFromUrl(statusSelect, retryableSelect);
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
      statusSelect.value = state.status;
      retryableSelect.value = state.retryable;
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

    statusSelect.addEventListener("change", () => update({ status: statusSelect.value }));
    retryableSelect.addEventListener("change", () => update({ retryable: retryableSelect.value }));
    textInput.addEventListener("input", () => update({ text: textInput.value }));
    form.addEventListener("submit", (event) => event.preventDefault());
    resetButton.addEventListener("click", () => {
      update({ status: "", retryable: "", text: "" });
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
