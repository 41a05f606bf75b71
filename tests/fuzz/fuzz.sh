#!/bin/sh
# Runs the libFuzzer target build/fuzz/fuzz_pipeline for SECONDS (default
# 60), starting from a seed corpus of the golden files and the bundled
# content, each behind two option bytes (width 80, then 40 with ambiguous
# characters wide). The corpus it grows stays in build/fuzz/corpus; a
# crash, a leak or a slow input (over 10 s) is written to
# build/fuzz/crash-*, leak-* or timeout-*, and the run fails.
# Then build/fuzz/fuzz_linebreak for SECONDS more, from the bundled
# content as it is and as picks of its alphabet (corpus in
# build/fuzz/corpus-linebreak, log in build/fuzz/log-linebreak).
#
# usage: fuzz.sh [SECONDS]
cd "$(dirname "$0")/../.." || exit 1
seconds=${1:-60}
bin=build/fuzz/fuzz_pipeline
seed=build/fuzz/seed
mkdir -p "$seed" build/fuzz/corpus
for f in tests/golden/*.md content/*.md tests/hostile/fuzz-*.md; do
	[ -f "$f" ] || continue
	name=$(basename "$f" .md)
	{ printf 'O\000'; cat "$f"; } >"$seed/$name-80"
	{ printf '\047\001'; cat "$f"; } >"$seed/$name-40"
done
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 \
    -dict=tests/fuzz/markdown.dict -artifact_prefix=build/fuzz/ \
    build/fuzz/corpus "$seed" 2>build/fuzz/log
status=$?
grep -E '^(#[0-9]+ +DONE|Done|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|fuzz_pipeline:)' \
    build/fuzz/log
if [ "$status" -ne 0 ]; then
	tail -40 build/fuzz/log
	echo "fuzz: failed; the input is in build/fuzz/ (see above)" >&2
	exit "$status"
fi

seed=build/fuzz/seed-linebreak
mkdir -p "$seed" build/fuzz/corpus-linebreak
for f in content/*.md; do
	name=$(basename "$f" .md)
	{ printf '\002'; cat "$f"; } >"$seed/$name-utf8"
	{ printf '\003'; cat "$f"; } >"$seed/$name-gbk"
	{ printf '\000'; head -c 4096 "$f"; } >"$seed/$name-picks"
done
build/fuzz/fuzz_linebreak -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix=build/fuzz/ build/fuzz/corpus-linebreak "$seed" \
    2>build/fuzz/log-linebreak
status=$?
grep -E '^(#[0-9]+ +DONE|Done|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|fuzz_linebreak:)' \
    build/fuzz/log-linebreak
if [ "$status" -ne 0 ]; then
	tail -40 build/fuzz/log-linebreak
	echo "fuzz: failed; the input is in build/fuzz/ (see above)" >&2
fi
exit "$status"
