# Drives lectern in a private tmux server for the end-to-end tests.
# Source it after tests/lib.sh.
#
# Nothing here decides from time, or from a screen that stopped
# changing, that a key has landed. Every session runs with
# LECTERN_TEST_SYNC=1: after the keys under test, keys sends Ctrl-]
# (with send-keys -H, so that the reader reads it after them), and the
# reader answers it once it has handled them and drawn their frame: it
# sets the terminal's working directory (OSC 7) to "lectern-sync N",
# which tmux keeps as #{pane_path}. tmux handles a pane's output in
# order, so when the path says N, capture-pane shows that frame.
#
# Asking tmux for the path polls, and so do the waits for what happens
# without a key (a shell's output after the reader ended, a file the
# reader writes on its own); E2E_WAIT seconds only bound them against a
# hang, and a wait that runs out is a failure.

# A suite that drives the reader cannot run without tmux: one failure.
if ! command -v tmux >/dev/null 2>&1; then
	not_ok "tmux is needed for the $SUITE tests (make deps)"
	done_testing
	exit
fi

E2E_TMP=$(mktemp -d)
E2E_SOCK=lectern-test-$$
E2E_N=0
E2E_DEAF=0	# the reader stopped answering the handshake
E2E_WAIT=${E2E_WAIT:-30}	# give up waiting after this many seconds
E2E_ENV=${E2E_ENV:-}	# more VAR=VALUE for the reader's environment
export HOME="$E2E_TMP/home" XDG_STATE_HOME="$E2E_TMP/state"
mkdir -p "$HOME" "$XDG_STATE_HOME"
unset BROWSER NO_COLOR TMUX LECTERN_BOOKMARKS

e2e_cleanup() {
	tmux -L "$E2E_SOCK" kill-server >/dev/null 2>&1
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$E2E_SOCK"
	rm -rf "$E2E_TMP"
}
trap e2e_cleanup EXIT
trap 'exit 1' HUP INT TERM

tm() {
	tmux -L "$E2E_SOCK" -f /dev/null "$@"
}

# start W H COMMAND: a new session running COMMAND in a shell; it becomes
# the session that the other functions talk to.
start() {
	# A session that lives as long as the tests, so that the server does
	# not exit (and race with the next session) when a test's ends. It
	# ends with the test script, even one killed before its trap runs.
	#
	# A test's pane stays when its command ends, so that the screen
	# still shows how it ended ("EXIT=n"). remain-on-exit is a window
	# option: set for every window before a test's exists, since its
	# command may end at once; the keeper's window goes with its own.
	# The pane then says nothing more (tmux 3.3 would add a line that
	# scrolls the screen).
	if ! tm has-session -t keeper 2>/dev/null; then
		tm new-session -d -s keeper -x 80 -y 24 \
		    "while kill -0 $$ 2>/dev/null; do sleep 1; done"
		tm set-option -gw remain-on-exit on
		tm set-option -gw remain-on-exit-format "" 2>/dev/null
		tm set-option -w -t keeper remain-on-exit off
	fi
	E2E_N=$((E2E_N + 1))
	E2E_DEAF=0
	S=t$E2E_N
	tm new-session -d -s "$S" -x "$1" -y "$2" \
	    "env TERM=xterm-256color LC_ALL=C.UTF-8 LECTERN_TEST_SYNC=1 \
$E2E_ENV $3"
}

# reader W H [ARGS]: lectern on the bundled article, in a shell that says
# how it exited ("EXIT=n"), then keeps the terminal live: the tests of
# quitting look at the pane's modes, its cursor and its echo after the
# reader, which a dead pane no longer has.
reader() {
	w=$1
	h=$2
	shift 2
	start "$w" "$h" "sh -c '\"\$0\" \"\$@\"; echo EXIT=\$?; exec sleep 600' \
$LECTERN --no-resume $*"
}

# resume_reader W H STATE [ARGS]: lectern without --no-resume, its
# bookmark file under STATE, and umask 000 to check the file's mode.
resume_reader() {
	w=$1
	h=$2
	st=$3
	shift 3
	start "$w" "$h" "env XDG_STATE_HOME=$st sh -c 'umask 000; \"\$0\" \"\$@\"; \
echo EXIT=\$?' $LECTERN $*"
}

# The reader's last answer to the handshake, 0 before the first.
synced() {
	tm display -p -t "$S" '#{pane_path}' |
	    sed -n 's/^lectern-sync \([0-9][0-9]*\)$/\1/p' | grep . || echo 0
}

