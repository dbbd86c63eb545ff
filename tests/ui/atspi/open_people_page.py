"""Open the demo programme on the People page, the first person chosen (for read_window.sh)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("MENTORDESK_TODAY", "2026-11-23")

from app import clock
from app.demo import create_demo
from app.paths import DataPaths
from app.storage import open_database
from ui.application import build_window, create_application


def main() -> None:
    app = create_application()
    database = open_database(DataPaths(Path(tempfile.mkdtemp()) / "data"))
    with database.session() as s:
        create_demo(s, today=clock.today())
    window = build_window(database, synchronous_tasks=True)
    window.show()
    window.resize(1280, 900)
    window.go_to("people")
    app.processEvents()
    app.exec()


if __name__ == "__main__":
    main()
