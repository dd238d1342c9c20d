"""The ledger of published URLs (data/published-urls.jsonl) and the guard that keeps every one of them.

Every URL the site has ever published for its catalogs (pages, the hand-written pages of a
catalog's folder in docs/, and the anchors of message strings, of codes listed twice and of
releases on the changes page) is a line of the ledger, with what it showed last. The build fails
before writing anything when a URL of the ledger has neither a page nor a redirect, and lists the
URLs the ledger does not know yet. `python -m macros ledger` records them; lines are never removed.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import outputs, urls
from ..catalog.loader import LEDGER_FILE
from ..catalog.model import Catalog, ErrorEntry
from ..catalog.problems import Problem
from . import redirects
from .redirects import Redirect

HEADER = {"ledger": "Every URL this site has published. `python -m macros ledger` adds new ones; never remove a line."}


@dataclass(frozen=True)
class Ledger:
    """The URLs of the ledger, each with what it showed last, and the line it is on."""

    file: str
    owners: Mapping[str, str]
    lines: Mapping[str, int]


RELEASE_WAS = re.compile(r"[^:]+: release (.+) on the changes page")
"""How the ledger describes a release's anchor on the changes page (the feed links to it), with its version."""
HAND_WRITTEN = "the hand-written page"
"""How the ledger describes a page of docs/, which only a redirect can keep once it is deleted."""


def hand_written(docs_dir: Path) -> list[str]:
    """The pages of docs/ (source paths, `codespar/debugging.md`), hidden folders and files left out."""
    if not docs_dir.is_dir():
        return []
    return sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")
                  if not any(part.startswith(".") for part in p.relative_to(docs_dir).parts))


MovedRows = Mapping[str, tuple[tuple[str, ErrorEntry], ...]]
"""By a group table's site path: the row anchors the ledger knows there whose entries now sit in another group's
table or under another code (`moved_from`), each with its entry: the old table keeps the anchor, on a line that leads
to the row's new place."""


def moved_rows(known: Ledger | None, catalogs: Iterable[Catalog]) -> MovedRows:
    """The rows of the ledger that moved to another group's table of their catalog, or to another code, by the table
    they left."""
    if known is None:
        return {}
    tables = {outputs.GROUP_TABLE.site_path(c.id, g.id): (c, {e.anchor for e in g.entries})
              for c in catalogs for g in c.groups}
    out: dict[str, dict[str, ErrorEntry]] = {}
    for address in known.owners:
        path, fragment = urls.split_url(address)
        found = tables.get(path) if fragment is not None else None
        if found is None or fragment in found[1]:
            continue
        catalog, _ = found
        entry = _row_now(catalog, fragment)
        if entry is not None:
            out.setdefault(path, {})[fragment] = entry
    return {path: tuple(sorted(rows.items())) for path, rows in out.items()}


def _row_now(catalog: Catalog, anchor: str) -> ErrorEntry | None:
    """The entry a row anchor stands for now that its row is not at that anchor of its table any more: the entry with
    that anchor in another table, the entry whose code gained or lost a second listing (a row is `<code>` alone, or
    `<code>-<name>` when the code is listed twice), or the entry that names it in `moved_from`."""
    entries = tuple(catalog.entries)
    return next((e for e in entries if e.anchor == anchor), None) or next(
        (e for e in entries if anchor in (e.code, urls.twin_anchor(e.code, e.name, e.group))), None) or next(
        (e for e in entries for old in e.moved_from
         if old.catalog in (None, catalog.id) and (old.anchor or old.code) == anchor), None)