# handshake: sends the handshake key and waits for the reader's answer; fails
# after E2E_WAIT seconds without one, and at once for the rest of the
# session after that. The screen then shows the frame of every key sent
# before.
handshake() {
	[ "$E2E_DEAF" -eq 0 ] || return 1
	e2e_was=$(synced)
	tm send-keys -t "$S" -H 1d
	e2e_i=0
	while [ "$(synced)" -le "$e2e_was" ]; do
		if [ "$e2e_i" -ge $((E2E_WAIT * 50)) ]; then
			E2E_DEAF=1
			return 1
		fi
		sleep 0.02
		e2e_i=$((e2e_i + 1))
	done
}

# ready: the reader has drawn its first screen and reads keys.
ready() {
	handshake
}

# keys KEY...: sends the keys to the reader (as tmux send-keys does) and
# waits until it has drawn what they did; a reader that does not answer
# is a failure, with the screen.
keys() {
	tm send-keys -t "$S" "$@"
	handshake && return 0
	not_ok "the reader answers after the keys '$*'" "$(screen)"
	return 1
}

# send KEY...: sends the keys without the handshake: to a shell, or to a
# reader that they end or stop.
send() {
	tm send-keys -t "$S" "$@"
}

screen() {
	tm capture-pane -p -t "$S"
}

# The screen with its attributes as escape sequences.
screen_sgr() {
	tm capture-pane -p -e -t "$S"
}

# Line N (from 1) of the screen.
row() {
	screen | sed -n "${1}p"
}

# The last line: the status line.
status_line() {
	screen | tail -n 1
}

# Is TEXT on the screen?
on_screen() {
	screen | grep -qF -- "$1"
}

# Is TEXT not on the screen?
off_screen() {
	! on_screen "$1"
}

# Is TEXT on the status line?
status_has() {
	status_line | grep -qF -- "$1"
}

# The place on the status line [per cent].
percent() {
	status_line | sed -n 's/.* \([0-9][0-9]*\)% *$/\1/p'
}

# wait_cmd COMMAND...: until COMMAND succeeds; fails after E2E_WAIT s.
# For what comes without a key; after keys, the screen is final.
wait_cmd() {
	e2e_i=0
	until "$@" >/dev/null 2>&1; do
		[ "$e2e_i" -ge $((E2E_WAIT * 20)) ] && return 1
		sleep 0.05
		e2e_i=$((e2e_i + 1))
	done
}

# wait_for TEXT: until TEXT is on the screen.
wait_for() {
	wait_cmd on_screen "$1"
}

# resize W H COND...: resizes the session's window, waits until COND
# holds (the reader has drawn at the new size), then for the handshake.
resize() {
	tm resize-window -t "$S" -x "$1" -y "$2"
	shift 2
	wait_cmd "$@" && handshake
}

# The pane's column COL of the three at 120 columns and more: 1 outline,
# 2 body, 3 notes (split at the borders).
pane_col() {
	screen | sed '$d' | awk -F'│' -v c="$1" '{ print $c }'
}

# Sends a mouse event in SGR form: mouse B X Y [m] (from 1; m: release).
mouse() {
	keys -l "$(printf '\033[<%s;%s;%s%s' "$1" "$2" "$3" "${4:-M}")"
}

click() {
	mouse 0 "$1" "$2" M
	mouse 0 "$1" "$2" m
}

# The pid of the lectern running in the session's shell, or nothing.
reader_pid() {
	pgrep -P "$(tm display -p -t "$S" '#{pane_pid}')" \
	    -x "$(basename "$LECTERN" | cut -c 1-15)" 2>/dev/null | head -n 1
}

# Ends the session.
stop() {
	tm kill-session -t "$S" >/dev/null 2>&1
}

# ok or not_ok with the screen as the detail.
expect() {	# expect WHAT COMMAND...
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then
		ok "$what"
	else
		not_ok "$what" "$(screen)"
	fi
}

# The body column of line N at 120 columns and more.
body_row() {
	pane_col 2 | sed -n "${1}p"
}

# Is TEXT in the pane column COL?
in_col() {	# in_col COL TEXT
	pane_col "$1" | grep -qF -- "$2"
}

# N paragraphs "WORD 0." to "WORD N-1.", each after a blank line.
paragraphs() {	# paragraphs WORD N
	i=0
	while [ $i -lt "$2" ]; do
		printf '\n%s %d.\n' "$1" $i
		i=$((i + 1))
	done
}
