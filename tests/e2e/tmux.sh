# Drives lectern in a private tmux server for the end-to-end tests.
# Source it after tests/lib.sh. Every wait polls the screen with short
# sleeps up to a limit: nothing here depends on how fast the machine is.

E2E_TMP=$(mktemp -d)
E2E_SOCK=lectern-test-$$
E2E_N=0
E2E_WAIT=${E2E_WAIT:-10}	# give up waiting after this many seconds
export HOME="$E2E_TMP/home" XDG_STATE_HOME="$E2E_TMP/state"
mkdir -p "$HOME" "$XDG_STATE_HOME"
unset BROWSER NO_COLOR TMUX

e2e_cleanup() {
	tmux -L "$E2E_SOCK" kill-server >/dev/null 2>&1
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
	tm has-session -t keeper 2>/dev/null ||
	    tm new-session -d -s keeper -x 80 -y 24 \
	    "while kill -0 $$ 2>/dev/null; do sleep 1; done"
	E2E_N=$((E2E_N + 1))
	S=t$E2E_N
	tm new-session -d -s "$S" -x "$1" -y "$2" \
	    "env TERM=xterm-256color LC_ALL=C.UTF-8 $3"
	tm set-option -t "$S" remain-on-exit on >/dev/null
}

# reader W H [ARGS]: lectern on the bundled article, in a shell that says
# how it exited ("EXIT=n").
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
echo EXIT=\$?; exec sleep 600' $LECTERN $*"
}

keys() {
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

# wait_for TEXT: until TEXT is on the screen; fails after E2E_WAIT s.
wait_for() {
	e2e_i=0
	while [ "$e2e_i" -lt $((E2E_WAIT * 20)) ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
		e2e_i=$((e2e_i + 1))
	done
	return 1
}

# wait_gone TEXT: until TEXT is no longer on the screen.
wait_gone() {
	e2e_i=0
	while [ "$e2e_i" -lt $((E2E_WAIT * 20)) ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.05
		e2e_i=$((e2e_i + 1))
	done
	return 1
}

# wait_cmd COMMAND...: until COMMAND succeeds.
wait_cmd() {
	e2e_i=0
	while [ "$e2e_i" -lt $((E2E_WAIT * 20)) ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.05
		e2e_i=$((e2e_i + 1))
	done
	return 1
}

# Waits until the screen stops changing (two equal captures in a row).
settle() {
	e2e_prev=$(screen)
	e2e_i=0
	while [ "$e2e_i" -lt $((E2E_WAIT * 20)) ]; do
		sleep 0.05
		e2e_cur=$(screen)
		[ "$e2e_cur" = "$e2e_prev" ] && return 0
		e2e_prev=$e2e_cur
		e2e_i=$((e2e_i + 1))
	done
	return 1
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
	pgrep -P "$(tm display -p -t "$S" '#{pane_pid}')" 2>/dev/null | head -n 1
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
