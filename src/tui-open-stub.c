/*
 * tui-open-stub.c: opening another document from the reader, until the
 * reader can switch documents.
 */
#include "lectern/util.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

/* See tui.h. */
int
tui_doc_open(struct tui *t, const char *path, const char *anchor)
{
	(void)anchor;
	tui_msg(t, "cannot open %s yet", path);
	return -1;
}
