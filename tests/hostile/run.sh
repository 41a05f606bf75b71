#!/bin/sh
# Hostile input: control characters however they are encoded,
# the pathological shapes of cmark's and comrak's tests, the inputs of the
# cmark-gfm advisories that guard.c contains, limits on input, file
# errors, a closed pipe and a locale that is not UTF-8.
#
# Bounds: each run of the plain binary gets MEMCAP of virtual memory
# (ulimit -v) and HANG seconds (timeout) as a guard against hangs, not as
# a time assertion: the measured times are in bench.sh. The sizes of the
# advisory inputs are such that, without guard.c, the parse takes far
# longer than HANG or far more memory than MEMCAP (see cve.sh).
# Everything that parses also runs under the sanitizers ($LECTERN_SAN),
# without a memory cap (ASan reserves terabytes of address space).
SUITE=hostile
. "$(dirname "$0")/../lib.sh"
dir=$(cd "$(dirname "$0")" && pwd)
set -f
MEMCAP=1048576		# [KiB] of virtual memory
HANG=120		# [s]
gen="python3 $dir/gen.py"
chk="python3 $dir/check.py"
san=${LECTERN_SAN:-}
[ -x "$san" ] || san=""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# run BIN OUT ERR ARGS...: sets rc; the plain binary under the bounds.
run() {
	bin=$1 out=$2 err=$3
	shift 3
	if [ "$bin" = "$san" ]; then
		timeout "$HANG" "$bin" "$@" >"$out" 2>"$err"
	else
		(ulimit -v "$MEMCAP" && exec timeout "$HANG" "$bin" "$@") \
		    >"$out" 2>"$err"
	fi
	rc=$?
}

# why RC ERR: a line saying why a run failed.
why() {
	case $1 in
	124)	echo "no result within ${HANG}s" ;;
	0|1)	head -5 "$2" ;;
	*)	echo "status $1"; head -5 "$2" ;;
	esac
}

# sanitizers_quiet ERR: no report from ASan or UBSan.
sanitizers_quiet() {
	! grep -q -e 'ERROR: AddressSanitizer' -e 'runtime error:' \
	    -e 'ERROR: LeakSanitizer' "$1"
}

# --- Control characters in every place of a document ----------------------
$gen controls "$tmp" >"$tmp/controls" || not_ok "gen.py controls"
while read -r name shown; do
	h=$tmp/ctl-$name.md
	c=$tmp/ctl-$name.clean.md
	what="$name: plain dump"
	run "$LECTERN" "$tmp/out" "$tmp/err" --dump --color=never -w 80 "$h"
	if [ "$rc" -ne 0 ]; then
		not_ok "$what" "$(why "$rc" "$tmp/err")"
	elif $chk inert "$tmp/out" >"$tmp/why" &&
	    $chk inert "$tmp/err" >>"$tmp/why" &&
	    $chk shows "$tmp/out" $shown >>"$tmp/why"; then
		ok "$what: inert, stand-ins shown"
	else
		not_ok "$what" "$(cat "$tmp/why")"
	fi

	run "$LECTERN" "$tmp/out" "$tmp/err" --dump --color=never -w 23 "$h"
	if [ "$rc" -eq 0 ] && $chk inert "$tmp/out" >"$tmp/why"; then
		ok "$name: plain dump at 23 columns: inert"
	else
		not_ok "$name: plain dump at 23 columns" "$(cat "$tmp/why")" \
		    "$(why "$rc" "$tmp/err")"
	fi

	run "$LECTERN" "$tmp/out" "$tmp/err" --dump --color=always -w 80 "$h"
	run "$LECTERN" "$tmp/clean" "$tmp/err2" --dump --color=always -w 80 "$c"
	if $chk sgr "$tmp/out" "$tmp/clean" >"$tmp/why"; then
		ok "$name: colour dump: only lectern's own SGR sequences"
	else
		not_ok "$name: colour dump" "$(cat "$tmp/why")"
	fi

	for opt in --check --outline; do
		run "$LECTERN" "$tmp/out" "$tmp/err" "$opt" "$h"
		if [ "$rc" -le 1 ] && $chk inert "$tmp/out" >"$tmp/why"; then
			ok "$name: $opt: inert"
		else
			not_ok "$name: $opt" "$(cat "$tmp/why")" \
			    "$(why "$rc" "$tmp/err")"
		fi
	done

	[ -n "$san" ] || continue
	run "$san" "$tmp/out" "$tmp/err" --dump --color=always -w 31 "$h"
	if [ "$rc" -eq 0 ] && sanitizers_quiet "$tmp/err"; then
		ok "$name: colour dump under the sanitizers"
	else
		not_ok "$name: under the sanitizers" "$(why "$rc" "$tmp/err")"
	fi
