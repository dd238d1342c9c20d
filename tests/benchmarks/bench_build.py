"""Benchmark the strict build of synthetic sites of 1,000 / 10,000 / 50,000 codes against plain Material.

Run: .venv/bin/python tests/benchmarks/bench_build.py [--sizes 1000 10000 50000] [--reuse DIR] [--repeat N]
     [--keep] [--json FILE]

For each size, in the same run:
- ours: the synthetic project (synthetic.write_project) built with `mkdocs build --strict`, hooks and
  macros plugin generating the code, table and health pages;
- baseline: a second project whose docs/ holds, as ordinary Markdown files, the same pages: the code,
  table and health pages in Markdown (markdown_pages.py: the same headings, anchors, links, rows and
  search entries as ours), the generated overview, error format and retry pages, and the prose pages
  with every `{{ macro(...) }}` call replaced by the Markdown the macro returns; same theme, Markdown
  extensions and nav, plugins `[search]` only, no hooks, no macros plugin; code pages kept out of the
  nav with `not_in_nav`.
Each build runs in a subprocess (wall time measured around it; peak RSS from getrusage in the child),
both in a RAM disk when the machine has one (/dev/shm), where writing the site costs little system time.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import markdown_pages  # noqa: E402
import synthetic  # noqa: E402
import yaml  # noqa: E402
from mkdocs.utils.yaml import yaml_load  # noqa: E402

from macros.catalog.loader import load_catalogs  # noqa: E402
from macros.catalog.model import Catalog  # noqa: E402
from macros.exports import feeds, twins  # noqa: E402
from macros.lint import lint  # noqa: E402
from macros.site import markdown_pages as site_markdown  # noqa: E402
from macros.site import navigation, outputs, urls  # noqa: E402

DEFAULT_SIZES = (1_000, 10_000, 50_000)
TARGET_RATIO_AT = 10_000
TARGET_RATIO = 0.4
AIM_RATIO = 0.3
TARGET_LARGE_AT = 50_000
TARGET_LARGE_S = 120.0
TARGET_LARGE_RSS = 10**9  # 1 GB read strictly: 954 MiB
TARGET_LINEARITY = 1.2
TARGET_PAGE_BYTES = 25_000  # 25 KB read strictly
TARGET_MACHINE_SHARE = 0.25  # the files for programs add at most 25% to the rest of the build, at TARGET_LARGE_AT
TARGET_TWIN_MEDIAN = 8_000  # index.json of the median code, 8 KB read strictly
MACHINE_LINE = re.compile(r"Machine-readable files \(.*?\) written in ([0-9.]+) s")
BUILD_TIMEOUT_S = 3600
MACRO_CALL = re.compile(r"\{\{\s*(\w+)\((.*?)\)\s*\}\}")
LEFTOVER_JINJA = re.compile(r"\{\{|\{%")
DROPPED_KEYS = ("hooks", "watch", "plugins")
RUSAGE_ENV = "BENCH_BUILD_RUSAGE"

# Runs mkdocs in this interpreter and writes its peak RSS (bytes) to a file when it exits.
WRAPPER = """
import atexit, os, resource, sys
def _peak():
    with open(os.environ["BENCH_BUILD_RUSAGE"], "w") as out:
        out.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024))
atexit.register(_peak)
sys.argv = ["mkdocs", *sys.argv[1:]]
from mkdocs.__main__ import cli
cli()
"""


@dataclass
class Build:
    """One side's build at one size: time, memory and what it wrote."""

    seconds: float = 0.0
    runs_s: list[float] = field(default_factory=list)
    peak_rss: int = 0
    strict: bool = True
    site_bytes: int = 0
    site_files: int = 0
    html_pages: int = 0
    log_tail: str = ""
    machine_runs_s: list[float] = field(default_factory=list)

    @property
    def machine_s(self) -> float | None:
        """Seconds the fastest build spent on its machine-readable files (twins, catalog.json, ...), from its log."""
        if not self.machine_runs_s:
            return None
        return self.machine_runs_s[self.runs_s.index(min(self.runs_s))]

    @property
    def machine_share(self) -> float | None:
        """What those files add to the rest of the build: their seconds over the other seconds."""
        spent = self.machine_s
        return None if spent is None else spent / (self.seconds - spent)


