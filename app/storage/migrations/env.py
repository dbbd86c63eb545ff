"""Alembic's environment: always run on a connection handed over by app.storage.migrate."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import text

import app.model  # noqa: F401 - registers every table on the metadata
from app.model.base import Base


def _stamp_user_version(ctx: Any, step: Any, heads: Any, run_args: Any) -> None:
    """Record the schema number in the file header, inside the migration's own transaction,
    so a glance at the file (without Alembic) says which version wrote it."""
    if ctx.connection.dialect.name != "sqlite":
        return
    revision = (
        step.up_revision_id
        if step.is_upgrade
        else step.down_revision_ids[0]
        if (step.down_revision_ids)
        else None
    )
    number = int(revision) if revision else 0
    ctx.connection.execute(text(f"PRAGMA user_version = {number}"))


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transaction_per_migration=True,
    on_version_apply=_stamp_user_version,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
