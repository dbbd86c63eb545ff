"""Print what AT-SPI exposes of Mentor Desk's window: role, name, description, relations
(run by read_window.sh with the system's python3, which has pyatspi)."""

from __future__ import annotations

from typing import Any

import pyatspi  # type: ignore[import-not-found]  # Debian's python3-pyatspi, not in the venv


def describe(node: Any, depth: int, lines: list[str]) -> None:
    role, name, description = node.getRoleName(), node.name or "", node.description or ""
    if depth > 1 and not node.getState().contains(pyatspi.STATE_SHOWING):
        return
    labels = [
        ", ".join(r.getTarget(i).name for i in range(r.getNTargets()))
        for r in node.getRelationSet()
        if r.getRelationType() == pyatspi.RELATION_LABELLED_BY
    ]
    if name or description or role in ("push button", "table", "page tab"):
        line = "  " * depth + f"[{role}] {name!r}"
        line += f" — {description!r}" if description else ""
        line += f" (labelled by {'; '.join(labels)})" if labels else ""
        lines.append(line)
    shown = min(node.childCount, 12) if role in ("table", "list") else node.childCount
    for index in range(shown):
        describe(node.getChildAtIndex(index), depth + 1, lines)


def main() -> None:
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        application = desktop.getChildAtIndex(index)
        if application is not None and application.name == "MentorDesk":
            lines: list[str] = []
            describe(application, 0, lines)
            print("\n".join(lines))


if __name__ == "__main__":
    main()
