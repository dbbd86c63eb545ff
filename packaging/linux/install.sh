#!/usr/bin/env bash
# Put Mentor Desk in the applications menu for this user (no administrator needed):
# run it from the unpacked folder, e.g. double-click it or `./install.sh`.
# It adds a menu entry and icon pointing at this folder; your data stays where it is
# (~/.local/share/MentorDesk), and `./install.sh --remove` takes the menu entry away again.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
if [ "${1:-}" = --remove ]; then
  rm -f "$apps/mentordesk.desktop" "$icons/mentordesk.png"
  echo "Mentor Desk has been taken off the menu. Your data has been kept."
  exit 0
fi
mkdir -p "$apps" "$icons"
cp "$here/mentordesk.png" "$icons/mentordesk.png"
sed -e "s|@BIN@|\"$here/mentordesk\"|" -e "s|@ICON@|mentordesk|" \
  "$here/mentordesk.desktop" > "$apps/mentordesk.desktop"
chmod +x "$apps/mentordesk.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" || true
echo "Mentor Desk is now in your applications menu."
