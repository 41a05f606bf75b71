/*
 * count.c: the count typed before a command, and Esc as the first key of
 * two. A count is digits; the command key after them takes it. Esc
 * without a count does what it does and also marks the next key, so that
 * Esc u is a key of its own while Esc alone keeps its meaning.
 */
#include <curses.h>
#include <string.h>

#include "lectern/count.h"
#include "lectern/keys.h"

/* Starts with nothing typed. */
void
count_init(struct count *c)
{
	memset(c, 0, sizeof(*c));
}

/* Is CODE a key that takes back the last character? */
static int
count_is_erase(int code)
{
	return code == KEYS_FN(KEY_BACKSPACE) || code == 127 ||
	    code == KEYS_CTRL('h');
}

/* See count.h. */
enum count_rc
count_key(struct count *c, int *code)
{
	int k = *code, esc = c->esc;
	long n;

	c->esc = 0;
	c->taken = 0;
	if (k >= '0' && k <= '9') {
		if (c->n <= (COUNT_MAX - (k - '0')) / 10) {
			c->n = c->n * 10 + (k - '0');
			c->digits++;
		}
		return COUNT_TYPED;
	}
	if (c->digits > 0) {
		n = c->n;
		if (count_is_erase(k)) {
			c->n /= 10;
			return --c->digits > 0 ? COUNT_TYPED : COUNT_CANCEL;
		}
		c->n = 0;
		c->digits = 0;
		if (k == 27)
			return COUNT_CANCEL;
		c->taken = n;
		return COUNT_KEY;
	}
	if (k == 27)
		c->esc = 1;
	else if (esc && k > 0 && k < KEYS_ESC(0))
		*code = KEYS_ESC(k);
	return COUNT_KEY;
}

/* See count.h. */
long
count_take(struct count *c)
{
	long n = c->taken;

	c->taken = 0;
	return n;
}

/* See count.h. */
int
count_typing(const struct count *c)
{
	return c->digits > 0;
}
