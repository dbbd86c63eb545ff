#!/bin/sh
# Translations: extract every message into the template, merge it into each language's .po,
# and (with "compile") build the .mo catalogues Mentor Desk loads.
#
#   packaging/extract-messages.sh            # refresh mentordesk.pot and merge into *.po
#   packaging/extract-messages.sh compile    # build resources/translations/LANG/LC_MESSAGES/*.mo
#
# Needs GNU gettext (Debian: apt-get install gettext). Without the .mo files Mentor Desk
# compiles the .po sources itself when a language is chosen (app/i18n.py), so a source
# checkout works either way; a bundle or installer runs "compile" at build time.
set -eu
cd "$(dirname "$0")/.."
folder=resources/translations
domain=mentordesk

if [ "${1:-}" = "compile" ]; then
    for po in "$folder"/*.po; do
        lang=$(basename "$po" .po)
        mkdir -p "$folder/$lang/LC_MESSAGES"
        msgfmt --check-format -o "$folder/$lang/LC_MESSAGES/$domain.mo" "$po"
        echo "compiled $lang"
    done
    exit 0
fi

# shellcheck disable=SC2046
xgettext --language=Python --from-code=UTF-8 --add-comments=Translators: \
    --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
    --package-name="Mentor Desk" --msgid-bugs-address="the Mentor Desk project" \
    --sort-by-file --no-wrap -o "$folder/$domain.pot" \
    $(find app ui -name '*.py' -not -path '*/migrations/*' | sort)
for po in "$folder"/*.po; do
    msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-wrap "$po" "$folder/$domain.pot"
done
# British English is the source language: its catalogue says each message as written.
msgen --no-wrap "$folder/$domain.pot" \
    | sed -e '/^#, fuzzy$/d' -e '/^# SOME DESCRIPTIVE/,/^#$/d' \
        -e 's/^"Language: \\n"$/"Language: en_GB\\n"/' \
        -e 's/^"Plural-Forms: .*"$/"Plural-Forms: nplurals=2; plural=(n != 1);\\n"/' \
        -e 's/^"Language-Team: .*"$/"Language-Team: British English (the source language)\\n"/' \
    >"$folder/en_GB.po"
echo "$(grep -c '^msgid ' "$folder/$domain.pot") messages in $folder/$domain.pot"