@dataclass
class Size:
    """Every figure measured at one size."""

    codes: int
    pages: int
    project: str
    baseline_project: str
    ours: Build = field(default_factory=Build)
    baseline: Build = field(default_factory=Build)
    synthetic_codes: int = 0
    page_median: float = 0.0
    page_max: int = 0
    page_max_path: str = ""
    lookup_raw: int = 0
    lookup_gzip: int = 0
    twin_json_median: float = 0.0
    twin_json_max: int = 0
    openapi_bytes: int = 0
    client_bytes: int = 0
    generate_s: float = 0.0
    baseline_write_s: float = 0.0

    @property
    def ratio(self) -> float | None:
        """Our build time over the baseline's."""
        return self.ours.seconds / self.baseline.seconds if self.baseline.seconds else None

    def per_code_ms(self, side: Build) -> float:
        """Build milliseconds per synthetic code asked for."""
        return 1000 * side.seconds / self.codes


# --- projects ---------------------------------------------------------------------------------


def prepare_project(folder: Path, codes: int, seed: int) -> tuple[Path, bool]:
    """Reuse folder when it holds a synthetic project of this size and seed (refreshing its sources), else write one."""
    marker = folder / synthetic.MARKER
    if marker.is_file() and json.loads(marker.read_text(encoding="utf-8")) == {"codes": codes, "seed": seed}:
        synthetic.write_sources(folder, codes)
        return folder, True
    if folder.exists():
        shutil.rmtree(folder)
    return synthetic.write_project(folder, codes, seed), False


def _load_config(project: Path) -> dict[str, Any]:
    with (project / "mkdocs.yml").open(encoding="utf-8") as stream:
        return yaml_load(stream)


def _macro_markdown(catalogs: dict[str, Catalog], src: str, name: str, args: tuple[Any, ...]) -> str:
    if name in ("catalog_list", "url_scheme", "latest_releases", "paste_guide"):
        return getattr(site_markdown, name)(tuple(catalogs.values()), src)
    function = getattr(site_markdown, name, None)
    if function is None or not args or args[0] not in catalogs:
        raise ValueError(f"{src}: cannot expand macro {name}{args!r}")
    return function(catalogs[args[0]], src, *args[1:])


def expand_macros(markdown: str, src: str, catalogs: dict[str, Catalog]) -> str:
    """A prose page with every `{{ macro(...) }}` call replaced by the Markdown the macro returns."""

    def expand(match: re.Match[str]) -> str:
        args = ast.literal_eval(f"({match.group(2)},)") if match.group(2).strip() else ()
        return _macro_markdown(catalogs, src, match.group(1), args)

    out = MACRO_CALL.sub(expand, markdown)
    if LEFTOVER_JINJA.search(out):
        raise ValueError(f"{src}: template code left that the baseline cannot render")
    return out


def baseline_config(project: Path, catalogs: tuple[Catalog, ...]) -> dict[str, Any]:
    """Our mkdocs.yml as plain Material: search only, no hooks or macros, the nav our build ends up with."""
    config = {k: v for k, v in _load_config(project).items() if k not in DROPPED_KEYS}
    config["theme"] = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
    config["plugins"] = ["search"]
    written = navigation.written_pages(project / "docs", catalogs)
    config["nav"] = navigation.catalog_nav(config["nav"], catalogs, written)
    config["not_in_nav"] = "\n".join(f"/{c.id}/" for c in catalogs) + "\n"
    return config


