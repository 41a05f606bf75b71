#!/bin/sh
# The bookmark file under stress: saves killed with SIGKILL, two writers
# at once, umask 000, a symbolic link at the path, a binary file.
# Builds its driver from tests/bookmarks/driver.c against the objects of
# bookmarks.c, bookmarks-file.c and util.c (and their sanitizer builds
# when present).
SUITE=bookmarks
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
CFLAGS_T="-std=c11 -Wall -Wextra -Werror -D_XOPEN_SOURCE=700 \
	-D_DEFAULT_SOURCE -Iinclude -O2 -g"
SAN="-fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined"

OBJ="build/bookmarks.o build/bookmarks-file.o build/util.o"
SANOBJ="build/san/bookmarks.o build/san/bookmarks-file.o build/san/util.o"
LIBS_T=$(sh mk/config.sh libs)	# the libraries the objects use
if ! make -s $OBJ >"$tmp/log" 2>&1 ||
    ! cc $CFLAGS_T -o "$tmp/driver" tests/bookmarks/driver.c \
	$OBJ $LIBS_T >>"$tmp/log" 2>&1; then
	not_ok "driver builds" "$(cat "$tmp/log")"
	done_testing
	exit
fi
ok "driver builds"
D=$tmp/driver

# A save killed at any moment leaves the old or the new file, and the
# next save goes through.
out=$("$D" "$tmp/crash/bookmarks" crash 30 2>&1)
if [ $? -eq 0 ]; then
	ok "30 saves killed with SIGKILL: always one whole save, next save works"
	printf '%s\n' "$out"
else
	not_ok "30 saves killed with SIGKILL" "$out"
fi
if ls "$tmp/crash" | grep -q '\.tmp-'; then
	not_ok "no temporary file left after the crash test" "$(ls "$tmp/crash")"
else
	ok "no temporary file left after the crash test"
fi

# Two writers at once, 200 saves each, different documents.
concurrent() {	# concurrent DRIVER FILE
	"$1" "$2" loop /one.md 200 >"$tmp/one.out" 2>&1 &
	p1=$!
	"$1" "$2" loop /two.md 200 >"$tmp/two.out" 2>&1 &
	p2=$!
	wait $p1
	s1=$?
	wait $p2
	s2=$?
	[ $s1 -eq 0 ] && [ $s2 -eq 0 ] &&
	    [ "$("$1" "$2" get /one.md)" = "pos=200 mark=200" ] &&
	    [ "$("$1" "$2" get /two.md)" = "pos=200 mark=200" ]
}
if concurrent "$D" "$tmp/conc/bookmarks"; then
	ok "two writers, 200 saves each: both last positions kept"
else
	not_ok "two writers, 200 saves each: both last positions kept" \
	    "$(cat "$tmp/one.out" "$tmp/two.out")" \
	    "$(cat "$tmp/conc/bookmarks" 2>&1)"
fi

# umask 000: still a private file in a private directory.
(umask 000 && "$D" "$tmp/um/state/lectern/bookmarks" save /a.md 1) \
    >"$tmp/log" 2>&1
check "umask 000: saved" [ -f "$tmp/um/state/lectern/bookmarks" ]
mode=$(stat -c %a "$tmp/um/state/lectern/bookmarks" 2>/dev/null)
if [ "$mode" = 600 ]; then ok "umask 000: file mode 0600"
else not_ok "umask 000: file mode 0600" "mode $mode"; fi
mode=$(stat -c %a "$tmp/um/state/lectern" 2>/dev/null)
if [ "$mode" = 700 ]; then ok "umask 000: directory mode 0700"
else not_ok "umask 000: directory mode 0700" "mode $mode"; fi

# A symbolic link at the path is not written through.
mkdir "$tmp/link"
printf 'lectern-bookmarks 1\n' >"$tmp/link/target"
ln -s target "$tmp/link/bookmarks"
out=$("$D" "$tmp/link/bookmarks" save /a.md 1 2>&1)
if [ $? -ne 0 ] && printf '%s' "$out" | grep -q 'symbolic link'; then
	ok "symlink: save refused with a message"
else
	not_ok "symlink: save refused with a message" "$out"
fi
check "symlink: still a link" [ -L "$tmp/link/bookmarks" ]
check "symlink: target untouched" \
    [ "$(cat "$tmp/link/target")" = "lectern-bookmarks 1" ]

# A binary file: told, copied aside, replaced by a clean file.
mkdir "$tmp/bin"
head -c 5000 /dev/urandom >"$tmp/bin/bookmarks"
cp "$tmp/bin/bookmarks" "$tmp/bin.orig"
out=$("$D" "$tmp/bin/bookmarks" save /a.md 7 2>&1)
if [ $? -eq 0 ] && printf '%s' "$out" | grep -q 'cannot be read'; then
	ok "binary file: told, and the save goes on"
else
	not_ok "binary file: told, and the save goes on" "$out"
fi
copy=$(ls "$tmp/bin" | grep '^bookmarks\.corrupt-[0-9]\{8\}-[0-9]\{6\}$')
check "binary file: the original is kept as bookmarks.corrupt-DATE" \
    cmp "$tmp/bin/$copy" "$tmp/bin.orig"
out=$("$D" "$tmp/bin/bookmarks" get /a.md 2>&1)
check "binary file: the new file reads clean" [ "$out" = "pos=7 mark=7" ]

# The same under the sanitizers, when their objects can be built.
if make -s $SANOBJ >"$tmp/log" 2>&1 &&
    cc $CFLAGS_T $SAN -o "$tmp/sdriver" tests/bookmarks/driver.c \
	$SANOBJ $LIBS_T >>"$tmp/log" 2>&1; then
	if concurrent "$tmp/sdriver" "$tmp/sconc/bookmarks"; then
		ok "sanitizers: two writers, both positions kept"
	else
		not_ok "sanitizers: two writers, both positions kept" \
		    "$(cat "$tmp/one.out" "$tmp/two.out")"
	fi
	out=$("$tmp/sdriver" "$tmp/scrash/bookmarks" crash 5 2>&1)
	if [ $? -eq 0 ]; then ok "sanitizers: 5 killed saves"
	else not_ok "sanitizers: 5 killed saves" "$out"; fi
else
	not_ok "sanitizer driver builds" "$(cat "$tmp/log")"
fi

done_testing
