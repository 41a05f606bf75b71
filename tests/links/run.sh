#!/bin/sh
# End-to-end tests of the links of the notes pane and of what O and y do
# with a selected link: Tab and Shift-Tab among the links of the notes,
# a click on one, Enter; O with $BROWSER, and without it the opener on
# PATH; y, which writes OSC 52 (tmux keeps it as a paste buffer when its
# set-clipboard is on) and shows the address over the top of the screen,
# and is k when no link is selected. The real binary in a private tmux
# server; each keys call waits for the reader's handshake (e2e/tmux.sh).
SUITE=links
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../e2e/tmux.sh"
E2E_SOCK=lectern-links-$$

ESC=$(printf '\033')
ARTICLE=$(cd "$(dirname "$0")/../.." && pwd)/content/state-of-ai-2023-politics-safety.md
GDOCS=https://docs.google.com/presentation/d/156WpBF_rGvf4Ecg19oM1fyR51g4FAmHV3Zs0WLukrLQ/preview?slide=id.g24daeb7f4f0_0_3373
ARXIV=https://arxiv.org/abs/2202.07785

# Is TEXT drawn in reverse video somewhere above the status line?
reversed() {
	screen_sgr | sed '$d' |
	    grep -q "$ESC\[[0-9;]*7[0-9;]*m\($ESC\[[0-9;]*m\)*$1"
}

# The screen without its status line.
page() {
	screen | sed '$d'
}

# The status line is exactly TEXT, the place at its right aside.
status_is() {
	[ "$(status_line | sed 's/^ //; s/  *notes *[0-9]*% *$//')" = "$1" ]
}

# A program that writes how many arguments it got and the first into
# FILE, one line a run: recorder PROGRAM FILE.
recorder() {
	printf '#!/bin/sh\nprintf "%%s %%s\\n" "$#" "$1" >>%s\n' "$2" >"$1"
	chmod +x "$1"
}

# Has FILE N lines?
lines_in() {	# lines_in FILE N
	[ "$(wc -l <"$1" 2>/dev/null)" -eq "$2" ]
}

# Every scene also checks that drawing again changes nothing (see
# tests/draw): the selected link and the address shown over the top
# must be redrawn whenever they change.
DRAWLOG=$E2E_TMP/draw.log
E2E_ENV="LECTERN_TEST_DRAW=$DRAWLOG"
: >"$DRAWLOG"

mkdir -p "$E2E_TMP/bin" "$E2E_TMP/doc/docs"
DIR=$(cd "$E2E_TMP/doc" && pwd -P)
recorder "$E2E_TMP/bin/browser" "$E2E_TMP/browser.args"

# --- The article's notes at 140x40: Tab, Shift-Tab, O, y ----------------

# Under the sanitizers where they are built.
start 140 40 "env BROWSER=$E2E_TMP/bin/browser ${LECTERN_SAN:-$LECTERN} \
--no-resume $ARTICLE"
tm set-option -g set-clipboard on
if ready; then
	keys t Tab
	expect "Tab in the notes selects the first link, its address on the \
status line" status_is "$GDOCS"
	expect "the selected link is drawn in reverse video" \
	    reversed "https://docs.google.com/"
	expect "its note is the selected one" \
	    eval 'pane_col 3 | grep -q "^> \[2\]"'
	keys Tab
	expect "Tab again: the next link, in the next note" status_is "$ARXIV"
	expect "the first link is no longer reversed" \
	    eval '! reversed "https://docs.google.com/"'
	keys BTab
	expect "Shift-Tab goes back to the first link" status_is "$GDOCS"
	keys Enter
	expect "Enter on the link shows its address" status_is "$GDOCS"
	keys O
	wait_cmd lines_in "$E2E_TMP/browser.args" 1
	expect "O gives BROWSER the link's exact address, one argument" \
	    test "$(sed -n 1p "$E2E_TMP/browser.args")" = "1 $GDOCS"
	expect "O says what it ran" status_has "opened with $E2E_TMP/bin/browser"
	keys y
	expect "y puts the address into tmux's paste buffer (OSC 52)" \
	    eval 'test "$(tm show-buffer)" = "$GDOCS"'
	expect "y shows the whole address over the top of the screen" \
	    eval 'test "$(row 1 | sed "s/ *\$//")" = "$GDOCS"'
	expect "y says how it copied" status_has "copied with OSC 52"
	keys j
	expect "any key closes the address" \
	    eval '! row 1 | grep -qF "$GDOCS"'
	expect "the key that closed it did nothing else" \
	    eval 'pane_col 3 | grep -q "^> \[2\]"'
	keys Escape Escape
	keys Tab
	expect "Tab in the body still selects the body's references" \
	    status_has "[1] "
else
	not_ok "140x40: the reader starts" "$(screen)"
fi
stop

# --- y with nothing selected is k ----------------------------------------

reader 100 30
if ready; then
	top=$(page)
	keys 5j
	a=$(page)
	keys j y
	expect "y with no link selected is a line up, as in less" \
	    test "$(page)" = "$a"
	keys 5 y
	expect "N y: N lines up" test "$(page)" = "$top"
	while tm delete-buffer 2>/dev/null; do :; done
	keys y
	expect "y without a link copies nothing" eval '! tm show-buffer'
else
	not_ok "100x30: the reader starts" "$(screen)"
fi
stop

# --- A note with a relative path, '-', javascript: and #name ------------

