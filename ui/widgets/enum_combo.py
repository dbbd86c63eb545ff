"""Reading an enum back from a combo box. Qt hands item data back as plain `str` for a
`StrEnum`, so `combo.currentData() is Mode.X` is never true; `enum_value` restores the member."""

from __future__ import annotations

import enum
from typing import TypeVar

from PySide6.QtWidgets import QComboBox

E = TypeVar("E", bound=enum.Enum)


def enum_value(combo: QComboBox, enum_cls: type[E]) -> E | None:
    """The selected member of `enum_cls`, or None for an item whose data is None."""
    data = combo.currentData()
    return None if data is None else enum_cls(data)


def chosen_member(combo: QComboBox, enum_cls: type[E]) -> E:
    """The selected member of `enum_cls`, for a combo that offers only members (no "not
    recorded" item) and so always has one selected."""
    value = enum_value(combo, enum_cls)
    assert value is not None
    return value
