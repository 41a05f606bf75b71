#!/bin/sh
# The search across a book against the parser alone: a book of
# BOOKSEARCH_MB MiB (40 unless said) in BOOKSEARCH_FILES documents (200)
# made with build/bench/gen under tests/bench/out, searched from its
# first document as the reader's '*' search does (build/bench/booksearch),
# once for a word found everywhere and once for a word that only the last
# document holds; the reference is cmark-gfm's parse and walk of every
# file (build/bench/ref_parse), summed. Prints one table; the times are
# wall-clock seconds, best of BOOKSEARCH_RUNS (3).
cd "$(dirname "$0")/../.." || exit 1
: "${BOOKSEARCH_MB:=40}" "${BOOKSEARCH_FILES:=200}" "${BOOKSEARCH_RUNS:=3}"
make -s build/bench/gen build/bench/ref_parse build/bench/booksearch ||
    exit 1
d=tests/bench/out/book-${BOOKSEARCH_MB}m-${BOOKSEARCH_FILES}
if [ ! -f "$d/.made" ] || [ build/bench/gen -nt "$d/.made" ]; then
	echo "booksearch: generating $d" >&2
	rm -rf "$d"
	mkdir -p "$d" || exit 1
	per=$((BOOKSEARCH_MB * 1024 / BOOKSEARCH_FILES))K
	i=1
	while [ $i -le "$BOOKSEARCH_FILES" ]; do
		build/bench/gen "$per" $i >"$d/$(printf 'c%05d.md' $i)" ||
		    exit 1
		i=$((i + 1))
	done
	printf '\nThe one zyzzyva of the book.\n' >>"$d/$(printf 'c%05d.md' \
	    "$BOOKSEARCH_FILES")"
	touch "$d/.made"
fi

# best COMMAND...: the smallest of BOOKSEARCH_RUNS first numbers printed.
best() {
	k=0
	while [ $k -lt "$BOOKSEARCH_RUNS" ]; do
		"$@"
		k=$((k + 1))
	done | sort -n | head -n 1
}

# The reference: every file parsed and walked, one after another.
ref_all() {
	for f in "$d"/*.md; do
		build/bench/ref_parse -t "$f" 2>&1 >/dev/null |
		    sed -n 's/.* total \([0-9.]*\) .*/\1/p'
	done | awk '{ s += $1 } END { printf "%.3f\n", s }'
}

# search PATTERN: the line of the run of the search that ended first.
search() {
	k=0
	while [ $k -lt "$BOOKSEARCH_RUNS" ]; do
		build/bench/booksearch "$d" "$1"
		k=$((k + 1))
	done | sort -n -k 4 | head -n 1
}

# field LINE KEY: the value of KEY in a line of "key value" pairs.
field() {
	echo "$1" | awk -v k="$2" '{
		for (i = 1; i < NF; i += 2)
			if ($i == k)
				print $(i + 1)
	}'
}

bytes=$(cat "$d"/*.md | wc -c)
ref=$(best ref_all)
printf 'book: %s, %d documents, %d bytes\n' "$d" "$BOOKSEARCH_FILES" "$bytes"
printf '%-34s %10s %10s %8s %10s\n' "" "first [s]" "total [s]" "x ref" \
    "matches"
printf '%-34s %10s %10s %8s %10s\n' "cmark-gfm parse+walk, every file" \
    - "$ref" 1.00 -
for p in 终端 zyzzyva; do
	line=$(search "$p")
	total=$(field "$line" total)
	printf '%-34s %10s %10s %8s %10s\n' "lectern '*$p'" \
	    "$(field "$line" first)" "$total" "$(echo "$total $ref" |
	    awk '{ printf "%.2f", $1 / $2 }')" "$(field "$line" matches)"
	printf '%-34s %s KiB\n' "  its peak resident size" \
	    "$(field "$line" maxrss)"
done
