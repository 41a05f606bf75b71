#!/bin/sh
# The corpus: real documents (docs/, see SOURCES.md) dumped at 20, 40 and
# 80 columns must keep all their text, against cmark-gfm's reading of
# them (check.py says how). One TAP line per document and width; the
# failures listed in known-failures.txt are TAP TODO. Last, a self-test:
# a line dropped from a dump must be caught.
#
#   run.sh                 run the check
#   run.sh -v              also show where each known failure is
#   run.sh --update-known  rewrite known-failures.txt from this run
SUITE=corpus
. "$(dirname "$0")/../lib.sh"
dir=$(dirname "$0")

if ! command -v python3 >/dev/null 2>&1; then
	echo "ok 1 # SKIP python3 is not installed"
	exit 0
fi
if ! command -v cmark-gfm >/dev/null 2>&1; then
	echo "ok 1 # SKIP cmark-gfm is not installed (sh mk/deps.sh test)"
	exit 0
fi
if [ ! -x "$LECTERN" ]; then
	not_ok "$LECTERN is not built"
	done_testing
	exit
fi

case ${1:-} in
-v)		extra=--verbose ;;
--update-known)	extra=--update-known ;;
*)		extra= ;;
esac
# shellcheck disable=SC2086
exec python3 "$dir/check.py" --lectern "$LECTERN" --widths 20,40,80 \
    --known "$dir/known-failures.txt" \
    --self-test "$dir/docs/deb-man-db-news.md" $extra "$dir"/docs/*.md
