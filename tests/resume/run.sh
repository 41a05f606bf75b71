#!/bin/sh
# The reading position and the marks across runs of the reader, end to
# end in a private tmux server: resuming at another size, marks kept in
# the file, SIGTERM, SIGHUP and SIGKILL, umask 000, a damaged file, an
# edited document, --no-resume, --forget and standard input.
#
# Every wait polls the screen or the file with short sleeps up to a
# limit; nothing depends on how fast the machine is.
SUITE=resume
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
case $LECTERN in /*) ;; *) LECTERN=$top/${LECTERN#./} ;; esac

if ! command -v tmux >/dev/null 2>&1; then
	not_ok "tmux is needed for the resume tests (make deps)"
	done_testing
	exit
fi

T=$(mktemp -d)
SOCK=lectern-resume-$$
WAIT=${E2E_WAIT:-10}		# give up waiting after this many seconds
export HOME="$T/home" XDG_STATE_HOME="$T/state"
mkdir -p "$HOME" "$XDG_STATE_HOME"
unset BROWSER NO_COLOR TMUX LECTERN_BOOKMARKS
BMDIR=$XDG_STATE_HOME/lectern
BM=$BMDIR/bookmarks
ARTICLE=$top/content/state-of-ai-2023-politics-safety.md
UKRAINE="Meanwhile, Ukraine acts as a lab for AI warfare"

cleanup() {
	tmux -L "$SOCK" kill-server >/dev/null 2>&1
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

tm() {
	tmux -L "$SOCK" -f /dev/null "$@"
}

# A session that outlives the others, so that the server never exits
# between two of them.
tm new-session -d -s keep "exec sleep 3600"

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
	S=s$N
	ERR=$T/err.$N
	printf '%s\n' "umask 000; $*" >"$T/cmd.$N"
	tm new-session -d -s "$S" -x "$w" -y "$h" \
	    "env TERM=xterm-256color LC_ALL=C.UTF-8 LECTERN='$LECTERN' \
HOME='$HOME' XDG_STATE_HOME='$XDG_STATE_HOME' \
sh -c '. \"$T/cmd.$N\" 2>\"$ERR\"; echo EXIT=\$?; exec sleep 600'"
	tm set-option -t "$S" remain-on-exit on >/dev/null
}

# lectern ARGS: the command that run() gives the shell.
L='"$LECTERN"'

keys() {
	tm send-keys -t "$S" "$@"
}

screen() {
	tm capture-pane -p -t "$S"
}

status_line() {
	screen | tail -n 1
}

# wait_cmd COMMAND...: until COMMAND succeeds; fails after WAIT seconds.
wait_cmd() {
	w_i=0
	while [ "$w_i" -lt $((WAIT * 20)) ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.05
		w_i=$((w_i + 1))
	done
	return 1
}

on_screen() {
	screen | grep -qF -- "$1"
}

wait_for() {
	wait_cmd on_screen "$1"
}

# Until the screen stops changing.
settle() {
	s_prev=$(screen)
	s_i=0
	while [ "$s_i" -lt $((WAIT * 20)) ]; do
		sleep 0.05
		s_cur=$(screen)
		[ "$s_cur" = "$s_prev" ] && return 0
		s_prev=$s_cur
		s_i=$((s_i + 1))
	done
	return 1
}

first_row_has() {
	screen | head -n 1 | grep -qF -- "$1"
}

status_has() {
	status_line | grep -qF -- "$1"
}

# The pid of the lectern in the session's shell.
reader_pid() {
	pgrep -P "$(tm display -p -t "$S" '#{pane_pid}')" \
	    -x "$(basename "$LECTERN" | cut -c 1-15)" 2>/dev/null | head -n 1
}

stop() {
	tm kill-session -t "$S" >/dev/null 2>&1
}

# quit: q, and the shell says EXIT=0.
quit() {
	keys q
	wait_for "EXIT=0"
}

# expect WHAT COMMAND...: ok, or not ok with the screen.
expect() {
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then
		ok "$what"
	else
		not_ok "$what" "$(screen)"
	fi
}

first_row_changed() {
	[ "$(screen | head -n 1)" != "$z_prev" ]
}

# to_zvook: from the section on Ukraine, line by line until the Zvook
# paragraph is the first line of the body.
to_zvook() {
	wait_for "%" || return 1
	z_i=0
	while [ "$z_i" -lt 40 ] && ! first_row_has "Zvook"; do
		z_prev=$(screen | head -n 1)
		keys j
		wait_cmd first_row_changed
		z_i=$((z_i + 1))
	done
	first_row_has "Zvook"
}

# The section shown on the status line, "title | section  NN%".
status_section() {
	status_line | sed 's/^ *//; s/.* | //; s/   *[a-z]* *[0-9]*% *$//;
	    s/…$//'
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
quit
stop
expect "quitting writes the bookmark file" test -f "$BM"
expect "under umask 000 the file has mode 0600" \
    test "$(stat -c %a "$BM" 2>/dev/null)" = 600
