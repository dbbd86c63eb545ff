#!/bin/sh
# Read Mentor Desk's People page with a real AT-SPI client, as a screen reader would (issue 26).
# Needs Debian's xvfb, at-spi2-core, python3-pyatspi and dbus (dbus-run-session).
#   dbus-run-session -- tests/ui/atspi/read_window.sh > people-page.txt
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
python=${PYTHON:-$root/.venv/bin/python}
Xvfb :97 -screen 0 1366x900x24 >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=:97
sleep 1
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
bus=$!
sleep 1
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_QPA_PLATFORM=xcb PYTHONPATH="$root" \
    "$python" "$here/open_people_page.py" >/dev/null 2>&1 &
app=$!
sleep 12
/usr/bin/python3 "$here/dump_tree.py" || true
kill "$app" "$bus" "$xvfb" 2>/dev/null || true
