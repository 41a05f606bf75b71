# Shared by the shell test suites: TAP-style result lines that
# tests/run.sh counts ("ok N - ...", "not ok N - ...", and for a test
# that cannot run here "ok N # SKIP ..."). Source it; set SUITE first.
#
# LECTERN is the binary under test (tests/run.sh sets it).
: "${LECTERN:=$PWD/lectern}"
: "${SUITE:=test}"
export LC_ALL=C.UTF-8
t_n=0
t_failed=0

ok() {	# ok WHAT
	t_n=$((t_n + 1))
	echo "ok $t_n - $SUITE: $1"
}

not_ok() {	# not_ok WHAT [DETAIL...]
	t_n=$((t_n + 1))
	t_failed=$((t_failed + 1))
	echo "not ok $t_n - $SUITE: $1"
	shift
	for d in "$@"; do printf '%s\n' "$d" | sed 's/^/#   /'; done
}

skip() {	# skip WHAT WHY: a test that cannot run here (TAP's SKIP)
	t_n=$((t_n + 1))
	echo "ok $t_n # SKIP $SUITE: $1: $2"
}

check() {	# check WHAT COMMAND...: passes when COMMAND succeeds
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$what"; else not_ok "$what"; fi
}

done_testing() {
	[ "$t_failed" -eq 0 ]
}