def write_baseline(project: Path, out: Path, catalogs: tuple[Catalog, ...]) -> int:
    """Write the plain-Material twin of project (whose catalogs are given) into out; return the pages written."""
    health = lint(catalogs)
    by_id = {c.id: c for c in catalogs}
    if out.exists():
        shutil.rmtree(out)
    docs = out / "docs"
    pages: dict[str, str] = {}
    for path in sorted((project / "docs").rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(project / "docs").as_posix()
        if path.suffix == ".md":
            pages[rel] = expand_macros(path.read_text(encoding="utf-8"), rel, by_id)
        else:
            (docs / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, docs / rel)
    for catalog in catalogs:
        for src, make in ((o.at(catalog.id), o.builds()) for o in outputs.replaceable_pages(catalog)):
            if src not in pages:
                pages[src] = make(catalog)
        for group in catalog.groups:
            pages[outputs.GROUP_TABLE.at(catalog.id, group.id)] = markdown_pages.table_page(catalog, group)
        pages[outputs.HEALTH.at(catalog.id)] = markdown_pages.health_page(catalog, health[catalog.id])
        pages[outputs.DOWNLOADS.at(catalog.id)] = markdown_pages.downloads_page(catalog)
        if catalog.releases:
            pages[outputs.CHANGES.at(catalog.id)] = markdown_pages.changes_page(catalog)
            for path, text in ((outputs.CHANGES_FEED.at(catalog.id), feeds.atom(catalog, None, "Baseline")),
                               (outputs.CHANGES_JSON.at(catalog.id), feeds.changes_json_text(catalog))):
                (docs / path).parent.mkdir(parents=True, exist_ok=True)
                (docs / path).write_text(text, encoding="utf-8")
        for ref in catalog.codes:
            pages[urls.code_src(catalog, ref)] = markdown_pages.code_page(catalog, ref, health[catalog.id].for_ref(ref))
    folders: set[Path] = set()
    for rel, text in pages.items():
        path = docs / rel
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        path.write_text(text, encoding="utf-8")
    config = baseline_config(project, catalogs)
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return len(pages)


# --- builds and measurements ------------------------------------------------------------------


def _scratch_dir() -> str | None:
    """Where the projects and their sites go: a RAM disk when the machine has one with room.

    Writing some 100,000 files to disk made single builds vary by up to 15 s of system time here;
    both sides build in the same place, so the ratio compares the same work.
    """
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > 8 * 10**9:
        return str(shm)
    return None


def build(project: Path, strict: bool = True) -> tuple[float, int, subprocess.CompletedProcess[str]]:
    """Build project into project/site in a subprocess; return wall seconds, peak RSS bytes and the result."""
    site = project / "site"
    if site.exists():
        shutil.rmtree(site)
    with tempfile.NamedTemporaryFile(prefix="rusage-", delete=False) as handle:
        rusage = Path(handle.name)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", RUSAGE_ENV: str(rusage)}
    command = [sys.executable, "-c", WRAPPER, "build", "-d", "site", "--strict" if strict else "--no-strict"]
    try:
        start = time.perf_counter()
        result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env,
                                check=False, timeout=BUILD_TIMEOUT_S)
        seconds = time.perf_counter() - start
        peak = int(rusage.read_text() or 0)
    finally:
        rusage.unlink(missing_ok=True)
    return seconds, peak, result


def run_side(project: Path, side: Build, allow_lax: bool) -> None:
    """One timed build; falls back to a non-strict build only when allowed (the baseline) and strict fails."""
    seconds, peak, result = build(project, strict=side.strict)
    if result.returncode != 0 and side.strict and allow_lax:
        print(f"  strict build of {project} failed; building without --strict:\n{_tail(result)}", flush=True)
        side.strict = False
        seconds, peak, result = build(project, strict=False)
    if result.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{result.stdout}\n{result.stderr}")
    side.runs_s.append(seconds)
    machine = MACHINE_LINE.search(result.stdout + result.stderr)
    if machine:
        side.machine_runs_s.append(float(machine.group(1)))
    side.seconds = min(side.runs_s)
    side.peak_rss = max(side.peak_rss, peak)
    side.log_tail = _tail(result)


def _tail(result: subprocess.CompletedProcess[str], lines: int = 6) -> str:
    return "\n".join((result.stdout + result.stderr).strip().splitlines()[-lines:])


