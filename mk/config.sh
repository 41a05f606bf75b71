#!/bin/sh
# Prints what this system needs to build lectern, for the Makefile:
#
#	mk/config.sh cflags	feature macros, LECTERN_COMPAT_ defines (see
#				include/lectern/compat.h) and include paths
#	mk/config.sh libs	the libraries, with their -L paths
#
# Libraries come from pkg-config ($PKG_CONFIG). What has no .pc file is
# looked for where each system keeps it: the curses of the BSDs and of
# macOS, Homebrew's keg-only ncurses, libunistring under Homebrew's
# prefix. iconv is in the C library of glibc and of the BSDs, but a
# library of its own on macOS and wherever GNU libiconv's header comes
# first. Each guess is checked by building a small program with $CC,
# $CPPFLAGS, $CFLAGS and $LDFLAGS, as the Makefile builds lectern.
set -u
set -f
what=${1:-cflags}
cc=${CC:-cc}
pc=${PKG_CONFIG:-pkg-config}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lectern-config.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# try CFLAGS LIBS: whether the program on standard input compiles and
# links with those flags.
try() {
	cat >"$tmp/t.c"
	# shellcheck disable=SC2086
	$cc ${CPPFLAGS:-} $1 ${CFLAGS:-} ${LDFLAGS:-} -o "$tmp/t" "$tmp/t.c" \
	    $2 >/dev/null 2>&1
}

# has_pc NAME: whether pkg-config knows NAME.
has_pc() {
	command -v "$pc" >/dev/null 2>&1 && "$pc" --exists "$1" 2>/dev/null
}

# header_dir HEADER: the directory the preprocessor finds HEADER in.
header_dir() {
	# shellcheck disable=SC2086
	printf '#include <%s>\n' "$1" |
	    $cc ${CPPFLAGS:-} -E - 2>/dev/null |
	    sed -n "s|^# *[0-9]* \"\\(.*\\)/$(basename "$1")\".*|\\1|p" |
	    sed 1q
}

# Homebrew's prefix, or nothing where there is no brew.
brew=
if command -v brew >/dev/null 2>&1; then
	brew=$(brew --prefix 2>/dev/null)
fi

# strip_defs FLAGS: FLAGS without feature macros, which are ours to
# choose (ncursesw.pc names _XOPEN_SOURCE=600 on some systems).
strip_defs() {
	out=
	for f in $1; do
		case $f in
		-D_XOPEN_SOURCE*|-D_POSIX_C_SOURCE*|-D_DEFAULT_SOURCE*|\
		-D_GNU_SOURCE*) ;;
		*) out="$out $f" ;;
		esac
	done
	printf '%s' "$out"
}

# POSIX 2008 with X/Open, plus what each C library keeps apart: flock,
# SIGWINCH, MAP_ANON and memmem are visible on the BSDs and macOS only
# with their own macro.
case $(uname -s 2>/dev/null) in
Darwin)			defs="-D_DARWIN_C_SOURCE" ;;
FreeBSD|DragonFly)	defs="-D__BSD_VISIBLE=1" ;;
NetBSD)			defs="-D_NETBSD_SOURCE" ;;
OpenBSD)		defs="-D_BSD_SOURCE" ;;
*)			defs="-D_DEFAULT_SOURCE" ;;
esac
defs="-D_XOPEN_SOURCE=700 $defs"

# Wide ncurses: its .pc file, Homebrew's keg, or the system's curses
# found by linking what lectern uses of it.
curses_prog='#include <curses.h>
#include <term.h>
int
main(void)
{
	cchar_t c;
	wchar_t w[2] = { L'"'"'x'"'"', 0 };

	setcchar(&c, w, 0, 0, NULL);
	set_escdelay(25);
	return tigetstr("cup") == NULL && wadd_wch(stdscr, &c) == OK;
}'
keg=$brew/opt/ncurses/lib/pkgconfig
if has_pc ncursesw; then
	curses_cflags=$(strip_defs "$("$pc" --cflags ncursesw)")
	curses_libs=$("$pc" --libs ncursesw)
