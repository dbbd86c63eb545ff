"""The application's own preferences (not programme rules): declared once, with defaults.

Kept as JSON beside the data file, so a demo folder or a USB stick carries its own choices.
Window sizes and column widths belong to the window and stay in `ui/`.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

#: Languages a coordinator can choose (Settings; or MENTORDESK_LANGUAGE for one run), each
#: named in itself. The code is that of `resources/translations/<code>.po`.
LANGUAGES: dict[str, str] = {"en_GB": "English (UK)", "gd": "Gàidhlig (a start)"}


@dataclass
class Preferences:
    current_programme_id: int | None = None
    last_page: str = ""
    language: str = ""  #: a code from LANGUAGES; "" is British English (read at start-up)
    coordinator_name: str = ""
    #: Minutes without use after which a password-protected window hides its content (0: never).
    lock_after_minutes: int = 10


def load_preferences(path: Path) -> Preferences:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Preferences()
    known = {f.name for f in fields(Preferences)}
    return Preferences(**{k: v for k, v in raw.items() if k in known})


def save_preferences(path: Path, preferences: Preferences) -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a file."""
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(asdict(preferences), indent=2), encoding="utf-8")
    os.replace(partial, path)
