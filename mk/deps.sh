#!/bin/sh
# Checks that the libraries and tools lectern needs are present; installs
# the missing ones with apt-get when run as root on Debian or Ubuntu, and
# otherwise prints the command to run and fails.
#
#	build		the compiler ($CC) and the libraries
#	test		and what make test runs: tmux, mandoc, man, python3
#	fuzz		and clang, for make fuzz
#	valgrind	and valgrind, for make valgrind
#	bench		and valgrind, python3 (and lowdown when it can)
#
# usage: mk/deps.sh build|test|fuzz|valgrind|bench
set -u
what=${1:-build}
cc=${CC:-cc}

missing_apt=""
missing_dnf=""
missing_pac=""
missing_brew=""

need() {	# need APT DNF PACMAN BREW
	missing_apt="$missing_apt $1"
	missing_dnf="$missing_dnf $2"
	missing_pac="$missing_pac $3"
	missing_brew="$missing_brew $4"
}

# Headers are looked for where the build looks: the include paths that
# pkg-config and mk/config.sh give.
have_header() {
	# shellcheck disable=SC2086
	printf '#include <%s>\n' "$1" |
	    $cc ${CPPFLAGS:-} $cflags -E -x c - >/dev/null 2>&1
}

command -v pkg-config >/dev/null 2>&1 || need pkg-config pkgconf-pkg-config pkgconf pkgconf
case $cc in
*clang*)	command -v "$cc" >/dev/null 2>&1 || need clang clang clang llvm ;;
*)		command -v "$cc" >/dev/null 2>&1 || need build-essential gcc base-devel gcc ;;
esac
cflags=$(sh "$(dirname "$0")/config.sh" cflags 2>/dev/null)
have_header curses.h || need libncurses-dev ncurses-devel ncurses ncurses
pkg-config --exists libcmark-gfm 2>/dev/null || need libcmark-gfm-dev cmark-gfm-devel cmark-gfm cmark-gfm
have_header cmark-gfm-core-extensions.h || need libcmark-gfm-extensions-dev cmark-gfm-devel cmark-gfm cmark-gfm
have_header unistr.h || need libunistring-dev libunistring-devel libunistring libunistring
pkg-config --exists gumbo 2>/dev/null || have_header gumbo.h ||
    need libgumbo-dev gumbo-parser-devel gumbo-parser gumbo-parser

case $what in
test)
	command -v tmux >/dev/null 2>&1 || need tmux tmux tmux tmux
	command -v mandoc >/dev/null 2>&1 || need mandoc mandoc mandoc mandoc
	command -v man >/dev/null 2>&1 || need man-db man-db man-db man-db
	command -v python3 >/dev/null 2>&1 || need python3 python3 python python3
	command -v cmark-gfm >/dev/null 2>&1 || need cmark-gfm cmark-gfm cmark-gfm cmark-gfm
	;;
fuzz)
	command -v clang >/dev/null 2>&1 || need clang clang clang llvm
	;;
valgrind)
	command -v valgrind >/dev/null 2>&1 || need valgrind valgrind valgrind valgrind
	;;
bench)
	command -v valgrind >/dev/null 2>&1 || need valgrind valgrind valgrind valgrind
	command -v python3 >/dev/null 2>&1 || need python3 python3 python python3
	;;
esac

# lowdown is the benchmark's peer for --dump: installed when it can be,
# left out (and its column empty) when not.
if [ "$what" = bench ] && ! command -v lowdown >/dev/null 2>&1 &&
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends lowdown >/dev/null 2>&1 ||
		echo "lectern: lowdown is not installed; the bench runs without it"
fi

[ -z "$missing_apt" ] && exit 0

# Remove duplicates while keeping the order.
uniq_words() { printf '%s\n' $1 | awk '!seen[$0]++' | tr '\n' ' ' | sed 's/ $//'; }
apt=$(uniq_words "$missing_apt")

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "lectern: installing missing packages: $apt"
	export DEBIAN_FRONTEND=noninteractive
	# A fresh machine has no package lists yet.
	apt-get update -qq >/dev/null || { echo "lectern: apt-get update failed" >&2; exit 1; }
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $apt >/dev/null \
		|| { echo "lectern: apt-get install $apt failed" >&2; exit 1; }
	exit 0
fi

cat >&2 <<MSG
lectern: missing packages. Install them with one of:
  apt:      sudo apt-get update && sudo apt-get install $apt
  dnf:      sudo dnf install $(uniq_words "$missing_dnf")
  pacman:   sudo pacman -S $(uniq_words "$missing_pac")
  Homebrew: brew install $(uniq_words "$missing_brew")
then run make again.
MSG
exit 1
