#!/bin/sh
# The reading position and the marks across runs of the reader, end to
# end in a private tmux server: resuming at another size, marks kept in
# the file, SIGTERM, SIGHUP and SIGKILL, umask 000, a damaged file, an
# edited document, --no-resume, --forget and standard input.
#
# Each keys call waits for the reader's handshake (e2e/tmux.sh); what the
# reader does on its own (saving the place while it reads) is polled for
# up to a limit.
SUITE=resume
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
case $LECTERN in /*) ;; *) LECTERN=$top/${LECTERN#./} ;; esac

. "$top/tests/e2e/tmux.sh"
E2E_SOCK=lectern-resume-$$

T=$E2E_TMP
BMDIR=$XDG_STATE_HOME/lectern
BM=$BMDIR/bookmarks
ARTICLE=$top/content/state-of-ai-2023-politics-safety.md
UKRAINE="Meanwhile, Ukraine acts as a lab for AI warfare"

N=0
# run W H ARGS...: lectern in a new session W x H, with this shell's
# HOME and XDG_STATE_HOME (the server keeps the environment it started
# with), under umask 000, in a shell that says how it ended ("EXIT=n");
# standard error goes to $T/err.N. ARGS are words for the shell, quoted
# by the caller.
run() {
	w=$1
	h=$2
	shift 2
	N=$((N + 1))
	ERR=$T/err.$N
	printf '%s\n' "umask 000; $*" >"$T/cmd.$N"
	start "$w" "$h" "env LECTERN='$LECTERN' HOME='$HOME' \
XDG_STATE_HOME='$XDG_STATE_HOME' \
sh -c '. \"$T/cmd.$N\" 2>\"$ERR\"; echo EXIT=\$?'"
}

# lectern ARGS: the command that run() gives the shell.
L='"$LECTERN"'

first_row_has() {
	screen | head -n 1 | grep -qF -- "$1"
}

# quit: q, and the shell says EXIT=0.
quit() {
	send q
	wait_for "EXIT=0"
}

# to_zvook: from the section on Ukraine, line by line until the Zvook
# paragraph is the first line of the body.
to_zvook() {
	ready || return 1
	z_i=0
	while [ "$z_i" -lt 40 ] && ! first_row_has "Zvook" && keys j; do
		z_i=$((z_i + 1))
	done
	first_row_has "Zvook"
}

# The section shown on the status line, "title | parent › section  NN%".
status_section() {
	status_line | sed 's/^ *//; s/.* | //; s/.* › //;
	    s/   *[a-z]* *[0-9]*% *$//; s/…$//'
}

file_has_no_tmp() {
	! ls -A "$BMDIR" | grep -q '\.tmp-'
}

# --- Quit at 140x40, resume at 80x24 ------------------------------------

run 140 40 "$L -s 'Ukraine acts'"
if to_zvook; then
	ok "140x40: the Zvook paragraph is the first line"
else
	not_ok "140x40: the Zvook paragraph is the first line" "$(screen)"
fi
expect "140x40: q quits" quit
stop
expect "quitting writes the bookmark file" test -f "$BM"
expect "under umask 000 the file has mode 0600" \
    test "$(stat -c %a "$BM" 2>/dev/null)" = 600
expect "and its directory mode 0700" \
    test "$(stat -c %a "$BMDIR" 2>/dev/null)" = 700
expect "the bundled article has its own key" \
    grep -q "key=bundled:state-of-ai-2023-politics-safety.md" "$BM"

run 80 24 "$L"
if ready && status_has "resumed at $UKRAINE"; then
	ok "80x24: the status line says where it resumed"
else
	not_ok "80x24: the status line says where it resumed" "$(screen)"
fi
expect "80x24: the Zvook paragraph is the first line again" \
    first_row_has "Zvook"

# --- Marks --------------------------------------------------------------

keys m a
expect "m a sets mark a" status_has "mark a set"
keys G
expect "G goes to the end" status_has "100%"
keys "'" a
expect "'a says it went to mark a" status_has "mark a"
expect "'a returns to the Zvook paragraph" first_row_has "Zvook"
keys "'" "?"
if screen | grep -q -E '^  a +[0-9]+%  Meanwhile, Ukraine.* \| .'; then
	ok "'? lists mark a with its percentage, section and first words"
else
	not_ok "'? lists mark a with its percentage, section and first words" \
	    "$(screen)"
fi
keys Escape
expect "Esc closes the list; q quits" quit
stop
expect "the mark is in the file" grep -q "^mark	.*name=a" "$BM"

