"""Mentor Desk's window: the screens over `app/`."""
