/*
 * doc-int.h: what doc.c (the walk over cmark's AST) shares with
 * doc-post.c (the pass after it) and doc-gfm.c (GitHub's tasks and
 * alerts), and nothing else includes. The contract for the rest of
 * lectern is doc.h.
 */
#ifndef LECTERN_DOC_INT_H
#define LECTERN_DOC_INT_H

#include <stddef.h>
#include <stdint.h>

#include "lectern/doc.h"

struct cmark_node;
struct guard_report;

/* The source as both passes read it: the text after the front matter. */
struct doc_src {
	const char	*text;
	size_t		 len;		/* [bytes] */
	uint64_t	 base;		/* front matter [bytes] */
	uint32_t	 base_line;	/* lines of front matter */
	uint64_t	*line_off;	/* start of each line [bytes] */
	size_t		 nlines;
};

/* A footnote reference seen in the walk, given to its note after. */
struct doc_pending_ref {
	uint32_t	 note;		/* index in doc.notes */
	struct ref	 ref;
};

/* Per repeated slug, the last suffix given. */
struct doc_slug_dup {
	char		*base;		/* NULL: free slot */
	uint32_t	 last;		/* last suffix given */
};

/* Strings, each once, by hash: open addressing; a key may carry a value. */
struct doc_post_set {
	char		**keys;		/* NULL: free slot */
	const char	**vals;
	size_t		 n;
	size_t		 nslots;	/* a power of two, or 0 */
};

/* What the walk hands to the pass after it, and that pass's tables. */
struct doc_post {
	struct doc		*doc;
	const struct doc_src	*src;
	size_t			 cap_problems;
	size_t			 cap_anchors;

	struct doc_pending_ref	*refs;
	size_t			 nrefs, cap_refs;

	/* Slugs in use: open addressing over heading indexes + 1. */
	uint32_t		*slugs;
	size_t			 nslots;	/* a power of two, or 0 */

	/* Per repeated slug, the last suffix given, so that N headings of
	   the same title cost N look-ups, not N squared. */
	struct doc_slug_dup	*dups;
	size_t			 ndups;
	size_t			 dupslots;	/* power of two, or 0 */

	/* Anchors that are not slugs: HTML ids and names, {#id} after a
	   heading's title. */
	struct doc_post_set	 anchors;
};

/* doc-post.c */

/*
 * Writes K in decimal at S (room for 21 bytes), without a NUL; returns
 * how many bytes. printf's work without printf's cost, for the walk's
 * note numbers and the slugs' suffixes.
 */
size_t	 doc_decimal(char *s, unsigned long k);

/* Adds a problem for --check; its text (labels) is made inert too. */
void	 doc_post_problem(struct doc_post *, uint32_t line, const char *fmt,
	    const char *arg);

/* Adds a problem that does not make --check fail: "warning: ..." */
void	 doc_post_warning(struct doc_post *, uint32_t line, const char *fmt,
	    const char *arg);

/* S with its %XX escapes decoded, to free; NULL when S has none. */
char	*doc_post_unescape(const char *s);

/* Records ANCHOR, set by HTML, as a target for links; ARG: the post. */
void	 doc_post_anchor(void *arg, const char *anchor);

/*
 * After the walk: gives the headings their slugs and the notes their
 * references and labels, reports what --check reports (and what
 * guard_text changed, from its REPORT), and sorts the problems by line.
 * For a DUMP, the notes' references and labels only: a dump reads
 * neither slugs nor anchors nor problems.
 */
void	 doc_post_finish(struct doc_post *,
	    const struct guard_report *report, int dump);

/* Frees the pass's tables, not the document. */
void	 doc_post_free(struct doc_post *);

/* doc-gfm.c */

/* Is list item N a task ("- [ ]", "- [x]")? */
int		 doc_gfm_is_task(struct cmark_node *);

/* A task item's box: open or checked, in UTF-8 or in ASCII. */
const char	*doc_gfm_task_box(struct cmark_node *);

/* Is block quote N an alert? Its kind; its marker leaves the tree. */
enum alert	 doc_gfm_alert(struct cmark_node *);

/* The word an alert of kind A shows as its label ("Note" ...). */
const char	*doc_gfm_alert_label(enum alert);

#endif
