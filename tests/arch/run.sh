#!/bin/sh
# The shape of the reader, checked: the three panes (body.c, outline.c,
# notes.c) never call one another nor touch one another's state, and
# the rest of the reader reaches a pane only through its table of
# callbacks (struct pane_ops). The calls are read from the objects with
# nm; the state from the sources, where another pane's state is named
# as t->body, t->outline or t->notes.
#
# ARCH_SRC and ARCH_OBJ name other places to look (the self-test runs
# the checks on a broken copy).
SUITE=arch
. "$(dirname "$0")/../lib.sh"

src=${ARCH_SRC:-src}
obj=${ARCH_OBJ:-build}
panes="body outline notes"

if ! command -v nm >/dev/null 2>&1; then
	skip "calls between panes" "no nm here"
else
	for p in $panes; do
		if [ ! -f "$obj/$p.o" ]; then
			not_ok "$obj/$p.o is built (make check-build)"
			continue
		fi
		# What P's object needs from elsewhere.
		nm -u "$obj/$p.o" | awk '{ print $NF }' | sort -u \
		    >"${TMPDIR:-/tmp}/arch-$$-$p.u"
		nm -g --defined-only "$obj/$p.o" | awk '{ print $NF }' |
		    sort -u >"${TMPDIR:-/tmp}/arch-$$-$p.d"
	done
	for p in $panes; do
		for q in $panes; do
			[ "$p" = "$q" ] && continue
			[ -f "${TMPDIR:-/tmp}/arch-$$-$p.u" ] &&
			    [ -f "${TMPDIR:-/tmp}/arch-$$-$q.d" ] || continue
			both=$(comm -12 "${TMPDIR:-/tmp}/arch-$$-$p.u" \
			    "${TMPDIR:-/tmp}/arch-$$-$q.d")
			if [ -z "$both" ]; then
				ok "$p.o uses nothing defined in $q.o"
			else
				not_ok "$p.o uses nothing defined in $q.o" \
				    "$both"
			fi
		done
	done
	rm -f "${TMPDIR:-/tmp}"/arch-$$-*
fi

# A pane names the reader's fields, never another pane's.
for p in $panes; do
	others=$(echo $panes | tr ' ' '\n' | grep -vx "$p" | paste -sd'|')
	hits=$(grep -nE "\bt->($others)\b" "$src/$p.c" |
	    grep -vE '^[0-9]+:\s*(/\*|\*)')
	if [ -z "$hits" ]; then
		ok "$p.c touches no other pane's state"
	else
		not_ok "$p.c touches no other pane's state" "$hits"
	fi
done

# What needs drawing is derived in tui.c, not marked elsewhere.
hits=$(grep -nE -- '->dirty|DIRTY_' "$src"/tui*.c "$src/body.c" \
    "$src/outline.c" "$src/notes.c" | grep -v "^$src/tui.c:")
if [ -z "$hits" ]; then
	ok "only tui.c marks what needs drawing"
else
	not_ok "only tui.c marks what needs drawing" "$hits"
fi

# The rest of the reader calls no pane function: only the tables.
hits=$(grep -nE '\b(body|outline|notes)_[a-z_]+\(' "$src"/tui*.c |
    grep -vE ':[0-9]+:\s*(/\*|\*)')
if [ -z "$hits" ]; then
	ok "the reader calls panes only through their tables"
else
	not_ok "the reader calls panes only through their tables" "$hits"
fi

# A file is a room: none grows past 1,500 lines.
long=$(wc -l "$src"/*.c include/lectern/*.h | awk '$2 != "total" && $1 > 1500')
if [ -z "$long" ]; then
	ok "no source file is over 1,500 lines"
else
	not_ok "no source file is over 1,500 lines" "$long"
fi

done_testing
