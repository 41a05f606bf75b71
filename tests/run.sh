#!/bin/sh
# Runs every test of lectern and ends with one line "N passed, N failed".
#
# Unit test binaries (build/test_*, and build/san/test_* under the
# sanitizers) and the suites tests/*/run.sh print TAP-style "ok" and
# "not ok" lines; this script counts them. A line "ok N # SKIP why" is a
# test that could not run here: counted apart, never as passed. A suite
# that exits non-zero without a "not ok" line counts as one failure.
cd "$(dirname "$0")/.." || exit 1
export LC_ALL=C.UTF-8
LECTERN=$PWD/lectern
LECTERN_SAN=$PWD/build/san/lectern
export LECTERN LECTERN_SAN
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0
failed=0
skipped=0
todo=0

run_one() {	# run_one NAME COMMAND...
	name=$1
	shift
	"$@" >"$log" 2>&1
	status=$?
	cat "$log"
	k=$(grep -c '^ok [^#]*# *[Ss][Kk][Ii][Pp]' "$log")
	p=$(($(grep -c '^ok ' "$log") - k))
	# "not ok ... # TODO" is a known failure (TAP): shown, not counted.
	f=$(grep '^not ok ' "$log" | grep -vc '# *[Tt][Oo][Dd][Oo]')
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $status"
		f=1
	fi
	# A suite must leave the machine as it found it.
	if [ ! -c /dev/null ]; then
		echo "not ok - $name left /dev/null a regular file"
		f=$((f + 1))
	fi
	t=$(grep '^not ok ' "$log" | grep -c '# *[Tt][Oo][Dd][Oo]')
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$k" -eq 0 ] && [ "$t" -eq 0 ]; then
		echo "not ok - $name ran no test"
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + k))
	todo=$((todo + t))
}

for t in build/test_* build/san/test_*; do
	[ -x "$t" ] || continue
	run_one "$t" "$t"
done
for s in tests/*/run.sh; do
	[ -f "$s" ] || continue
	# The benchmarks are run by make bench, never as tests.
	[ "$s" = tests/bench/run.sh ] && continue
	run_one "$s" sh "$s"
done

[ "$skipped" -eq 0 ] || echo "$skipped skipped"
[ "$todo" -eq 0 ] || echo "$todo known failures (TODO)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
