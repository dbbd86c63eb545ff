#!/usr/bin/env bash
# Build the Linux bundle: a PyInstaller --onedir folder with the Qt modules Mentor Desk uses,
# a .desktop entry, the icon and a small menu installer, packed as a tarball to double-click.
#
#   packaging/build-linux.sh            # -> build/dist/mentordesk/ and build/mentordesk-VERSION-linux-x86_64.tar.gz
#
# It builds in a virtual environment of its own (build/bundle-venv: the pinned packages from
# constraints.txt plus PyInstaller), so what is bundled is exactly what the project pins, not
# whatever the developer has installed. Why PyInstaller: packaging/README.md.
# PYTHON=/path/to/python3.12 picks the Python (3.12+: see the note in pyproject.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf 'build-linux: %s\n' "$*" >&2; }

PYINSTALLER_VERSION="6.22.3"
pick_python() {
  local c
  for c in "${PYTHON:-}" python3.12 python3.13 "$HOME"/.pyenv/versions/3.12*/bin/python3 \
      "$HOME"/.pyenv/versions/3.13*/bin/python3 /usr/bin/python3.12 /usr/bin/python3.13 python3; do
    [ -n "$c" ] || continue
    if "$c" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
      echo "$c"; return
    fi
  done
  say "needs Python 3.12 or newer (set PYTHON=...)"; exit 1
}
python="$(pick_python)"
version="$("$python" -c 'import re,sys; print(re.search(r"__version__ = \"([^\"]+)\"", open("app/__init__.py").read()).group(1))')"
arch="$(uname -m)"
venv=build/bundle-venv
dist=build/dist
bundle="$dist/mentordesk"
tarball="build/mentordesk-$version-linux-$arch.tar.gz"

# --- 1. The build environment ------------------------------------------------------------------
stamp="$venv/.stamp"
wanted="$( (cat pyproject.toml constraints.txt; echo "$PYINSTALLER_VERSION") | sha256sum | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  say "making the build environment in $venv (first time: a minute or two)"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --upgrade "pip>=24"
  "$venv/bin/python" -m pip install --quiet -c constraints.txt . "pyinstaller==$PYINSTALLER_VERSION"
  echo "$wanted" > "$stamp"
fi

# --- 2. PyInstaller ----------------------------------------------------------------------------
say "bundling Mentor Desk $version with PyInstaller $PYINSTALLER_VERSION"
rm -rf "$bundle" build/work
# The project's own packages come from this checkout (--paths .), every module of them included
# (pages and heavy modules are imported lazily, so PyInstaller cannot find them by itself);
# Alembic reads the migrations as files, so they go in as data too; so does the licence
# (LICENSE in _internal/, beside the resources folder, where Help > About reads it, as it does
# in a checkout; a copy goes beside the program too, for people who look in the folder). Unused Qt modules and big
# libraries nothing imports are left out: phonenumbers' geocoder, carrier and time-zone data
# (19 MB of Python; Mentor Desk only checks and formats numbers), Pillow's AVIF and WebP codecs
# (ReportLab only reads the PNG logo), NumPy's Fortran tools, setuptools, Python's help texts.
# The smoke test's self-check imports every module of the app from the bundle, so a module
# left out here that the app does use fails the build's test. --strip drops debugging symbols.
excludes=(tkinter PySide6.QtNetwork PySide6.QtQml PySide6.QtQuick PySide6.QtWebEngineCore
  PySide6.QtWebEngineWidgets PySide6.QtMultimedia PySide6.Qt3DCore PySide6.QtCharts
  PySide6.QtDataVisualization PySide6.QtSql PySide6.QtTest PySide6.QtOpenGL
  PySide6.QtOpenGLWidgets PySide6.QtDesigner PySide6.QtHelp PySide6.QtUiTools PySide6.QtXml
  PySide6.QtBluetooth PySide6.QtPositioning PySide6.QtSerialPort PySide6.QtConcurrent
  PySide6.QtDBus IPython matplotlib pytest pytestqt mypy ruff hypothesis
  phonenumbers.geocoder phonenumbers.geodata phonenumbers.carrier phonenumbers.carrierdata
  phonenumbers.timezone phonenumbers.tzdata PIL._avif PIL._webp numpy.f2py setuptools
  pydoc_data)
args=()
for m in "${excludes[@]}"; do args+=(--exclude-module "$m"); done
# A password on the data file: SQLCipher (sqlcipher3) and Argon2 (argon2-cffi, its compiled
# bindings and cffi's backend, which the bindings load from C where PyInstaller cannot see it)
# are only imported once a password is in play, so they are named here; the self-check writes
# and reads an encrypted file with them.
hidden_imports=(sqlcipher3 sqlcipher3.dbapi2 argon2 argon2.low_level _argon2_cffi_bindings
  _cffi_backend)