def site_totals(site: Path) -> tuple[int, int, int]:
    """Bytes and files under site (sum of file sizes, like du --apparent-size -b) and HTML pages."""
    total = files = html = 0
    for folder, _, names in os.walk(site):
        for name in names:
            total += os.stat(os.path.join(folder, name)).st_size
            files += 1
            html += name.endswith(".html")
    return total, files, html


def code_page_sizes(site: Path, catalog: Catalog) -> list[tuple[int, str]]:
    """HTML size of every code page of catalog, with its path."""
    out = []
    for ref in catalog.codes:
        path = site / urls.code_url(catalog, ref).strip("/") / "index.html"
        out.append((path.stat().st_size, path.relative_to(site).as_posix()))
    return out


def measure(size: Size, ours: Path, baseline: Path, repeat: int, synth: Catalog) -> None:
    """Build both sides repeat times, alternating, then measure what ours wrote."""
    for run in range(repeat):
        for name, project, side in (("ours", ours, size.ours), ("baseline", baseline, size.baseline)):
            print(f"  building {name} ({run + 1}/{repeat})...", end=" ", flush=True)
            run_side(project, side, allow_lax=name == "baseline")
            print(f"{side.runs_s[-1]:.1f} s, {side.peak_rss / 2**20:.0f} MB", flush=True)
    for project, side in ((ours, size.ours), (baseline, size.baseline)):
        side.site_bytes, side.site_files, side.html_pages = site_totals(project / "site")
    size.synthetic_codes = len(synth.codes)
    sizes = code_page_sizes(ours / "site", synth)
    size.page_median = statistics.median(s for s, _ in sizes)
    size.page_max, size.page_max_path = max(sizes)
    twin_sizes = [(ours / "site" / urls.code_url(synth, ref).strip("/") / twins.JSON_NAME).stat().st_size
                  for ref in synth.codes]
    size.twin_json_median, size.twin_json_max = statistics.median(twin_sizes), max(twin_sizes)
    size.openapi_bytes = (ours / "site" / outputs.OPENAPI.at(synth.id)).stat().st_size
    size.client_bytes = sum((ours / "site" / o.at(synth.id)).stat().st_size
                            for o in (outputs.PYTHON_CONSTANTS, outputs.TYPESCRIPT_CONSTANTS))
    data = (ours / "site" / outputs.LOOKUP_INDEX.path).read_bytes()
    size.lookup_raw, size.lookup_gzip = len(data), len(gzip.compress(data, compresslevel=6, mtime=0))


def run_size(codes: int, seed: int, work: Path, repeat: int) -> Size:
    """Generate (or reuse) the project of one size, write its baseline, build and measure both."""
    ours_dir, base_dir = work / f"synthetic-{codes}", work / f"synthetic-{codes}-baseline"
    start = time.perf_counter()
    ours, reused = prepare_project(ours_dir, codes, seed)
    generate_s = time.perf_counter() - start
    print(f"{codes:,} codes: {'reusing' if reused else 'generated'} {ours} ({generate_s:.0f} s)", flush=True)
    start = time.perf_counter()
    catalogs = load_catalogs(ours / "data")
    pages = write_baseline(ours, base_dir, catalogs)
    baseline_write_s = time.perf_counter() - start
    print(f"  wrote baseline {base_dir} ({pages:,} Markdown pages, {baseline_write_s:.0f} s)", flush=True)
    size = Size(codes=codes, pages=pages, project=str(ours), baseline_project=str(base_dir),
                generate_s=generate_s, baseline_write_s=baseline_write_s)
    measure(size, ours, base_dir, repeat, next(c for c in catalogs if c.id == synthetic.CATALOG_ID))
    return size


# --- report -----------------------------------------------------------------------------------


def linearity(sizes: list[Size], side: str) -> float | None:
    """Time per code at the largest size over time per code at the smallest."""
    if len(sizes) < 2:
        return None
    small, large = min(sizes, key=lambda s: s.codes), max(sizes, key=lambda s: s.codes)
    return large.per_code_ms(getattr(large, side)) / small.per_code_ms(getattr(small, side))


def _num(value: float | None, fmt: str = ",.0f") -> str:
    return "—" if value is None else format(value, fmt)