done <"$tmp/controls"

# --- The reader, in a private tmux server --------------------------------
# The screen shows the stand-ins; its attributes (capture-pane -e) are
# those of the twin but around the stand-ins; the pane title stays (the
# handshake of e2e/tmux.sh goes through the pane's path, not its title).
if command -v tmux >/dev/null 2>&1; then
	. "$dir/../e2e/tmux.sh"
	trap 'e2e_cleanup; rm -rf "$tmp"' EXIT
	for name in esc-raw osc-raw osc8-st c1-utf8 bidi-raw ent-hex; do
		for v in clean hostile; do
			f=$tmp/ctl-$name.md
			[ "$v" = clean ] && f=$tmp/ctl-$name.clean.md
			start 100 40 "$LECTERN --no-resume $f"
			if ready && on_screen "Para before"; then
				screen >"$tmp/screen-$v"
				screen_sgr >"$tmp/sgr-$v"
				tm display -p -t "$S" '#{pane_title}' \
				    >"$tmp/title-$v"
			else
				: >"$tmp/screen-$v"
			fi
			send q
			stop
		done
		shown=$(sed -n "s/^$name //p" "$tmp/controls")
		if ! grep -q "Para before" "$tmp/screen-hostile" ||
		    ! grep -q "Para before" "$tmp/screen-clean"; then
			not_ok "$name: reader shows the document and its twin" \
			    "$(head -5 "$tmp/screen-hostile")"
		elif $chk inert "$tmp/screen-hostile" >"$tmp/why" &&
		    $chk shows "$tmp/screen-hostile" $shown >>"$tmp/why" &&
		    $chk screen "$tmp/sgr-hostile" "$tmp/sgr-clean" \
		    >>"$tmp/why" &&
		    cmp -s "$tmp/title-hostile" "$tmp/title-clean"; then
			ok "$name: reader: stand-ins, own attributes, title kept"
		else
			not_ok "$name: reader" "$(cat "$tmp/why")" \
			    "title: $(cat "$tmp/title-hostile")"
		fi
	done
else
	not_ok "tmux is missing (mk/deps.sh test installs it)"
fi

# --- Pathological shapes -------------------------------------------------
for shape in $($gen shapes); do
	f=$tmp/$shape.md
	$gen shape "$shape" "$f"
	run "$LECTERN" "$tmp/out" "$tmp/err" --dump --color=never -w 80 "$f"
	if [ "$rc" -ne 0 ]; then
		not_ok "$shape: dump" "$(why "$rc" "$tmp/err")"
	elif ! $chk inert "$tmp/out" >"$tmp/why"; then
		not_ok "$shape: dump" "$(cat "$tmp/why")"
	else
		case $shape in
		empty|whitespace-only)
			if [ -s "$tmp/out" ]; then
				not_ok "$shape: dump is empty" \
				    "$(head -c 200 "$tmp/out")"
			else
				ok "$shape: dump is empty"
			fi ;;
		*)
			if [ -s "$tmp/out" ]; then
				ok "$shape: dump within bounds"
			else
				not_ok "$shape: dump shows nothing"
			fi ;;
		esac
	fi
	if [ -n "$san" ]; then
		run "$san" "$tmp/out" "$tmp/err" --dump -w 80 "$f"
		if [ "$rc" -eq 0 ] && sanitizers_quiet "$tmp/err"; then
			ok "$shape: dump under the sanitizers"
		else
			not_ok "$shape: under the sanitizers" \
			    "$(why "$rc" "$tmp/err")"
		fi
	fi
	rm -f "$f"
done

# NUL bytes: near the start the file is binary; later, U+FFFD.
printf 'abc\000de\000\n' >"$tmp/nul.md"
run "$LECTERN" "$tmp/out" "$tmp/err" --dump "$tmp/nul.md"
if [ "$rc" -eq 1 ] && grep -q "nul.md: looks like a binary file" "$tmp/err"
then
	ok "NUL near the start: refused as binary, one line"
