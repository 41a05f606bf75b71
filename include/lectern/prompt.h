/*
 * prompt.c: the one-line editor of the search prompt on the status line.
 * It holds UTF-8 text and a cursor, turns key codes (keys.h) into edits,
 * remembers earlier entries since the program started, and says which
 * part of the text to show in a given number of columns. It draws
 * nothing: the caller does, so that it can be tested without a terminal.
 *
 * Keys: Left, Right (Ctrl-B, Ctrl-F), Home, End (Ctrl-A, Ctrl-E),
 * Backspace (on empty text: cancel), Delete, Ctrl-U (to the start),
 * Ctrl-K (to the end), Ctrl-W (the word before the cursor), Up, Down
 * (Ctrl-P, Ctrl-N: earlier entries), Ctrl-R (literal text or regular
 * expression), Enter, Esc (Ctrl-G: cancel).
 */
#ifndef LECTERN_PROMPT_H
#define LECTERN_PROMPT_H

#include <stddef.h>

#define PROMPT_MAX	512	/* longest text [bytes] */
#define PROMPT_HIST	100	/* earlier entries kept [entries] */

/* What a key did. */
enum prompt_rc {
	PROMPT_NONE,		/* nothing: a key it does not take */
	PROMPT_MOVED,		/* the cursor moved */
	PROMPT_EDITED,		/* the text or its mode changed */
	PROMPT_ENTER,		/* confirmed */
	PROMPT_CANCEL		/* cancelled */
};

struct prompt_entry {
	char		*text;		/* UTF-8 */
	int		 regex;		/* its mode */
};

struct prompt {
	char		 text[PROMPT_MAX + 1]; /* UTF-8, NUL-terminated */
	size_t		 len;		/* [bytes] */
	size_t		 cursor;	/* on a character boundary [bytes] */
	int		 regex;		/* a regular expression, else literal */
	int		 scroll;	/* first column shown [columns] */
	struct prompt_entry *hist;	/* earlier entries, oldest first */
	size_t		 nhist, histcap; /* [entries] */
	size_t		 hpos;		/* entry shown; nhist: the typed line */
	char		 saved[PROMPT_MAX + 1]; /* the typed line, while an
					   earlier entry is shown */
	int		 saved_regex;
};

/* What of the text to show, and where the cursor goes. */
struct prompt_view {
	size_t		 start, end;	/* bytes to draw [bytes] */
	int		 cursor;	/* cursor column from start [columns] */
};

void		 prompt_init(struct prompt *);
void		 prompt_free(struct prompt *);

/* Begins editing TEXT (may be NULL: empty) in mode REGEX, cursor at the
   end. */
void		 prompt_start(struct prompt *, const char *text, int regex);

/* Applies key CODE (a code point, or KEYS_FN of a curses key). */
enum prompt_rc	 prompt_key(struct prompt *, int code);

/* The text, NUL-terminated UTF-8. */
const char	*prompt_text(const struct prompt *);

/* Adds the text, with its mode, to the earlier entries (once). */
void		 prompt_remember(struct prompt *);

/*
 * Chooses what to show in WIDTH columns so that the cursor shows,
 * scrolling sideways only when it must. AMB: East Asian Ambiguous
 * characters take two columns.
 */
struct prompt_view prompt_view(struct prompt *, int width, int amb);

#endif
