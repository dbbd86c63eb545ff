"""Moving to another computer: one file holding the data and the settings.

The move file is a zip with a small manifest, a consistent copy of the data file (through
SQLite's backup API, so it can be made while Mentor Desk is open) and the preferences and window
layout beside it. On the new computer `restore_move_file` (or the welcome page) takes it: the
data goes in through the ordinary restore (so whatever was there is backed up first and the
restore can be undone) and the settings are copied over.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app import __version__, clock
from app.formatting import format_date_time
from app.i18n import _
from app.paths import DATABASE_NAME, DataPaths
from app.storage import backups, encryption
from app.storage.engine import user_version
from app.storage.errors import CorruptError, StorageError

#: The ending a move file is given (and the file dialogs look for).
SUFFIX = ".mentordesk-move"
KIND = "mentordesk-move"
FORMAT = 1
MANIFEST = "manifest.json"
WINDOW_SETTINGS = "window.ini"
#: The settings files carried along, besides the data file.
SETTINGS = ("preferences.json", WINDOW_SETTINGS)


@dataclass(frozen=True)
class MoveManifest:
    app_version: str
    schema_version: int
    made_at: str
    programmes: int
    people: int

    def describe(self) -> str:
        return _(
            "{programmes} programme(s) and {people} people, made by Mentor Desk {version} on {when}"
        ).format(
            programmes=self.programmes,
            people=self.people,
            version=self.app_version,
            when=self.made_at,
        )


def default_name(today_text: str) -> str:
    return f"mentordesk-move-{today_text}{SUFFIX}"


def write_move_file(paths: DataPaths, target: Path) -> MoveManifest:
    """Write everything a new computer needs into the one file `target`."""
    if not paths.database.exists():
        raise StorageError(_("There is no data to move yet."))
    from app.storage import migrate

    with tempfile.TemporaryDirectory(prefix="mentordesk-move-") as scratch:
        copy = Path(scratch) / DATABASE_NAME
        # A protected file is copied as it is (still protected); reading the copy needs the
        # password held for the data folder.
        encryption.lend(paths.folder, Path(scratch))
        try:
            backups.copy_database(paths.database, copy)
            summary = backups.summarise(copy)
            version = user_version(copy)
        except OSError as exc:
            raise backups.copy_failed(exc, Path(scratch), _("The copy of your data")) from exc
        finally:
            encryption.forget(Path(scratch))
        manifest = MoveManifest(
            app_version=__version__,
            schema_version=version or migrate.SCHEMA_VERSION,
            made_at=format_date_time(clock.now()),
            programmes=summary.programmes,
            people=summary.people,
        )
        partial = target.with_name(target.name + ".partial")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(
                    MANIFEST, json.dumps({"kind": KIND, "format": FORMAT, **vars(manifest)})
                )
                zf.write(copy, DATABASE_NAME)
                for name in SETTINGS:
                    if (paths.folder / name).is_file():
                        zf.write(paths.folder / name, name)
            partial.replace(target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise backups.copy_failed(exc, target.parent, _("The move file")) from exc
    return manifest


def is_move_file(path: Path) -> bool:
    """Whether `path` looks like a move file (rather than a plain backup of the data file)."""
    try:
        with zipfile.ZipFile(path) as zf:
            return MANIFEST in zf.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def read_manifest(path: Path) -> MoveManifest:
    """What a move file holds; refuses anything that is not a whole move file."""
    not_ours = CorruptError(
        _("{name} is not a Mentor Desk move file, or it is damaged.").format(name=path.name),
        _("Make the move file again on the old computer (File > Move to another computer)."),
    )
    try:
        with zipfile.ZipFile(path) as zf:
            data = json.loads(zf.read(MANIFEST))
            if data.get("kind") != KIND or DATABASE_NAME not in zf.namelist():
                raise not_ours
            if int(data.get("format", 0)) > FORMAT:
                raise StorageError(
                    _("{name} was made by a newer version of Mentor Desk.").format(name=path.name),
                    _("Install that version (or a newer one) on this computer, then try again."),
                )
            return MoveManifest(
                app_version=str(data["app_version"]),
                schema_version=int(data["schema_version"]),
                made_at=str(data["made_at"]),
                programmes=int(data["programmes"]),
                people=int(data["people"]),
            )
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise not_ours from exc


@dataclass(frozen=True)
class Unpacked:
    """A move file taken apart in a scratch folder (delete `folder` when done)."""

    folder: Path
    database: Path
    settings: tuple[Path, ...]
    manifest: MoveManifest

    def remove(self) -> None:
        encryption.forget(self.folder)  # a password lent to read the copy
        shutil.rmtree(self.folder, ignore_errors=True)


def unpack(path: Path, beside: Path) -> Unpacked:
    """Take the data file and settings out of `path` into a scratch folder inside `beside`."""
    manifest = read_manifest(path)
    beside.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".move-in-", dir=beside))
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            for name in (DATABASE_NAME, *SETTINGS):  # only names we know: nothing else lands
                if name in names:
                    (folder / name).write_bytes(zf.read(name))
    except (OSError, zipfile.BadZipFile) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise backups.copy_failed(exc, beside, _("The move file")) from exc
    settings = tuple(folder / n for n in SETTINGS if (folder / n).is_file())
    return Unpacked(folder, folder / DATABASE_NAME, settings, manifest)


def take_settings(paths: DataPaths, unpacked: Unpacked) -> None:
    """Put the moved preferences and window layout in this data folder."""
    for source in unpacked.settings:
        shutil.copyfile(source, paths.folder / source.name)


def restore_move_file(
    paths: DataPaths, path: Path, supported_version: int, password: str | None = None
) -> Path | None:
    """Replace this folder's data and settings with those in the move file `path`.

    Data protected by a password on the old computer needs that `password` (unless it is
    already held for this folder); it stays protected. The caller holds the data-folder lock
    and has closed its connections. Returns the safety copy of the data that was replaced
    (None if there was none); `mentordesk restore undo` puts it back."""
    paths.ensure()
    unpacked = unpack(path, paths.folder)
    try:
        if encryption.is_encrypted(unpacked.database) and not encryption.knows(paths.folder):
            if not password:
                raise encryption.password_needed()
            encryption.unlock(paths.folder, unpacked.database, password)
        encryption.lend(paths.folder, unpacked.folder)
        backups.check_backup_file(unpacked.database, supported_version)
        safety = backups.restore_backup(paths, unpacked.database, supported_version)
        take_settings(paths, unpacked)
    finally:
        unpacked.remove()
    return safety
