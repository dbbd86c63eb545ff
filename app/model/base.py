"""The declarative base every mapped class shares.

Constraint names follow a fixed convention so Alembic's batch mode (needed for SQLite) can
find and change them later, and the same schema works on PostgreSQL.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import FromClause, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from app import clock

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    def __init__(self, **kwargs: Any) -> None:
        """Fill in column defaults now, not only at INSERT, so a new record's rules can be
        read (and validated) before it is saved."""
        for column in self.__table__.columns:
            default = column.default
            if default is None or column.key in kwargs or column.primary_key:
                continue
            if default.is_scalar:
                kwargs[column.key] = default.arg
            elif default.is_callable:
                kwargs[column.key] = default.arg(None)
        cls = type(self)
        for key, value in kwargs.items():
            if not hasattr(cls, key):
                raise TypeError(f"{key!r} is not a field of {cls.__name__}")
            setattr(self, key, value)


def utc_now() -> datetime:
    return clock.utc_now()


class Versioned:
    """Mixin for tables people edit: a version counter so concurrent edits can be detected
    (SQLAlchemy raises StaleDataError when a row changed underneath), and when it was made."""

    if TYPE_CHECKING:
        # Set on the mapped class this is mixed into before its __mapper_args__ are read.
        __table__: ClassVar[FromClause]

    version_id: Mapped[int] = mapped_column(nullable=False)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version_id}


class Binnable:
    """Mixin for records that go to the restore bin when removed: `removed_on` is the day.
    Every query leaves binned records out unless asked (see `app/model/restore_bin.py`)."""

    removed_on: Mapped[date | None] = mapped_column(default=None)
