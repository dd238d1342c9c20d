"""A failed build of any kind leaves the output folder exactly as it was; a good one replaces it whole
(macros/mkdocs_adapter/staging.py, published by the last step of `mkdocs build`)."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import minimal_project, run_build, write_catalog

from macros.mkdocs_adapter import staging


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(parent: Path) -> list[str]:
    """Staging or retired folders a build left beside its output."""
    return sorted(p.name for p in parent.iterdir() if p.name.startswith((staging.STAGING_PREFIX,
                                                                           staging.RETIRED_PREFIX)))


def test_what_a_killed_build_left_is_cleared_by_the_next_one(tmp_path) -> None:
    logger = logging.getLogger("test-staging")
    output = tmp_path / "site"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    for name in (f".staging-site-{dead}-abc", f".retired-site-{dead}-def", f".staging-site-{os.getpid()}-live",
                 f".staging-other-{dead}-xyz"):
        (tmp_path / name).mkdir()
    found = staging.stage(output, logger)
    staging.discard(found, logger)
    assert leftovers(tmp_path) == [f".staging-other-{dead}-xyz", f".staging-site-{os.getpid()}-live"], (
        "a dead build's folders beside this output go; a running build's, and another output's, stay")


def test_the_published_site_is_readable_by_other_users(tmp_path) -> None:
    logger = logging.getLogger("test-staging")
    previous = os.umask(0o022)
    try:
        found = staging.stage(tmp_path / "site", logger)
        (found.staged / "index.html").write_text("home")
        assert staging.publish(found, logger, strict=True)
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "site").stat().st_mode) == 0o755, "a web server's own user must read the site"


def test_the_output_folder_is_never_missing_while_a_build_publishes(tmp_path) -> None:
    logger = logging.getLogger("test-staging")
    output = tmp_path / "site"
    output.mkdir()
    (output / "index.html").write_text("0")
    missing: list[int] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if not (output / "index.html").exists():
                missing.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for round_ in range(1, 40):
            found = staging.stage(output, logger)
            (found.staged / "index.html").write_text(str(round_))
            assert staging.publish(found, logger, strict=True)
    finally:
        done.set()
        watcher.join()
    assert (output / "index.html").read_text() == "39" and leftovers(tmp_path) == []
    assert missing == [], f"the site was missing {len(missing)} times while builds published"


def test_publish_replaces_the_output_and_discard_leaves_it(tmp_path) -> None:
    logger = logging.getLogger("test-staging")
    output = tmp_path / "site"
    output.mkdir()
    (output / "old.html").write_text("old")
    found = staging.stage(output, logger)
    (found.staged / "new.html").write_text("new")
    assert snapshot(output) == {"old.html": b"old"}
    assert staging.publish(found, logger, strict=True)
    assert snapshot(output) == {"new.html": b"new"} and leftovers(tmp_path) == []
    again = staging.stage(output, logger)
    (again.staged / "half.html").write_text("half")
    staging.discard(again, logger)
    assert snapshot(output) == {"new.html": b"new"} and leftovers(tmp_path) == []


def test_a_strict_build_that_logged_a_warning_is_not_published(tmp_path) -> None:
    logger = logging.getLogger("test-staging-strict")
    output = tmp_path / "out" / "site"
    found = staging.stage(output, logger)
    (found.staged / "index.html").write_text("new")
    logger.warning("a broken link")
    assert not staging.publish(found, logger, strict=True)
    assert not output.exists() and leftovers(output.parent) == []
    lax = staging.stage(output, logger)
    logger.warning("a broken link")
    assert staging.publish(lax, logger, strict=False)
    assert output.is_dir()


@pytest.fixture
def project_with_site(tmp_path, example_files) -> tuple[Path, Path, dict[str, bytes]]:
    """A project built once, successfully: (project, its output folder, the output's files)."""
    project = minimal_project(tmp_path, home="# Home\n\n[Example](example/index.md)\n")
    write_catalog(project, example_files)
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.txt").write_text("from an older build")
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    before = snapshot(site)
    assert "stale.txt" not in before and "index.html" in before and "example/100/index.html" in before
    assert leftovers(tmp_path) == []
    return project, site, before


def _break_the_catalog(project: Path) -> None:
    things = project / "data" / "example" / "things.yml"
    things.write_text(things.read_text().replace("status: 400", "status: 4000"))


def _break_a_link(project: Path) -> None:
    (project / "docs" / "index.md").write_text("# Home\n\n[Nowhere](nowhere.md)\n")


def _break_a_hook(project: Path) -> None:
    (project / "docs" / "example" / "ranges").mkdir(parents=True)
    (project / "docs" / "example" / "ranges" / "things.md").write_text("# A page a generated one would replace\n")


def _break_a_macro(project: Path) -> None:
    (project / "docs" / "index.md").write_text("# Home\n\n{{ catalog_overview('no-such-catalog') }}\n")


def _break_a_template(project: Path) -> None:
    theme = project / "macros" / "theme"
    (theme / "main.html").write_text((theme / "main.html").read_text()
                                     + "\n{% block announce %}{{ undefined_call() }}{% endblock %}\n")


def _break_the_last_step(project: Path) -> None:
    llms = project / "macros" / "exports" / "llms.py"
    llms.write_text(llms.read_text() + "\n\ndef llms_txt(*args, **kwargs):\n    raise RuntimeError('broken')\n")


@pytest.mark.parametrize("breaks", [_break_the_catalog, _break_a_link, _break_a_hook, _break_a_macro,
                                    _break_a_template, _break_the_last_step])
def test_a_failed_build_leaves_the_output_exactly_as_it_was(project_with_site, breaks) -> None:
    project, site, before = project_with_site
    breaks(project)
    result = run_build(project, site)
    assert result.returncode != 0, result.stdout + result.stderr
    assert snapshot(site) == before
    assert leftovers(site.parent) == []
