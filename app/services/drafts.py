"""Drafts of any form: what a coordinator has typed but not saved yet, kept so that closing
the window or a crash loses nothing.

A draft is a plain JSON mapping under a key the form chooses. Drafts live only in their own
table (`form_draft`); no list, figure, export or printout reads it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.model import FormDraft
from app.services.changes import Changes

#: The longest key the table holds.
MAX_KEY = 100


def save_draft(s: Session, key: str, data: dict[str, Any]) -> Changes:
    """Keep what has been typed so far under `key`. Changes nothing anyone else sees."""
    key = key[:MAX_KEY]
    draft = s.scalar(select(FormDraft).where(FormDraft.key == key))
    if draft is None:
        s.add(FormDraft(key=key, data=data))
    else:
        draft.data = data
    return Changes()


def load_draft(s: Session, key: str) -> tuple[dict[str, Any], datetime] | None:
    """The draft kept under `key` and when it was kept, or None."""
    row = s.execute(
        select(FormDraft.data, FormDraft.saved_at).where(FormDraft.key == key[:MAX_KEY])
    ).first()
    return (dict(row.data), row.saved_at) if row else None


def discard_draft(s: Session, key: str) -> Changes:
    s.execute(delete(FormDraft).where(FormDraft.key == key[:MAX_KEY]))
    return Changes()


def draft_count(s: Session) -> int:
    return s.scalar(select(func.count()).select_from(FormDraft)) or 0
