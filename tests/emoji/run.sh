#!/bin/sh
# Emoji and grapheme clusters against the terminal. The reader asks the
# terminal (here tmux) how wide it draws joined emoji, flags, emoji
# presentation, skin tones and keycaps, and draws apart what the terminal
# draws otherwise than ncurses counts it. What is on screen must then be
# what a full redraw draws: after every scroll (j, k, Space, b, through
# the whole of emoji.md, at three panes) the pane is captured, Ctrl-L
# redraws it all, and the two captures must be the same. That is done
# with tmux's own answer and with each answer forced through
# LECTERN_TEST_TERMWIDTH, and the answer of a terminal that joins nothing
# (xterm's), wrong for tmux, shows what the check catches. The question
# itself runs under the sanitizers where LECTERN_SAN is set.
SUITE=emoji
. "$(dirname "$0")/../lib.sh"

. "$(dirname "$0")/../e2e/tmux.sh"
E2E_SOCK=lectern-emoji-$$
DOC="$(cd "$(dirname "$0")" && pwd)/emoji.md"
ZWJ=$(printf '\342\200\215')
FAMILY=$(printf '\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247')
APART=$(printf '\360\237\221\250\360\237\221\251\360\237\221\247')
FRANCE=$(printf '\360\237\207\253\360\237\207\267')

# The first difference between the screen and its full redraw, if any,
# after the keys KEY...; the screen stays where the keys took it.
E2E_DIFF=$E2E_TMP/diff
same_after() {
	keys "$@" || return 1
	screen >"$E2E_TMP/a"
	keys C-l || return 1
	screen >"$E2E_TMP/b"
	if ! cmp -s "$E2E_TMP/a" "$E2E_TMP/b"; then
		{ echo "after $*:"; diff "$E2E_TMP/a" "$E2E_TMP/b"; } \
		    >"$E2E_DIFF"
		return 1
	fi
}

# walk: line by line to the end and back, a page at a time down and up;
# fails at the first screen that a redraw changes.
walk() {
	: >"$E2E_DIFF"
	n=0
	while ! status_has "100%" && [ $n -lt 400 ]; do
		same_after j || return 1
		n=$((n + 1))
	done
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		same_after k || return 1
	done
	same_after g || return 1
	n=0
	while ! status_has "100%" && [ $n -lt 100 ]; do
		same_after Space || return 1
		n=$((n + 1))
	done
	n=0
	while [ "$(percent)" != 0 ] && [ $n -lt 100 ]; do
		same_after b || return 1
		n=$((n + 1))
	done
}

# scroll WHAT ANSWER: the walk in a reader given the terminal's ANSWER
# (empty: tmux's own).
scroll() {
	E2E_ENV=${2:+LECTERN_TEST_TERMWIDTH=$2}
	reader 120 24 "$DOC"
	if ! ready; then
		not_ok "$1: the reader starts" "$(screen)"
		return
	fi
	if walk; then
		ok "$1: every scroll draws what a redraw draws"
	else
		not_ok "$1: every scroll draws what a redraw draws" \
		    "$(cat "$E2E_DIFF")"
	fi
	send q
}

# tmux_cols TEXT: how many columns tmux gives TEXT, printed by a shell (the
# column of the cursor after it), in $cols.
tmux_cols() {
	start 40 5 "sh -c 'printf \"%s\" \"\$0\"; exec cat >/dev/null' '$1'"
	wait_cmd eval '[ "$(tm display -p -t "$S" "#{cursor_x}")" -gt 0 ]'
	cols=$(tm display -p -t "$S" '#{cursor_x}')
}

# --- What the reader asks tmux --------------------------------------------

tmux_cols "$FAMILY"
joins=$cols
E2E_ENV=
# The question under the sanitizers, where there are.
LECTERN_PLAIN=$LECTERN
LECTERN=${LECTERN_SAN:-$LECTERN}
reader 120 24 "$DOC"
if ready; then
	if [ "$joins" = 6 ]; then
		check "tmux draws a joined family in 6 columns: shown joined" \
		    on_screen "$FAMILY"
	else
		check "tmux draws a joined family in $joins columns: apart" \
		    eval 'on_screen "$APART" && off_screen "$ZWJ"'
	fi
	check "the question leaves nothing on the screen or in the input" \
	    eval '[ "$(percent)" = 0 ] && off_screen "[6n"'
	send q
	wait_for "EXIT=0"
	check "after the reader, the shell's screen has no sample" \
	    eval 'off_screen "$FRANCE" && off_screen "6n"'
else
	not_ok "the reader starts and asks tmux" "$(screen)"
fi
LECTERN=$LECTERN_PLAIN

# A key typed before the reader starts waits in the terminal's input,
# and the reader reads it with the answers: it must still reach the
# reader (q ends it).
E2E_ENV=
start 80 10 "sh -c 'read x; \"\$0\" \"\$@\"; echo EXIT=\$?; exec cat >/dev/null' \
$LECTERN --no-resume $DOC"
send x Enter q
check "a key typed before the terminal answers reaches the reader" \
    wait_for "EXIT=0"

# --- Forced answers -------------------------------------------------------

E2E_ENV="LECTERN_TEST_TERMWIDTH=none"
reader 120 24 "$DOC"
if ready; then
	check "no answer: a flag shows its region's letters" on_screen "FR"
	check "no answer: joined emoji show apart" \
	    eval 'on_screen "$APART" && off_screen "$ZWJ"'
	send q
else
	not_ok "no answer: the reader starts" "$(screen)"
fi

scroll "tmux's answer"
scroll "no answer" none
if [ "$joins" = 6 ]; then
	skip "xterm's answer in tmux" "this tmux joins nothing"
else
	# Forced wrong: the check must see the stale cells it is there for.
	E2E_ENV="LECTERN_TEST_TERMWIDTH=zwj=6,flag=2,vs16=1,tone=4,keycap=1"
	reader 120 24 "$DOC"
	if ready && ! walk; then
		ok "xterm's answer in tmux: the check sees the stale cells"
	else
		not_ok "xterm's answer in tmux: the check sees the stale cells"
	fi
	send q
fi

done_testing
