"""The bundle's program: the same entry point as `mentordesk` from source (ui/__main__.py).

With MENTORDESK_SELF_CHECK=1 it instead checks that the bundle has everything the program may
import later (pages, dialogs and heavy modules are imported only when first used, so a module
left out of the bundle would otherwise show only then): `packaging/smoke-test.sh` runs it.
"""

import os
import sys


def self_check() -> int:
    """Import every module of the app (not the migrations, which Alembic runs as scripts),
    then work out a suggestion, the one use of NumPy. Prints the count; non-zero on failure."""
    import importlib
    import pkgutil

    import app
    import ui
    from app.services.fit import Candidate, suggest_pairs

    names = [
        found.name
        for package in (app, ui)
        for found in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
        if ".migrations" not in found.name
    ]
    for name in names:
        importlib.import_module(name)
    mentor = Candidate(id=1, person_id=1, name="Mentor", interests=frozenset({"nurture"}))
    mentee = Candidate(id=2, person_id=2, name="Mentee", interests=frozenset({"nurture"}))
    pairs = suggest_pairs([mentor], [mentee], {"interests": 1})
    if [(p.mentee_id, p.mentor_id) for p in pairs] != [(2, 1)]:
        print(f"self-check: unexpected suggestions {pairs}")
        return 1
    print(f"self-check: {len(names)} modules imported, suggestions worked out")
    return 0


if __name__ == "__main__":
    if os.environ.get("MENTORDESK_SELF_CHECK"):
        sys.exit(self_check())
    from ui.__main__ import main

    sys.exit(main())
