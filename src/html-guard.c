/*
 * html-guard.c: keeps a block of raw HTML within bounds before gumbo
 * reads it (see html-guard.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "lectern/compat.h"
#include "lectern/html-guard.h"
#include "lectern/util.h"

/* The scan: the copy made so far, the elements open, the pieces. */
struct html_guard {
	const char	*end;		/* of the input */
	struct buf	*out;
	uint32_t	 open[HTML_GUARD_DEPTH];	/* names, hashed */
	size_t		 nopen;
	size_t		 tags;		/* in the piece so far */
	size_t		 lts;		/* '<' in the piece so far */
	size_t		*cuts;
	size_t		 ncuts, cap_cuts;
	int		 left_out;	/* something was left out */
};

/* Is C white space between a tag's attributes? */
static int
html_guard_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Is C an ASCII letter? */
static int
html_guard_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Reads a tag name at P; sets *HASH to its hash, letters folded. */
static const char *
html_guard_name(struct html_guard *g, const char *p, uint32_t *hash)
{
	uint32_t h = 2166136261u;
	char c;

	while (p < g->end && !html_guard_space(*p) && *p != '/' && *p != '>') {
		c = *p++;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		h = (h ^ (unsigned char)c) * 16777619u;
	}
	*hash = h;
	return p;
}

/* Is the element named by the N bytes at S one that has no content? */
static int
html_guard_void(const char *s, size_t n)
{
	switch (gumbo_tagn_enum(s, (unsigned int)n)) {
	case GUMBO_TAG_AREA:
	case GUMBO_TAG_BASE:
	case GUMBO_TAG_BR:
	case GUMBO_TAG_COL:
	case GUMBO_TAG_EMBED:
	case GUMBO_TAG_HR:
	case GUMBO_TAG_IMG:
	case GUMBO_TAG_IMAGE:
	case GUMBO_TAG_INPUT:
	case GUMBO_TAG_KEYGEN:
	case GUMBO_TAG_LINK:
	case GUMBO_TAG_META:
	case GUMBO_TAG_PARAM:
	case GUMBO_TAG_SOURCE:
	case GUMBO_TAG_TRACK:
	case GUMBO_TAG_WBR:
		return 1;
	default:
		return 0;
	}
}

/*
 * Reads the attributes of a start tag from P to the tag's end; sets
 * *KEEP to where the attributes past HTML_GUARD_ATTRS start (the tag's
 * end when there are none). Returns the tag's end, after its '>'.
 */
static const char *
html_guard_attrs(struct html_guard *g, const char *p, const char **keep)
{
	const char *q;
	size_t nattrs = 0;

	*keep = NULL;
	for (;;) {
		while (p < g->end && (html_guard_space(*p) || *p == '/'))
			p++;
		if (p >= g->end || *p == '>')
			break;
		if (++nattrs > HTML_GUARD_ATTRS && *keep == NULL)
			*keep = p;
		/* The name, then "= value" if there is one. */
		for (p++; p < g->end && !html_guard_space(*p) && *p != '/' &&
		    *p != '>' && *p != '='; p++)
			;
		while (p < g->end && html_guard_space(*p))
			p++;
		if (p >= g->end || *p != '=')
			continue;
		for (p++; p < g->end && html_guard_space(*p); p++)
			;
		if (p < g->end && (*p == '"' || *p == '\'')) {
			q = memchr(p + 1, *p, (size_t)(g->end - p - 1));
			p = q ? q + 1 : g->end;
		} else
			while (p < g->end && !html_guard_space(*p) && *p != '>')
				p++;
	}
	if (*keep == NULL)
		*keep = p;
	return p < g->end ? p + 1 : p;
}