def targets(sizes: list[Size]) -> list[tuple[str, bool | None]]:
    """Each target with met (True), missed (False) or not measured in this run (None)."""
    at = {s.codes: s for s in sizes}
    ratio_size, large = at.get(TARGET_RATIO_AT), at.get(TARGET_LARGE_AT)
    lin = linearity(sizes, "ours")
    return [
        (f"{TARGET_RATIO_AT // 1000}k ratio ≤ {TARGET_RATIO} (aim {AIM_RATIO})",
         None if ratio_size is None or ratio_size.ratio is None else ratio_size.ratio <= TARGET_RATIO),
        (f"{TARGET_LARGE_AT // 1000}k build < {TARGET_LARGE_S:.0f} s",
         None if large is None else large.ours.seconds < TARGET_LARGE_S),
        (f"{TARGET_LARGE_AT // 1000}k peak memory < 1 GB",
         None if large is None else large.ours.peak_rss < TARGET_LARGE_RSS),
        (f"linearity ≤ {TARGET_LINEARITY}", None if lin is None else lin <= TARGET_LINEARITY),
        ("per-code page < 25 KB (max)", all(s.page_max < TARGET_PAGE_BYTES for s in sizes) if sizes else None),
        (f"{TARGET_LARGE_AT // 1000}k files for programs ≤ {TARGET_MACHINE_SHARE:.0%} of the rest",
         None if large is None or large.ours.machine_share is None else large.ours.machine_share
         <= TARGET_MACHINE_SHARE),
        ("index.json median < 8 KB", all(s.twin_json_median < TARGET_TWIN_MEDIAN for s in sizes) if sizes else None),
    ]


def report(sizes: list[Size]) -> str:
    """The plain-text table of every figure, with the targets beside them."""
    sizes = sorted(sizes, key=lambda s: s.codes)
    width = 16
    head = f"{'codes':34}" + "".join(f"{s.codes:>{width},}" for s in sizes) + "   target"
    lines = [head, "-" * len(head)]

    def row(label: str, values: list[str], target: str = "") -> None:
        lines.append(f"{label:34}" + "".join(f"{v:>{width}}" for v in values) + (f"   {target}" if target else ""))

    row("HTML files (ours / baseline)", [f"{s.ours.html_pages:,}/{s.baseline.html_pages:,}" for s in sizes])
    row("ours: build (s)", [_num(s.ours.seconds, ".1f") for s in sizes],
        f"< {TARGET_LARGE_S:.0f} s at {TARGET_LARGE_AT:,}")
    row("baseline: build (s)", [_num(s.baseline.seconds, ".1f") + ("" if s.baseline.strict else " lax")
                                for s in sizes])
    row("ratio ours/baseline", [_num(s.ratio, ".2f") for s in sizes],
        f"≤ {TARGET_RATIO} at {TARGET_RATIO_AT:,} (aim {AIM_RATIO})")
    row("ours: ms per code", [_num(s.per_code_ms(s.ours), ".2f") for s in sizes])
    row("baseline: ms per code", [_num(s.per_code_ms(s.baseline), ".2f") for s in sizes])
    row("ours: peak RSS (MB)", [_num(s.ours.peak_rss / 2**20) for s in sizes],
        f"< {TARGET_LARGE_RSS / 2**20:,.0f} MB at {TARGET_LARGE_AT:,}")
    row("baseline: peak RSS (MB)", [_num(s.baseline.peak_rss / 2**20) for s in sizes])
    row("ours: site size (bytes)", [_num(s.ours.site_bytes) for s in sizes])
    row("baseline: site size (bytes)", [_num(s.baseline.site_bytes) for s in sizes])
    row("code page HTML median (bytes)", [_num(s.page_median) for s in sizes], f"< {TARGET_PAGE_BYTES:,}")
    row("code page HTML max (bytes)", [_num(s.page_max) for s in sizes], f"< {TARGET_PAGE_BYTES:,}")
    row("ours: files for programs (s)", [_num(s.ours.machine_s, ".1f") for s in sizes])
    row("  share of the rest of the build", [_num(None if s.ours.machine_share is None else 100 * s.ours.machine_share,
                                                  ".0f") + "%" for s in sizes],
        f"≤ {TARGET_MACHINE_SHARE:.0%} at {TARGET_LARGE_AT:,}")
    row("index.json median (bytes)", [_num(s.twin_json_median) for s in sizes], f"< {TARGET_TWIN_MEDIAN:,}")
    row("index.json max (bytes)", [_num(s.twin_json_max) for s in sizes])
    row("openapi.json (bytes)", [_num(s.openapi_bytes) for s in sizes])
    row("errors.py + errors.ts (bytes)", [_num(s.client_bytes) for s in sizes])
    row("lookup-index.json raw (bytes)", [_num(s.lookup_raw) for s in sizes])
    row("lookup-index.json gzip -6 (bytes)", [_num(s.lookup_gzip) for s in sizes])
    lin, base_lin = linearity(sizes, "ours"), linearity(sizes, "baseline")
    lines += ["", f"linearity (ms per code at {sizes[-1].codes:,} / at {sizes[0].codes:,}): ours {_num(lin, '.2f')}, "
              f"baseline {_num(base_lin, '.2f')}   target ours ≤ {TARGET_LINEARITY}"]
    if any(len(s.ours.runs_s) > 1 for s in sizes):
        lines.append("build times are the fastest of " + str(len(sizes[0].ours.runs_s)) + " runs per side")
    if any(not s.baseline.strict for s in sizes):
        lines.append("lax: the baseline failed --strict and was built without it")
    verdict = targets(sizes)
    lines.append("targets: " + "; ".join(
        f"{name}: {'—' if ok is None else 'met' if ok else 'MISSED'}" for name, ok in verdict))
    return "\n".join(lines)