else
	not_ok "NUL near the start" "$(why "$rc" "$tmp/err")"
fi
$gen shape line-10mb "$tmp/long.md"
{ head -c 9000 "$tmp/long.md"; printf 'abc\000de\n'; } >"$tmp/nul.md"
run "$LECTERN" "$tmp/out" "$tmp/err" --dump "$tmp/nul.md"
if [ "$rc" -eq 0 ] && grep -q "abc�de" "$tmp/out" &&
    $chk inert "$tmp/out" >/dev/null; then
	ok "NUL after 8 KiB: shown as U+FFFD"
else
	not_ok "NUL after 8 KiB" "$(why "$rc" "$tmp/err")"
fi

# --- The inputs of the cmark-gfm advisories ------------------------------
# NAME SIZE LIMIT: LIMIT is the start of the --check message of the
# guard.c limit that contains it; "-" where the containment is
# guard_find_links (no message) or where the input does not reproduce.
while read -r cve n limit; do
	f=$tmp/$cve.md
	$gen cve "$cve" "$n" "$f"
	run "$LECTERN" "$tmp/out" "$tmp/err" --check "$f"
	if [ "$rc" -gt 1 ]; then
		not_ok "CVE-2023-$cve: check" "$(why "$rc" "$tmp/err")"
	elif [ "$limit" != - ] && ! grep -q "too complex: $limit" "$tmp/out"
	then
		not_ok "CVE-2023-$cve: check reports the limit" \
		    "want: too complex: $limit" "$(head -3 "$tmp/out")"
	elif [ "$limit" = - ]; then
		ok "CVE-2023-$cve: parsed within bounds"
	else
		ok "CVE-2023-$cve: contained (too complex: $limit)"
	fi
	run "$LECTERN" "$tmp/out" "$tmp/err" --dump -w 80 "$f"
	if [ "$rc" -eq 0 ] && $chk inert "$tmp/out" >"$tmp/why"; then
		ok "CVE-2023-$cve: dump within bounds"
	else
		not_ok "CVE-2023-$cve: dump" "$(why "$rc" "$tmp/err")" \
		    "$(cat "$tmp/why")"
	fi
	if [ -n "$san" ]; then
		run "$san" "$tmp/out" "$tmp/err" --dump -w 80 "$f"
		if [ "$rc" -eq 0 ] && sanitizers_quiet "$tmp/err"; then
			ok "CVE-2023-$cve: dump under the sanitizers"
		else
			not_ok "CVE-2023-$cve: under the sanitizers" \
			    "$(why "$rc" "$tmp/err")"
		fi
	fi
	rm -f "$f"
done <<EOF
22483-pi 100000 '<?' and '<!'
22483-table-para 100000 a table row
22483-emph 100000 '\*' and '_'
22483-table-row 200000 table columns
22483-autolink-www 100000 -
22483-refdef 100000 a link definition
22483-autolink-paren 400000 -
22483-table-colon 200000 a table row
22483-autolink-lt 100000 -
22483-strike 100000 '~'
22483-quotes 100000 nesting
22484-comment 100000 -
22485-mailto 10000 -
22486-image 100000 '\['
24824-quote-emph 100000 nesting
24824-list-blank 100000 nesting
26485-underscore 100000 -
26485-list-num 100000 -
26485-list-empty 100000 -
37463-columns 200000 table columns
37463-fill 200000 table columns
37463-fill64 200000 a table row
37463-footnotes 100000 -
EOF

# --- Every shape scales linearly, in instructions (scale.sh) --------------
. "$dir/scale.sh"

