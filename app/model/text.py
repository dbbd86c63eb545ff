"""A last safeguard for text: no control character (NUL and the like) is ever written to the
data file, whatever path a value took, so every export and printout can take every value.

The services refuse such characters with a message next to the field (`text_errors` in
`app/services/validation.py`); this strips any that get past them just before a flush.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

#: Control characters that a keyboard does not type, a printer cannot print and a spreadsheet
#: refuses; tabs and line breaks are ordinary text.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@event.listens_for(Session, "before_flush")
def _strip_control_characters(session: Session, _context: Any, _instances: Any) -> None:
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            value = state.dict.get(attr.key)  # only what is loaded: never a query here
            if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
                setattr(obj, attr.key, CONTROL_CHARACTERS.sub("", value))
