#!/bin/sh
# The benchmark of books: a book of 2,000 documents, 40 MiB in all, made
# by genbook.py (with build/bench/gen's prose) in tests/bench/out/book
# when it is missing or older than its generators, then one table as
# bench.py prints it (figure, lectern, reference, ratio, target, holds):
#
#   first screen       the reader on the book's directory, in tmux: time
#                      from starting the session to the reader's answer
#                      to the handshake (LECTERN_TEST_SYNC=1), which comes
#                      once its first screen is drawn [ms]; reference: the
#                      same for the book's first chapter read as one file.
#                      Both include starting tmux's session and its shell.
#   less tmux          the same time less what starting tmux's session
#                      and its shell to a command that answers the
#                      handshake at once takes, against 100 ms
#   --dump peak        peak resident size of `lectern --dump DIR` against
#                      the book's size [MB]
#   --check peak       the same for --check, which keeps every document
#                      it has read to find the anchors links name
#   bookmark record    growth of the bookmark file per document read:
#                      the reader moves in each of BENCH_BOOK_VISITS
#                      documents and goes on with :n; the file's size
#                      less its version line, per doc record [B]; the
#                      reference is the length of a record's key (the
#                      document's canonical path)
#
# Environment: BENCH_RUNS (5: runs of each timing, medians),
# BENCH_BOOK_FILES (2000), BENCH_BOOK_BYTES (41943040),
# BENCH_BOOK_VISITS (40), LECTERN (./lectern).
cd "$(dirname "$0")/../.." || exit 1
top=$PWD
: "${LECTERN:=$top/lectern}"
: "${BENCH_RUNS:=5}"
: "${BENCH_BOOK_FILES:=2000}"
: "${BENCH_BOOK_BYTES:=41943040}"
: "${BENCH_BOOK_VISITS:=40}"
SUITE=bench-book
for b in build/bench/gen build/bench/maxrss "$LECTERN"; do
	[ -x "$b" ] || { echo "bench: $b is missing; run make bench" >&2; exit 1; }
done
command -v tmux >/dev/null 2>&1 || { echo "bench: needs tmux" >&2; exit 1; }

book=$top/tests/bench/out/book
if [ ! -s "$book/SUMMARY.md" ] || [ build/bench/gen -nt "$book/SUMMARY.md" ] ||
    [ tests/bench/genbook.py -nt "$book/SUMMARY.md" ] ||
    [ "$(cat "$book.files" 2>/dev/null)" != \
    "$BENCH_BOOK_FILES $BENCH_BOOK_BYTES" ]; then
	echo "bench: generating $book" >&2
	rm -rf "$book" "$book.files"
	python3 tests/bench/genbook.py build/bench/gen "$book" \
	    "$BENCH_BOOK_FILES" "$BENCH_BOOK_BYTES" || exit 1
	echo "$BENCH_BOOK_FILES $BENCH_BOOK_BYTES" >"$book.files"
fi
first=$book/$(sed -n 's/^- \[[^]]*\](\([^)]*\))$/\1/p' "$book/SUMMARY.md" |
    head -n 1)
nbytes=$(find "$book" -name '*.md' ! -name SUMMARY.md -exec cat {} + | wc -c)
ndocs=$(grep -c '](' "$book/SUMMARY.md")

. "$top/tests/lib.sh"
. "$top/tests/e2e/tmux.sh"
bm=$E2E_TMP/bookmarks

# now: the time [µs].
now() {
	t=$(date +%s%N)
	echo $((t / 1000))
}

# first_screen COMMAND: µs from starting COMMAND in a new session to its
# answer to the handshake sent at once (the reader reads the key once
# its first screen is out); nothing when it does not answer.
first_screen() {
	t0=$(now)
	start 100 40 "$1"
	tm send-keys -t "$S" -H 1d
	while [ "$(synced)" -lt 1 ]; do
		[ $(($(now) - t0)) -lt $((E2E_WAIT * 1000000)) ] || return
	done
	t1=$(now)
	send q
	stop
	echo $((t1 - t0))
}

# median: the median of the numbers on standard input.
median() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

