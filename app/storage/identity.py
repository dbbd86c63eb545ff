"""Which data folder a data file belongs to, stamped in SQLite's header (no table, no migration).

SQLite keeps a 32-bit `application_id` in every file's header for the program that made it.
Mentor Desk puts "MD" in its upper half and a random number in its lower half, chosen when a
data folder's file is first made. Every backup is a page-for-page copy, so it carries the same
number: a file whose number differs comes from another data folder (another PC, another
programme's folder), and restoring it says so. A file with no number is from before this was
stamped, and its origin cannot be told.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

#: "MD" in ASCII, in the upper 16 bits of the application id.
MENTOR_DESK = 0x4D44


@dataclass(frozen=True)
class Identity:
    application_id: int

    @property
    def known(self) -> bool:
        """True when the file carries Mentor Desk's stamp (not 0, not another program's)."""
        return self.application_id >> 16 == MENTOR_DESK and self.folder_tag != 0

    @property
    def folder_tag(self) -> int:
        return self.application_id & 0xFFFF

    def same_folder_as(self, other: Identity) -> bool | None:
        """True or False when both files are stamped; None when that cannot be told."""
        if not (self.known and other.known):
            return None
        return self.folder_tag == other.folder_tag


def new_application_id() -> int:
    return (MENTOR_DESK << 16) | (1 + secrets.randbelow(0xFFFF))
