#!/bin/sh
# End-to-end tests of the keys that come from less(1): counts (10j, 5z,
# 3n, 50%, 11g), z and w, e and y with their Ctrl keys, Enter as a line
# down, = and Ctrl-G, the command line (:q, an unknown :foo), and Esc u
# and \ taking the search highlighting off. The real binary on the
# bundled article in a private tmux server; each keys call waits for the
# reader's handshake (e2e/tmux.sh).
SUITE=less
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../e2e/tmux.sh"
E2E_SOCK=lectern-less-$$

ESC=$(printf '\033')
ARTICLE=$(cd "$(dirname "$0")/../.." && pwd)/content/state-of-ai-2023-politics-safety.md

# The screen without its status line.
page() {
	screen | sed '$d'
}

# Is TEXT drawn in the match colours (background 43) somewhere?
matched() {
	screen_sgr | grep -q "$ESC\[[0-9;]*43m\($ESC\[[0-9;]*m\)*$1"
}

# same WHAT KEYS1 -- KEYS2: from the top, KEYS1 and KEYS2 show the same
# page, and one that is not the top's.
same() {
	what=$1
	shift
	k1=
	while [ "$1" != -- ]; do
		k1="$k1 $1"
		shift
	done
	shift
	# shellcheck disable=SC2086
	keys g $k1
	a=$(page)
	# shellcheck disable=SC2086
	keys g "$@"
	b=$(page)
	keys g
	if [ "$a" = "$b" ] && [ "$a" != "$(page)" ]; then
		ok "$what"
	else
		not_ok "$what" "$a" "---" "$b"
	fi
}

# The "lines X-Y of N" of the status line after =, as "X Y N".
lines_shown() {
	status_line | sed -n 's/.* lines \([0-9]*\)-\([0-9]*\) of \([0-9]*\) .*/\1 \2 \3/p'
}

# --- Counts and lines, at 100x30 ------------------------------------------

reader 100 30
expect "100x30: the reader starts" ready

keys 1 0
expect "a count shows on the status line as it is typed" \
    status_has "count 10"
keys BSpace
expect "Backspace takes a digit of the count back" status_has "count 1 "
keys Escape
expect "Esc cancels the count" eval '! status_has "count"'
first=$(page)
same "10j goes as far as j ten times" 1 0 j -- j j j j j j j j j j
same "a count cancelled with Esc is gone: 12 Esc j is j" \
    1 2 Escape j -- j
same "e, Ctrl-E and Ctrl-N go down as j does" e C-e C-n -- j j j
same "y, Ctrl-Y, Ctrl-P and Ctrl-K go up as k does" \
    2 0 j y C-y C-p C-k -- 1 6 j
same "Enter with nothing selected is a line down, with a count too" \
    3 j Enter 4 Enter -- 8 j
same "3 Space goes three lines" 3 Space -- 3 j
same "Ctrl-V goes a page as Space does" C-v -- Space
same "Esc v goes a page back as b does" 4 0 j Escape v -- 4 0 j b
same "N b goes N lines back" 2 0 j 7 b -- 1 3 j
# (Line 13 is text, after the front matter's line and a blank one: a
# blank line shows the text after it.)
same "13g shows line 13: as g and 12j" 1 3 g -- 1 2 j
same "13G shows line 13 too" G 1 3 G -- 1 2 j
same "d with a count goes that far, and so does d after it" \
    4 d d -- 8 j
same "u with a count sets the half page too" 3 0 j 6 u u -- 1 8 j
same "z with a count goes that far and sets the page" \
    5 z z -- 1 0 j
same "z then goes by that page" z z -- 1 0 j
same "w goes back by the page z set" 3 0 j w -- 2 5 j
same "N w sets it too" 3 0 j 2 w w -- 2 6 j
same "2] goes to the second section on" 2 ']' -- ']' ']'
keys g
keys =
set -- $(lines_shown)
if [ "$#" -eq 3 ] && [ "$1" -eq 1 ] && [ "$2" -gt 10 ]; then
	ok "= at the top says which lines show: $1-$2 of $3"
	h=$2
	total=$3
	expect "= names the file and the place" eval \
	    'status_has "state-of-ai-2023-politics-safety.md  lines" &&
	    status_has " of $total  0%"'
	keys 1 0 j =
	expect "after 10j: lines 11-$((h + 10))" eval \
	    '[ "$(lines_shown)" = "11 $((h + 10)) $total" ]'
	keys g C-g
	expect "Ctrl-G says the same as =" eval \
	    '[ "$(lines_shown)" = "1 $h $total" ]'
	keys G =
	expect "at the end: the last line shown is the last line" eval \
	    '[ "$(lines_shown)" = "$((total - h + 1)) $total $total" ]'
	keys g "$total" g =
	expect "${total}g goes to the last page too" eval \
	    '[ "$(lines_shown)" = "$((total - h + 1)) $total $total" ]'
	keys g 1 0 2 g =
	expect "102g: line 102 at the top" eval \
	    '[ "$(lines_shown)" = "102 $((h + 101)) $total" ]'
	keys BSpace
	expect "a line by number is a jump: Backspace goes back" \
	    test "$(page)" = "$first"
	keys j
	expect "and the message is gone after the next key" \
	    eval '! status_has "lines "'
else
	not_ok "= at the top says which lines show" "$(screen)"
fi