# --- Limits on input and file errors -------------------------------------
# expect_error WHAT NAME ARGS...: status 1 and one line naming NAME.
expect_error() {
	what=$1 name=$2
	shift 2
	run "$LECTERN" "$tmp/out" "$tmp/err" "$@"
	if [ "$rc" -eq 1 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
	    grep -q "^lectern: $name: " "$tmp/err"; then
		ok "$what: $(cat "$tmp/err")"
	else
		not_ok "$what: status 1 and one line" "$(why "$rc" "$tmp/err")"
	fi
}

printf '# x\n' >"$tmp/plain.md"
mkfifo "$tmp/fifo"
ln -s "$tmp/gone/away.md" "$tmp/dangling.md"
truncate -s 257M "$tmp/sparse.md"
head -c 2000000 /dev/zero | tr '\000' a >"$tmp/two.md"
expect_error "a FIFO" "$tmp/fifo" --dump "$tmp/fifo"
# A directory is a book: one without Markdown files says so.
mkdir "$tmp/nodocs"
expect_error "a directory without documents" "$tmp/nodocs" \
    --dump "$tmp/nodocs"
# This directory as a book: the files above and the sparse one over
# --max-size are named, never opened; the rest is dumped.
run "$LECTERN" "$tmp/out" "$tmp/err" --outline "$tmp"
if [ "$rc" -eq 1 ] && grep -q "sparse.md: larger than --max-size" "$tmp/err" &&
    grep -q "dangling.md: No such file" "$tmp/err"; then
	ok "the hostile directory as a book: each bad file named, the rest read"
else
	not_ok "the hostile directory as a book" "$(why "$rc" "$tmp/err")"
fi
expect_error "a device" /dev/zero --dump --max-size 1M /dev/zero
expect_error "a vanished file (dangling link)" "$tmp/dangling.md" \
    --dump "$tmp/dangling.md"
# Root reads a file of mode 000: a path through a regular file fails for
# everyone (ENOTDIR), and for others mode 000 is tried as well.
expect_error "an unreadable path" "$tmp/plain.md/x" --dump "$tmp/plain.md/x"
if [ "$(id -u)" -ne 0 ]; then
	cp "$tmp/plain.md" "$tmp/closed.md"
	chmod 000 "$tmp/closed.md"
	expect_error "a file of mode 000" "$tmp/closed.md" --dump \
	    "$tmp/closed.md"
else
	skip "a file of mode 000" "root reads it (the path case above)"
fi
expect_error "over the default --max-size (256 MiB)" "$tmp/sparse.md" \
    --dump "$tmp/sparse.md"
rm -f "$tmp/sparse.md"
expect_error "over --max-size 1M" "$tmp/two.md" --dump --max-size 1M \
    "$tmp/two.md"
grep -q "1 MiB limit" "$tmp/err" && ok "the message gives the limit" ||
    not_ok "the message gives the limit" "$(cat "$tmp/err")"
# /dev/zero on standard input is binary from its first block; an endless
# pipe of text is cut at the cap.
(ulimit -v "$MEMCAP" && exec timeout "$HANG" "$LECTERN" --dump \
    --max-size 1M -) </dev/zero >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 1 ] && grep -q "standard input.*binary" "$tmp/err"; then
	ok "/dev/zero on standard input: refused as binary"
else
	not_ok "/dev/zero on standard input" "$(why "$rc" "$tmp/err")"
fi
yes | (ulimit -v "$MEMCAP" && exec timeout "$HANG" "$LECTERN" --dump \
    --max-size 1M) >"$tmp/out" 2>"$tmp/err"
if grep -q "standard input.*1 MiB limit" "$tmp/err"; then
	ok "an endless pipe: cut at --max-size"
else
	not_ok "an endless pipe" "$(cat "$tmp/err")"
fi

# --- A closed pipe --------------------------------------------------------
# lectern --dump FILE | head -1 ends quietly: killed by SIGPIPE (141), or,
# where SIGPIPE is ignored, status 1 after the failed write; never a
# message. (The 10 MB line dumps to more than any pipe buffer.)
("$LECTERN" --dump -w 80 "$tmp/long.md" 2>"$tmp/err"; echo $? >"$tmp/st") |
    head -1 >/dev/null
st=$(cat "$tmp/st")
if { [ "$st" -eq 141 ] || [ "$st" -eq 0 ]; } && [ ! -s "$tmp/err" ]; then
	ok "dump | head -1: quiet, status $st"
else
	not_ok "dump | head -1: quiet" "status $st" "$(cat "$tmp/err")"
fi
(trap '' PIPE; "$LECTERN" --dump -w 80 "$tmp/long.md" 2>"$tmp/err"
    echo $? >"$tmp/st") | head -1 >/dev/null
