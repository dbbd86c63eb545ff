"""Mentor Desk: the data, rules and paperwork of a mentoring programme, with no Qt.

`ui/` is the window over this package; everything a coordinator can do is a function here first.
"""

#: The one place the version is written: pyproject.toml, the About dialog, the bundles and the
#: Windows installer all read it from here.
__version__ = "0.1.0"
APP_NAME = "Mentor Desk"
#: As in pyproject.toml's `license`.
LICENCE = "GPL-3.0-or-later"