def published(catalogs: Iterable[Catalog], docs_pages: Iterable[str] = (), moved: MovedRows | None = None,
              ) -> dict[str, str]:
    """Every URL the catalogs publish today, with what it shows: pages, the hand-written pages in each catalog's
    folder of docs/ (`docs_pages`, source paths), the rows of group tables (and the anchors of rows that `moved`),
    then anchors within code pages."""
    out: dict[str, str] = {}
    catalogs = tuple(catalogs)
    ids = {c.id for c in catalogs}
    for src in docs_pages:
        if src.split("/", 1)[0] in ids and "/" in src:
            out.setdefault(urls.url(src), f"{src.split('/', 1)[0]}: {HAND_WRITTEN} docs/{src}")
    for catalog in catalogs:
        cid = catalog.id
        out.update({o.url(cid): f"{cid}: {o.was}" for o in outputs.catalog_outputs(catalog)})
        out.update({"/" + path: f"{cid}: {o.was}, at its former address" for o, path in outputs.former_files(catalog)})
        for group in catalog.groups:
            table = outputs.GROUP_TABLE.url(cid, group.id)
            out[table] = f"{cid}: the table of group {group.id} ({group.title})"
            for entry in group.entries:
                out[f"{table}#{entry.anchor}"] = (f"{cid}: the row of {catalog.ref_label(entry.ref)}"
                                                  f"{' ' + entry.name if entry.name else ''} in the table of group "
                                                  f"{group.id}")
            for anchor, entry in (moved or {}).get(outputs.GROUP_TABLE.site_path(cid, group.id), ()):
                out[f"{table}#{anchor}"] = (f"{cid}: where the row of {catalog.ref_label(entry.ref)} was in the table "
                                            f"of group {group.id}, leading to group {entry.group}")
        for ref, entries in catalog.codes.items():
            names = " / ".join(dict.fromkeys(e.name for e in entries if e.name))
            shown = f" ({names})" if names else ""
            out[urls.code_url(catalog, ref)] = f"{cid}: code {catalog.ref_label(ref)}{shown}"
            for twin in outputs.CODE_PAGE.twins:
                out[urls.code_url(catalog, ref) + twin] = f"{cid}: code {catalog.ref_label(ref)}, its {twin}"
            if len(entries) > 1:
                for entry in entries:
                    out[urls.entry_url(catalog, entry)] = (f"{cid}: entry {entry.name or entry.code} of code "
                                                           f"{catalog.ref_label(ref)}, listed {len(entries)} times")
        for ref, moved in catalog.departures.items():
            for anchor, entry in moved if catalog.entries_for(ref) else ():
                out[urls.url(urls.code_src(catalog, ref), anchor)] = (f"{cid}: where {entry.name or entry.code} was "
                                                                      f"listed under code {catalog.ref_label(ref)}")
        for message in catalog.messages:
            out[urls.message_url(catalog, message)] = (f"{cid}: message {message.text!r} of code "
                                                       f"{catalog.ref_label(message.ref)}")
        if outputs.CHANGES.when(catalog):
            changes = outputs.CHANGES.url(cid)
            for release in catalog.releases:
                for version in (release.version, *release.formerly):
                    out[f"{changes}#{urls.release_anchor(version)}"] = f"{cid}: release {version} on the changes page"
    return out


def lands_on_its_entry(catalogs: Iterable[Catalog]) -> set[str]:
    """The anchors of codes once listed twice and now alone on their page: such a link opens that entry's page."""
    return {urls.url(urls.code_src(catalog, ref), urls.twin_anchor(e.code, e.name, e.group))
            for catalog in catalogs for ref, (e, *more) in catalog.codes.items() if not more}


