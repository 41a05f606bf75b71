#!/bin/sh
# Counts the instructions lectern spends laying out FILE (everything under
# layout_block_as, every block at width 80, as --dump does) with
# callgrind, and prints them, per input byte, and the heaviest functions
# under layout_block_as.
#
# usage: cost.sh [-b BINARY] FILE ...
bin=./lectern
if [ "${1:-}" = -b ]; then
	bin=$2
	shift 2
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for f in "$@"; do
	valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" --dump \
	    --width=80 "$f" >/dev/null 2>&1 || exit 1
	bytes=$(wc -c <"$f")
	callgrind_annotate --inclusive=yes "$out" 2>/dev/null |
	    awk -v f="$f" -v bytes="$bytes" '
		/layout\.c:layout_block_as / && !done {
			n = $1; gsub(",", "", n)
			printf "%s: %d bytes, %d instructions under layout_block_as, %.1f a byte\n", f, bytes, n, n / bytes
			done = 1
		}'
	callgrind_annotate --inclusive=yes --tree=calling "$out" 2>/dev/null |
	    awk '/\* .*layout\.c:layout_block_as / { on = 1; next }
		on && /^$/ { exit }
		on { n = $1; gsub(",", "", n); if (n + 0 > 1000000) print "   " $0 }' |
	    sed 's/ \[.*//; s|/[^ ]*/src/||'
done
