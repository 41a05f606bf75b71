#!/bin/sh
# Times lectern --dump on each pathological shape and advisory input of
# run.sh: wall time and peak memory (GNU time), against the target
# of a first screen within 4 s (the whole dump is an upper bound); then
# each shape of scale.sh at 1 MB, against the target of a whole dump
# within 2 s.
# Not part of make test: timings are measured, never asserted.
#
# usage: bench.sh [LECTERN]
cd "$(dirname "$0")/../.." || exit 1
lectern=${1:-./lectern}
[ -x /usr/bin/time ] || { echo "bench.sh: needs GNU time" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
gen="python3 tests/hostile/gen.py"

# one NAME FILE [TARGET]: prints bytes, seconds and KB, and whether the
# time is over TARGET seconds (4 unless given).
one() {
	target=${3:-4}
	/usr/bin/time -f "%e %M" -o "$tmp/time" timeout 60 "$lectern" \
	    --dump -w 80 "$2" >/dev/null 2>&1
	set -- "$1" "$(wc -c <"$2")" $(tail -1 "$tmp/time")
	awk -v n="$1" -v b="$2" -v s="$3" -v k="$4" -v t="$target" 'BEGIN {
		printf "%-30s %10d %8.2f %9d %s\n", n, b, s, k,
		    s <= t ? "" : "over " t " s" }'
}

printf '%-30s %10s %8s %9s\n' input bytes seconds "max KB"
for shape in $($gen shapes); do
	$gen shape "$shape" "$tmp/in.md"
	one "$shape" "$tmp/in.md"
done
while read -r cve n; do
	$gen cve "$cve" "$n" "$tmp/in.md"
	one "CVE-2023-$cve" "$tmp/in.md"
done <<LIST
22483-pi 100000
22483-table-para 100000
22483-emph 100000
22483-table-row 100000
22483-autolink-www 100000
22483-refdef 100000
22483-autolink-paren 400000
22483-table-colon 200000
22483-autolink-lt 100000
22483-strike 100000
22483-quotes 100000
22486-image 100000
24824-quote-emph 100000
24824-list-blank 100000
37463-columns 100000
37463-fill 200000
37463-fill64 200000
LIST
mkdir "$tmp/scale"
$gen scale-dir "$tmp/scale" 1048576
for shape in $($gen scales); do
	one "$shape (1 MB)" "$tmp/scale/$shape.1048576.md" 2
done
