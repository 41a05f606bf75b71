/*
 * count.c: what comes before a command, as in less. Digits make a count
 * (10j, 3n, 50%), Backspace takes the last digit back, Esc cancels the
 * count; without a count, Esc makes the key after it a key of its own
 * (Esc u). It reads key codes (keys.h) and draws nothing.
 */
#ifndef LECTERN_COUNT_H
#define LECTERN_COUNT_H

#define COUNT_MAX	999999999L	/* digits beyond this are dropped */

/* What a key did. */
enum count_rc {
	COUNT_KEY,		/* a command key: look it up, then take the
				   count with count_take */
	COUNT_TYPED,		/* a digit typed or taken back: the count so
				   far shows on the status line */
	COUNT_CANCEL		/* the count is dropped */
};

struct count {
	long		 n;		/* the count so far */
	int		 digits;	/* typed [digits]; 0: no count */
	int		 esc;		/* Esc came last, no count before it */
	long		 taken;		/* the count of the last command key,
					   0 when there was none */
};

void		 count_init(struct count *);

/*
 * Reads key CODE. For COUNT_KEY, *CODE may come back as KEYS_ESC of
 * itself when Esc came before it: the caller looks that up first.
 */
enum count_rc	 count_key(struct count *, int *code);

/* The count of the command key just read, 0 when none was typed. */
long		 count_take(struct count *);

/* Is a count being typed? */
int		 count_typing(const struct count *);

#endif