keys g 5 0 %
expect "50% shows 50 on the status line" test "$(percent)" = 50
keys 2 5 p
expect "25p shows 25" test "$(percent)" = 25
keys 1 0 0 %
expect "100% is the end" test "$(percent)" = 100
keys BSpace
expect "a per cent is a jump: Backspace goes back to 25" \
    test "$(percent)" = 25
keys p
expect "p without a count is the top" test "$(percent)" = 0

# The outline's cursor shows only in the attributes.
keys o
o1=$(screen_sgr)
keys j j j
o3=$(screen_sgr)
keys Escape o 3 j
expect "in the outline 3j is three headings down" eval \
    '[ "$(screen_sgr)" = "$o3" ] && [ "$o3" != "$o1" ]'
keys 3 k
expect "and 3k three up" test "$(screen_sgr)" = "$o1"
keys Escape

# --- The command line ------------------------------------------------------

keys :
expect ": opens the command line" eval 'status_line | grep -q "^ :"'
keys f o o Enter
expect "an unknown command says so" status_has "no command :foo"
keys : q ' ' x Enter
expect ":q with an argument says it takes none" \
    status_has ":q takes no argument"
keys : f Enter
expect ":f says where, as = does" status_has "  lines 1-"
keys : q Escape
expect "Esc cancels the command line" eval \
    '! status_line | grep -q "^ :" && on_screen "State of AI"'
keys h
expect "the help lists the new keys" on_screen "N %: N per cent into the text"
keys G
expect "and the commands of the command line, last" eval \
    'screen | tail -n 9 | grep -q "^  :q " &&
    screen | tail -n 3 | grep -q "^  :x " && on_screen "Esc u, \\"'
keys q
send : q Enter
if wait_for "EXIT=0"; then
	ok ":q quits with status 0"
else
	not_ok ":q quits" "$(screen)"
fi
stop

# --- Search: counts, and the highlighting off -----------------------------

reader 140 40
expect "140x40: the reader starts" ready
keys / 芯片 Enter
if status_has "match 1 of 14"; then
	expect "the matches are highlighted" matched "芯片"
	keys 3 n
	expect "3n: match 4 of 14, as n three times" \
	    status_has "match 4 of 14"
	keys 2 N
	expect "2N: match 2 of 14" status_has "match 2 of 14"
	keys 1 5 n
	expect "15n wraps round to match 3 of 14" \
	    eval 'status_has "match 3 of 14" && status_has "wrapped"'
	keys '\'
	expect "\\ takes the highlighting off" eval '! matched "芯片"'
	expect "and says so" status_has "highlighting off"
	keys j k
	expect "it stays off as the body moves" eval '! matched "芯片"'
	keys n
	expect "n brings it back, at the next match" eval \
	    'matched "芯片" && status_has "match 4 of 14"'
	keys Escape u
	expect "Esc u takes it off too" eval '! matched "芯片"'
	keys / 芯片 Enter
	expect "a new search brings it back" matched "芯片"
	keys Escape Escape u
	expect "Esc Esc u: the second Esc starts Esc u" eval '! matched "芯片"'
	keys n u
	expect "u after other keys is half a page up, not Esc u" \
	    matched "芯片"
else
	not_ok "/芯片 finds 14 matches" "$(screen)"
fi
stop

# Enter with a reference selected still follows it.
reader 140 40 --section "'chip wars'"
expect "--section opens at the chip wars heading" ready
keys Tab Enter
expect "Enter follows a selected reference: its note opens" \
    status_has "notes "
stop

# --- What = shows of a file name is inert ---------------------------------

name=$(printf 'a\033]2;x\007b.md')
printf '# One\n\ntext\n' >"$E2E_TMP/$name"
cat >"$E2E_TMP/open.sh" <<EOF
cd "$E2E_TMP" && "$LECTERN" --no-resume ./a*b.md
echo EXIT=\$?
exec cat >/dev/null	# keeps the pane and its EXIT line until stop
EOF
start 80 24 "sh $E2E_TMP/open.sh"
expect "a file with Esc in its name opens" ready
keys =
expect "= shows Esc and BEL of the name in caret notation" \
    status_has "a^[]2;x^Gb.md  lines 1-4 of 4  "
expect "= says the size in bytes and the section" \
    status_has " 12 bytes  One"
keys H
expect "H is help, as in less" on_screen "keys (q or Esc closes this)"
keys Escape
send Q
if wait_for "EXIT=0"; then
	ok "Q quits, as in less"
else
	not_ok "Q quits" "$(screen)"
fi
stop

# --- Under the sanitizers -------------------------------------------------

if [ -x "${LECTERN_SAN:-}" ]; then
	plain=$LECTERN
	LECTERN=$LECTERN_SAN
	reader 100 30 "$ARTICLE"
	LECTERN=$plain
	expect "sanitizers: the reader starts" ready
	keys 1 0 j = 5 0 % 3 z w / 芯片 Enter 2 n '\' n : f o o Enter
	expect "sanitizers: the keys run" status_has "no command :foo"
	send : q Enter
	if wait_for "EXIT=0"; then
		ok "sanitizers: nothing reported, :q quits with status 0"
	else
		not_ok "sanitizers: a clean exit" "$(screen)"
	fi
	stop
else
	skip "the keys under the sanitizers" "no build/san/lectern"
fi
done_testing