# The book and its first chapter alike, in turns: the machine's load
# weighs on both. The third is what tmux and its shell take: a command
# that answers the handshake at once, then waits on its terminal (cat)
# until the session ends.
: >"$E2E_TMP/dir"
: >"$E2E_TMP/file"
: >"$E2E_TMP/tmux"
i=0
while [ "$i" -lt "$BENCH_RUNS" ]; do
	first_screen "$LECTERN --no-resume --bookmarks $bm $book" \
	    >>"$E2E_TMP/dir"
	first_screen "$LECTERN --no-resume --bookmarks $bm $first" \
	    >>"$E2E_TMP/file"
	first_screen "printf '\\033]7;lectern-sync 1\\007'; exec cat" \
	    >>"$E2E_TMP/tmux"
	i=$((i + 1))
done
ff_dir=$(median <"$E2E_TMP/dir")
ff_file=$(median <"$E2E_TMP/file")
ff_tmux=$(median <"$E2E_TMP/tmux")

# peak RSS [KiB] of lectern ARGS, through maxrss.
peak() {
	build/bench/maxrss "$LECTERN" "$@" 2>&1 >/dev/null | awk '{ print $2 }'
}
dump_rss=$(peak --dump -w 80 --color=never "$book")
check_rss=$(peak --check "$book")

# The bookmark file after reading BENCH_BOOK_VISITS documents: a few
# lines down in each, then the next.
rm -f "$bm.grow"
start 100 40 "$LECTERN --bookmarks $bm.grow $book"
ready
i=0
while [ "$i" -lt "$BENCH_BOOK_VISITS" ]; do
	keys j j j
	keys : n Enter
	i=$((i + 1))
done
send q
wait_cmd test -s "$bm.grow"
stop
nrec=$(grep -c '^doc	' "$bm.grow")
bm_bytes=$(($(wc -c <"$bm.grow") - $(head -n 1 "$bm.grow" | wc -c)))
key_len=$(sed -n 's/^doc	key=\([^	]*\).*/\1/p' "$bm.grow" | head -n 1 |
    tr -d '\n' | wc -c)

printf 'bench: book of %s documents, %s bytes; first chapter %s bytes; %s runs\n' \
    "$ndocs" "$nbytes" "$(wc -c <"$first")" "$BENCH_RUNS" >&2
label="$(((nbytes + 524288) >> 20)) MB book"
{
	echo "size|figure|lectern|reference|ratio|target|holds"
	awk -v l="$label" -v d="$ff_dir" -v f="$ff_file" -v tm="$ff_tmux" \
	    -v dr="$dump_rss" \
	    -v cr="$check_rss" -v nb="$nbytes" -v rb="$bm_bytes" \
	    -v nr="$nrec" -v kl="$key_len" -v nd="$ndocs" 'BEGIN {
		inkb = nb / 1024
		row("first screen [ms]", d / 1000, f / 1000, "(1st chapter)",
		    "<= 1.1x", d <= 1.1 * f, "%.1f")
		row("first screen less tmux [ms]", (d - tm) / 1000, "", "",
		    "< 100 ms", d - tm < 100000, "%.1f")
		row("tmux and its shell [ms]", tm / 1000, "", "", "-", -1,
		    "%.1f")
		row("--dump peak [MB]", dr / 1024, inkb / 1024, "(input)",
		    "<= 4x", dr <= 4 * inkb, "%.1f")
		row("--check peak [MB]", cr / 1024, inkb / 1024, "(input)",
		    "<= 4x", cr <= 4 * inkb, "%.1f")
		row("bookmark record [B]", nr ? rb / nr : "", kl, "(key)",
		    "-", -1, "%.0f")
		printf "|(%d records; %d documents: %.0f KB)||||\n", nr, nd,
		    (nr ? rb / nr : 0) * nd / 1024
	}
	function row(fig, mine, ref, refname, target, ok, f,    r, m, x, h) {
		r = "-"
		if (mine != "" && ref != "" && ref > 0)
			r = sprintf("%.2f", mine / ref)
		m = mine == "" ? "-" : sprintf(f, mine)
		x = ref == "" ? "-" : sprintf(f, ref) " " refname
		h = ok < 0 || mine == "" ? "-" : ok ? "yes" : "NO"
		printf "%s|%s|%s|%s|%s|%s|%s\n", l, fig, m, x, r, target, h
	}'
} | awk -F'|' '{
	for (i = 1; i <= NF; i++) {
		c[NR, i] = $i
		if (length($i) > w[i])
			w[i] = length($i)
	}
	if (NF > n)
		n = NF
} END {
	for (r = 1; r <= NR; r++) {
		s = ""
		for (i = 1; i <= n; i++)
			s = s sprintf("%" (i < 3 ? "-" : "") w[i] "s  ", c[r, i])
		sub(/ +$/, "", s)
		print s
	}
}'