run 80 24 "$L --no-resume"
expect "80x24 --no-resume: the reader starts" ready
expect "--no-resume opens at the top" status_has " 0%"
expect "--no-resume does not say it resumed" \
    eval '! on_screen "resumed at"'
keys "'" a
expect "the mark was read from the file" first_row_has "Zvook"
keys g
expect "g goes to the top; q quits" quit
stop

# Wide from here on, so that the status line shows the whole section.
run 140 40 "$L"
expect "--no-resume kept the saved place" \
    eval 'ready && status_has "resumed at $UKRAINE"'

# --- Signals ------------------------------------------------------------

keys ']' ']'
sec=$(status_section)
pid=$(reader_pid)
if [ -n "$pid" ] && [ -n "$sec" ]; then
	kill -TERM "$pid"
	expect "SIGTERM ends the reader with status 143" wait_for "EXIT=143"
else
	not_ok "SIGTERM: the reader runs and shows its section" "$(screen)"
fi
stop
run 140 40 "$L"
expect "SIGTERM saved the place ($sec)" \
    eval 'ready && status_has "resumed at $sec"'

keys ']'
sec=$(status_section)
pid=$(reader_pid)
[ -n "$pid" ] && kill -HUP "$pid"
expect "SIGHUP ends the reader with status 129" wait_for "EXIT=129"
stop
run 140 40 "$L"
expect "SIGHUP saved the place ($sec)" \
    eval 'ready && status_has "resumed at $sec"'

# kill -9: the place is saved a few seconds after the reader moved
# there, while it reads; the file is polled, not timed.
before=$(cksum <"$BM")
keys ']'
sec=$(status_section)
# The reader saves at most every few seconds: allow twice the usual wait.
E2E_WAIT=$((E2E_WAIT * 2))
changed=$(wait_cmd sh -c "[ \"\$(cksum <'$BM')\" != '$before' ]" && echo y)
E2E_WAIT=$((E2E_WAIT / 2))
if [ "$changed" = y ]; then
	ok "while reading, the new place is saved within seconds"
else
	not_ok "while reading, the new place is saved within seconds" \
	    "$(cat "$BM")"
fi
pid=$(reader_pid)
[ -n "$pid" ] && kill -KILL "$pid"
expect "kill -9 ends the reader" wait_for "EXIT=137"
stop
expect "kill -9 leaves no temporary file" file_has_no_tmp
run 140 40 "$L"
expect "after kill -9 it resumes at the place ($sec)" \
    eval 'ready && status_has "resumed at $sec"'
expect "q quits" quit
stop

# --- An edited document -------------------------------------------------

mkdir -p "$T/doc"
cp "$ARTICLE" "$T/doc/article.md"
run 140 40 "$L -s 'Ukraine acts' '$T/doc/article.md'"
expect "a copy of the article: the Zvook paragraph is the first line" \
    to_zvook
expect "q quits" quit
stop
expect "the copy has its own entry, by its path" \
    grep -qF "key=$T/doc/article.md" "$BM"
# A new paragraph before the place, under the first heading.
awk 'NR == 12 { print "A paragraph added after the place was saved, to move"; print "every offset below it.\n" } { print }' \
    "$ARTICLE" >"$T/doc/article.md"
run 140 40 "$L '$T/doc/article.md'"
if ready && status_has "found by its text"; then
	ok "an edited document: the place is found by its text"
else
	not_ok "an edited document: the place is found by its text" \
	    "$(screen)"
fi
expect "an edited document: it says which section" \
    status_has "resumed at $UKRAINE"
expect "an edited document: the Zvook paragraph is the first line" \
    first_row_has "Zvook"
expect "q quits" quit
stop

# --- Front matter ----------------------------------------------------------

# A place saved before the front matter had a block of its own has the
# index of a block one further down now, in the same text (same hash):
# it is found by its text, not taken as it is.
mkdir -p "$T/fm"
{
	printf -- '---\ntitle: Front\ndate: 2024-05-01\n---\n\n# Front\n\n'
	i=0
	while [ "$i" -lt 30 ]; do
		printf 'Filler paragraph %s before the place.\n\n' "$i"
		i=$((i + 1))
	done
	printf '## The saved place\n\nIts text, where the reader stopped.\n\n'
	while [ "$i" -lt 60 ]; do
		printf 'Filler paragraph %s after the place.\n\n' "$i"
		i=$((i + 1))
	done
} >"$T/fm/doc.md"
run 100 20 "$L '$T/fm/doc.md'"
expect "front matter: ] goes to the section" \
    eval 'ready && keys "]" && first_row_has "The saved place"'
