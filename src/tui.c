/* tui.c: the interactive reader (not yet built: falls back to the dump). */
#include "lectern/tui.h"

int
tui_run(struct doc *d, const struct options *o)
{
	(void)d;
	(void)o;
	return -1;
}
