#!/bin/sh
# The benchmark: makes the documents (1, 10 and 100 MiB unless
# BENCH_SIZES says otherwise) with build/bench/gen when they are missing
# or older than the generator, then prints the table of bench.py.
# `make bench` builds what this needs; see bench.py for the figures and
# the environment it reads (BENCH_SIZES, BENCH_RUNS, BENCH_CALLGRIND),
# then the table of library.py (2000 remembered documents).
cd "$(dirname "$0")/../.." || exit 1
: "${BENCH_SIZES:=1 10 100}"
export BENCH_SIZES
for b in build/bench/gen build/bench/ref_parse build/bench/probe \
    build/bench/maxrss lectern; do
	[ -x "$b" ] || { echo "bench: $b is missing; run make bench" >&2; exit 1; }
done
mkdir -p tests/bench/out
for s in $BENCH_SIZES; do
	f=tests/bench/out/${s}m.md
	if [ ! -s "$f" ] || [ build/bench/gen -nt "$f" ]; then
		echo "bench: generating $f" >&2
		build/bench/gen "${s}M" >"$f.tmp" && mv "$f.tmp" "$f" || exit 1
	fi
done
python3 tests/bench/bench.py || exit 1
exec python3 tests/bench/library.py