def figures(sizes: list[Size]) -> dict[str, Any]:
    """Every figure as JSON-ready data."""
    return {
        "sizes": [{**asdict(s), "ratio": s.ratio, "ours_machine_s": s.ours.machine_s,
                   "ours_machine_share": s.ours.machine_share, "ours_ms_per_code": s.per_code_ms(s.ours),
                   "baseline_ms_per_code": s.per_code_ms(s.baseline)} for s in sizes],
        "linearity": {"ours": linearity(sizes, "ours"), "baseline": linearity(sizes, "baseline")},
        "targets": {
            "ratio_at": TARGET_RATIO_AT, "ratio": TARGET_RATIO, "aim_ratio": AIM_RATIO,
            "large_at": TARGET_LARGE_AT, "large_build_s": TARGET_LARGE_S, "large_peak_rss": TARGET_LARGE_RSS,
            "linearity": TARGET_LINEARITY, "page_bytes": TARGET_PAGE_BYTES,
            "machine_share": TARGET_MACHINE_SHARE, "twin_json_median": TARGET_TWIN_MEDIAN,
            "verdict": {name: ok for name, ok in targets(sizes)},
        },
        "machine": {"cpus": os.cpu_count(), "load_avg": os.getloadavg(), "python": sys.version.split()[0]},
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: for each size generate or reuse, write the baseline, build both, report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="synthetic code counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", type=Path, help="folder holding one project per size to create or reuse")
    parser.add_argument("--repeat", type=int, default=1, help="builds per side and size; the fastest counts")
    parser.add_argument("--keep", action="store_true", help="keep the built sites (and a temporary work folder)")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    args = parser.parse_args(argv)

    work = args.reuse or Path(tempfile.mkdtemp(prefix="bench-build-", dir=_scratch_dir()))
    work.mkdir(parents=True, exist_ok=True)
    sizes: list[Size] = []
    try:
        for codes in args.sizes:
            size = run_size(codes, args.seed, work, max(1, args.repeat))
            sizes.append(size)
            if not args.keep:
                for project in (size.project, size.baseline_project):
                    shutil.rmtree(Path(project) / "site", ignore_errors=True)
    finally:
        if not args.keep and args.reuse is None:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(report(sizes))
    if args.keep or args.reuse:
        print(f"\nprojects in {work}")
    if args.json:
        args.json.write_text(json.dumps(figures(sizes), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
