"""The restore bin: a removed record stays in the file, marked with the day it was removed,
and every query leaves it out unless it asks for binned records too.

This is SQLAlchemy's own answer for soft deletion (`with_loader_criteria` added to each ORM
query in `do_orm_execute`), so lists, figures, printouts and exports written later leave binned
records out without each having to remember. The bin itself, and bringing a record back, ask
with `.execution_options(include_removed=True)`.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from app.model.base import Binnable

INCLUDE_REMOVED = "include_removed"


@event.listens_for(Session, "do_orm_execute")
def _leave_out_binned(state: ORMExecuteState) -> None:
    if (
        state.is_select
        and not state.is_column_load
        and not state.is_relationship_load
        and not state.execution_options.get(INCLUDE_REMOVED, False)
    ):
        state.statement = state.statement.options(
            with_loader_criteria(
                Binnable, lambda cls: cls.removed_on.is_(None), include_aliases=True
            )
        )
