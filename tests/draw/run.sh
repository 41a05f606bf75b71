#!/bin/sh
# Drawing changes nothing, and what it leaves out did not change. Under
# LECTERN_TEST_DRAW=FILE the reader, after each frame, syncs and draws
# everything again without input; a screen or a state that differs is
# written to FILE. A pane left undrawn when its state changed shows as
# a difference too. The scenes: scrolling, the outline, the notes,
# search, the keys of less (counts, z and w, per cent, =, the command
# line, Esc u), the list screens, the overlays at a narrow width, the mouse,
# and resizes through every shape.
SUITE=draw
. "$(dirname "$0")/../lib.sh"

. "$(dirname "$0")/../e2e/tmux.sh"
E2E_SOCK=lectern-draw-$$
DRAWLOG=$E2E_TMP/draw.log
ARTICLE="$(cd "$(dirname "$0")/../.." && pwd)/content/state-of-ai-2023-politics-safety.md"
E2E_ENV="LECTERN_TEST_DRAW=$DRAWLOG"
: >"$DRAWLOG"

# drawn WHAT: nothing differed since the last scene.
drawn() {
	if [ -s "$DRAWLOG" ]; then
		not_ok "$1: drawing again changes nothing" "$(cat "$DRAWLOG")"
		: >"$DRAWLOG"
	else
		ok "$1: drawing again changes nothing"
	fi
}

for bin in "$LECTERN" ${LECTERN_SAN:+"$LECTERN_SAN"}; do
	LECTERN=$bin
	which=plain
	[ "$bin" = "$LECTERN_SAN" ] && which=sanitizers
	reader 120 30 "$ARTICLE"
	ready
	keys j j d Space
	keys G g ] ] [
	drawn "$which: scrolling and sections at 120"
	keys Tab Tab BTab Enter
	keys j j k Enter BSpace BSpace r
	drawn "$which: references and notes at 120"
	keys o j j Left Right Enter
	keys o / P o l Enter Escape Escape
	drawn "$which: the outline and its filter at 120"
	keys / c h i p
	keys Enter n n N
	keys '&' j Enter
	keys Escape Right Right Left
	drawn "$which: search and the match list at 120"
	keys 5 j 3 k 1 0 z w Space b 4 d u
	keys 5 0 % 1 2 g 3 G 2 ] 2 [ Enter
	keys = : f Enter : x Enter : q Escape
	keys Escape u n '\' 2 n 1 2 BSpace Escape j
	drawn "$which: counts, z and w, per cent, =, : and Esc u at 120"
	keys h j Space q m a "'" a "'" "?" Escape
	drawn "$which: help, marks and their list at 120"
	mouse 65 60 10
	mouse 64 60 10
	mouse 65 110 5
	mouse 65 10 5
	click 9 12
	drawn "$which: the mouse at 120"
	resize 100 30 status_has "%"
	keys j d t j j Enter t
	drawn "$which: outline and notes below at 100"
	resize 60 20 status_has "%"
	keys o j j Escape t j Enter
	keys t Escape o / A Escape Escape
	drawn "$which: overlays at 60"
	resize 15 5 on_screen "too small"
	resize 80 24 status_has "%"
	resize 130 40 status_has "%"
	keys G Tab Enter
	drawn "$which: resizes through every shape"
	send q
done

done_testing
