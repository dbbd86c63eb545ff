"""Mentor Desk: the data, rules and paperwork of a mentoring programme, with no Qt.

`ui/` is the window over this package; everything a coordinator can do is a function here first.
"""

__version__ = "0.1.0"
APP_NAME = "Mentor Desk"
