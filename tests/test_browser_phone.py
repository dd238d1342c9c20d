"""Every kind of page fits a phone (390 px wide): the page never scrolls sideways, and nothing sticks out of the screen
except inside a box that scrolls on its own (a wide table, a code block)."""

from __future__ import annotations

from page_kinds import page_kinds
from playwright.sync_api import Browser

PHONE = {"width": 390, "height": 844}

OUTSIDE = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = (element) => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX !== "visible" && style.overflowX !== "clip") return true;
    }
    return false;
  };
  const visible = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";
  const out = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    const inside = box.right <= width + 1 && box.left >= -1;
    if (box.width === 0 || inside || !visible(element) || clipped(element)) continue;
    if (element.closest("[hidden], .md-sidebar, .md-search, .md-header__topic, [aria-hidden=true]")) continue;
    out.push(`${element.tagName.toLowerCase()}.${[...element.classList].join(".")} from ${Math.round(box.left)} to ` +
             `${Math.round(box.right)} px: "${(element.textContent || "").trim().slice(0, 40)}"`);
  }
  return {scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 5)};
}"""


def test_no_kind_of_page_is_wider_than_a_phone(browser: Browser, site_server, catalogs):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    wide: dict[str, object] = {}
    try:
        page = context.new_page()
        for name, path in page_kinds(catalogs).items():
            page.goto(site_server + path)
            page.wait_for_load_state("load")
            found = page.evaluate(OUTSIDE)
            if found["scroll"] > found["width"] or found["out"]:
                wide[f"{name} ({path})"] = found
    finally:
        context.close()
    assert not wide, "wider than a phone:\n" + "\n".join(f"{where}: {found}" for where, found in wide.items())
