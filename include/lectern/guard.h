/*
 * guard.c: keeps hostile Markdown from making the parser slow or huge.
 *
 * libcmark-gfm 0.29.0.gfm.6 (the version Debian 12 ships) takes
 * quadratic time on some shapes of input that later releases fixed
 * (CVE-2023-22483, CVE-2023-22486, CVE-2023-24824, CVE-2023-37463).
 * guard_text rewrites the source before parsing so that each shape stays
 * linear: past a limit that real documents do not reach, the characters
 * that feed a slow path are backslash-escaped, which shows them as they
 * are. Lines are never added or removed, so source line numbers stay
 * right.
 *
 * guard_find_links stands in for the autolink extension, whose scanner is
 * quadratic on three of those shapes: it finds bare URLs (www., http://,
 * https://, ftp://) and e-mail addresses in one linear pass.
 */
#ifndef LECTERN_GUARD_H
#define LECTERN_GUARD_H

#include <stddef.h>
#include <stdint.h>

#define GUARD_MAX_NEST		32	/* block quotes, list items and
					   footnotes open [levels] */
#define GUARD_MAX_COLUMNS	64	/* table columns; more '|' escaped */
#define GUARD_TABLE_LEAD	64	/* lines of a paragraph before a
					   delimiter row may still start a
					   table [lines] */
#define GUARD_TABLE_TRIES	8	/* delimiter rows a paragraph may have */
#define GUARD_TABLE_FILL	65536	/* cells a table may fill in beyond
					   its own bytes [cells] */
#define GUARD_MAX_BRACKETS	1000	/* '[' in a paragraph */
#define GUARD_MAX_DELIMS	2000	/* runs of '*' or '_' in a paragraph */
#define GUARD_MAX_TILDES	128	/* runs of '~' in a paragraph */
#define GUARD_MAX_MARKUP	64	/* "<?" and "<!" in a paragraph */
#define GUARD_MAX_REFDEST	1024	/* link definition's URL [bytes] */
#define GUARD_MAX_REFTITLE	256	/* link definition's title [bytes] */

enum guard_limit {
	GUARD_NEST,
	GUARD_COLUMNS,
	GUARD_TABLE,
	GUARD_BRACKETS,
	GUARD_DELIMS,
	GUARD_TILDES,
	GUARD_MARKUP,
	GUARD_REFDEF,
	GUARD_NLIMITS
};

/* What guard_text changed. */
struct guard_report {
	uint32_t	 count[GUARD_NLIMITS];	/* places changed */
	uint32_t	 line[GUARD_NLIMITS];	/* first such line [1-based] */
};

/*
 * Checks LEN bytes of Markdown at TEXT. Returns NULL when they are within
 * every limit; otherwise a new NUL-terminated text, its length in
 * *OUTLEN, for the caller to free. REP (may be NULL) is filled either way.
 */
char		*guard_text(const char *text, size_t len, size_t *outlen,
		    struct guard_report *rep);

/* One line saying what limit L does, for --check. */
const char	*guard_message(enum guard_limit l);

/* A bare URL or e-mail address in a text. */
struct guard_link {
	size_t		 off, len;	/* in the text [bytes] */
	const char	*scheme;	/* put before the text in the URL */
};

/*
 * Finds the bare URLs and e-mail addresses in N bytes at S, in one
 * linear pass. *OUT is a new array (NULL when none) that the caller
 * frees; returns its length.
 */
size_t		 guard_find_links(const char *s, size_t n,
		    struct guard_link **out);

#endif
