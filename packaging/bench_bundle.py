"""Cold start of the built bundle against a bare PySide6 window, on the demo and the large set.

    .venv/bin/python packaging/bench_bundle.py [BUNDLE_DIR]     (default: build/dist/mentordesk)

The same measure as tests/bench/test_cold_start.py (whole processes, bare and app alternated,
the first of each not counted, medians; BENCH_RUNS=N, 7 by default), with the bundle's program
in place of `python -m ui`. The data folders are made from this checkout first (the large set
takes a minute). Run it from a source checkout set up with `packaging/dev-setup.sh test`.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import clock  # noqa: E402
from tests.bench.test_cold_start import make_data, paired_runs  # noqa: E402

LARGE = "large (2,000 people, 1,000 matches, 40,000 meetings, 8,000 goals)"


def main(argv: list[str]) -> int:
    bundle = Path(argv[0] if argv else ROOT / "build" / "dist" / "mentordesk").resolve()
    program = bundle / "mentordesk"
    if not program.is_file():
        print(f"no bundle at {bundle}: build it with packaging/build-linux.sh")
        return 1
    base = Path(tempfile.mkdtemp(prefix="mentordesk-bench-bundle-"))
    today = clock.today()
    for label, large in (("demo", False), (LARGE, True)):
        folder = make_data(base / ("large" if large else "demo"), today, large=large)
        result = paired_runs([str(program), "--data", str(folder)])
        print(result.describe(f"bundle, {label}"), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
