#!/bin/sh
# A smoke run of the benchmark (tests/bench) on the 1 MiB documents of
# both corpora (mixed and prose): one run of each figure, without
# callgrind. It checks that the pipeline works and prints its table with
# numbers; it never asserts on a time.
SUITE=bench
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT

if make -s -C "$top" build/bench/gen build/bench/prose build/bench/ref_parse \
    build/bench/probe build/bench/maxrss >"$out" 2>&1; then
	ok "the benchmark's programs build"
else
	not_ok "make build/bench/..." "$(tail -5 "$out")"
	done_testing
	exit
fi
if ! command -v python3 >/dev/null 2>&1; then
	not_ok "python3 is missing (mk/deps.sh test installs it)"
	done_testing
	exit
fi

BENCH_SIZES=1 BENCH_CORPORA="mixed prose" BENCH_RUNS=1 BENCH_CALLGRIND=0 \
	BENCH_KEYS=6 LECTERN="$LECTERN" sh "$top/tests/bench/run.sh" >"$out" 2>&1
status=$?
if [ "$status" -eq 0 ]; then ok "run.sh exits 0"
else not_ok "run.sh exits 0" "status $status" "$(tail -20 "$out")"; fi

if grep -q '^corpus  *size  *figure  *lectern  *reference  *ratio  *target  *holds$' "$out"
then ok "the table has its header"
else not_ok "no table header" "$(head -20 "$out")"; fi

# Every figure has a row in each corpus; those measured in a smoke run
# have a number for lectern and for the reference.
for corpus in mixed prose; do
	for fig in "first screen" "full load" \
	    "--dump" "search" "peak memory" "empty document RSS" \
	    "settled memory" "settled less empty" \
	    "reader peak memory" "bytes/line" "bytes/page"; do
		row=$(grep -E "^$corpus +1 MB  " "$out" | grep -F "  $fig [" |
		    head -1)
		if [ -z "$row" ]; then
			not_ok "$corpus: a row for $fig"
			continue
		fi
		# The two columns after the unit: lectern, reference.
		nums=$(printf '%s\n' "$row" | sed 's/.*\] *//' |
			awk '{ print $1, $2 }')
		if printf '%s\n' "$nums" |
		    grep -Eq '^[0-9]+(\.[0-9]+)? [0-9]+(\.[0-9]+)?$'
		then ok "$corpus: $fig: lectern and reference are numbers ($nums)"
		else not_ok "$corpus: $fig: numbers" "$row"; fi
	done
	# Counted by callgrind, which a smoke run leaves out: the rows only.
	for fig in "layout instr/byte" "guard share" "instr/key" \
	    "instr/resize"; do
		if grep -E "^$corpus +1 MB  " "$out" | grep -qF "  $fig ["
		then ok "$corpus: a row for $fig"
		else not_ok "$corpus: a row for $fig"; fi
	done
done
# The dump of a long document is laid out by two threads (dump.c): its
# chapters must come out in the order of the outline.
doc=$top/tests/bench/out/1m.md
"$LECTERN" --dump -w 80 --color=never "$doc" 2>/dev/null |
	grep -o '^第 [0-9]* 章' >"$out.dump"
"$LECTERN" --outline "$doc" 2>/dev/null | grep -o '^第 [0-9]* 章' >"$out.outline"
if [ -s "$out.outline" ] && cmp -s "$out.dump" "$out.outline"; then
	ok "the dump has the chapters in order ($(wc -l <"$out.outline"))"
else
	not_ok "the dump's chapters differ from the outline's" \
	    "$(diff "$out.outline" "$out.dump" | head -5)"
fi
rm -f "$out.dump" "$out.outline"

# The library's table (library.py): 2000 documents.
for fig in "--library, 2000 documents" "L screen, 2000 documents"; do
	if grep -F -- "$fig [ms]" "$out" | head -1 |
	    grep -Eq '\] +[0-9]+\.[0-9] +[0-9]+\.[0-9] '; then
		ok "$fig: lectern and reference are numbers"
	else not_ok "$fig: numbers" "$(grep -F -- "$fig" "$out")"; fi
done
done_testing
