#!/bin/sh
# The man page: lint-clean, every --help option in OPTIONS, and an install
# into a temporary prefix that man(1) and the installed binary can use.
SUITE=man
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
page=$top/man/lectern.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# mandoc also reports facts about this machine's manual database (an
# outdated mandoc.db, a manual in SEE ALSO that is not installed here);
# those say nothing about the page and are left out.
lint=$(mandoc -Tlint -Wstyle "$page" 2>&1 |
	grep -v -e 'mandoc\.db' -e 'referenced manual not found')
if [ -z "$lint" ]; then ok "mandoc -Tlint -Wstyle is clean"
else not_ok "mandoc -Tlint -Wstyle" "$lint"; fi

rendered=$(mandoc -Tascii -O width=1000 "$page" | sed 's/.\x08//g')
options=$(printf '%s\n' "$rendered" | sed -n '/^OPTIONS/,/^KEYS/p')
for sec in NAME SYNOPSIS DESCRIPTION OPTIONS KEYS ENVIRONMENT FILES \
    "EXIT STATUS" EXAMPLES SECURITY "SEE ALSO" STANDARDS; do
	if printf '%s\n' "$rendered" | grep -q "^$sec\$"; then
		ok "section $sec"
	else
		not_ok "section $sec is missing"
	fi
done
for v in XDG_STATE_HOME LECTERN_BOOKMARKS NO_COLOR BROWSER LANG LC_ALL \
    LC_CTYPE TERM; do
	if printf '%s\n' "$rendered" | sed -n '/^ENVIRONMENT/,/^FILES/p' |
	    grep -q "$v"; then ok "ENVIRONMENT names $v"
	else not_ok "ENVIRONMENT does not name $v"; fi
done

# Every option that --help lists is in OPTIONS.
help=$("$LECTERN" --help)
opts=$(printf '%s\n' "$help" | grep -o -e '--[a-z][a-z-]*' -e '^ *-[a-zA-Z],' |
	tr -d ' ,' | sort -u)
[ -n "$opts" ] || not_ok "--help lists no options"
for o in $opts; do
	if printf '%s\n' "$options" | grep -q -e "$o\\b"; then
		ok "option $o is in OPTIONS"
	else
		not_ok "option $o from --help is not in OPTIONS"
	fi
done

# -V names lectern and the three libraries.
ver=$("$LECTERN" -V)
for lib in lectern ncursesw libcmark-gfm libunistring; do
	if printf '%s\n' "$ver" | grep -q "^$lib [0-9]"; then ok "-V shows $lib"
	else not_ok "-V does not show $lib" "$ver"; fi
done

# make install into a temporary prefix, then use what it installed.
if make -s -C "$top" install PREFIX="$tmp/p" >"$tmp/log" 2>&1; then
	ok "make install PREFIX=..."
else
	not_ok "make install PREFIX=..." "$(tail -5 "$tmp/log")"
fi
if MANPATH="$tmp/p/share/man" MANPAGER=cat man lectern 2>/dev/null |
    grep -q 'terminal reader for long-form Markdown'; then
	ok "man finds the installed page"
else
	not_ok "MANPATH=prefix/share/man man lectern shows nothing"
fi
out=$(cd / && "$tmp/p/bin/lectern" --dump -w 60 </dev/null 2>&1)
if printf '%s\n' "$out" | grep -q '04 Politics'; then
	ok "the installed binary finds the bundled article from /"
else
	not_ok "installed lectern --dump" "$(printf '%s\n' "$out" | head -3)"
fi
make -s -C "$top" install DESTDIR="$tmp/d" PREFIX=/usr >/dev/null 2>&1
if [ -x "$tmp/d/usr/bin/lectern" ] && [ -f "$tmp/d/usr/share/man/man1/lectern.1" ]; then
	ok "make install honours DESTDIR"
else
	not_ok "make install DESTDIR=... PREFIX=/usr"
fi
make -s -C "$top" uninstall PREFIX="$tmp/p" >/dev/null 2>&1
left=$(find "$tmp/p" -type f)
if [ -z "$left" ]; then ok "make uninstall removes what install put there"
else not_ok "make uninstall left files" "$left"; fi
make -s -C "$top" uninstall DESTDIR="$tmp/d" PREFIX=/usr >/dev/null 2>&1
left=$(find "$tmp/d" -type f)
if [ -z "$left" ]; then ok "make uninstall honours DESTDIR"
else not_ok "make uninstall DESTDIR=... left files" "$left"; fi
done_testing