expect "q quits" quit
stop
# The index the earlier version wrote: one less.
awk -v key="key=$T/fm/doc.md" 'BEGIN { FS = OFS = "\t" }
    index($0, key) { for (i = 1; i <= NF; i++) if ($i ~ /^block=/)
    $i = "block=" (substr($i, 7) - 1) } { print }' "$BM" >"$T/bm.new" &&
    cat "$T/bm.new" >"$BM"
run 100 20 "$L '$T/fm/doc.md'"
expect "front matter: an earlier place resumes at the same text" \
    eval 'ready && first_row_has "The saved place"'
expect "q quits" quit
stop

# --- --forget -----------------------------------------------------------

# In a terminal, --forget opens the reader, which says so.
run 80 24 "$L --forget"
expect "--forget opens the reader" ready
send q
expect "--forget ends with status 0" wait_for "EXIT=0"
stop
expect "--forget removed the bundled article's records" \
    sh -c "! grep -q 'key=bundled:' '$BM'"
expect "--forget kept the other document" \
    grep -qF "key=$T/doc/article.md" "$BM"
run 80 24 "$L"
expect "80x24: the reader starts" ready
expect "after --forget the reader opens at the top" status_has " 0%"
expect "after --forget it does not resume" eval '! on_screen "resumed at"'
expect "q quits" quit
stop

# --- Standard input is never saved --------------------------------------

before=$(cksum <"$BM")
run 80 24 "cat '$ARTICLE' | $L"
expect "80x24, standard input: the reader starts" ready
keys ']' ']' ']'
expect "standard input: ] moves" eval '! status_has " 0%"'
expect "q quits" quit
stop
expect "a document from standard input is not saved" \
    test "$(cksum <"$BM")" = "$before"

# --- A damaged file -----------------------------------------------------

export XDG_STATE_HOME="$T/state2"
BMDIR=$XDG_STATE_HOME/lectern
BM=$BMDIR/bookmarks
mkdir -p "$BMDIR"
printf 'lectern-bookmarks 1\n\001\377\376garbage\000\033[2J\nmore \377 junk\n' >"$BM"
run 80 24 "$L"
if ready && status_has "cannot be read"; then
	ok "a damaged file: the status line says so"
else
	not_ok "a damaged file: the status line says so" "$(screen)"
fi
expect "a damaged file: the original is copied aside" \
    sh -c "ls '$BMDIR' | grep -q '^bookmarks\.corrupt-[0-9]\{8\}-[0-9]\{6\}'"
keys ']'
expect "a damaged file: the reader runs" status_has "%"
expect "q quits" quit
stop
expect "a damaged file: standard error says so too" grep -q "cannot be read" "$ERR"
expect "a damaged file: replaced by a readable one" \
    sh -c "head -n 1 '$BM' | grep -qx 'lectern-bookmarks 1' &&
	! grep -q garbage '$BM'"
run 80 24 "$L"
expect "a damaged file: after it, positions are saved again" \
    eval 'ready && status_has "resumed at"'
expect "q quits" quit
stop

# --- A symbolic link at the path ----------------------------------------

export XDG_STATE_HOME="$T/state3"
BMDIR=$XDG_STATE_HOME/lectern
BM=$BMDIR/bookmarks
mkdir -p "$BMDIR"
printf 'lectern-bookmarks 1\n' >"$T/target"
ln -s "$T/target" "$BM"
run 80 24 "$L"
expect "80x24: the reader starts" ready
keys ']' ']'
# The reader saves within seconds of a move, and says it cannot.
E2E_WAIT=$((E2E_WAIT * 2))
expect "a symbolic link: the status line says it is not written" \
    wait_for "symbolic link"
E2E_WAIT=$((E2E_WAIT / 2))
keys ']'
expect "a symbolic link: the reader goes on" status_has "%"
expect "q quits" quit
stop
expect "a symbolic link: the file it points to is untouched" \
    test "$(cat "$T/target")" = "lectern-bookmarks 1"
expect "a symbolic link: still a link" test -L "$BM"
if grep -q "symbolic link" "$ERR"; then
	ok "a symbolic link: standard error says why nothing was saved"
else
	not_ok "a symbolic link: standard error says why nothing was saved" \
	    "$(cat "$ERR")"
fi

done_testing
