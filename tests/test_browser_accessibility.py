"""Accessibility in a real browser: axe-core finds nothing on any kind of page, in either colour scheme, and the
keyboard reaches every control.

axe-core (tests/axe/, from npm) is injected into each page by Playwright and run with the WCAG 2.1 A and AA
rules and its best practices. The pages come from the catalogs present and the hand-written pages in docs/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from conftest import ROOT
from page_kinds import page_kinds
from playwright.sync_api import Browser, Page, expect
from test_browser_pastes import shared_code

from macros.catalog.model import Catalog, CodeRef
from macros.site import outputs, urls

AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The rules of RULE_TAGS whose answer depends on colours. Material switches schemes by an attribute on <body> that
only changes CSS custom properties, so the page is the same in both schemes but for its colours: the light scheme
runs every rule, the dark one these, and every rule on the first page (test_the_schemes_differ_only_in_colour
checks the premise). Each page is checked in the scheme it opens in, then in the other, switched with the header's
palette toggle as a reader does; Material keeps the choice, so the next page opens in it."""
SCHEMES = {"light": "default", "dark": "slate"}
"""prefers-color-scheme, and the Material palette it selects (mkdocs.yml lists one for each)."""
FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]"

RUN_AXE = """async ([type, values]) => {
  const result = await axe.run(document, {runOnly: {type, values}, resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    rule: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${(n.failureSummary || "").split("\\n")[1] || ""}`),
  }));
}"""


@pytest.fixture
def light_page(browser: Browser) -> Iterator[Page]:
    """A desktop page whose browser prefers the light colour scheme (the tests switch to dark with the toggle)."""
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def load(page: Page, url: str) -> None:
    """Open a page and wait for the site's scripts to have set it up."""
    page.goto(url)
    expect(page.locator(".error-lookup").first).to_be_attached()


SETTLED = """() => [...document.querySelectorAll("pre > code")].filter((code) => code.checkVisibility())
  .every((code) => code.scrollWidth <= code.clientWidth || code.tabIndex === 0)"""
"""Material makes a code block that scrolls sideways focusable (tabindex 0) once it has measured it: on a busy
machine that comes after the load event, so axe waits for it as a reader's keyboard would."""


def violations(page: Page, every_rule: bool = False) -> list[dict]:
    """What axe-core finds on the page once Material has set it up: every rule in the light scheme (or when asked),
    the colour rules in the dark one."""
    page.wait_for_function(SETTLED, timeout=10_000)
    if not page.evaluate("typeof window.axe === 'object'"):  # once per page load: switching schemes keeps it
        page.add_script_tag(path=str(AXE))
    dark = page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES["dark"]
    return page.evaluate(RUN_AXE, ["rule", COLOUR_RULES] if dark and not every_rule else ["tag", RULE_TAGS])


def report(found: dict[str, list[dict]]) -> str:
    lines = []
    for where, items in found.items():
        for v in items:
            lines.append(f"{where}: {v['rule']} ({v['impact']}): {v['help']}")
            lines.extend(f"    {node}" for node in v["nodes"])
    return "\n".join(lines)


def scheme_of(page: Page) -> str:
    """The scheme the page shows: light or dark."""
    shown = page.evaluate("document.body.dataset.mdColorScheme")
    return next(name for name, palette in SCHEMES.items() if palette == shown)


def switch_scheme(page: Page) -> str:
    """Switch to the other scheme with the header's palette toggle (clicked from script, so that an open dialog stays
    open and the focus stays where it is); return the scheme now shown."""
    before = scheme_of(page)
    page.evaluate("document.querySelector('form[data-md-component=palette] label:not([hidden])').click()")
    page.wait_for_function("(shown) => document.body.dataset.mdColorScheme !== shown", arg=SCHEMES[before])
    return scheme_of(page)


def in_both_schemes(page: Page, where: str, found: dict[str, list[dict]], every_rule: bool = False) -> None:
    """Run axe in the scheme the page shows, then in the other one, adding what it finds to `found`."""
    for _ in SCHEMES:
        scheme = scheme_of(page)
        if result := violations(page, every_rule):
            found[f"{scheme} {where}"] = result
        switch_scheme(page)


def assert_scheme(page: Page, scheme: str) -> None:
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme], (
        f"the page is not in the {scheme} scheme: mkdocs.yml's palette no longer follows prefers-color-scheme")


def test_axe_finds_nothing_on_any_kind_of_page_in_either_scheme(light_page, site_server, catalogs):
    page = light_page
    found: dict[str, list[dict]] = {}
    for position, (name, path) in enumerate(page_kinds(catalogs).items()):
        load(page, site_server + path)
        if position == 0:
            assert_scheme(page, "light")
        in_both_schemes(page, f"{name} ({path})", found, every_rule=position == 0)
    assert not found, "axe-core found problems:\n" + report(found)


SCHEME_MARKS = re.compile(r'<meta name="color-scheme" content="\w+"|data-md-color-(?:scheme|media)="[^"]*"|'
                          r' data-error-lookup-ready=""|'
                          r'(<label class="md-header__button md-icon" title="Switch to \w+ mode" for="__palette_\d")'
                          r'(?: hidden="")?')


def test_the_schemes_differ_only_in_colour(browser, site_server, catalogs):
    """The premise of running the colour rules alone in the dark scheme: the page is otherwise the same."""
    pages = {}
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        load(page, site_server + urls.code_url(*first_code(catalogs)))
        assert_scheme(page, scheme)
        pages[scheme] = page.evaluate("document.head.outerHTML + document.body.outerHTML")
        context.close()
    light, dark = (SCHEME_MARKS.sub(lambda m: m.group(1) or "", pages[s]) for s in SCHEMES)
    assert light != pages["light"] and light == dark


