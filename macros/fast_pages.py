"""The fast path for generated pages: their Markdown, straight to the HTML Python-Markdown would make.

Code, table and health pages are rendered from our own templates, so they use a small,
regular subset of Markdown: headings (with `{ #id }`), paragraphs, tight lists, pipe tables,
admonitions, fenced code, a one-line empty `<div>` block, and inline bold, links, code spans,
raw `<code>`, empty `<span id>` anchors and entities. `convert` turns exactly that subset
into HTML, table of contents and anchors; anything else raises `Unsupported`, and the page
goes through Python-Markdown as usual. Fenced code is highlighted by a Python-Markdown
instance configured like MkDocs', so it is the same HTML. tests/test_fast_pages.py checks
that both paths give the same site, byte for byte.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import markdown
import pymdownx.highlight
from markdown.extensions.toc import slugify, unique

HEADING = re.compile(r"^(#{1,6}) (.+?)(?: \{ #([A-Za-z0-9_.:-]+) \})?$")
ADMONITION = re.compile(r'^!!! ([a-z]+) "([^"]*)"$')
FENCE = re.compile(r"^(`{3,})([a-z]*)$")
BULLET = re.compile(r"^- (.*)$")
NUMBERED = re.compile(r"^1\. (.*)$")
TABLE_RULE = re.compile(r"^\|(?:---\|)+$")
RAW_BLOCK = re.compile(r'^<div(?: [a-z-]+(?:="[^"<>&]*")?)*></div>$')
INLINE = re.compile(
    r"\*\*(?P<strong>.+?)\*\*"
    r"|\[(?P<label>(?:[^\[\]]|<code>[^<]*</code>)+)\]\((?P<target>[^()\s]+)\)"
    r'|(?P<raw></?code>|<span id="[A-Za-z0-9_.:-]+"></span>)'
    r"|`(?P<span>[^`]+)`"
    r"|(?P<entity>&#\d+;|&[a-z]+;)"
)
PLAIN = re.compile(r"[^*\[\]`<>&\\_{}|]")
ID_ATTRIBUTE = re.compile(r'\bid="([^"]+)"')
TAG = re.compile(r"<[^>]+>")
PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)
INSIDE_PRE_MARKUP = re.compile(r"<(?!/?(?:pre|code)\b)[^>]*>")


class Unsupported(Exception):
    """The page uses Markdown this converter does not handle; render it the usual way."""


LinkResolver = Callable[[str], "tuple[str, str | None, str | None]"]


class Anchors:
    """A page's anchor ids as one string: MkDocs only ever asks whether an id is among them.

    A set of twenty short strings costs about 2 KB a page; at 50,000 pages that is 100 MB
    of the build's peak memory.
    """

    __slots__ = ("_ids",)

    def __init__(self, ids: Iterable[str]) -> None:
        self._ids = "\n" + "".join(f"{anchor}\n" for anchor in ids if "\n" not in anchor)

    def __contains__(self, anchor: object) -> bool:
        return isinstance(anchor, str) and "\n" not in anchor and f"\n{anchor}\n" in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids.split("\n")[1:-1])


@dataclass
class Rendered:
    """A page converted by the fast path."""

    html: str
    toc_tokens: list[dict[str, Any]]
    title: str | None
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]] = field(default_factory=dict)


class Converter:
    """Converts generated pages' Markdown; one per build, reused for every page."""

    def __init__(self, extensions: list[Any], configs: dict[str, Any]) -> None:
        self._highlighter = markdown.Markdown(extensions=extensions, extension_configs=configs)
        self._formatters: dict[str, Any] = {}

    def convert(self, text: str, resolve: LinkResolver) -> Rendered:
        """The page's HTML, table of contents, title and anchors, or Unsupported."""
        page = _Page(resolve)
        lines = text.split("\n")
        blocks = list(page.blocks(lines))
        code = [b for b in blocks if isinstance(b, _Code)]
        if code:
            self._highlight(code)
        rendered = "\n".join(b.html if isinstance(b, _Code) else b for b in _flatten(blocks)).strip()
        return Rendered(rendered, page.toc(), page.title, set(ID_ATTRIBUTE.findall(rendered)), page.links)

    def _highlight(self, blocks: list[_Code]) -> None:
        source = "\n\n".join(b.source for b in blocks)
        self._highlighter.reset()
        with _formatters_reused(self._formatters):
            output = self._highlighter.convert(source)
        parts = output.split("</code></pre></div>")
        if len(parts) != len(blocks) + 1 or parts[-1].strip():
            raise Unsupported("fenced code")
        for block, part in zip(blocks, parts, strict=False):
            block.html = part.lstrip("\n") + "</code></pre></div>"


