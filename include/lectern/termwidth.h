/*
 * termwidth.c: how wide the terminal draws the character sequences whose
 * width terminals do not agree on (emoji joined by U+200D, flags, U+FE0F
 * emoji presentation, skin tone modifiers, keycaps), and what the reader
 * draws instead of those the terminal draws otherwise than ncurses counts
 * them.
 *
 * ncurses keeps one character of its own width in a cell, with marks of
 * width zero after it, and moves the cursor on that count. A sequence
 * that the terminal draws in another number of columns leaves ncurses's
 * idea of the cursor wrong, and what it draws next lands in the wrong
 * cells. So each kind of sequence is either drawn as it is, when the
 * terminal draws a sample of it in the columns of its characters, or
 * drawn apart (termwidth_map): the joiner, the variation selector, the
 * keycap mark and the skin tone are left out, and a flag's two regional
 * indicators show as the two letters of its region ("FR"). Every
 * terminal draws what is left in the columns ncurses counts.
 *
 * Until termwidth_start has asked a terminal, every kind is drawn as it
 * is: the dump never asks, and prints the text unchanged.
 */
#ifndef LECTERN_TERMWIDTH_H
#define LECTERN_TERMWIDTH_H

#include <stddef.h>
#include <stdint.h>

/* The kinds of sequence that terminals draw differently. */
enum termwidth_kind {
	TERMWIDTH_ZWJ,		/* emoji joined by U+200D */
	TERMWIDTH_FLAG,		/* a pair of regional indicators */
	TERMWIDTH_VS16,		/* U+FE0F emoji presentation */
	TERMWIDTH_TONE,		/* a skin tone modifier after an emoji */
	TERMWIDTH_KEYCAP,	/* a digit, U+FE0F and U+20E3 */
	TERMWIDTH_N
};

#define TERMWIDTH_NONE	(-1)	/* no answer from the terminal */

/*
 * Asks the terminal on descriptors IN and OUT (both a tty, before curses
 * starts) how wide it draws a sample of each kind, and decides. Other
 * bytes read meanwhile (keys typed early) go to REST, at most RESTSZ;
 * returns how many. LECTERN_TEST_TERMWIDTH, when set and not empty,
 * stands for the terminal's answers (termwidth_answers), and nothing is
 * written.
 */
size_t	 termwidth_start(int in, int out, char *rest, size_t restsz);

/*
 * Parses answers in the form of LECTERN_TEST_TERMWIDTH: "none", or
 * NAME=COLUMNS pairs separated by commas, NAME one of zwj, flag, vs16,
 * tone, keycap, and 2027=PS for the answer to DECRQM of mode 2027. A kind
 * not named has no answer. Returns -1 on a malformed string.
 */
int	 termwidth_answers(const char *, int cols[TERMWIDTH_N], int *mode);

/*
 * Decides from COLS, the columns of each kind's sample (or
 * TERMWIDTH_NONE), and MODE, the state of mode 2027 before it was reset
 * (0 when unknown), which kinds are drawn apart.
 */
void	 termwidth_decide(const int cols[TERMWIDTH_N], int mode);

/*
 * What to write to the terminal when the reader takes it (READER) or
 * gives it back: mode 2027 reset, or set again, when the terminal said it
 * was set; NULL when there is nothing to write.
 */
const char *termwidth_mode(int reader);

/* Whether the kind K is drawn apart. */
int	 termwidth_apart(enum termwidth_kind k);

/* Draws every kind as it is again (what the dump does). */
void	 termwidth_reset(void);

/*
 * The character drawn for C: C itself, another (a region's letter for a
 * regional indicator), or 0 when C is left out. It depends on C alone,
 * so a width summed over characters and the drawing agree however text
 * is split.
 */
uint32_t termwidth_map(uint32_t c);

/* Whether C is one that termwidth_map may change: the cheap test. */
static inline int
termwidth_special(uint32_t c)
{
	return c == 0x200d || c == 0xfe0f || c == 0x20e3 ||
	    (c >= 0x1f1e6 && c <= 0x1f1ff) || (c >= 0x1f3fb && c <= 0x1f3ff);
}

#endif
