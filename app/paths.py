"""Where Mentor Desk keeps its files.

One data folder holds the database, its backups, the log and the lock. By default it is the
user's data folder from platformdirs; `--data DIR` or the MENTORDESK_DATA environment variable
point somewhere else (a USB stick, a test folder, the demo).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "MENTORDESK_DATA"
DATABASE_NAME = "mentordesk.sqlite3"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("MentorDesk", appauthor=False, roaming=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder to use: an explicit choice, then the environment, then the default."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser().resolve()
    return default_data_dir()


@dataclass(frozen=True)
class DataPaths:
    """The files inside one data folder."""

    folder: Path

    @property
    def database(self) -> Path:
        return self.folder / DATABASE_NAME

    @property
    def backups(self) -> Path:
        return self.folder / "backups"

    @property
    def logs(self) -> Path:
        return self.folder / "logs"

    @property
    def lock(self) -> Path:
        return self.folder / "mentordesk.lock"

    @property
    def preferences(self) -> Path:
        return self.folder / "preferences.json"

    def ensure(self) -> None:
        """Make the folders, readable by this user alone (0700 on Linux and macOS), and make
        the data file, backups and logs already there private too."""
        for folder in (self.folder, self.backups, self.logs):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            self.make_private()

    def make_private(self) -> None:
        """Only this user may read the folder and the files in it (an older version made them
        readable by every account on the PC). Files it cannot change are left as they are."""
        folders = [self.folder, self.backups, self.logs]
        files = [self.database, self.preferences, self.lock, self.folder / "window.ini"]
        files += [self.database.with_name(self.database.name + s) for s in ("-wal", "-shm")]
        for folder in (self.backups, self.logs):
            if folder.is_dir():
                files += [p for p in folder.iterdir() if p.is_file()]
        for path in folders + files:
            try:
                if path.exists() and (path.stat().st_mode & 0o777) != (
                    0o700 if path.is_dir() else 0o600
                ):
                    os.chmod(path, 0o700 if path.is_dir() else 0o600)
            except OSError:
                pass  # a file system without permissions (FAT), or another owner's file