hidden=()
for m in "${hidden_imports[@]}"; do hidden+=(--hidden-import "$m"); done
"$venv/bin/pyinstaller" --noconfirm --clean --onedir --strip --name mentordesk \
  --distpath "$dist" --workpath build/work --specpath build \
  --paths "$PWD" \
  --collect-submodules app --collect-submodules ui \
  --add-data "$PWD/resources:resources" \
  --add-data "$PWD/app/storage/migrations:app/storage/migrations" \
  --add-data "$PWD/LICENSE:." \
  "${hidden[@]}" \
  --icon "$PWD/resources/icons/mentordesk-256.png" \
  "${args[@]}" \
  --log-level WARN \
  packaging/mentordesk_entry.py

# --strip breaks the libraries that wheels vendor in their own "*.libs" folder (NumPy's OpenBLAS
# then fails to load: "ELF load command address/offset not page-aligned"); those come from
# the wheels already stripped, so they are put back as they were.
for vendored in "$venv"/lib/python3*/site-packages/*.libs; do
  for lib in "$vendored"/*; do
    target="$bundle/_internal/$(basename "$vendored")/$(basename "$lib")"
    if [ -f "$target" ]; then cp -f "$lib" "$target"; fi
  done
done

# --- 3. Trim what Qt brought that Mentor Desk never loads ----------------------------------------
qt="$bundle/_internal/PySide6/Qt"
if [ -d "$qt" ]; then
  for p in designer qmltooling sqldrivers tls networkinformation egldeviceintegrations generic \
      wayland-graphics-integration-server; do
    rm -rf "$qt/plugins/$p"
  done
  # Screens: the desktop's (X11 through xcb, Wayland) and offscreen (the smoke test); not the
  # embedded-device ones (framebuffer, EGL full screen, VNC, Vulkan display) nor their libraries.
  for p in eglfs linuxfb minimalegl vkkhrdisplay vnc; do rm -f "$qt/plugins/platforms/libq$p.so"; done
  rm -f "$qt"/lib/libQt6EglFSDeviceIntegration.so.* "$qt"/lib/libQt6EglFsKmsSupport.so.*
  find "$bundle/_internal" -maxdepth 1 -xtype l -delete   # the links PyInstaller made to them
  # Image formats: the icons are PNG and SVG; keep the common ones, not TIFF, WebP, Apple icons,
  # TGA or WBMP.
  for p in tiff webp icns tga wbmp; do rm -f "$qt/plugins/imageformats/libq$p.so"; done
  # Qt's own translations: only qtbase (the standard dialogs), and only in the languages Mentor
  # Desk has a catalogue for (ui/translations.py falls back to English); the rest is unused.
  if [ -d "$qt/translations" ]; then
    keep=(-name 'qtbase_en*')
    for po in resources/translations/*.po; do
      code="$(basename "$po" .po)"
      keep+=(-o -name "qtbase_$code.qm" -o -name "qtbase_${code%%_*}.qm")
    done
    find "$qt/translations" -type f ! \( "${keep[@]}" \) -delete
  fi
fi
rm -rf "$bundle/_internal/resources/screenshots"

# --- 4. Desktop entry, icon, menu installer, the licence -----------------------------------------
cp resources/icons/mentordesk-256.png "$bundle/mentordesk.png"
cp packaging/linux/mentordesk.desktop packaging/linux/install.sh LICENSE "$bundle/"
cat > "$bundle/README.txt" <<TXT
Mentor Desk $version

Start it: double-click "mentordesk" in this folder.
Put it in your applications menu: right-click "install.sh" and choose "Run as a Program"
(most file managers open a double-clicked script as text), or type ./install.sh in a
terminal opened in this folder. ./install.sh --remove takes it out of the menu again.
Your data is kept in ~/.local/share/MentorDesk, not in this folder: a newer version can
replace this folder and finds your data as it was.

Mentor Desk is free software under the GNU General Public License, version 3 or (at your
choice) any later version: you may use, share and change it; it comes with no warranty.
The licence is in the file LICENSE in this folder.
TXT

# --- 5. The tarball ------------------------------------------------------------------------------
tar -C "$dist" -czf "$tarball" mentordesk
say "bundle: $bundle ($(du -sh "$bundle" | cut -f1) installed)"
say "tarball: $tarball ($(du -h "$tarball" | cut -f1) to download)"
