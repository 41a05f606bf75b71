/*
 * jumps.c: two bounded stacks of places, back and forward. A new jump
 * clears the forward one, as in a web browser; a full stack drops its
 * oldest place.
 */
#include <string.h>

#include "lectern/jumps.h"

/* Pushes J on a bounded stack, dropping the oldest when full. */
static void
jumps_add(struct jump *stack, int *n, struct jump j)
{
	if (*n == JUMP_MAX) {
		memmove(stack, stack + 1, (JUMP_MAX - 1) * sizeof(*stack));
		(*n)--;
	}
	stack[(*n)++] = j;
}

/* See jumps.h. */
void
jumps_push(struct jumps *js, struct jump here)
{
	jumps_add(js->back, &js->nback, here);
	js->nfwd = 0;
}

/* See jumps.h. */
int
jumps_back(struct jumps *js, struct jump here, struct jump *out)
{
	if (js->nback == 0)
		return -1;
	jumps_add(js->fwd, &js->nfwd, here);
	*out = js->back[--js->nback];
	return 0;
}

/* See jumps.h. */
int
jumps_forward(struct jumps *js, struct jump here, struct jump *out)
{
	if (js->nfwd == 0)
		return -1;
	jumps_add(js->back, &js->nback, here);
	*out = js->fwd[--js->nfwd];
	return 0;
}

/* See jumps.h. */
int
jumps_swap(struct jumps *js, struct jump here, struct jump *out)
{
	if (js->nback == 0)
		return -1;
	*out = js->back[js->nback - 1];
	js->back[js->nback - 1] = here;
	return 0;
}
