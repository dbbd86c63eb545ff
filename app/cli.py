"""The command line: scripting and support for Mentor Desk, with no Qt.

`mentordesk` with no subcommand opens the window (see ui/__main__.py); with one, it lands here.
Errors are one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from app import APP_NAME, __version__, clock
from app.formatting import format_date, format_date_time
from app.i18n import _
from app.paths import DataPaths, resolve_data_dir

if TYPE_CHECKING:
    from app.storage import Database
    from app.storage.lock import DataFolderLock

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A problem to report in one line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentordesk",
        description=_("Run a mentoring programme on this PC. With no command, opens the window."),
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--data",
        metavar="DIR",
        help=_("use this data folder (default: your user data folder, or $MENTORDESK_DATA)"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help=_("fill the data folder with the demo programme"))
    demo.add_argument(
        "--if-empty", action="store_true", help=_("do nothing if the folder already has data")
    )
    demo.add_argument(
        "--replace",
        action="store_true",
        help=_("replace existing data with the demo (a backup is made first)"),
    )

    sub.add_parser("backup", help=_("make a backup of the data file now"))
    sub.add_parser("backups", help=_("list the backups, newest first"))
    restore = sub.add_parser(
        "restore", help=_("restore a backup file (the current data is backed up first)")
    )
    restore.add_argument(
        "file",
        help=_(
            "the backup file; 'latest' for the newest backup (right after a restore: undo it); "
            "'undo' to undo the last restore"
        ),
    )
    restore.add_argument(
        "--yes", action="store_true", help=_("replace the data without asking (for scripts)")
    )
    check = sub.add_parser("check", help=_("check the data file's integrity and schema version"))
    check.add_argument("--full", action="store_true", help=_("a slower, thorough check"))

    printing = sub.add_parser(
        "print",
        help=_("write a printout to a PDF file"),
        description=_(
            "Write a printout to a PDF file. Several numbers (3,7,9), --all or --all-waiting "
            "put many in one PDF, each on its own pages."
        ),
    )
    printing.add_argument("kind", help=_("what to print (see 'mentordesk print list')"))
    printing.add_argument(
        "id",
        nargs="?",
        help=_("the record's number, several separated by commas (3,7,9), or 0 for a blank form"),
    )
    printing.add_argument("-o", "--output", metavar="FILE", help=_("the PDF file to write"))
    many = printing.add_mutually_exclusive_group()
    many.add_argument(
        "--all",
        action="store_true",
        help=_("every open match's (or meeting's, or running programme's) printout in one PDF"),
    )
    many.add_argument(
        "--all-waiting",
        action="store_true",
        help=_("agreement only: every agreement still waiting for signatures, in one PDF"),
    )
    printing.add_argument(
        "--from",
        dest="date_from",
        metavar="DD/MM/YYYY",
        help=_("first day of the period (evaluation report; default a year before --to)"),
    )
    printing.add_argument(
        "--to",
        dest="date_to",
        metavar="DD/MM/YYYY",
        help=_("last day of the period (evaluation report; default today)"),
    )

    today = sub.add_parser("today", help=_("list everything due or overdue, most urgent first"))
    today.add_argument("--json", action="store_true", help=_("print the list as JSON"))
    today.add_argument(
        "--programme", type=int, metavar="N", help=_("the programme's number (default: the first)")
    )

    sub.add_parser("where", help=_("show the data folder and its files"))

    imports = sub.add_parser("import", help=_("import people from a spreadsheet or CSV file"))
    imports.add_argument("file", help=_("the .xlsx, .xls, .ods or .csv file"))
    imports.add_argument("--programme", type=int, metavar="ID", help=_("the programme's number"))
    imports.add_argument(
        "--role",
        choices=("mentee", "mentor", "both"),
        default="mentee",
        help=_("the role when the file does not say (default: mentee)"),
    )
    imports.add_argument("--dry-run", action="store_true", help=_("check only; write nothing"))
    imports.add_argument("--json", action="store_true", help=_("print a machine-readable report"))

    pack = sub.add_parser(
        "evidence-pack",
        help=_("write completed records as one PDF for a quality award, with nobody named"),
    )
    pack.add_argument("programme", type=int, help=_("the programme's number"))
    pack.add_argument("-o", "--output", metavar="FILE", required=True, help=_("the PDF to write"))
    pack.add_argument("--all", action="store_true", help=_("every completed record"))
    pack.add_argument(
        "--kind",
        action="append",
        choices=("agreement", "action-plan", "meeting-log", "review-record", "closure-record"),
        help=_("only records of this kind (may be given more than once)"),
    )
    pack.add_argument(
        "--match",
        action="append",
        type=int,
        metavar="ID",
        help=_("only this match's records (may be given more than once)"),
    )
    tables = sub.add_parser(
        "export-tables",
        help=_("write the programme's tables to an .xlsx workbook or a folder of CSV files"),
    )
    tables.add_argument("programme", type=int, help=_("the programme's number"))
    tables.add_argument(
        "-o",
        "--output",
        metavar="FILE.xlsx|FOLDER",
        required=True,
        help=_("an .xlsx file, or a folder for one CSV file a table"),
    )
    _add_password_parser(sub)
    _add_privacy_parsers(sub)
    _add_moving_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = DataPaths(resolve_data_dir(args.data))
    # Printouts and messages in the chosen language (MENTORDESK_LANGUAGE, else Settings).
    from app import i18n
    from app.settings import load_preferences

    i18n.install(i18n.chosen_language(load_preferences(paths.preferences).language))
    commands = {
        "demo": cmd_demo,
        "backup": cmd_backup,
        "backups": cmd_backups,
        "restore": cmd_restore,
        "check": cmd_check,
        "print": cmd_print,
        "today": cmd_today,
        "where": cmd_where,
        "import": cmd_import,
        "evidence-pack": cmd_evidence_pack,
        "export-tables": cmd_export_tables,
        "password": cmd_password,
        "audit": cmd_audit,
        "export-person": cmd_export_person,
        "erase-person": cmd_erase_person,
        "retention": cmd_retention,
        "move-out": cmd_move_out,
    }
    if args.command not in commands:
        parser.print_help()
        return EXIT_USAGE
    from app.logs import configure_logging
    from app.storage.errors import StorageError

    try:
        clock.check()
        configure_logging(paths)
        _unlock_from_environment(paths)
        return commands[args.command](paths, args)
    except (CliError, StorageError, clock.ClockError) as exc:
        print(f"mentordesk: {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        return EXIT_PROBLEM
    except Exception as exc:  # a bug: log it in full, say one line
        from app.storage.errors import translate

        known = translate(exc)
        if known is not None:  # the machine's doing (a full disk, a read-only folder)
            log.warning("Command %s failed: %s", args.command, exc)
            print(f"mentordesk: {known}", file=sys.stderr)
            return EXIT_PROBLEM
        log.exception("Command %s failed", args.command)
        print(
            _("mentordesk: unexpected error ({error}); details are in {log}").format(
                error=exc.__class__.__name__, log=paths.logs / "mentordesk.log"
            ),
            file=sys.stderr,
        )
        return EXIT_PROBLEM


def _open_locked(
    paths: DataPaths, *, backup_on_open: bool = True
) -> tuple[DataFolderLock, Database]:
    from app.storage import open_database
    from app.storage.lock import DataFolderLock

    lock = DataFolderLock(paths.lock)
    lock.acquire()
    try:
        database = open_database(paths, backup_on_open=backup_on_open)
    except BaseException:
        lock.release()
        raise
    for warning in database.warnings:
        print(_("mentordesk: {warning}").format(warning=warning), file=sys.stderr)
    return lock, database


def cmd_demo(paths: DataPaths, args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from app.demo import create_demo
    from app.model import Programme

    lock, db = _open_locked(paths)
    try:
        with db.session() as s:
            existing = s.scalar(select(func.count()).select_from(Programme)) or 0
        if existing and args.if_empty:
            print(
                _("The data folder already has data; left as it is: {folder}").format(
                    folder=paths.folder
                )
            )
            return EXIT_OK
        if existing and not args.replace:
            raise CliError(
                _(
                    "{folder} already holds {n} programme(s). Use --replace to swap them for the "
                    "demo (a backup is made first), or choose another folder with --data."
                ).format(folder=paths.folder, n=existing)
            )
        if existing:
            db.backup("before-demo")
            from app.model.base import Base

            with db.session() as s:
                for table in reversed(Base.metadata.sorted_tables):
                    s.execute(table.delete())
        with db.session() as s:
            programme_id = create_demo(s, today=clock.today())
        print(
            _("Demo programme created (programme {id}) in {folder}").format(
                id=programme_id, folder=paths.folder
            )
        )
        return EXIT_OK
    finally:
        db.close()
        lock.release()


def cmd_backup(paths: DataPaths, args: argparse.Namespace) -> int:
    lock, db = _open_locked(paths)
    try:
        made = db.backup("manual")
        print(_("Backup written: {path}").format(path=made))
        return EXIT_OK
    finally:
        db.close(backup=False)
        lock.release()


def cmd_backups(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.storage.backups import list_backups

    found = list_backups(paths)
    if not found:
        print(_("No backups yet in {folder}").format(folder=paths.backups))
    for b in found:
        when = format_date_time(b.made_at, seconds=True)
        print(f"{when}  {b.reason:<16} {b.size // 1024:>7} KB  {b.path}")
    return EXIT_OK


def _choose_restore(paths: DataPaths, which: str) -> tuple[Path, str]:
    """The file `which` means, and a line saying what restoring it does."""
    from app.storage import backups

    marker = backups.last_restore(paths)
    if which == "undo" or (which == "latest" and marker and not marker.changed_since):
        if marker is None:
            raise CliError(
                _(
                    "There is no restore to undo (the copy made before the last restore is no "
                    "longer there, or nothing has been restored)."
                )
            )
        note = _(
            "Undoing the last restore (of {restored}): the data goes back to how it was before "
            "it, from {safety}."
        ).format(restored=marker.restored, safety=marker.safety.name)
        if marker.changed_since:
            note += " " + _(
                "Changes saved since that restore will be replaced too; a backup of them is "
                "made first."
            )
        return marker.safety, note
    if which == "latest":
        found = backups.list_backups(paths)
        if not found:
            raise CliError(_("There are no backups in {folder}").format(folder=paths.backups))
        return found[0].path, _("Restoring the newest backup, {name}.").format(
            name=found[0].path.name
        )
    source = Path(which).expanduser().resolve()
    return source, _("Restoring {name}.").format(name=source.name)


def _confirm(question: str) -> bool:
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in {"y", "yes"}


def cmd_restore(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.storage import backups, health, migrate
    from app.storage.errors import ReadOnlyError
    from app.storage.folder import writable
    from app.storage.lock import DataFolderLock

    if Path(args.file).suffix == ".mentordesk-move" or _is_move_file(args.file):
        return cmd_move_in(paths, args)
    source, note = _choose_restore(paths, args.file)
    backups.check_backup_file(source, migrate.SCHEMA_VERSION)
    incoming = backups.summarise(source)
    print(note)
    print(_("It holds {what}.").format(what=incoming.describe()))
    if paths.database.exists() and health.diagnose(paths.database, migrate.SCHEMA_VERSION).ok:
        print(
            _("Your data now holds {what}.").format(
                what=backups.summarise(paths.database).describe()
            )
        )
    if backups.from_another_folder(paths, incoming):
        print(
            _(
                "Careful: this file comes from a different data folder, not from {folder}. "
                "Restoring it replaces this folder's data with that other data."
            ).format(folder=paths.folder)
        )
    if not writable(paths.folder):
        raise ReadOnlyError(
            _("Nothing can be restored: the data folder {folder} cannot be written to.").format(
                folder=paths.folder
            ),
            _("Your data has not been changed."),
        )
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError(
                _(
                    "Not restored: add --yes to replace your data without being asked. "
                    "Nothing has been changed."
                )
            )
        if not _confirm(_("Replace your current data with it?")):
            print(_("Not restored. Nothing has been changed."))
            return EXIT_PROBLEM
    with DataFolderLock(paths.lock):
        safety = backups.restore_backup(paths, source, migrate.SCHEMA_VERSION)
    if safety:
        print(_("The data file before the restore was kept as {path}").format(path=safety))
    # Opening brings an older backup up to date (and checks it). No copy "on opening": the
    # restored data is a backup already, and such a copy would sort before the safety copy.
    lock, db = _open_locked(paths, backup_on_open=False)
    db.close(backup=False)
    lock.release()
    print(_("Restored {name}").format(name=source.name))
    if safety:
        print(_("To undo this restore: mentordesk restore undo"))
    return EXIT_OK


def cmd_check(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.storage import migrate
    from app.storage.database import next_step
    from app.storage.health import Problem, diagnose

    found = diagnose(paths.database, migrate.SCHEMA_VERSION, full=args.full)
    if found.problem is Problem.MISSING:
        raise CliError(_("There is no data file in {folder}").format(folder=paths.folder))
    print(_("Data file: {path}").format(path=paths.database))
    if found.problem is not None:
        print(found.message)
        for problem in found.details[1:20]:
            print(_("Problem: {problem}").format(problem=problem))
        if found.problem is Problem.PASSWORD:
            print(_("Set MENTORDESK_PASSWORD to the password to check it."))
        elif found.problem is not Problem.TOO_NEW:
            print(next_step(paths))
        return EXIT_PROBLEM
    print(
        _("Data version: {found} (this program: {supported})").format(
            found=found.version, supported=migrate.SCHEMA_VERSION
        )
    )
    if found.version < migrate.SCHEMA_VERSION:
        print(_("Will be brought up to date when next opened."))
    print(_("Integrity: ok"))
    return EXIT_OK


def cmd_today(paths: DataPaths, args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from app.model import Programme
    from app.services.errors import NotFound
    from app.today import service

    lock, db = _open_locked(paths)
    try:
        with db.session() as s:
            programme_id = args.programme or s.scalar(
                select(Programme.id).where(Programme.archived_on.is_(None)).order_by(Programme.id)
            )
            if programme_id is None:
                raise CliError(_("There is no programme yet."))
            try:
                listing = service.today_list(s, programme_id, clock.today())
            except NotFound as exc:
                raise CliError(str(exc)) from exc
            name = s.get_one(Programme, programme_id).name
    finally:
        db.close(backup=False)
        lock.release()
    print(service.as_json(listing) if args.json else service.as_text(listing, name))
    return EXIT_OK


def _record_ids(text: str) -> list[int]:
    """'7' or '3,7,9' as numbers; a clear line for anything else."""
    try:
        ids = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise CliError(_("The ID must be a number, not '{id}'.").format(id=text)) from None
    if not ids:
        raise CliError(_("The ID must be a number, not '{id}'.").format(id=text))
    return ids


def cmd_print(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.printouts import catalogue
    from app.services.errors import ActionRefused

    if args.kind == "list":
        for p in catalogue.PRINTOUTS.values():
            print(f"{p.kind:<22} {p.title} (ID: {p.id_help()})")
        return EXIT_OK
    if args.kind not in catalogue.PRINTOUTS:
        raise CliError(
            _("Unknown printout '{kind}'. Choose from: {kinds}").format(
                kind=args.kind, kinds=", ".join(catalogue.PRINTOUTS)
            )
        )
    period = _print_period(args)
    if args.all_waiting and args.kind != "agreement":
        raise CliError(
            _("--all-waiting is for agreements: mentordesk print agreement --all-waiting")
        )
    batch = args.all or args.all_waiting
    if batch and args.id is not None:
        raise CliError(_("Give the numbers or --all, not both."))
    id_text = args.id
    if not batch and id_text is None:
        if catalogue.PRINTOUTS[args.kind].id_meaning != "programme":
            raise CliError(_("Say which one to print: its number, or --all."))
        id_text = "0"  # a programme's printout: the first running programme
    ids = [] if batch else _record_ids(id_text)
    if period is not None and len(ids) != 1:
        raise CliError(_("The evaluation report is for one programme at a time."))
    data = _print_quickly(paths, args.kind, ids)
    if data is not None:
        return _write_printout(args, ids, data)
    lock, db = _open_locked(paths)
    try:
        with db.session() as s:
            if args.all_waiting:
                ids = catalogue.agreements_waiting_for_signatures(s)
            elif args.all:
                ids = catalogue.every_id(s, args.kind)
            if not ids:
                raise CliError(
                    _("There is nothing to print: no {kind} is waiting.").format(kind=args.kind)
                    if args.all_waiting
                    else _("There is nothing to print for {kind}.").format(kind=args.kind)
                )
            if period is not None:
                from app.printouts import evaluation_report

                data = evaluation_report.build(s, ids[0], *period, clock.today())
            elif len(ids) == 1:
                data = catalogue.build(args.kind, s, ids[0], clock.today())
            else:
                data = catalogue.build_many(args.kind, s, ids, clock.today())
    except ActionRefused as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.close(backup=False)
        lock.release()
    return _write_printout(args, ids, data)


def _print_quickly(paths: DataPaths, kind: str, ids: list[int]) -> bytes | None:
    """Agreements (one, or several by number) read straight from SQLite, without SQLAlchemy
    (app/printouts/quick.py), when opening the data file would have nothing to do; None to
    open it the ordinary way."""
    if kind != "agreement" or not ids:
        return None
    from app.printouts import quick
    from app.services.errors import ActionRefused
    from app.storage.lock import DataFolderLock

    try:
        with DataFolderLock(paths.lock):
            return quick.agreements_pdf(paths, ids, clock.today())
    except ActionRefused as exc:
        raise CliError(str(exc)) from exc


def _write_printout(args: argparse.Namespace, ids: list[int], data: bytes) -> int:
    default = f"{args.kind}-{ids[0]}.pdf" if len(ids) == 1 else f"{args.kind}-{len(ids)}.pdf"
    output = Path(args.output or default)
    output.write_bytes(data)
    if len(ids) == 1:
        print(_("Written {path}").format(path=output))
    else:
        print(_("Written {path}: {n} printouts").format(path=output, n=len(ids)))
    return EXIT_OK


def _print_period(args: argparse.Namespace) -> tuple[date, date] | None:
    """The period given with --from and --to (only the evaluation report takes one)."""
    from dateutil.relativedelta import relativedelta

    from app.dates import parse_date

    if args.date_from is None and args.date_to is None:
        return None
    if args.kind != "evaluation-report":
        raise CliError(_("Only the evaluation report covers a period (--from and --to)."))
    try:
        end = parse_date(args.date_to or "") or clock.today()
        start = parse_date(args.date_from or "") or end - relativedelta(years=1) + timedelta(days=1)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if end < start:
        raise CliError(_("The period ends on or after the day it starts."))
    return start, end


def cmd_where(paths: DataPaths, args: argparse.Namespace) -> int:
    print(_("Data folder: {path}").format(path=paths.folder))
    print(_("Data file:   {path}").format(path=paths.database))
    print(_("Backups:     {path}").format(path=paths.backups))
    print(_("Log:         {path}").format(path=paths.logs / "mentordesk.log"))
    return EXIT_OK


def cmd_import(paths: DataPaths, args: argparse.Namespace) -> int:
    """The same check as the window's import preview; adds the rows it would tick."""
    import json

    from app.model import Role
    from app.services import importing
    from app.services.errors import ActionRefused

    roles = {"mentee": (Role.MENTEE,), "mentor": (Role.MENTOR,), "both": (Role.MENTOR, Role.MENTEE)}
    today = clock.today()
    lock, db = _open_locked(paths)
    try:
        source = importing.read_source(Path(args.file).expanduser())
        mapping = importing.guess_mapping(source.headers)
        with db.session() as s:
            programme_id = importing.choose_programme(s, args.programme)
            plan = importing.plan_import(s, source, mapping, roles[args.role], today)
            chosen = {r.line for r in plan.rows if r.suggested}
            created = 0
            if chosen and not args.dry_run:
                importing.apply_import(s, programme_id, plan, chosen, today)
                created = len(chosen)
    except ActionRefused as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.close(backup=not args.dry_run)
        lock.release()
    if args.json:
        print(json.dumps(importing.report(plan, created=created), ensure_ascii=False, indent=1))
    else:
        for line in importing.report_lines(plan, source, created=created, dry_run=args.dry_run):
            print(line)
    return EXIT_OK


