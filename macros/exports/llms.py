"""llms.txt for the site and a complete, compact listing per catalog (`/<catalog>/llms-full.txt`), for language models.

Pure (model in, text out), in the llms.txt format: an H1 with the site's name, a summary in a
quote, then sections of links. The per-catalog listing gives every entry in a few lines, each
text cut to a fixed length, so that its size stays proportional to the number of codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from ..catalog.model import Catalog
from ..site import outputs, urls
from ..site.outputs import Site
from ..site.vocabulary import RETRYABLE_LABELS
from . import twins
from .records import EntryRecord, entry_records, of_site

MAX_TEXT = 240
"""The most characters of a name, description, fix, message or cause an entry of llms-full.txt carries."""
MAX_ENTRY_BYTES = 1_200
"""What one entry of llms-full.txt can take at most (codes are at most 100 characters): 60 MB at 50,000 codes."""


def _cut(text: str, most: int = MAX_TEXT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= most else flat[:most - 1].rstrip() + "…"


def llms_txt(catalogs: Iterable[Catalog], site_name: str, summary: str, site_url: str | None) -> str:
    """/llms.txt: what the site is, how to resolve an error, and each catalog's pages and data."""
    def link(url: str) -> str:
        return urls.absolute(site_url, url)

    out = [f"# {twins.md_text(site_name)}", "", f"> {twins.md_text(summary)}", "",
           "Every error code has a page at a stable URL, with the code's meaning, causes, fixes and retry rule. "
           "Beside each code page are its twins: `index.json` (the entries in full) and `index.md` (the page as "
           "Markdown).", "",
           "## Resolve an error", "",
           f"- [Look up anything]({link('/lookup/?q=')}): append a code, a name, an exact message or a URL-encoded "
           "error response; an unambiguous answer opens its code page",
           f"- [URL scheme]({link('/url-scheme/')}): how code page URLs are built, per catalog and code system",
           *(f"- [{o.title}]({link(o.url())}): {o.about}" for o in outputs.SITE_OUTPUTS if o.about), ""]
    for catalog in catalogs:
        out += [f"## {twins.md_text(catalog.title)}", "", twins.md_para(catalog.summary), ""]
        for output in outputs.catalog_outputs(catalog):
            if output.about:
                out.append(f"- [{output.title}]({link(output.url(catalog.id))}): {output.about}")
            if output is outputs.OVERVIEW:
                for system in catalog.systems:
                    template = link("/" + urls.code_path_template(catalog, system.id))
                    out.append(f"- {twins.md_text(system.title)}: code pages at `{template}`, JSON twin at "
                               f"`{template}{twins.JSON_NAME}`")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _entry(record: EntryRecord, labels: Mapping[str, str]) -> list[str]:
    facts = [f"status {record.status}" if record.status is not None else None,
             f"retry: {RETRYABLE_LABELS[record.retryable].lower()}",
             None if record.lifecycle == "active" else record.lifecycle,
             _cut(", ".join(f"{labels[fact]} {value}" for fact, value in record.facts), MAX_TEXT // 2)]
    head = f"### {twins.md_code(record.label)}" + (f" {twins.md_text(_cut(record.name))}" if record.name else "")
    about = twins.md_para(_cut(record.description)) + " " if record.description else ""
    lines = [head, "", about + "(" + twins.md_text(", ".join(f for f in facts if f)) + ")"]
    if record.fixes:
        lines.append(f"Fix: {twins.md_text(_cut(record.fixes[0]))}")
    lines += [f"<{record.url}>", ""]
    return lines


def llms_full(catalog: Catalog, site_url: str | None,
              records: Iterable[EntryRecord] | None = None) -> Iterator[str]:
    """/<catalog>/llms-full.txt, in pieces: every entry of the catalog in a few lines, then its message strings."""
    yield (f"# {twins.md_text(catalog.title)}: every error\n\n> {twins.md_text(_cut(catalog.summary))}\n\n"
           f"Each entry: code and name, description, HTTP status and retry verdict, the first fix, and its page. "
           f"Each page has a JSON twin, `{twins.JSON_NAME}`, at the same path.\n\n")
    listed = iter(records or entry_records(catalog, site_url))
    labels = {fact.id: fact.label for fact in catalog.facts}
    for group in catalog.groups:
        yield f"## {twins.md_text(group.title)}\n\n"
        for _ in group.entries:
            yield "\n".join(_entry(next(listed), labels)) + "\n"
        for message in group.messages:
            cause = f": {twins.md_text(_cut(message.cause))}" if message.cause else ""
            yield (f"- {twins.md_code(_cut(message.text))} (code {twins.md_code(message.code)}){cause} "
                   f"<{urls.absolute(site_url, urls.message_url(catalog, message))}>\n")
            yield "".join(f"  - {twins.md_language(tag)}: {twins.md_code(_cut(text))}\n"
                          for tag, text in message.translations.items())
        if group.messages:
            yield "\n"


def llms_file(site: Site) -> str:
    """/llms.txt."""
    return llms_txt(site.catalogs, site.site_name, site.summary, site.site_url)


def llms_full_file(site: Site, catalog: Catalog) -> Iterator[str]:
    """/<catalog>/llms-full.txt."""
    return llms_full(catalog, site.site_url, of_site(site, catalog))