def read(data_dir: Path) -> tuple[Ledger | None, list[Problem]]:
    """The ledger under data_dir, and any line that is not a ledger line; None before the site's first ledger.

    A ledger that is not there although git has it, an empty one, a folder or a device in its place, or bytes that
    are not UTF-8 are problems: each would turn the guard off without a word.
    """
    path = data_dir / LEDGER_FILE
    file = f"{data_dir.name}/{LEDGER_FILE}"
    restore = f"restore it from git (`git checkout -- {file}`)"
    if not path.exists() and not path.is_symlink():
        committed = _committed(path)
        if committed:
            return None, [Problem(file, 1, "", f"missing, though git has it (commit {committed}): without it no "
                                               f"published URL is guarded; {restore}")]
        return None, []
    if path.is_dir():
        return None, [Problem(file, 1, "", f"a folder, not the ledger file: {restore}")]
    if not path.is_file():
        return None, [Problem(file, 1, "", f"not a regular file (a device or a link to one): {restore}")]
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return None, [Problem(file, line, "", f"not UTF-8 (byte {exc.start + 1}): {restore}")]
    if not content.strip():
        return None, [Problem(file, 1, "", "empty: the ledger lists every URL the site has published, and an empty "
                                           f"one guards none; {restore}, or run `python -m macros ledger` on a site "
                                           "that has never been published")]
    owners: dict[str, str] = {}
    lines: dict[str, int] = {}
    problems = []
    for number, text in enumerate(content.splitlines(), start=1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            problems.append(Problem(file, number, "", f"not a JSON line ({exc.msg}); restore the line from git"))
            continue
        if isinstance(record, dict) and set(record) == set(HEADER):
            continue
        if not (isinstance(record, dict) and isinstance(record.get("url"), str) and record["url"].startswith("/")
                and isinstance(record.get("was"), str)):
            problems.append(Problem(file, number, "url", 'a ledger line is {"url": "/<path>/", "was": "<what it '
                                                          'showed>"}; restore the line from git'))
            continue
        owners[record["url"]] = record["was"]
        lines[record["url"]] = number
    return Ledger(file, owners, lines), problems


def _committed(path: Path) -> str:
    """The last commit that has the file, when the folder is a git checkout that ever had it; else ''."""
    try:
        found = subprocess.run(["git", "-C", str(path.parent), "log", "-1", "--format=%h", "--", path.name],
                               capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return found.stdout.strip() if found.returncode == 0 else ""


def unkept(ledger: Ledger, now: Mapping[str, str], redirects: Iterable[Redirect],
           landing: Collection[str] = frozenset()) -> list[Problem]:
    """Every URL of the ledger that this build would break: no page (or anchor) and no redirect.

    landing holds URLs that still open the right entry without their anchor (lands_on_its_entry)."""
    by_source = {r.source: r for r in redirects}
    problems = []
    for address, was in ledger.owners.items():
        if address in now or address in landing:
            continue
        path, fragment = urls.split_url(address)
        folder, _, name = path.rpartition("/")
        moved = by_source.get(folder + "/") if name in outputs.CODE_PAGE.twins else None
        if moved is not None and f"/{moved.target}{name}" in now:
            continue  # a redirect to a code page carries the code's twins (mkdocs_adapter/build.py)
        redirect = by_source.get(path)
        if redirect is not None:
            if fragment is None:
                continue
            lands_at = "/" + redirect.fragments.get(fragment, f"{redirect.target}#{fragment}")
            if lands_at in now:
                continue
            reason = f"it redirects to {lands_at}, which does not exist"
        elif fragment is not None and "/" + path in now:
            reason = f"the page is still there, but without the anchor #{fragment}"
        else:
            reason = "this build has neither a page nor a redirect for it"
        anchored = f", with `anchor: {fragment}`" if fragment is not None else ""
        release = RELEASE_WAS.fullmatch(was)
        if release is not None and fragment is not None:
            advice = ("Keep it: give the release its old version back, or list the old one under the release's "
                      f"`formerly` in catalog.yml (`formerly: [\"{release.group(1)}\"]`)")
        elif HAND_WRITTEN in was:
            advice = (f"Keep it: put the page back, or declare where it went under `redirects` in the catalog's "
                      f"catalog.yml (`- {{from: /{path.lstrip('/')}, to: /<where it went>/}}`)")
        else:
            advice = ("Keep it: mark the entry or message removed (`lifecycle.removed`, or `removed` on a message) so "
                      "its page stays as a tombstone, or declare where it went (`moved_from` on the entry that has it "
                      f"now{anchored}; `formerly` on a group or catalog; or `redirects` in catalog.yml)")
        problems.append(Problem(ledger.file, ledger.lines[address], "url",
                                f"{address} was published for {was}, and {reason}. {advice}"))
    return problems


@dataclass(frozen=True)
class Guard:
    """What the guard of published URLs finds before a build writes anything."""

    planned: list[Redirect]
    moved: MovedRows
    known: Ledger | None
    """The ledger, or None before the site's first publication."""
    now: Mapping[str, str]
    """What the build publishes (empty without a ledger)."""
    refused: list[Problem]
    """Redirects that cannot be written (the guard stops at them)."""
    problems: list[Problem]
    """A ledger that cannot be read, or URLs of it that would break."""


def guard(catalogs: tuple[Catalog, ...], data_dir: Path, docs_dir: Path) -> Guard:
    """Plan the redirects, read the ledger, find the rows that moved, and every URL of the ledger this build would
    break."""
    docs_pages = hand_written(docs_dir)
    live = {urls.site_path(src) for catalog in catalogs for src in urls.generated_srcs(catalog)}
    live |= {urls.site_path(src) for src in docs_pages}
    live |= {path for catalog in catalogs for path in outputs.file_paths(catalog)}
    live |= {path for catalog in catalogs for _, path in outputs.former_files(catalog)}
    planned, refused = redirects.plan(catalogs, live)
    if refused:
        return Guard(planned, {}, None, {}, refused, [])
    known, problems = read(data_dir)
    moved = moved_rows(known, catalogs)
    now = published(catalogs, docs_pages, moved) if known is not None else {}
    if known is not None:
        problems += unkept(known, now, planned, lands_on_its_entry(catalogs))
    return Guard(planned, moved, known, now, [], problems)


def new(ledger: Ledger, now: Mapping[str, str]) -> list[str]:
    """The URLs this build publishes that the ledger does not know yet."""
    return sorted(set(now) - set(ledger.owners))


def write(data_dir: Path, ledger: Ledger | None, now: Mapping[str, str]) -> int:
    """Record today's URLs in the ledger (what a URL shows is updated; no URL is removed); the number added."""
    owners = dict(ledger.owners) if ledger is not None else {}
    added = len(set(now) - set(owners))
    owners.update(now)
    lines = [json.dumps(HEADER, ensure_ascii=False)]
    lines += [json.dumps({"url": address, "was": owners[address]}, ensure_ascii=False) for address in sorted(owners)]
    (data_dir / LEDGER_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return added
