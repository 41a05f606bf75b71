#!/bin/sh
# Golden tests: each NAME.md is dumped at the widths of its NAME.wN.txt
# files with --color=never (and the options in NAME.opts, when there is
# one) and compared byte for byte (diff -u, never -w).
# Every golden output is also checked for lines wider than N columns.
#
#   run.sh               run the tests
#   run.sh --update      rewrite the expected files (review the diff!)
#   run.sh --valgrind    run the dumps under valgrind memcheck
SUITE=golden
. "$(dirname "$0")/../lib.sh"
dir=$(dirname "$0")
mode=${1:-}
wrap=""
if [ "$mode" = --valgrind ]; then
	wrap="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
fi
bins=$LECTERN
[ -x "${LECTERN_SAN:-}" ] && [ -z "$wrap" ] && bins="$bins $LECTERN_SAN"
out=$(mktemp)
trap 'rm -f "$out"' EXIT

for md in "$dir"/*.md; do
	name=$(basename "$md" .md)
	opts=
	[ -f "$dir/$name.opts" ] && opts=$(cat "$dir/$name.opts")
	for w in 40 80; do
		want="$dir/$name.w$w.txt"
		if [ "$mode" = --update ]; then
			# shellcheck disable=SC2086
			"$LECTERN" --dump --color=never $opts -w "$w" "$md" >"$want"
			continue
		fi
		for bin in $bins; do
			tag=$(basename "$bin")
			[ "$bin" = "${LECTERN_SAN:-}" ] && tag=sanitizers
			# shellcheck disable=SC2086
			$wrap "$bin" --dump --color=never $opts -w "$w" "$md" >"$out" 2>&1
			status=$?
			if [ "$status" -ne 0 ]; then
				not_ok "$name at $w ($tag) exits 0" "status $status" "$(head -20 "$out")"
			elif [ ! -f "$want" ]; then
				not_ok "$name at $w ($tag): $want missing"
			elif diff -u "$want" "$out" >/dev/null; then
				ok "$name at $w ($tag)"
			else
				not_ok "$name at $w ($tag)" "$(diff -u "$want" "$out" | head -40)"
			fi
		done
		[ "$mode" = --valgrind ] && continue
		# No line wider than the width, no kinsoku break.
		if bad=$(python3 "$dir/../textcheck.py" "$w" "$want"); then
			ok "$name at $w: widths and line-start punctuation"
		else
			not_ok "$name at $w: widths and punctuation" "$bad"
		fi
	done
done
done_testing
