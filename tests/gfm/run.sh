#!/bin/sh
# GitHub's extensions in the reader and in the dumps: task lists, alerts,
# strikethrough, bare links, and block quotes inside list items. The
# plain dump's layout is in tests/golden/gfm.*; this suite checks what
# golden files cannot: the reader's screen, colours, another locale.
SUITE=gfm
. "$(dirname "$0")/../lib.sh"

. "$(dirname "$0")/../e2e/tmux.sh"

ESC=$(printf '\033')
doc=$(cd "$(dirname "$0")/../golden" && pwd)/gfm.md

# --- The dump ---------------------------------------------------------------

out=$(LC_ALL=C "$LECTERN" --dump --color=never -w 60 "$doc" 2>/dev/null)
check "without UTF-8, an open task is [ ]" \
    eval 'printf "%s\n" "$out" | grep -qx "\[ \] write the parser"'
check "without UTF-8, a done task is [x]" \
    eval 'printf "%s\n" "$out" | grep -q "^\[x\] ~~draw the outline~~"'

out=$("$LECTERN" --dump --color=always -w 60 "$doc" 2>/dev/null)
check "with colour, struck text is SGR 9, without ~~" \
    eval 'printf "%s\n" "$out" | grep -q "$ESC\[0;9mold entry$ESC\[0m" &&
    ! printf "%s\n" "$out" | grep -q "~~"'
check "with colour, a note's bar and label are blue" \
    eval 'printf "%s\n" "$out" | grep -q "$ESC\[0;34m│ $ESC\[0m$ESC\[0;1;34mNote"'
check "with colour, a caution's bar and label are red" \
    eval 'printf "%s\n" "$out" | grep -q "$ESC\[0;31m│ $ESC\[0m$ESC\[0;1;31mCaution"'

# --- The reader ---------------------------------------------------------------

# The body's part of screen row N: after the outline's border.
body_line() {
	screen | sed -n "/$1/{s/^[^│]*│//p;q;}"
}

# Characters before the first match of the sed pattern PAT on the screen.
screen_col() {
	screen | sed -n "/$1/{s/$1.*//p;q;}" | awk '{ print length($0) }'
}

# Columns before TEXT on the body's row that has it (spaces only).
indent_of() {
	body_line "$1" | sed "s/$1.*//" | awk '{ print length($0) }'
}

start 80 50 "$LECTERN --no-resume $doc"
if ready; then
	expect "an open task shows a ballot box" on_screen "☐ write the parser"
	expect "a done task shows a checked box" on_screen "☑ "
	expect "struck text is drawn struck through" on_screen \
	    "d̶r̶a̶w̶ ̶t̶h̶e̶ ̶o̶u̶t̶l̶i̶n̶e̶ done"
	expect "an alert shows its label as a word" on_screen "│ Tip"
	expect "an alert's marker is not shown" off_screen "[!tip]"
	expect "a note's bar and label are blue" eval \
	    'screen_sgr | grep -q "$ESC\[34m│ $ESC\[[0-9;]*mNote"'
	expect "a warning's bar and label are yellow" eval \
	    'screen_sgr | grep -q "$ESC\[33m│ $ESC\[[0-9;]*mWarning"'
else
	not_ok "the reader starts on the extensions" "$(screen)"
fi

keys ']' ']' ']' ']'
if status_has "| Autolinks"; then
	keys Tab Tab
	expect "a bare www. address is a link to select" status_has \
	    "http://www.example.org"
else
	not_ok "] goes to the bare links" "$(screen)"
fi

keys ']'
if status_has "| Quotes in lists"; then
	expect "a quote in an item has its bar under the item's text" test \
	    "$(indent_of "│ The quote's bar")" -eq \
	    "$(($(indent_of "• An item with") + 2))"
	expect "a quote in a nested item, under the nested item's text" test \
	    "$(indent_of "│ A nested quote")" -eq \
	    "$(($(indent_of "◦ A nested item") + 2))"
	expect "a quote in that quote, its bar after the first" test \
	    "$(indent_of "│ │ And a quote in it")" -eq \
	    "$(indent_of "│ A nested quote")"
	expect "an item that is a quote: its bullet, then the bar" \
	    eval 'body_line "An item that is a quote" | grep -q "^ *• │ An item"'
else
	not_ok "] goes to the quotes in lists" "$(screen)"
fi
send q
stop

# Where the locale is not UTF-8: ASCII boxes, and "~~" for the stroke.
E2E_ENV="LC_ALL=C" start 80 50 "$LECTERN --no-resume $doc"
if ready; then
	expect "without UTF-8, the reader shows [ ] in place of the bullet" \
	    test "$(screen_col '\[ \] write the parser')" -eq \
	    "$(screen_col '1\. \[x\] first step')"
	expect "without UTF-8, a done task is [x]" on_screen "[x] ~~draw"
	expect "without UTF-8, the reader puts ~~ around struck text" \
	    on_screen "~~draw the outline~~ done"
else
	not_ok "the reader starts without UTF-8" "$(screen)"
fi
send q
stop
done_testing
