/*
 * doc-gfm.c: what the walk asks of GitHub's own Markdown: whether a list
 * item is a task and its box, whether a block quote is an alert and its
 * label. The answers come from cmark's nodes alone; doc.c builds the
 * blocks from them.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "lectern/doc.h"
#include "lectern/doc-int.h"
#include "lectern/inert.h"

/* Is list item N a task ("- [ ]", "- [x]")? */
int
doc_gfm_is_task(cmark_node *n)
{
	const char *name = cmark_node_get_type_string(n);

	return name != NULL && strcmp(name, "tasklist") == 0;
}

/*
 * The box of a task item: a ballot box, checked or not, or "[ ]" and
 * "[x]" where the locale is not UTF-8.
 */
const char *
doc_gfm_task_box(cmark_node *n)
{
	int done = cmark_gfm_extensions_get_tasklist_item_checked(n);

	if (inert_utf8())
		return done ? "\xe2\x98\x91" : "\xe2\x98\x90"; /* U+2611 U+2610 */
	return done ? "[x]" : "[ ]";
}

/* The alerts' markers, in the order of enum alert, and their labels. */
static const struct {
	const char	*marker, *label;
} doc_gfm_alerts[] = {
	{ NULL, NULL },
	{ "[!NOTE]", "Note" },
	{ "[!TIP]", "Tip" },
	{ "[!IMPORTANT]", "Important" },
	{ "[!WARNING]", "Warning" },
	{ "[!CAUTION]", "Caution" },
};

/*
 * Is block quote N one of GitHub's alerts, its first paragraph starting
 * with a line "[!NOTE]" (in any case) and nothing else? Then its kind;
 * the marker and the line break after it are taken out of the tree.
 */
enum alert
doc_gfm_alert(cmark_node *n)
{
	cmark_node *p = cmark_node_first_child(n), *t, *next;
	cmark_node_type nt;
	const char *lit;
	size_t len, k;

	if (p == NULL || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH ||
	    (t = cmark_node_first_child(p)) == NULL ||
	    cmark_node_get_type(t) != CMARK_NODE_TEXT ||
	    (lit = cmark_node_get_literal(t)) == NULL)
		return ALERT_NONE;
	next = cmark_node_next(t);
	nt = next != NULL ? cmark_node_get_type(next) : CMARK_NODE_NONE;
	if (next != NULL && nt != CMARK_NODE_SOFTBREAK &&
	    nt != CMARK_NODE_LINEBREAK)
		return ALERT_NONE;
	len = strlen(lit);
	while (len > 0 && (lit[len - 1] == ' ' || lit[len - 1] == '\t'))
		len--;
	for (k = 1; k < sizeof(doc_gfm_alerts) / sizeof(doc_gfm_alerts[0]); k++)
		if (len == strlen(doc_gfm_alerts[k].marker) &&
		    strncasecmp(lit, doc_gfm_alerts[k].marker, len) == 0)
			break;
	if (k == sizeof(doc_gfm_alerts) / sizeof(doc_gfm_alerts[0]))
		return ALERT_NONE;
	/* The iterator goes to P next: it stays, empty if need be. */
	cmark_node_free(t);
	if (next != NULL)
		cmark_node_free(next);
	return (enum alert)k;
}

const char *
doc_gfm_alert_label(enum alert a)
{
	if (a <= ALERT_NONE || a > ALERT_CAUTION)
		return "";
	return doc_gfm_alerts[a].label;
}
