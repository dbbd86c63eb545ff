"""The first day: the demo programme in a folder of its own, clearly marked, beside the real one.

Looking round the demo must never touch the coordinator's own records, so it lives in a
separate data folder with a marker file; the window shows "Demo" wherever it opens that folder.
"""

from __future__ import annotations

from app import clock
from app.paths import DataPaths

#: A file in a data folder that says "this is the demo".
DEMO_MARKER = "this-is-the-demo.txt"


def demo_folder_for(paths: DataPaths) -> DataPaths:
    """The demo's folder, next to the real data folder (never inside it)."""
    folder = paths.folder
    return DataPaths(folder.with_name(folder.name + "-demo"))


def is_demo_folder(paths: DataPaths) -> bool:
    return (paths.folder / DEMO_MARKER).is_file()


def prepare_demo(demo: DataPaths) -> DataPaths:
    """Fill the demo folder with the demo programme, once; later visits find it as it was left."""
    from app.storage import open_database

    demo.ensure()
    (demo.folder / DEMO_MARKER).write_text(
        "This folder holds the Mentor Desk demo programme: made-up people and records.\n",
        encoding="utf-8",
    )
    if demo.database.exists():
        return demo
    from app.demo import create_demo

    database = open_database(demo, backup_on_open=False)
    try:
        with database.session() as s:
            create_demo(s, today=clock.today())
    finally:
        database.close(backup=False)
    return demo
