#!/bin/sh
# The library screen (L) end to end in a private tmux server: two
# documents read, then listed the most recent first with their titles
# and percentages; / filters; d then y forgets one and only it; a
# document whose file is gone shows dim and says so on Enter; Esc closes.
#
# Each keys call waits for the reader's handshake (e2e/tmux.sh).
SUITE=library
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
case $LECTERN in /*) ;; *) LECTERN=$top/${LECTERN#./} ;; esac

. "$top/tests/e2e/tmux.sh"
E2E_SOCK=lectern-library-$$

T=$E2E_TMP
BM=$XDG_STATE_HOME/lectern/bookmarks

# doc FILE TITLE-LINES: a document of those first lines and 200 more.
doc() {
	f=$1
	shift
	{
		printf '%s\n' "$@"
		i=1
		while [ $i -le 200 ]; do
			printf '\nParagraph %d of some text to read.\n' $i
			i=$((i + 1))
		done
	} >"$f"
}
doc "$T/one.md" "# First Title"
doc "$T/two.md" "---" "title: Second From Front" "---"
doc "$T/three.md" "# Third Will Go"

# read W H FILE KEYS...: FILE in the reader, KEYS, then q; waits until it
# has quit.
read_doc() {
	w=$1
	h=$2
	f=$3
	shift 3
	start "$w" "$h" "sh -c '\"\$0\" \"\$@\"; echo EXIT=\$?' $LECTERN $f"
	handshake
	for k in "$@"; do
		keys "$k"
	done
	send q
	wait_for "EXIT=0"
	stop
}

# The time of FILE's record set back by SECONDS, so that the order does
# not depend on two documents read within a second.
age() {
	now=$(date +%s)
	sed "s|^\(doc	key=$1	time=\)[0-9]*|\1$((now - $2))|" "$BM" >"$T/bm" &&
	    cat "$T/bm" >"$BM"
}

read_doc 80 24 "$T/three.md" Space
rm -f "$T/three.md"
age "$T/three.md" 7200
read_doc 80 24 "$T/one.md" Space Space
age "$T/one.md" 300
read_doc 80 24 "$T/two.md" Space Space Space Space
expect "reading saved three documents" \
    test "$(grep -c '^doc	' "$BM" 2>/dev/null)" = 3
expect "with their titles" grep -q 'title=Second From Front' "$BM"

# The library's session runs the sanitizer build when there is one, and
# checks that drawing again changes nothing (as tests/draw does).
E2E_ENV="LECTERN_TEST_DRAW=$T/draw.log"
start 100 24 "sh -c '\"\$0\" \"\$@\"; echo EXIT=\$?' ${LECTERN_SAN:-$LECTERN} $T/one.md"
E2E_ENV=
handshake
keys L
expect "L opens the library: three documents" \
    eval 'row 1 | grep -q "library: 3 documents"'
if row 3 | grep -q '^  .* [1-9][0-9]*%  just now  *Second From Front  *.*two\.md' &&
    row 4 | grep -q '^\* .* [1-9][0-9]*%  5 min ago  *First Title  *.*one\.md' &&
    row 5 | grep -q '2 h ago  *Third Will Go'; then
	ok "most recent first, with percentages, times and titles; this one marked"
else
	not_ok "most recent first, with percentages, times and titles" "$(screen)"
fi
expect "the cursor is on the first document" \
    eval 'screen_sgr | sed -n 3p | grep -q "[[;]7m"'
if screen_sgr | sed -n 5p | grep -q '\[2m'; then
	ok "a document whose file is gone shows dim"
else
	not_ok "a document whose file is gone shows dim" "$(screen_sgr | sed -n 5p | cat -v)"
fi
keys j j Enter
expect "Enter on it says the file is gone" status_has "the file is gone"
expect "and the library stays" eval 'row 1 | grep -q "library:"'

keys / f i R S
expect "/ filters as it is typed, case ignored" \
    eval 'row 1 | grep -q "1 of 3 documents match" && row 3 | grep -q "First Title" && off_screen "Second From"'
expect "the filter's prompt is on the status line" status_has "filter: fiRS"
keys Enter
expect "Enter keeps the filter" eval 'row 3 | grep -q "First Title"'
keys /
keys Escape
expect "/ then Esc shows every document again" \
    eval 'row 1 | grep -q "library: 3 documents" && on_screen "Second From"'

keys G d
expect "d asks first" status_has "forget Third Will Go? y forgets it"
keys n
expect "any other key keeps it" eval 'status_has "kept" && on_screen "Third Will Go"'
keys d y
expect "d then y forgets it" \
    eval 'status_has "forgot" && off_screen "Third Will Go" && row 1 | grep -q "2 documents"'
if ! grep -q "three.md" "$BM" && grep -q "key=$T/one.md" "$BM" &&
    grep -q "key=$T/two.md" "$BM"; then
	ok "the file no longer holds it, and still holds the others"
else
	not_ok "the file holds the others only" "$(cat "$BM")"
fi

expect "the cursor stays on the list, on its last row" \
    eval 'screen_sgr | sed -n 4p | grep -q "[[;]7m"'
click 20 3
expect "a click chooses a document" \
    eval 'screen_sgr | sed -n 3p | grep -q "[[;]7m" && ! screen_sgr | sed -n 4p | grep -q "[[;]7m"'

keys Escape
expect "Esc closes the library" \
    eval 'off_screen "library:" && on_screen "Paragraph"'
keys L
expect "L opens it again" eval 'row 1 | grep -q "library: 2 documents"'
keys q
expect "q closes it too, without quitting" \
    eval 'off_screen "library:" && off_screen "EXIT="'
send q
expect "the reader quits cleanly" wait_for "EXIT=0"
stop
if [ -s "$T/draw.log" ]; then
	not_ok "drawing the library again changes nothing" "$(cat "$T/draw.log")"
else
	ok "drawing the library again changes nothing"
fi

# --library lists the same, in the same order.
"$LECTERN" --library >"$T/list" 2>"$T/err"
if [ $? -eq 0 ] && [ "$(cut -f 3 "$T/list" | tr '\n' '|')" = "Second From Front|First Title|" ] &&
    [ "$(cut -f 4 "$T/list" | sed -n 1p)" = "$T/two.md" ]; then
	ok "--library: the same documents, most recent first"
else
	not_ok "--library: the same documents" "$(cat "$T/list" "$T/err")"
fi

# The bundled article is in the library under its key, and opens from it.
read_doc 100 24 "" Space
read_doc 100 24 "$T/one.md" Space
start 100 24 "sh -c '\"\$0\" \"\$@\"; echo EXIT=\$?' $LECTERN $T/one.md"
handshake
keys L
row=$(screen | grep -n "State of AI" | head -n 1 | cut -d: -f1)
if [ -n "$row" ]; then
	keys g
	i=3
	while [ "$i" -lt "$row" ]; do
		keys j
		i=$((i + 1))
	done
	keys Enter
	expect "Enter on the bundled article in the library opens it" \
	    eval 'off_screen "library:" && on_screen "State of AI" &&
	    ! status_has "No such file"'
else
	not_ok "the library lists the bundled article" "$(screen)"
fi
send q
wait_for "EXIT=0"
stop

done_testing