/* The end of a comment that starts at P ("<!--"), after its "-->". */
static const char *
html_guard_comment(struct html_guard *g, const char *p)
{
	const char *q = p + 4;

	/* "<!-->" and "<!--->" are whole comments. */
	if (q < g->end && *q == '>')
		return q + 1;
	if (g->end - q >= 2 && q[0] == '-' && q[1] == '>')
		return q + 2;
	while ((q = compat_memmem(q, (size_t)(g->end - q), "--", 2)) != NULL) {
		q += 2;
		if (q < g->end && *q == '>')
			return q + 1;
		if (g->end - q >= 2 && q[0] == '!' && q[1] == '>')
			return q + 2;
		q--;
	}
	return g->end;
}

/* Ends the piece at the copy's end. */
static void
html_guard_cut(struct html_guard *g)
{
	size_t *c;

	if (g->out->len == 0 ||
	    (g->ncuts > 0 && g->cuts[g->ncuts - 1] == g->out->len))
		return;
	c = ARRAY_PUSH(g->cuts, g->ncuts, g->cap_cuts);
	*c = g->out->len;
	g->tags = g->lts = 0;
	g->nopen = 0;
}

/* An end tag whose name hashes to H: closes it and what it holds. */
static void
html_guard_close(struct html_guard *g, uint32_t h)
{
	size_t i;

	for (i = g->nopen; i > 0; i--)
		if (g->open[i - 1] == h) {
			g->nopen = i - 1;
			return;
		}
}

/*
 * A start tag from LT (its '<') to END, its name the N bytes at NAME
 * hashing to H, attributes past the limit from KEEP: copied, cut short
 * or left out.
 */
static void
html_guard_start(struct html_guard *g, const char *lt, const char *end,
    const char *name, size_t n, uint32_t h, const char *keep)
{
	if (html_guard_void(name, n)) {
		/* Nothing to open. */
	} else if (g->nopen < HTML_GUARD_DEPTH)
		g->open[g->nopen++] = h;
	else {
		g->left_out = 1;
		return;
	}
	if (keep < end && *keep != '>') {
		g->left_out = 1;
		buf_add(g->out, lt, (size_t)(keep - lt));
		buf_addc(g->out, '>');
	} else
		buf_add(g->out, lt, (size_t)(end - lt));
}

int
html_guard(const char *s, size_t n, struct buf *out, size_t **cuts,
    size_t *ncuts)
{
	struct html_guard g;
	const char *p = s, *lt, *name, *q, *keep;
	uint32_t h;

	memset(&g, 0, sizeof(g));
	g.end = s + n;
	g.out = out;
	while (p < g.end) {
		lt = memchr(p, '<', (size_t)(g.end - p));
		if (lt == NULL)
			lt = g.end;
		buf_add(out, p, (size_t)(lt - p));
		if (lt == g.end)
			break;
		if (++g.lts > HTML_GUARD_CUT)
			html_guard_cut(&g);
		p = lt + 1;
		if (g.end - lt >= 4 && memcmp(lt, "<!--", 4) == 0)
			p = html_guard_comment(&g, lt);
		else if (p < g.end && (*p == '!' || *p == '?' ||
		    (*p == '/' && g.end - p >= 2 && html_guard_alpha(p[1])))) {
			/* An end tag, a declaration, a bogus comment. */
			if (*p == '/') {
				html_guard_name(&g, p + 1, &h);
				html_guard_close(&g, h);
				g.tags++;
			}
			q = memchr(p, '>', (size_t)(g.end - p));
			p = q ? q + 1 : g.end;
		} else if (p < g.end && html_guard_alpha(*p)) {
			if (g.nopen == 0 && g.tags >= HTML_GUARD_TAGS)
				html_guard_cut(&g);
			g.tags++;
			name = p;
			p = html_guard_name(&g, p, &h);
			q = html_guard_attrs(&g, p, &keep);
			html_guard_start(&g, lt, q, name, (size_t)(p - name), h,
			    keep);
			p = q;
			continue;
		}
		buf_add(out, lt, (size_t)(p - lt));
	}
	if (out->data == NULL)
		buf_add(out, "", 0);
	html_guard_cut(&g);
	*cuts = g.cuts;
	*ncuts = g.ncuts;
	return g.left_out;
}
