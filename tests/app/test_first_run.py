"""The demo lives in a folder of its own, beside the real one, and says it is the demo."""

from __future__ import annotations

from app.first_run import demo_folder_for, is_demo_folder, prepare_demo
from app.paths import DataPaths


def test_the_demo_has_its_own_marked_folder_beside_the_real_one(paths: DataPaths) -> None:
    demo = demo_folder_for(paths)
    assert demo.folder != paths.folder and demo.folder.parent == paths.folder.parent
    assert not is_demo_folder(paths)
    prepare_demo(demo)
    assert is_demo_folder(demo) and demo.database.is_file()
    assert not paths.database.exists()  # the real folder is untouched
    size = demo.database.stat().st_size
    prepare_demo(demo)  # a second visit finds the demo as it was left
    assert demo.database.stat().st_size == size
