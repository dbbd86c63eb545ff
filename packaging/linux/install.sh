#!/usr/bin/env bash
# Put Mentor Desk in the applications menu for this user (no administrator needed):
# run it from the unpacked folder: right-click it and choose Run as a Program, or `./install.sh`.
# It adds a menu entry and the icon (every size, for menus, docks and window lists) pointing at
# this folder; your data stays where it is (~/.local/share/MentorDesk), and
# `./install.sh --remove` takes the menu entry and icons away again.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
share="${XDG_DATA_HOME:-$HOME/.local/share}"
apps="$share/applications"
hicolor="$share/icons/hicolor"
sizes=(16 24 32 48 64 128 256 512)
if [ "${1:-}" = --remove ]; then
  rm -f "$apps/mentordesk.desktop" "$hicolor/scalable/apps/mentordesk.svg"
  for n in "${sizes[@]}"; do rm -f "$hicolor/${n}x${n}/apps/mentordesk.png"; done
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" || true
  echo "Mentor Desk has been taken off the menu. Your data has been kept."
  exit 0
fi
mkdir -p "$apps"
# The icon in each size the bundle has (its resources folder), else the one beside the program.
icons="$here/_internal/resources/icons"
for n in "${sizes[@]}"; do
  if [ -f "$icons/mentordesk-$n.png" ]; then
    mkdir -p "$hicolor/${n}x${n}/apps"
    cp "$icons/mentordesk-$n.png" "$hicolor/${n}x${n}/apps/mentordesk.png"
  fi
done
if [ -f "$icons/mentordesk.svg" ]; then
  mkdir -p "$hicolor/scalable/apps"
  cp "$icons/mentordesk.svg" "$hicolor/scalable/apps/mentordesk.svg"
fi
if [ ! -f "$hicolor/256x256/apps/mentordesk.png" ]; then
  mkdir -p "$hicolor/256x256/apps"
  cp "$here/mentordesk.png" "$hicolor/256x256/apps/mentordesk.png"
fi
# The program's path goes in quoted, as the desktop entry format asks (a folder may have
# spaces in its name), with the characters that format treats specially escaped: \ " ` $
# (each with a backslash inside the quotes, and every backslash doubled once more).
bin="$(printf '%s' "$here/mentordesk" | sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\\\&/g')"
BIN="$bin" awk '{
  i = index($0, "@BIN@"); if (i) $0 = substr($0, 1, i - 1) "\"" ENVIRON["BIN"] "\"" substr($0, i + 5)
  i = index($0, "@ICON@"); if (i) $0 = substr($0, 1, i - 1) "mentordesk" substr($0, i + 6)
  print
}' "$here/mentordesk.desktop" > "$apps/mentordesk.desktop"
chmod +x "$apps/mentordesk.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$hicolor/index.theme" ] \
  && gtk-update-icon-cache -q -t "$hicolor" || true
echo "Mentor Desk is now in your applications menu."