st=$(cat "$tmp/st")
if [ "$st" -eq 1 ] && [ ! -s "$tmp/err" ]; then
	ok "dump | head -1 with SIGPIPE ignored: quiet, status 1"
else
	not_ok "dump | head -1 with SIGPIPE ignored" "status $st" \
	    "$(cat "$tmp/err")"
fi

# --- A locale that is not UTF-8 -------------------------------------------
{
	printf '# Caf\303\251 \344\270\255\346\226\207\n\n'
	printf 'na\303\257ve \346\274\242\345\255\227 end\n'
} >"$tmp/utf8.md"
LC_ALL=C "$LECTERN" --dump -w 40 "$tmp/utf8.md" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 0 ] && grep -q '^Caf? ? ?$' "$tmp/out" &&
    grep -q '^na?ve ? ?  end$' "$tmp/out" &&
    ! LC_ALL=C grep -q '[^[:print:]]' "$tmp/out"; then
	ok "LC_ALL=C: '?' for each character beyond ASCII, padded to its width"
else
	not_ok "LC_ALL=C: '?' for non-ASCII" "$(cat "$tmp/out")"
fi
if [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "UTF-8" "$tmp/err"; then
	ok "LC_ALL=C: one line of hint on stderr"
else
	not_ok "LC_ALL=C: one line of hint" "$(cat "$tmp/err")"
fi
LC_ALL=C "$LECTERN" --outline "$tmp/utf8.md" >"$tmp/out" 2>/dev/null
if grep -q '^Caf? ? ?$' "$tmp/out"; then
	ok "LC_ALL=C: --outline too"
else
	not_ok "LC_ALL=C: --outline" "$(cat "$tmp/out")"
fi

# --- Inputs that the fuzzer found -----------------------------------------
# tests/hostile/fuzz-*.md: each dumped at a few widths, under the
# sanitizers when built; the output must be inert and valid UTF-8.
set +f
fuzzed=$(ls "$dir"/fuzz-*.md 2>/dev/null)
set -f
[ -n "$fuzzed" ] || not_ok "tests/hostile/fuzz-*.md: none found"
for f in $fuzzed; do
	for w in 1 2 7 80 300; do
		bin=${san:-$LECTERN}
		run "$bin" "$tmp/out" "$tmp/err" --dump -w "$w" "$f"
		if [ "$rc" -eq 0 ] && sanitizers_quiet "$tmp/err" &&
		    $chk inert "$tmp/out" >"$tmp/why"; then
			ok "$(basename "$f") at $w"
		else
			not_ok "$(basename "$f") at $w" "$(why "$rc" "$tmp/err")" \
			    "$(cat "$tmp/why")"
		fi
	done
done

# --- Terminal and process safety ------------------------------------------
# cat /dev/zero | lectern: a NUL byte in the first block means binary, and
# the refusal comes at once, not after the 256 MiB of --max-size: the
# writer, which ignores SIGPIPE, says how much it got out (dd's count).
(trap '' PIPE; exec dd if=/dev/zero bs=64k count=8192 2>"$tmp/dd") |
    (ulimit -v "$MEMCAP" && exec timeout "$HANG" "$LECTERN" --dump) \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
copied=$(sed -n 's/^\([0-9]*\) bytes.*/\1/p' "$tmp/dd")
if [ "$rc" -eq 1 ] && grep -qF "(standard input): looks like a binary file" \
    "$tmp/err" && [ -n "$copied" ] && [ "$copied" -lt 1048576 ]; then
	ok "cat /dev/zero | lectern: binary after its first block ($copied bytes)"
else
	not_ok "cat /dev/zero | lectern: refused at once" \
	    "status $rc, $copied bytes written" "$(head -3 "$tmp/err")"
fi

# A write error on standard output is said, with what failed; a closed
# pipe stays quiet (above).
printf '# T\n\ntext[^x]\n' >"$tmp/full.md"
for args in "--dump" "--outline" "--check" "--help" "-V"; do
	"$LECTERN" $args "$tmp/full.md" >/dev/full 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 1 ] && grep -qx \
	    "lectern: standard output: No space left on device" "$tmp/err"
	then
		ok "$args >/dev/full: status 1 and says why"
	else
		not_ok "$args >/dev/full" "status $rc" "$(cat "$tmp/err")"
	fi
done

done_testing
