#!/bin/sh
# The benchmark: makes the documents of each corpus (BENCH_CORPORA,
# "mixed prose") at each size (BENCH_SIZES, "1 10 100" MiB) when they
# are missing or older than their generator: build/bench/gen writes the
# mixed corpus (1m.md ...), build/bench/prose the prose corpus
# (prose-1m.md ...) from the bundled article. Then it prints the table
# of bench.py and that of library.py (2000 remembered documents).
# `make bench` builds what this needs; see bench.py for the figures and
# the environment it reads (BENCH_SIZES, BENCH_CORPORA, BENCH_RUNS,
# BENCH_CALLGRIND, BENCH_KEYS).
cd "$(dirname "$0")/../.." || exit 1
: "${BENCH_SIZES:=1 10 100}"
: "${BENCH_CORPORA:=mixed prose}"
export BENCH_SIZES BENCH_CORPORA
article=content/state-of-ai-2023-politics-safety.md
for b in build/bench/gen build/bench/prose build/bench/ref_parse \
    build/bench/probe build/bench/maxrss lectern; do
	[ -x "$b" ] || { echo "bench: $b is missing; run make bench" >&2; exit 1; }
done
mkdir -p tests/bench/out
for c in $BENCH_CORPORA; do
	case $c in
	mixed)	gen=build/bench/gen prefix= ;;
	prose)	gen=build/bench/prose prefix=prose- ;;
	*)	echo "bench: unknown corpus $c (mixed, prose)" >&2; exit 1 ;;
	esac
	for s in $BENCH_SIZES; do
		f=tests/bench/out/$prefix${s}m.md
		if [ -s "$f" ] && [ ! "$gen" -nt "$f" ] &&
		    { [ "$c" = mixed ] || [ ! "$article" -nt "$f" ]; }; then
			continue
		fi
		echo "bench: generating $f" >&2
		if [ "$c" = mixed ]; then
			"$gen" "${s}M" >"$f.tmp"
		else
			"$gen" "${s}M" "$article" >"$f.tmp"
		fi && mv "$f.tmp" "$f" || exit 1
	done
done
python3 tests/bench/bench.py || exit 1
exec python3 tests/bench/library.py
