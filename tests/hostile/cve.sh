#!/bin/sh
# Reproduces the cmark-gfm advisories against the library lectern links:
# each input of gen.py cves is parsed by the bare library (cmark_time.c,
# no guard) at two sizes, N and 4N; a time ratio near 16 is quadratic,
# near 4 linear. lectern's own dump of the larger one is timed beside it.
# CVE-2023-22485 (a read out of bounds in the autolink extension) is
# looked for with valgrind. Slow (minutes): not part of make test.
#
# usage: cve.sh [LECTERN]
cd "$(dirname "$0")/../.." || exit 1
lectern=${1:-./lectern}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# shellcheck disable=SC2046
cc -O2 -o "$tmp/cmark_time" tests/hostile/cmark_time.c \
    $(pkg-config --cflags --libs libcmark-gfm) -lcmark-gfm-extensions || exit 1
echo "libcmark-gfm $(pkg-config --modversion libcmark-gfm)"
printf '%-22s %7s %9s %9s %6s  %s\n' input N "t(N)" "t(4N)" ratio \
    "lectern t(4N), max RSS"

# t FILE: the library's parse time, or ">60" when it takes longer.
t() {
	timeout 60 "$tmp/cmark_time" <"$1" || echo ">60"
}

while read -r cve n; do
	python3 tests/hostile/gen.py cve "$cve" "$n" "$tmp/a.md"
	python3 tests/hostile/gen.py cve "$cve" $((4 * n)) "$tmp/b.md"
	a=$(t "$tmp/a.md")
	b=$(t "$tmp/b.md")
	ratio=$(awk -v a="$a" -v b="$b" 'BEGIN {
		if (b ~ />/) print "-"; else if (a < 0.005) print "~";
		else printf "%.1f", b / a }')
	/usr/bin/time -f "%e s, %M KB" -o "$tmp/time" \
	    "$lectern" --dump "$tmp/b.md" >/dev/null 2>&1
	printf '%-22s %7s %9s %9s %6s  %s\n' "$cve" "$n" "$a" "$b" "$ratio" \
	    "$(tail -1 "$tmp/time")"
done <<LIST
22483-pi 5000
22483-table-para 2500
22483-emph 5000
22483-table-row 5000
22483-autolink-www 5000
22483-refdef 5000
22483-autolink-paren 20000
22483-table-colon 20000
22483-autolink-lt 5000
22483-strike 5000
22483-quotes 5000
22484-comment 100000
22486-image 5000
24824-quote-emph 5000
24824-list-blank 5000
26485-underscore 100000
26485-list-num 100000
26485-list-empty 100000
37463-columns 5000
37463-fill 1250
37463-fill64 20000
37463-footnotes 100000
LIST

# CVE-2023-22485: "mailto:" or "xmpp:" at the very start of a text node.
if command -v valgrind >/dev/null 2>&1; then
	printf 'mailto:a@b.c\n\nxmpp:a@b.c/x\n\n*mailto:a@b.c*\n\n[xmpp:x@y.z]\n' \
	    >"$tmp/c.md"
	if valgrind -q --error-exitcode=99 "$tmp/cmark_time" <"$tmp/c.md" \
	    >/dev/null 2>"$tmp/vg"; then
		echo "22485-mailto: no invalid read under valgrind"
	else
		echo "22485-mailto: valgrind reports:"
		head -20 "$tmp/vg"
	fi
fi
