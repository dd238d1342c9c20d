"""Every code page answers on its first screen, on a desktop and on a phone: what the error means, the retry verdict
and what to do come before anything for the catalog's maintainers."""

from __future__ import annotations

from playwright.sync_api import Browser

from macros.catalog.model import Catalog
from macros.site import urls

SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
ANSWER = {"meaning": ".entry-meaning", "retry": ".entry-retry", "what to do": ".entry-fixes > li"}
"""The marks of the answer on a code page (macros/templates/html/entry.html.j2): the first of each must be on the
first screen. A code without fixes says what to do in its retry verdict; one without a description opens with the
verdict."""

MEASURE = """async ([paths, marks, unexplained]) => {
  const late = [];
  const parser = new DOMParser();
  const content = document.querySelector(".md-content");
  window.codePages = window.codePages || {};
  for (const path of paths) {
    if (!(path in window.codePages)) {
      const page = parser.parseFromString(await (await fetch(path)).text(), "text/html");
      window.codePages[path] = page.querySelector(".md-content");
    }
    content.replaceChildren(...window.codePages[path].cloneNode(true).childNodes);
    window.scrollTo(0, 0);
    for (const [name, selector] of Object.entries(marks)) {
      const found = content.querySelector(selector);
      if (found === null) {
        const optional = name === "what to do" || (name === "meaning" && unexplained.includes(path));
        if (!optional) late.push(`${path}: no ${name} (${selector})`);
        continue;
      }
      const box = found.getBoundingClientRect();
      if (box.top + Math.min(box.height, 24) > innerHeight) {
        late.push(`${path}: ${name} at ${Math.round(box.top)} px, below the first screen (${innerHeight} px)`);
      }
    }
  }
  return late;
}"""
"""Each code page's content in turn, in the frame of the first (every code page has the same header and sidebars):
fetched once, measured on each screen."""


def code_paths(catalogs: tuple[Catalog, ...]) -> list[str]:
    return [urls.code_url(catalog, ref) for catalog in catalogs for ref in catalog.codes]


def unexplained_paths(catalogs: tuple[Catalog, ...]) -> list[str]:
    """Code pages whose first entry has no description, so no meaning line."""
    return [urls.code_url(catalog, ref) for catalog in catalogs for ref in catalog.codes
            if not catalog.entries_for(ref)[0].description]


def test_every_code_page_answers_on_its_first_screen(browser: Browser, site_server, catalogs):
    paths = code_paths(catalogs)
    unexplained = unexplained_paths(catalogs)
    context = browser.new_context(viewport=SCREENS["desktop"])
    late: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        page.goto(site_server + paths[0])
        for screen, size in SCREENS.items():
            page.set_viewport_size(size)
            late[screen] = page.evaluate(MEASURE, [paths, ANSWER, unexplained])
    finally:
        context.close()
    assert paths and not any(late.values()), "answers below the first screen:\n" + "\n".join(
        f"{screen}: {line}" for screen, lines in late.items() for line in lines[:20])