{
	printf '%s\n' '# Top' '' 'Text[^1] and more.' ''
	i=0
	while [ $i -lt 40 ]; do
		printf 'Filler %s.\n\n' $i
		i=$((i + 1))
	done
	printf '%s\n' '## Far' '' 'Far text.' '' \
	    '[^1]: See [rel](docs/a%20b.md), [dash](--help), [js](javascript:alert(1)), [far](#far).'
} >"$E2E_TMP/doc/notes.md"
rm -f "$E2E_TMP/browser.args"
start 100 20 "env BROWSER=$E2E_TMP/bin/browser $LECTERN --no-resume \
$DIR/notes.md"
if wait_for "Filler 0."; then
	keys t Tab O
	wait_cmd lines_in "$E2E_TMP/browser.args" 1
	expect "a relative path opens as a file: URL under the document's \
directory" test "$(sed -n 1p "$E2E_TMP/browser.args")" = \
	    "1 file://$DIR/docs/a%20b.md"
	keys Tab O
	wait_cmd lines_in "$E2E_TMP/browser.args" 2
	expect "an address starting with '-' reaches the browser as a file: \
URL, never as an option" test "$(sed -n 2p "$E2E_TMP/browser.args")" = \
	    "1 file://$DIR/--help"
	keys Tab O
	expect "a javascript: link is refused, and the status line says why" \
	    status_has "not opened, not a scheme that lectern opens"
	expect "the browser did not run for it" \
	    lines_in "$E2E_TMP/browser.args" 2
	keys Tab
	expect "Tab on #far names it" status_has "link to #far"
	keys Enter
	expect "Enter on a link to #far in a note goes to the heading" \
	    eval 'status_has "Far" && on_screen "Far text." &&
	    off_screen "Filler 0."'
	expect "and the body has the focus" eval '! status_has "notes "'
	keys Backspace
	expect "Backspace comes back" eval 'on_screen "Filler 0." && off_screen "Far text."'
else
	not_ok "a document with links in a note opens" "$(screen)"
fi
stop

# A link at the end of a note taller than the notes pane: Tab scrolls it
# into sight.
{
	printf '%s\n' 'Text[^1].' '' '[^1]: Line 0.'
	i=1
	while [ $i -lt 12 ]; do
		printf '\n    Line %s.\n' $i
		i=$((i + 1))
	done
	printf '\n    The end: [lastlink](https://example.com/last).\n'
} >"$E2E_TMP/doc/long.md"
start 100 20 "$LECTERN --no-resume $DIR/long.md"
if wait_for "Line 0."; then
	keys t Tab
	expect "Tab selects a link below the pane's bottom and scrolls to it" \
	    eval 'status_is "https://example.com/last" && reversed "lastlink"'
else
	not_ok "a document with a long note opens" "$(screen)"
fi
stop

# --- Without BROWSER: xdg-open on PATH -----------------------------------

recorder "$E2E_TMP/bin/xdg-open" "$E2E_TMP/xdg.args"
start 100 20 "env -u BROWSER PATH=$E2E_TMP/bin:$PATH $LECTERN --no-resume \
$DIR/notes.md"
if wait_for "Filler 0."; then
	keys t Tab O
	wait_cmd lines_in "$E2E_TMP/xdg.args" 1
	expect "no BROWSER: the xdg-open on PATH gets the address" \
	    test "$(sed -n 1p "$E2E_TMP/xdg.args")" = \
	    "1 file://$DIR/docs/a%20b.md"
	expect "and the status line says it ran xdg-open" \
	    status_has "opened with $E2E_TMP/bin/xdg-open"
else
	not_ok "the reader starts without BROWSER" "$(screen)"
fi
stop
start 100 20 "env -u BROWSER PATH=/nonexistent $LECTERN --no-resume \
$DIR/notes.md"
if wait_for "Filler 0."; then
	keys t Tab O
	expect "no BROWSER and no xdg-open: the status line says so" \
	    status_has "BROWSER is not set and no xdg-open is on PATH"
else
	not_ok "the reader starts without BROWSER or PATH" "$(screen)"
fi
stop

# --- The notes overlay at 60 columns: Tab, a click, O ---------------------

rm -f "$E2E_TMP/browser.args"
start 60 24 "env BROWSER=$E2E_TMP/bin/browser $LECTERN --no-resume \
$ARTICLE"
if ready; then
	keys t
	expect "60 columns: t opens the notes over the body" \
	    on_screen "Notes (Esc closes)"
	keys Tab
	expect "Tab selects a link in the overlay" \
	    status_has "https://docs.google.com/presentation/d/"
	expect "drawn in reverse video there" reversed "https://docs.google"
	# The row and column of the first "https://arxiv.org/" on screen.
	y=$(screen | grep -n "https://arxiv.org/" | head -n 1 | cut -d: -f1)
	if [ -n "$y" ]; then
		prefix=$(screen | sed -n "${y}p" | sed 's|https://arxiv.org/.*||')
		x=$(($(printf '%s' "$prefix" | wc -m) + 1))
		click "$x" "$y"
		expect "a click on a link in the notes selects it" \
		    eval 'status_line | grep -q "https://arxiv.org/" &&
		    reversed "https://arxiv.org/"'
		keys O
		wait_cmd lines_in "$E2E_TMP/browser.args" 1
		expect "O opens the clicked link" \
		    eval 'sed -n 1p "$E2E_TMP/browser.args" |
		    grep -q "^1 https://arxiv.org/"'
	else
		not_ok "60 columns: an arXiv address shows in the notes" \
		    "$(screen)"
	fi
else
	not_ok "60x24: the reader starts" "$(screen)"
fi
stop

if [ -s "$DRAWLOG" ]; then
	not_ok "drawing again changes nothing" "$(cat "$DRAWLOG")"
else
	ok "drawing again changes nothing"
fi

done_testing