elif [ -n "$brew" ] && [ -d "$keg" ] &&
    PKG_CONFIG_PATH=$keg${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH} has_pc ncursesw
then
	curses_cflags=$(strip_defs "$(PKG_CONFIG_PATH=$keg "$pc" --cflags ncursesw)")
	curses_libs=$(PKG_CONFIG_PATH=$keg "$pc" --libs ncursesw)
else
	curses_cflags=
	curses_libs=-lncursesw
	# Older curses.h (macOS's) declare the wide functions only for
	# _XOPEN_SOURCE_EXTENDED.
	dir=$(header_dir ncursesw/curses.h)
	for inc in "" -D_XOPEN_SOURCE_EXTENDED ${dir:+"-I$dir"}; do
		for lib in -lncursesw "-lncursesw -ltinfo" -lncurses \
		    "-lncurses -ltinfo" "-lcurses -lterminfo" -lcurses; do
			if printf '%s\n' "$curses_prog" |
			    try "$defs $inc" "$lib"; then
				curses_cflags=$inc
				curses_libs=$lib
				break 2
			fi
		done
	done
fi

# libcmark-gfm; its extensions have no .pc file of their own.
if has_pc libcmark-gfm; then
	cmark_cflags=$(strip_defs "$("$pc" --cflags libcmark-gfm)")
	cmark_libs="-lcmark-gfm-extensions $("$pc" --libs libcmark-gfm)"
else
	cmark_cflags=
	cmark_libs="-lcmark-gfm-extensions -lcmark-gfm"
fi

# libunistring: a .pc file only in recent releases; Homebrew's prefix
# is not searched by the compiler on Apple silicon.
if has_pc libunistring; then
	uni_cflags=$("$pc" --cflags-only-I libunistring)
	uni_libs=$("$pc" --libs libunistring)
else
	uni_cflags=
	uni_libs=-lunistring
	if [ -n "$brew" ] && [ -z "$(header_dir unistr.h)" ] &&
	    [ -f "$brew/include/unistr.h" ]; then
		uni_cflags=-I$brew/include
		uni_libs="-L$brew/lib -lunistring"
	fi
fi

# gumbo, the HTML5 parser that reads raw HTML in documents.
if has_pc gumbo; then
	gumbo_cflags=$(strip_defs "$("$pc" --cflags gumbo)")
	gumbo_libs=$("$pc" --libs gumbo)
else
	gumbo_cflags=
	gumbo_libs=-lgumbo
fi

cflags="$defs $curses_cflags $cmark_cflags $uni_cflags $gumbo_cflags"
libs="$curses_libs $cmark_libs $uni_libs $gumbo_libs"

case $what in
cflags)
	# memmem is declared wherever compat.c asks for it, and defined in
	# every C library lectern is known to build on; elsewhere
	# compat.c brings its own.
	if printf 'int\nmain(void)\n{\n\treturn 0;\n}\n' | try "$defs" "" &&
	    ! printf '%s\n' '#define _GNU_SOURCE' '#include <string.h>' \
	    'int main(void) { return memmem("ab", 2, "b", 1) == 0; }' |
	    try "$defs -Werror=implicit-function-declaration" ""; then
		cflags="$cflags -DLECTERN_COMPAT_MEMMEM"
	fi
	# shellcheck disable=SC2086
	echo $cflags
	;;
libs)
	iconv_prog='#include <iconv.h>
int
main(void)
{
	return iconv_open("UTF-8", "GB18030") == (iconv_t)-1;
}'
	for lib in "" -liconv; do
		if printf '%s\n' "$iconv_prog" | try "$cflags" "$libs $lib"
		then
			libs="$libs $lib"
			break
		fi
	done
	# shellcheck disable=SC2086
	echo $libs
	;;
*)
	echo "usage: mk/config.sh cflags|libs" >&2
	exit 2
	;;
esac