def cmd_evidence_pack(paths: DataPaths, args: argparse.Namespace) -> int:
    """The quality-award pack: every completed record with --all, or those of the kinds and
    matches asked for."""
    from app.reports import evidence_pack
    from app.services.errors import ActionRefused

    if not (args.all or args.kind or args.match):
        raise CliError(
            _("Say which records: --all, or --kind and/or --match (each may be repeated).")
        )
    output = Path(args.output)
    lock, db = _open_locked(paths)
    try:
        with db.session() as s:
            items = [
                item
                for item in evidence_pack.all_items(s, args.programme)
                if (not args.kind or item.kind in args.kind)
                and (not args.match or item.match_id in args.match)
            ]
            if not items:
                raise CliError(_("No completed records match what was asked for."))
            data = evidence_pack.build_pack(s, args.programme, items, clock.today())
    except ActionRefused as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.close(backup=False)
        lock.release()
    output.write_bytes(data)
    print(_("Written {path} ({n} documents)").format(path=output, n=len(items)))
    return EXIT_OK


def cmd_export_tables(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.reports import exports
    from app.services.errors import ActionRefused

    target = Path(args.output).expanduser()
    lock, db = _open_locked(paths)
    try:
        with db.session() as s:
            tables = exports.export_tables(s, args.programme, target)
    except ActionRefused as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.close(backup=False)
        lock.release()
    rows = sum(len(t.rows) for t in tables)
    print(
        _("Written {path} ({n} tables, {rows} rows)").format(path=target, n=len(tables), rows=rows)
    )
    return EXIT_OK


# --- the password on the data file (issue 23) -------------------------------------------------
def _add_password_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    password = sub.add_parser(
        "password",
        help=_("put a password on the data file and its backups, change it or take it off"),
        description=_(
            "A forgotten password cannot be recovered: print the recovery sheet and keep it "
            "locked away. The current password is read from $MENTORDESK_PASSWORD, a new one "
            "from $MENTORDESK_NEW_PASSWORD ('set' also takes $MENTORDESK_PASSWORD), or typed."
        ),
    )
    password.add_argument("action", choices=["set", "change", "remove"])
    password.add_argument(
        "--recovery-sheet",
        metavar="FILE.pdf",
        help=_("also write the recovery sheet, with the new password on it, to this file"),
    )


def _unlock_from_environment(paths: DataPaths) -> None:
    """A protected data file opens for every command with $MENTORDESK_PASSWORD."""
    from app.storage import encryption

    encryption.from_environment(paths.folder, paths.database)


def _typed_password(prompt: str) -> str:
    import getpass

    if not sys.stdin.isatty():
        raise CliError(
            _("No password was given: set $MENTORDESK_PASSWORD, or run it in a terminal.")
        )
    return getpass.getpass(prompt)


def _new_password(env_names: Sequence[str]) -> str:
    import os

    from app.storage import password

    for name in env_names:
        if os.environ.get(name):
            chosen = os.environ[name]
            break
    else:
        chosen = _typed_password(_("New password: "))
        repeated = _typed_password(_("The new password again: "))
        problems = password.check_new_password(chosen, repeated)
        if problems:
            raise CliError(" ".join(problems.values()))
    problems = password.check_new_password(chosen)
    if problems:
        raise CliError(" ".join(problems.values()))
    return chosen


def cmd_password(paths: DataPaths, args: argparse.Namespace) -> int:
    """Set, change or take off the password, with the data folder held and the file closed."""
    import os

    from app.storage import encryption, password
    from app.storage.lock import DataFolderLock

    if not paths.database.exists():
        raise CliError(_("There is no data file in {folder} yet.").format(folder=paths.folder))
    protected = password.is_protected(paths)
    if args.action == "set" and protected:
        raise CliError(_("The data file already has a password: use 'mentordesk password change'."))
    if args.action != "set" and not protected:
        raise CliError(_("The data file has no password: use 'mentordesk password set'."))
    current = None
    if protected:
        current = os.environ.get(encryption.ENV_VAR) or _typed_password(_("Current password: "))
        encryption.unlock(paths.folder, paths.database, current)  # a wrong one changes nothing
    new = None
    if args.action == "set":
        new = _new_password([encryption.ENV_VAR, "MENTORDESK_NEW_PASSWORD"])
    elif args.action == "change":
        new = _new_password(["MENTORDESK_NEW_PASSWORD"])
    lock = DataFolderLock(paths.lock)
    lock.acquire()
    try:
        safety = password.change_password(paths, new, current=current)
    finally:
        lock.release()
    if new is None:
        print(_("The password is off: the data file and its backups can be read without it."))
    else:
        print(
            _(
                "The data file and its backups are protected with the password. It cannot be "
                "recovered if it is forgotten: keep the recovery sheet locked away."
            )
        )
    print(_("A backup was made first: {path}").format(path=safety))
    if args.recovery_sheet and new is not None:
        from app.printouts import recovery_key
        from app.settings import load_preferences
        from app.storage.folder import create_private

        sheet = recovery_key.RecoverySheet(
            organisation="",
            data_folder=str(paths.folder),
            set_by=load_preferences(paths.preferences).coordinator_name,
            password=new,
        )
        target = Path(args.recovery_sheet).expanduser()
        create_private(target)
        target.write_bytes(recovery_key.render(sheet, clock.today()))
        print(_("Written {path}").format(path=target))
    return EXIT_OK


# --- the audit trail and people's rights over their data (issue 23) ---------------------------
def _add_privacy_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    trail = sub.add_parser(
        "audit", help=_("list who created, changed, removed or read which record, and when")
    )
    trail.add_argument("--record", metavar="KIND", help=_("only this kind, e.g. person"))
    trail.add_argument("--id", type=int, metavar="ID", help=_("only the record with this number"))
    trail.add_argument("--limit", type=int, default=50, help=_("how many, newest first"))
    trail.add_argument("-o", "--output", metavar="FILE.csv", help=_("write all of them as CSV"))
    export = sub.add_parser(
        "export-person",
        help=_("everything held on one person (a subject access request), as PDF and JSON"),
    )
    export.add_argument("person", type=int, help=_("the person's number"))
    export.add_argument(
        "-o", "--output", metavar="DIR", required=True, help=_("folder to write to")
    )
    export.add_argument(
        "--names",
        action="store_true",
        help=_("name the other people in their matches (else 'your mentor', 'your mentee')"),
    )
    export.add_argument(
        "--include-private-notes",
        action="store_true",
        help=_("include the coordinator's private meeting notes"),
    )
    erase = sub.add_parser(
        "erase-person", help=_("erase a person's details on their request (a backup is made first)")
    )
    erase.add_argument("person", type=int, help=_("the person's number"))
    erase.add_argument("--reason", required=True, help=_("why (kept in the audit trail)"))
    erase.add_argument("--yes", action="store_true", help=_("do not ask before erasing"))
    retention = sub.add_parser(
        "retention", help=_("list people whose retention period is over; --apply anonymises them")
    )
    retention.add_argument(
        "--apply", action="store_true", help=_("anonymise them now (a backup is made first)")
    )


def cmd_audit(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services import audit

    lock, db = _open_locked(paths, backup_on_open=False)
    try:
        with db.session() as s:
            limit = 10_000_000 if args.output else args.limit
            rows = audit.entries(s, table=args.record, record_id=args.id, limit=limit)
    finally:
        db.close(backup=False)
        lock.release()
    if args.output:
        from app.storage.folder import create_private

        target = Path(args.output).expanduser()
        create_private(target)
        target.write_text(audit.to_csv(rows), encoding="utf-8-sig")
        print(_("Written {path} ({n} entries)").format(path=target, n=len(rows)))
        return EXIT_OK
    for r in rows:
        number = "" if r.record_id is None else f" {r.record_id}"
        fields = f" ({r.fields})" if r.fields else ""
        print(f"{format_date_time(r.at)}  {r.who}: {r.record}{number} {r.action}{fields}")
    return EXIT_OK


def cmd_export_person(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.printouts import subject_access
    from app.services import privacy
    from app.services.errors import ActionRefused
    from app.storage.folder import create_private

    folder = Path(args.output).expanduser()
    lock, db = _open_locked(paths, backup_on_open=False)
    try:
        with db.session() as s:
            export = privacy.subject_access(
                s,
                args.person,
                clock.today(),
                partners_by_name=args.names,
                private_notes=args.include_private_notes,
            )
    except ActionRefused as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.close(backup=False)
        lock.release()
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"subject-access-{args.person}"
    for suffix, data in (
        (".json", export.json().encode("utf-8")),
        (".pdf", subject_access.render(export.data, clock.today())),
    ):
        target = stem.with_suffix(suffix)
        create_private(target)
        target.write_bytes(data)
        print(_("Written {path}").format(path=target))
    return EXIT_OK


def cmd_erase_person(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services import privacy
    from app.services.errors import ActionRefused

    lock, db = _open_locked(paths, backup_on_open=False)
    try:
        with db.session() as s:
            plan = privacy.erasure_plan(s, args.person)
        print(
            _("Erasing {name} (number {id}) changes {n} records.").format(
                name=plan.name, id=plan.person_id, n=plan.rows
            )
        )
        for kept in plan.kept:
            print(_("Kept: {what}").format(what=kept))
        if not args.yes and not _confirm(_("Erase them now? A backup is made first.")):
            print(_("Nothing has been changed."))
            return EXIT_OK
        db.backup("before-erasure")
        with db.session() as s:
            privacy.erase_person(s, args.person, args.reason)
    except ActionRefused as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.close()
        lock.release()
    print(_("Erased: their details are gone; the figures in the reports are unchanged."))
    return EXIT_OK


def cmd_retention(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services import privacy

    lock, db = _open_locked(paths, backup_on_open=False)
    try:
        with db.session() as s:
            due = privacy.retention_due(s, clock.today())
        if not due:
            print(_("Nobody's retention period is over."))
            return EXIT_OK
        for d in due:
            print(
                _("{id}: {name}, since {since}, due {due}{binned}").format(
                    id=d.person_id,
                    name=d.name,
                    since=format_date(d.since),
                    due=format_date(d.due_on),
                    binned=_(" (in the restore bin)") if d.binned else "",
                )
            )
        if args.apply:
            db.backup("before-retention")
            with db.session() as s:
                done = privacy.apply_retention(s, clock.today())
            print(_("Anonymised {n} people; the report figures are unchanged.").format(n=len(done)))
    finally:
        db.close()
        lock.release()
    return EXIT_OK


# --- moving to another computer (issue 25): move-out, and restore of a move file ---------------
def _add_moving_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    move = sub.add_parser(
        "move-out",
        help=_(
            "write one file with the data and settings, to take to another computer "
            "(bring it in there with 'mentordesk restore FILE')"
        ),
    )
    move.add_argument("file", help=_("the move file to write (.mentordesk-move)"))


def _is_move_file(name: str) -> bool:
    from app.storage.moving import is_move_file

    return name not in ("latest", "undo") and is_move_file(Path(name).expanduser())


def cmd_move_out(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.storage.moving import SUFFIX, write_move_file

    target = Path(args.file).expanduser().resolve()
    if not target.name.endswith(SUFFIX):
        target = target.with_name(target.name + SUFFIX)
    lock, db = _open_locked(paths, backup_on_open=False)
    try:
        manifest = write_move_file(paths, target)
    finally:
        db.close(backup=False)
        lock.release()
    print(_("Wrote {path}: {what}.").format(path=target, what=manifest.describe()))
    print(_("On the new computer: mentordesk restore {name}").format(name=target.name))
    return EXIT_OK


def cmd_move_in(paths: DataPaths, args: argparse.Namespace) -> int:
    import os

    from app.storage import encryption, migrate
    from app.storage.folder import writable
    from app.storage.lock import DataFolderLock
    from app.storage.moving import read_manifest, restore_move_file

    source = Path(args.file).expanduser().resolve()
    manifest = read_manifest(source)
    print(_("Bringing in {name}: {what}.").format(name=source.name, what=manifest.describe()))
    paths.ensure()
    if not writable(paths.folder):
        raise CliError(
            _("Nothing can be restored: the data folder {folder} cannot be written to.").format(
                folder=paths.folder
            )
        )
    if paths.database.exists() and not args.yes:
        if not sys.stdin.isatty():
            raise CliError(
                _(
                    "Not restored: add --yes to replace your data without being asked. "
                    "Nothing has been changed."
                )
            )
        if not _confirm(_("Replace the data in {folder} with it?").format(folder=paths.folder)):
            print(_("Not restored. Nothing has been changed."))
            return EXIT_PROBLEM
    with DataFolderLock(paths.lock):
        safety = restore_move_file(
            paths, source, migrate.SCHEMA_VERSION, os.environ.get(encryption.ENV_VAR)
        )
    lock, db = _open_locked(paths, backup_on_open=False)  # brings an older file up to date
    db.close(backup=False)
    lock.release()
    if safety:
        print(_("The data file before the restore was kept as {path}").format(path=safety))
        print(_("To undo this restore: mentordesk restore undo"))
    print(
        _("Restored {name}: the data and the settings are in {folder}").format(
            name=source.name, folder=paths.folder
        )
    )
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
