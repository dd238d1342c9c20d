"""A serving process without the server: builds a project dirty, again each time a line arrives on stdin.

Run: python tests/dirty_session.py PROJECT SITE. It starts the process's session as `mkdocs serve
--dirty` does (the plugins' `on_startup`), builds, prints one JSON line ({"ok", "log"}), then
builds again for every line it reads, until stdin closes. tests/test_mkdocs_rebuild.py drives it.
"""

from __future__ import annotations

import json
import logging
import os
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} {record.getMessage()}")


def main(project: str, site: str) -> None:
    """Build on start and on every line of stdin; report each build as a JSON line."""
    records = _Records()
    logging.getLogger("mkdocs").addHandler(records)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    config_file = os.path.join(project, "mkdocs.yml")
    first = load_config(config_file, site_dir=site)
    first.plugins.on_startup(command="serve", dirty=True)
    config = first
    while True:
        records.lines.clear()
        try:
            build(config, dirty=True)
            ok = True
        except Abort as exc:
            records.lines.append(f"ABORT {exc}")
            ok = False
        print(json.dumps({"ok": ok, "log": records.lines}), flush=True)
        if not sys.stdin.readline():
            return
        config = load_config(config_file, site_dir=site)


if __name__ == "__main__":
    main(*sys.argv[1:3])
