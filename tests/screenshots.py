"""Screenshots of every kind of page, on a desktop (1280x800) and a phone (390x844), in the light and dark schemes.

Run: .venv/bin/python tests/screenshots.py [--site DIR] [--out DIR] [--full-page]

It builds the site (or takes a built one with --site), serves it as GitHub Pages does, and saves one PNG per page
kind, screen and scheme into --out (default screenshots/, which git ignores), named `<screen>-<scheme>-<kind>.png`,
plus index.html, which shows them side by side. The kinds are the ones the browser tests visit (tests/page_kinds.py):
the site's own pages, each generated kind of a catalog's page, a hand-written catalog page, and a code page of every
shape. A screenshot shows the first screen, what a reader sees before scrolling; --full-page shows whole pages.
"""

from __future__ import annotations

import argparse
import functools
import html
import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from page_kinds import page_kinds  # noqa: E402
from pages_server import PagesHandler, PagesServer  # noqa: E402

from macros.catalog.loader import load_catalogs  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SCHEMES = ("light", "dark")


def slug(kind: str) -> str:
    """A file name for a page kind."""
    return re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-")


def build(into: Path) -> Path:
    """Build the repository's site into `into`."""
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(into)], cwd=ROOT, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return into


def shoot(site: Path, out: Path, full_page: bool) -> list[tuple[str, str, str, str]]:
    """Save every screenshot; return (kind, screen, scheme, file name) for each."""
    from playwright.sync_api import sync_playwright

    kinds = page_kinds(load_catalogs(ROOT / "data"))
    handler = functools.partial(PagesHandler, directory=str(site))
    server = PagesServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    shots = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for screen, viewport in SCREENS.items():
                for scheme in SCHEMES:
                    context = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=screen == "phone",
                                                  has_touch=screen == "phone")
                    page = context.new_page()
                    for kind, path in kinds.items():
                        page.goto(base + path)
                        page.wait_for_load_state("networkidle")
                        name = f"{screen}-{scheme}-{slug(kind)}.png"
                        page.screenshot(path=str(out / name), full_page=full_page)
                        shots.append((kind, screen, scheme, name))
                    context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return shots


def index_page(shots: list[tuple[str, str, str, str]]) -> str:
    """A page that shows the screenshots, a row per page kind."""
    rows = {}
    for kind, screen, scheme, name in shots:
        rows.setdefault(kind, []).append(
            f'<figure><img src="{html.escape(name)}" alt="{html.escape(kind)}, {screen}, {scheme}" loading="lazy" '
            f'width="{SCREENS[screen]["width"] // 3}"><figcaption>{screen}, {scheme}</figcaption></figure>')
    body = "".join(f"<h2>{html.escape(kind)}</h2><div>{''.join(figures)}</div>" for kind, figures in rows.items())
    return ("<!doctype html><meta charset=utf-8><title>Screenshots</title><style>div{display:flex;gap:1em;"
            "align-items:flex-start}figure{margin:0}img{border:1px solid #ccc}</style><h1>Screenshots</h1>" + body)


def main(argv: list[str] | None = None) -> int:
    """Command line: build or take the site, take the screenshots, write the index."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="where the PNG files go")
    parser.add_argument("--full-page", action="store_true", help="whole pages, not the first screen")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-site-") as scratch:
        site = args.site or build(Path(scratch) / "site")
        shots = shoot(site, args.out, args.full_page)
    (args.out / "index.html").write_text(index_page(shots), encoding="utf-8")
    print(f"{len(shots)} screenshots in {args.out} (open index.html)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
