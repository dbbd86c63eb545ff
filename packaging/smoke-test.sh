#!/usr/bin/env bash
# Smoke-test a built bundle as a new user would meet it: a fresh home folder, no project set
# up, no display (Qt offscreen). It fills a demo data folder, starts the window on it until
# the main window has painted, writes a printout, and quits; any failure exits non-zero.
# It prints the bundle's size and its cold start (first paint and Today painted, median of 5).
# Then it imports every module of the app from the bundle (MENTORDESK_SELF_CHECK, see
# packaging/mentordesk_entry.py) and uses the libraries loaded only on demand: importing people
# (phone and e-mail checks), a spreadsheet export and an evidence pack.
#
#   packaging/smoke-test.sh [BUNDLE_DIR_OR_TARBALL]     (default: build/dist/mentordesk)
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf 'smoke-test: %s\n' "$*"; }
fail() { printf 'smoke-test: FAILED: %s\n' "$*" >&2; exit 1; }

target="${1:-build/dist/mentordesk}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -f "$target" ]; then   # a tarball: unpack it as a user would
  tar -C "$work" -xzf "$target"
  bundle="$work/mentordesk"
  say "download size: $(du -h "$target" | cut -f1)"
else
  bundle="$target"
fi
exe="$bundle/mentordesk"
[ -x "$exe" ] || fail "no program at $exe"
grep -q "GNU GENERAL PUBLIC LICENSE" "$bundle/LICENSE" 2>/dev/null || fail "no LICENSE in the bundle"
say "installed size: $(du -sh "$bundle" | cut -f1)"

# A new user: an empty home, nothing of the project's on the paths.
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config"
mkdir -p "$HOME"
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV MENTORDESK_DATA
export QT_QPA_PLATFORM=offscreen
data="$work/data"
run() { (cd "$work" && timeout 120 "$exe" "$@"); }

run --version | grep -q "Mentor Desk" || fail "--version"
run --data "$data" demo > "$work/demo.log" 2>&1 || { cat "$work/demo.log"; fail "making the demo"; }
programme="$(grep -oE 'number [0-9]+|programme [0-9]+|id [0-9]+' "$work/demo.log" | grep -oE '[0-9]+' | head -1)"
programme="${programme:-1}"

# The window: it must paint the opening frame, then the main window on Today, then quit cleanly.
median_ms() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
first=() ; ready=()
for i in 1 2 3 4 5 6; do
  start="$(date +%s.%N)"
  out="$(cd "$work" && MENTORDESK_EXIT_AFTER_PAINT=1 timeout 120 "$exe" --data "$data" 2>"$work/gui.err")" \
    || { cat "$work/gui.err"; fail "the window did not start and quit cleanly"; }
  f="$(echo "$out" | awk '/^first-paint/ {print $2}')"; r="$(echo "$out" | awk '/^window-ready/ {print $2}')"
  [ -n "$f" ] && [ -n "$r" ] || { echo "$out"; cat "$work/gui.err"; fail "no first paint reported"; }
  if grep -q Traceback "$work/gui.err"; then cat "$work/gui.err"; fail "a traceback at start"; fi
  [ "$i" = 1 ] && continue   # the first run warms the disk cache
  first+=("$(awk -v a="$f" -v b="$start" 'BEGIN {printf "%d", (a - b) * 1000}')")
  ready+=("$(awk -v a="$r" -v b="$start" 'BEGIN {printf "%d", (a - b) * 1000}')")
done
say "cold start: first paint $(printf '%s\n' "${first[@]}" | median_ms) ms, Today painted $(printf '%s\n' "${ready[@]}" | median_ms) ms (median of ${#first[@]})"

# A printout, from the same program.
pdf="$work/summary.pdf"
run --data "$data" print programme-summary "$programme" -o "$pdf" > "$work/print.log" 2>&1 \
  || { cat "$work/print.log"; fail "writing a printout"; }
head -c 5 "$pdf" | grep -q '%PDF-' || fail "the printout is not a PDF"
say "printout: $(du -h "$pdf" | cut -f1) PDF written"

# Everything the app imports only when first used is in the bundle.
MENTORDESK_SELF_CHECK=1 run > "$work/self.log" 2>&1 || { cat "$work/self.log"; fail "the self-check"; }
grep '^self-check:' "$work/self.log" | while read -r line; do say "$line"; done
printf 'First name,Last name,Email,Phone\nMorag,Test,not-an-address,12\n' > "$work/people.csv"
run --data "$data" import --programme "$programme" --dry-run --json "$work/people.csv" \
  > "$work/import.log" 2>&1 || { cat "$work/import.log"; fail "importing people"; }
grep -q '"field": "phone"' "$work/import.log" && grep -q '"field": "email"' "$work/import.log" \
  || { cat "$work/import.log"; fail "the phone and e-mail checks on import"; }
run --data "$data" export-tables "$programme" -o "$work/tables.xlsx" > /dev/null || fail "export-tables"
head -c 2 "$work/tables.xlsx" | grep -q PK || fail "the export is not an .xlsx workbook"
run --data "$data" evidence-pack "$programme" --kind agreement -o "$work/pack.pdf" > /dev/null \
  || fail "the evidence pack"
head -c 5 "$work/pack.pdf" | grep -q '%PDF-' || fail "the evidence pack is not a PDF"
say "import checks, spreadsheet export and evidence pack work"

# Moving: out of one folder and into a fresh one.
run --data "$data" move-out "$work/move" > /dev/null || fail "move-out"
run --data "$work/new-pc" restore "$work/move.mentordesk-move" > /dev/null || fail "restore of a move file"
run --data "$work/new-pc" check > /dev/null || fail "check after the move"
say "passed"