@contextmanager
def _formatters_reused(made: dict[str, Any]) -> Iterator[None]:
    """Within the block, pymdownx.highlight gets one Pygments formatter per set of options.

    It makes a formatter for every code block, and making one (its style table) costs more
    than highlighting a short example; a formatter keeps no state between blocks.
    """
    make = pymdownx.highlight.BlockHtmlFormatter

    def reused(**options: Any) -> Any:
        key = repr(sorted(options.items()))
        if key not in made:
            made[key] = make(**options)
        return made[key]

    pymdownx.highlight.BlockHtmlFormatter = reused
    try:
        yield
    finally:
        pymdownx.highlight.BlockHtmlFormatter = make


@dataclass
class _Code:
    source: str
    html: str = ""


def _is_item(line: str) -> bool:
    return bool(BULLET.match(line) or NUMBERED.match(line))


def _flatten(blocks: list[Any]) -> Iterator[Any]:
    for block in blocks:
        if isinstance(block, list):
            yield from _flatten(block)
        else:
            yield block


class _Page:
    def __init__(self, resolve: LinkResolver) -> None:
        self.resolve = resolve
        self.used_ids: set[str] = set()
        self.headings: list[dict[str, Any]] = []
        self.title: str | None = None
        self.links: dict[str, dict[str, str]] = {}

    def blocks(self, lines: list[str], nested: bool = False) -> Iterator[Any]:
        i = 0
        while i < len(lines):
            line = lines[i]
            if not line.strip():
                i += 1
                continue
            if line != line.lstrip():
                raise Unsupported("indented block")
            if match := HEADING.match(line):
                yield self.heading(len(match.group(1)), match.group(2), match.group(3))
                i += 1
            elif match := ADMONITION.match(line):
                end = i + 1
                while end < len(lines) and (not lines[end].strip() or lines[end].startswith("    ")):
                    end += 1
                inner = [item[4:] if item.startswith("    ") else item for item in lines[i + 1:end]]
                title = self.inline(match.group(2))
                yield [f'<div class="admonition {match.group(1)}">', f'<p class="admonition-title">{title}</p>',
                       list(self.blocks(inner, nested=True)), "</div>"]
                i = end
            elif not nested and RAW_BLOCK.match(line) and not "".join(lines[i - 1:i] + lines[i + 1:i + 2]).strip():
                yield line + "\n"
                i += 1
            elif match := FENCE.match(line):
                end = lines.index(match.group(1), i + 1) if match.group(1) in lines[i + 1:] else -1
                if end < 0:
                    raise Unsupported("unclosed fence")
                yield _Code("\n".join(lines[i:end + 1]))
                i = end + 1
            else:
                end = i
                while end < len(lines) and lines[end].strip():
                    end += 1
                yield self.block(lines[i:end])
                after = next((line for line in lines[end:] if line.strip()), "")
                if _is_item(lines[end - 1]) and _is_item(after):
                    raise Unsupported("loose list")
                i = end

    def block(self, lines: list[str]) -> str:
        if all(BULLET.match(line) for line in lines):
            return self.items("ul", [BULLET.match(line).group(1) for line in lines])  # type: ignore[union-attr]
        if all(NUMBERED.match(line) for line in lines):
            return self.items("ol", [NUMBERED.match(line).group(1) for line in lines])  # type: ignore[union-attr]
        if len(lines) >= 2 and lines[0].startswith("|") and TABLE_RULE.match(lines[1]):
            return self.table(lines)
        if any(_is_item(line) or line.startswith(("|", "#", "!!!", "```", ">")) for line in lines):
            raise Unsupported("mixed block")
        return f"<p>{self.inline(chr(10).join(lines))}</p>"

    def items(self, tag: str, items: list[str]) -> str:
        body = "\n".join(f"<li>{self.inline(item)}</li>" for item in items)
        return f"<{tag}>\n{body}\n</{tag}>"

    def table(self, lines: list[str]) -> str:
        rows = [self.cells(line) for line in lines]
        head, body = rows[0], rows[2:]
        if len(rows[1]) != len(head) or any(len(row) != len(head) for row in body):
            raise Unsupported("ragged table")
        out = ["<table>", "<thead>", "<tr>", *(f"<th>{self.inline(c)}</th>" for c in head), "</tr>", "</thead>"]
        out.append("<tbody>")
        for row in body:
            out.extend(["<tr>", *(f"<td>{self.inline(c)}</td>" for c in row), "</tr>"])
        out.extend(["</tbody>", "</table>"])
        return "\n".join(out)

    def cells(self, line: str) -> list[str]:
        if not line.startswith("|") or not line.endswith("|"):
            raise Unsupported("table row")
        return [cell.strip() for cell in line[1:-1].split("|")]

    def heading(self, level: int, text: str, wanted: str | None) -> str:
        inner = self.inline(text)
        name = TAG.sub("", inner)
        anchor = wanted or unique(slugify(html.unescape(name), "-"), self.used_ids)
        if wanted:
            if wanted in self.used_ids:
                raise Unsupported("repeated id")
            self.used_ids.add(wanted)
        self.headings.append({"level": level, "id": anchor, "name": name, "html": inner,
                              "data-toc-label": "", "children": []})
        if level == 1 and self.title is None:
            self.title = html.unescape(name)
        return (f'<h{level} id="{anchor}">{inner}<a class="headerlink" href="#{anchor}" '
                f'title="Permanent link">&para;</a></h{level}>')

    def toc(self) -> list[dict[str, Any]]:
        root: list[dict[str, Any]] = []
        stack: list[dict[str, Any]] = []
        for heading in self.headings:
            while stack and stack[-1]["level"] >= heading["level"]:
                stack.pop()
            (stack[-1]["children"] if stack else root).append(heading)
            stack.append(heading)
        return root

    def inline(self, text: str) -> str:
        out: list[str] = []
        position = 0
        for match in INLINE.finditer(text):
            out.append(self.plain(text[position:match.start()]))
            position = match.end()
            if match.group("strong") is not None:
                out.append(f"<strong>{self.inline(match.group('strong'))}</strong>")
            elif match.group("label") is not None:
                if text[:match.start()].endswith("!"):
                    raise Unsupported("image")
                out.append(f'<a href="{self.link(match.group("target"))}">{self.inline(match.group("label"))}</a>')
            elif match.group("raw") is not None:
                out.append(match.group("raw"))
            elif match.group("span") is not None:
                out.append(f"<code>{html.escape(match.group('span'), quote=False)}</code>")
            else:
                out.append(match.group("entity"))
        out.append(self.plain(text[position:]))
        return "".join(out)

    def plain(self, text: str) -> str:
        if PLAIN.sub("", text):
            raise Unsupported(f"markup in {text!r}")
        return text

    def link(self, target: str) -> str:
        if target.startswith("#"):
            return target
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
            raise Unsupported("absolute link")
        url, linked_file, anchor = self.resolve(target)
        if linked_file is not None and anchor:
            self.links.setdefault(linked_file, {})[anchor] = target
        return url


def resolver(page_src: str, url_of: Callable[[str], str | None]) -> LinkResolver:
    """Resolve a relative Markdown link of a page the way MkDocs does: (url, target file, anchor)."""

    def resolve(target: str) -> tuple[str, str | None, str | None]:
        path, _, anchor = target.partition("#")
        src = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), path))
        url = url_of(src)
        if url is None:
            raise Unsupported(f"link to {target}")
        return (f"{url}#{anchor}" if anchor else url), src, anchor or None

    return resolve


def search_view(page_html: str) -> str:
    """A code page's HTML as Material's search parser sees it, for half the parsing.

    Inside <pre> the parser keeps only <pre>, <code> and the text, so the highlighter's
    markup is dropped before it runs. The search index comes out the same; the
    byte-for-byte site tests in tests/test_fast_pages.py include it.
    """
    parts = PRE.split(page_html)
    parts[1::2] = [INSIDE_PRE_MARKUP.sub("", part) for part in parts[1::2]]
    return "".join(parts)
