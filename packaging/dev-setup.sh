#!/usr/bin/env bash
# Set up everything Mentor Desk needs to run from this checkout, on Debian or Ubuntu with only
# Python 3.11+ and pip: the system libraries Qt needs (through apt-get, when run as root or with
# sudo), a virtual environment in .venv, and the pinned Python packages (constraints.txt).
# Safe to run again: it only installs what is missing or changed.
# Usage: packaging/dev-setup.sh [app|test]
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-app}"

say() { printf 'mentordesk setup: %s\n' "$*" >&2; }

# --- 0. Which Python ----------------------------------------------------------------------------
# Prefer Python 3.12 or newer: there `None` is immortal, so PySide6 6.12.0's lost references to it
# (one per call of a Qt method that returns nothing) cannot abort the program. On 3.11 the
# pinned packages fall back to PySide6 6.11.3, which does not lose them (pyproject.toml).
# PYTHON=/path/to/python overrides the choice.
usable() { "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; }
pick_python() {
  local c
  for c in python3.12 python3.13 python3.14 \
      "$HOME"/.pyenv/versions/3.12*/bin/python3 "$HOME"/.pyenv/versions/3.13*/bin/python3 \
      /usr/bin/python3.12 /usr/bin/python3.13; do
    if usable "$c" && "$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      echo "$c"; return
    fi
  done
  echo python3
}
python="${PYTHON:-$(pick_python)}"

# --- 1. System libraries for Qt (windows, fonts, printing) -------------------------------------
qt_libs="libegl1 libgl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
libxkbcommon-x11-0 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-shm0
libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libgssapi-krb5-2"
if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  qt_libs="$qt_libs python3-venv"
fi
# Test extras: the print-path test runs its own CUPS spooler with a cups-pdf printer and reads
# what it printed (poppler-utils: pdftotext, pdftoppm for looking at printouts).
if [ "$extras" = test ]; then
  qt_libs="$qt_libs cups cups-client printer-driver-cups-pdf poppler-utils"
fi
if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=""
  for pkg in $qt_libs; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else sudo="none"; fi
    if [ "$sudo" = none ]; then
      say "please install these packages (as root):$missing"
    else
      say "installing system packages:$missing"
      export DEBIAN_FRONTEND=noninteractive
      $sudo apt-get update -qq >/dev/null || say "apt-get update failed; trying with the lists we have"
      # shellcheck disable=SC2086 # word splitting intended
      if ! $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
        for pkg in $missing; do   # a name can differ between releases; install what we can
          $sudo apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1 \
            || say "could not install $pkg (may be named differently on this system)"
        done
      fi
    fi
  fi
fi

# --- 2. A virtual environment with the pinned packages ------------------------------------------
venv_version() { .venv/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null; }
want_version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
if [ -x .venv/bin/python ] && [ "$(venv_version)" != "$want_version" ]; then
  say "the virtual environment uses Python $(venv_version); making a new one with $want_version"
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  say "creating the virtual environment in .venv (Python $want_version)"
  if ! "$python" -m venv .venv 2>/dev/null; then
    say "python -m venv is not available; using virtualenv instead"
    "$python" -m pip install --user --quiet virtualenv
    "$python" -m virtualenv --quiet .venv
  fi
fi
stamp=".venv/.installed-$extras"
wanted="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  say "installing Python packages (first time: about a minute)"
  .venv/bin/python -m pip install --quiet --upgrade "pip>=24"
  if [ "$extras" = test ]; then target=".[test]"; else target="."; fi
  .venv/bin/python -m pip install --quiet -c constraints.txt -e "$target"
  echo "$wanted" > "$stamp"
fi
