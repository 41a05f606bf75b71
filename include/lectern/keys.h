/*
 * keys.c: the one key table of the reader. Input looks keys up in it, the
 * help screen lists it, and the man page is checked against it.
 *
 * A key code is a character (its code point) or a curses function key
 * marked with KEYS_FN, so that the two ranges never meet.
 */
#ifndef LECTERN_KEYS_H
#define LECTERN_KEYS_H

#include <stddef.h>

#define KEYS_FN(k)	((k) | 0x40000000)	/* a KEY_* code */
#define KEYS_CTRL(c)	((c) & 0x1f)		/* Ctrl with a letter */
#define KEYS_ESC(c)	((c) | 0x20000000)	/* Esc, then character c */
#define KEYS_MAXCODES	5

/* The panes a key acts in, a bit set. */
#define KP_BODY		0x01
#define KP_OUTLINE	0x02
#define KP_NOTES	0x04
#define KP_ALL		(KP_BODY | KP_OUTLINE | KP_NOTES)
#define KP_HELP		0x08	/* listed only: not an input key */

enum cmd {
	CMD_NONE,
	CMD_DOWN,		/* a line, an entry, a note */
	CMD_UP,
	CMD_PAGE_DOWN,
	CMD_PAGE_UP,
	CMD_HALF_DOWN,
	CMD_HALF_UP,
	CMD_WINDOW_DOWN,	/* z: a count sets the page */
	CMD_WINDOW_UP,		/* w */
	CMD_TOP,		/* a count: that line */
	CMD_END,
	CMD_PERCENT,		/* a count: that far into the text */
	CMD_NEXT_SECTION,
	CMD_PREV_SECTION,
	CMD_LEFT,		/* body: scroll wide lines; outline: fold */
	CMD_RIGHT,
	CMD_FOLD_CODE,		/* fold code lines wider than the body */
	CMD_NEXT_REF,
	CMD_PREV_REF,
	CMD_FOLLOW,
	CMD_BACK,
	CMD_FORWARD,
	CMD_OPEN,		/* the selected link in $BROWSER */
	CMD_COPY,		/* the selected link's address: OSC 52 */
	CMD_OUTLINE,
	CMD_NOTES,
	CMD_OUTLINE_NARROW,	/* <, > in the outline: its width */
	CMD_OUTLINE_WIDEN,
	CMD_ESCAPE,
	CMD_SEARCH_FWD,
	CMD_SEARCH_BACK,
	CMD_SEARCH_NEXT,
	CMD_SEARCH_PREV,
	CMD_SEARCH_LIST,	/* every match, in a list */
	CMD_UNHIGHLIGHT,	/* the matches stay, not their colours */
	CMD_MARK_SET,		/* then a letter */
	CMD_MARK_GO,		/* then a letter, or ' */
	CMD_LIBRARY,		/* the documents read, in a list */
	CMD_HELP,
	CMD_REDRAW,
	CMD_INFO,		/* file, size, lines shown, section */
	CMD_COLON,		/* the command line */
	CMD_QUIT,
	CMD_EXAMINE,		/* :e FILE */
	CMD_DOC_NEXT,		/* :n, :p, :x: in the book */
	CMD_DOC_PREV,
	CMD_DOC_FIRST,
	CMD_SUSPEND,		/* Ctrl-Z: the terminal sends SIGTSTP */
	CMD_COUNT,		/* digits before a command: listed */
	CMD_PROMPT_EDIT,	/* the search prompt's own keys: listed */
	CMD_PROMPT_REGEX,
	CMD_PROMPT_HISTORY,
	CMD_MOUSE_WHEEL,	/* mouse rows: listed on the help screen */
	CMD_MOUSE_CLICK
};

struct key {
	const char	*shown;		/* as the help screen writes it */
	int		 codes[KEYS_MAXCODES]; /* key codes; 0 ends early */
	unsigned	 panes;		/* KP_* bits */
	enum cmd	 cmd;
	const char	*help;		/* one line; NULL: listed with the row
					   above (Left, Right) */
};

/* A command of the command line (:), run as its key's command. */
struct colon {
	const char	*name;		/* as typed after the colon */
	const char	*arg;		/* its argument as the help shows it,
					   or NULL: it takes none */
	enum cmd	 cmd;
	const char	*help;		/* one line */
};

/* The table, in the order the help screen lists it; *N gets its length. */
const struct key *keys_table(unsigned *n);

/* The commands of the command line, likewise. */
const struct colon *keys_colon_table(unsigned *n);

/* The command line's command NAME (LEN bytes), or NULL. */
const struct colon *keys_colon(const char *name, size_t len);

/* The command of key CODE in the pane(s) PANE (KP_* bit), or CMD_NONE. */
enum cmd	 keys_lookup(int code, unsigned pane);

/* The key code of what wget_wch returned: RC is its return value. */
int		 keys_code(int rc, unsigned wc);

#endif