expect "and its directory mode 0700" \
    test "$(stat -c %a "$BMDIR" 2>/dev/null)" = 700
expect "the bundled article has its own key" \
    grep -q "key=bundled:state-of-ai-2023-politics-safety.md" "$BM"

run 80 24 "$L"
if wait_for "resumed at $UKRAINE"; then
	ok "80x24: the status line says where it resumed"
else
	not_ok "80x24: the status line says where it resumed" "$(screen)"
fi
expect "80x24: the Zvook paragraph is the first line again" \
    first_row_has "Zvook"

# --- Marks --------------------------------------------------------------

keys m a
expect "m a sets mark a" wait_for "mark a set"
keys G
expect "G goes to the end" wait_cmd status_has "100%"
keys "'" a
wait_for "mark a"
expect "'a returns to the Zvook paragraph" wait_cmd first_row_has "Zvook"
keys "'" "?"
if wait_cmd sh -c "tmux -L '$SOCK' -f /dev/null capture-pane -p -t '$S' |
    grep -q -E '^  a +[0-9]+%  Meanwhile, Ukraine.* \\| .'"; then
	ok "'? lists mark a with its percentage, section and first words"
else
	not_ok "'? lists mark a with its percentage, section and first words" \
	    "$(screen)"
fi
keys Escape
settle
quit
stop
expect "the mark is in the file" grep -q "^mark	.*name=a" "$BM"

run 80 24 "$L --no-resume"
wait_for "%"
expect "--no-resume opens at the top" wait_cmd status_has " 0%"
expect "--no-resume does not say it resumed" sh -c "! tmux -L '$SOCK' \
    -f /dev/null capture-pane -p -t '$S' | grep -q 'resumed at'"
keys "'" a
expect "the mark was read from the file" wait_cmd first_row_has "Zvook"
keys g
wait_cmd status_has " 0%"
quit
stop

# Wide from here on, so that the status line shows the whole section.
run 140 40 "$L"
expect "--no-resume kept the saved place" wait_for "resumed at $UKRAINE"

# --- Signals ------------------------------------------------------------

keys ']' ']'
settle
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
expect "SIGTERM saved the place ($sec)" wait_for "resumed at $sec"

keys ']'
settle
sec=$(status_section)
pid=$(reader_pid)
[ -n "$pid" ] && kill -HUP "$pid"
expect "SIGHUP ends the reader with status 129" wait_for "EXIT=129"
stop
run 140 40 "$L"
expect "SIGHUP saved the place ($sec)" wait_for "resumed at $sec"