def first_code(catalogs: tuple[Catalog, ...]) -> tuple[Catalog, CodeRef]:
    catalog = next(c for c in catalogs if c.codes)
    return catalog, next(iter(catalog.codes))


def test_axe_finds_nothing_with_the_search_field_or_the_filters_open(light_page, site_server, catalogs):
    page = light_page
    catalog, ref = first_code(catalogs)
    found: dict[str, list[dict]] = {}

    load(page, site_server + outputs.RETRIES.url(catalog.id))
    page.keyboard.press("Control+k")
    page.locator("#error-lookup-input").press_sequentially(ref.code, delay=20)
    expect(page.locator("#error-lookup-listbox [role=option]").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    in_both_schemes(page, "header search with errors", found)

    page.locator("#error-lookup-input").fill("retry")
    expect(page.locator("#error-lookup-listbox [data-kind=page]").first).to_be_visible()
    in_both_schemes(page, "header search with sections of pages", found)

    load(page, site_server + "/lookup/")
    page.locator(".error-lookup--page input").press_sequentially(ref.code, delay=20)
    expect(page.locator(".error-lookup--page [role=option]").first).to_be_visible()
    in_both_schemes(page, "lookup page with results", found)

    shared = shared_code(catalogs)
    if shared is not None:
        load(page, site_server + "/lookup/")
        page.locator(".error-lookup--page input").press_sequentially(f"Error: {shared[0]}", delay=20)
        expect(page.locator(".error-lookup--page [role=group]").first).to_be_visible()
        in_both_schemes(page, "lookup page with results grouped by catalog", found)
        page.locator(".error-lookup--page [role=option]").first.click()
        expect(page.locator(".error-lookup-also")).to_be_visible()
        in_both_schemes(page, "code page with the other matches of a split answer", found)

    load(page, site_server + outputs.GROUP_TABLE.url(catalog.id, catalog.groups[0].id))
    page.locator(".table-filters input").first.fill("zzzz-no-such-row")
    expect(page.locator(".table-filters__count")).to_contain_text("0 of")
    in_both_schemes(page, "table with filters that hide every row", found)

    assert not found, "axe-core found problems:\n" + report(found)


def test_axe_finds_nothing_on_a_phone_with_the_menu_open(browser, site_server, catalogs):
    catalog, ref = first_code(catalogs)
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        load(page, site_server + urls.code_url(catalog, ref))
        page.locator("label.md-header__button[for='__drawer']").click()
        expect(page.locator(".md-sidebar--primary")).to_be_visible()
        found = violations(page)
    finally:
        context.close()
    assert not found, "axe-core found problems:\n" + report({"phone, menu open": found})


def reachable_by_tab(page: Page) -> tuple[set[str], set[str]]:
    """Every visible control of the page, and the ones Tab reaches from the top (by a mark each gets; the radio
    buttons of a group share one: Tab reaches the group, the arrow keys its buttons)."""
    marked = page.evaluate(f"""() => {{
      const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden"
        && !e.closest("[inert], [hidden], [aria-hidden=true]") && !e.disabled && e.tabIndex >= 0;
      const all = [...document.querySelectorAll({FOCUSABLE!r})].filter(visible);
      all.forEach((e, i) => e.dataset.kb = e.type === "radio" ? `radio group ${{e.name}}` : String(i));
      return [...new Set(all.map((e) => e.dataset.kb))];
    }}""")
    reached: set[str] = set()
    page.locator("body").focus()
    for _ in range(len(marked) + 20):
        page.keyboard.press("Tab")
        mark = page.evaluate("document.activeElement && document.activeElement.dataset.kb")
        if mark is not None:
            reached.add(mark)
    return set(marked), reached


@pytest.mark.parametrize("kind", ["code", "table", "lookup"])
def test_the_keyboard_reaches_every_control_from_the_skip_link_on(page, site_server, catalogs, kind):
    catalog, ref = first_code(catalogs)
    path = {"code": urls.code_url(catalog, ref), "lookup": "/lookup/",
            "table": outputs.GROUP_TABLE.url(catalog.id, catalog.groups[0].id)}[kind]
    load(page, site_server + path)
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    controls, reached = reachable_by_tab(page)
    missed = page.evaluate("(marks) => marks.map((m) => document.querySelector(`[data-kb=\"${m}\"]`).outerHTML"
                           ".slice(0, 160))", sorted(controls - reached))
    assert controls and not missed, f"Tab never reaches these controls of {path}:\n" + "\n".join(missed)


def test_lookup_results_are_links_to_the_code_pages(page, site_server, catalogs):
    catalog, ref = first_code(catalogs)
    start = site_server + outputs.RETRIES.url(catalog.id)
    load(page, start)
    page.keyboard.press("Control+k")
    page.locator("#error-lookup-input").press_sequentially(ref.code, delay=20)
    option = page.locator("#error-lookup-listbox [role=option]").first
    expect(option).to_be_visible()
    assert option.evaluate("e => e.tagName") == "A"
    expected = site_server + urls.code_url(catalog, ref)
    assert option.get_attribute("href").split("#")[0] == expected
    with page.context.expect_page() as opened:
        option.click(modifiers=["Control"])
    assert opened.value.url.split("#")[0] == expected
    assert page.url == start, "a Control-click opens the result in a new tab, not in this one"