# kill -9: the place is saved a few seconds after the reader moved
# there, while it reads; the file is polled, not timed.
wait_for "%"
before=$(cksum <"$BM")
keys ']'
settle
sec=$(status_section)
# The reader saves at most every few seconds: allow twice the usual wait.
WAIT=$((WAIT * 2))
changed=$(wait_cmd sh -c "[ \"\$(cksum <'$BM')\" != '$before' ]" && echo y)
WAIT=$((WAIT / 2))
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
    wait_for "resumed at $sec"
quit
stop

# --- An edited document -------------------------------------------------

mkdir -p "$T/doc"
cp "$ARTICLE" "$T/doc/article.md"
run 140 40 "$L -s 'Ukraine acts' '$T/doc/article.md'"
to_zvook
quit
stop
expect "the copy has its own entry, by its path" \
    grep -qF "key=$T/doc/article.md" "$BM"
# A new paragraph before the place, under the first heading.
awk 'NR == 12 { print "A paragraph added after the place was saved, to move"; print "every offset below it.\n" } { print }' \
    "$ARTICLE" >"$T/doc/article.md"
run 140 40 "$L '$T/doc/article.md'"
if wait_for "found by its text"; then
	ok "an edited document: the place is found by its text"
else
	not_ok "an edited document: the place is found by its text" \
	    "$(screen)"
fi
expect "an edited document: it says which section" \
    wait_for "resumed at $UKRAINE"
expect "an edited document: the Zvook paragraph is the first line" \
    first_row_has "Zvook"
quit
stop

# --- --forget -----------------------------------------------------------

# Whether --forget opens the reader or only edits the file, q ends it.
run 80 24 "$L --forget"
settle
keys q
expect "--forget ends with status 0" wait_for "EXIT=0"
stop
expect "--forget removed the bundled article's records" \
    sh -c "! grep -q 'key=bundled:' '$BM'"
expect "--forget kept the other document" \
    grep -qF "key=$T/doc/article.md" "$BM"
run 80 24 "$L"
wait_for "%"
settle
expect "after --forget the reader opens at the top" status_has " 0%"
expect "after --forget it does not resume" sh -c "! tmux -L '$SOCK' \
    -f /dev/null capture-pane -p -t '$S' | grep -q 'resumed at'"
quit
stop

# --- Standard input is never saved --------------------------------------

before=$(cksum <"$BM")
run 80 24 "cat '$ARTICLE' | $L"
wait_for "%"
keys ']' ']' ']'
settle
quit
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
if wait_for "cannot be read"; then
	ok "a damaged file: the status line says so"
else
	not_ok "a damaged file: the status line says so" "$(screen)"
fi
expect "a damaged file: the reader runs" wait_cmd status_has "%"
expect "a damaged file: the original is copied aside" \
    sh -c "ls '$BMDIR' | grep -q '^bookmarks\.corrupt-[0-9]\{8\}-[0-9]\{6\}'"
keys ']'
settle
quit
stop
expect "a damaged file: standard error says so too" grep -q "cannot be read" "$ERR"
expect "a damaged file: replaced by a readable one" \
    sh -c "head -n 1 '$BM' | grep -qx 'lectern-bookmarks 1' &&
	! grep -q garbage '$BM'"
run 80 24 "$L"
expect "a damaged file: after it, positions are saved again" \
    wait_for "resumed at"
quit
stop

# --- A symbolic link at the path ----------------------------------------

export XDG_STATE_HOME="$T/state3"
BMDIR=$XDG_STATE_HOME/lectern
BM=$BMDIR/bookmarks
mkdir -p "$BMDIR"
printf 'lectern-bookmarks 1\n' >"$T/target"
ln -s "$T/target" "$BM"
run 80 24 "$L"
wait_for "%"
keys ']' ']'
settle
# The reader saves within seconds of a move, and says it cannot.
WAIT=$((WAIT * 2))
expect "a symbolic link: the status line says it is not written" \
    wait_for "symbolic link"
WAIT=$((WAIT / 2))
expect "a symbolic link: the reader goes on" wait_cmd status_has "%"
quit
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
