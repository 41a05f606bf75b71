/*
 * front.c: the front matter as a table of keys and values (see front.h).
 * The lines between the fences are read once into an array; each row
 * takes a top-level line and the nested lines under it. The block's text
 * is the cells in order, one '\n' between two cells, in inert form.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/front.h"
#include "lectern/inert.h"
#include "lectern/util.h"

#define FRONT_MAX_ROWS	4096	/* rows; later lines join the last one */

/* A line between the fences. */
struct front_line {
	const char	*s;
	size_t		 len;		/* without its newline [bytes] */
	size_t		 indent;	/* leading blanks [bytes] */
};

/* The table being built. */
struct front_tab {
	struct buf	 text;
	struct cell	*cells;
	size_t		 ncells, cap;
};

/* The keys that fill the document's meta. */
static const struct {
	const char	*key;
	size_t		 off;		/* of the field in struct doc_meta */
} front_meta[] = {
	{ "title", offsetof(struct doc_meta, title) },
	{ "author", offsetof(struct doc_meta, author) },
	{ "date", offsetof(struct doc_meta, date) },
	{ "lastmod", offsetof(struct doc_meta, lastmod) },
	{ "license", offsetof(struct doc_meta, license) },
	{ "source", offsetof(struct doc_meta, source) },
};

/* Is L empty but for blanks? */
static int
front_blank(const struct front_line *l)
{
	return l->indent == l->len;
}

/* S[0..N) without the blanks at either end. */
static void
front_trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
	    (*s)[*n - 1] == '\r'))
		(*n)--;
}

/*
 * Is L a YAML "key: value" line? Sets the key and the value (either may
 * be quoted; the value may be empty).
 */
static int
front_yaml_key(const struct front_line *l, const char **k, size_t *klen,
    const char **v, size_t *vlen)
{
	const char *s = l->s, *end = l->s + l->len, *p, *q;

	if (l->indent > 0 || s == end || *s == '#' ||
	    (*s == '-' && (s + 1 == end || s[1] == ' ')))
		return 0;
	if (*s == '"' || *s == '\'') {
		if ((q = memchr(s + 1, *s, (size_t)(end - s - 1))) == NULL)
			return 0;
		*k = s + 1;
		*klen = (size_t)(q - s - 1);
		for (p = q + 1; p < end && (*p == ' ' || *p == '\t'); p++)
			;
		if (p == end || *p != ':')
			return 0;
	} else {
		for (p = s; p < end; p++)
			if (*p == ':' && (p + 1 == end || p[1] == ' ' ||
			    p[1] == '\t' || p[1] == '\r'))
				break;
		if (p == end)
			return 0;
		*k = s;
		*klen = (size_t)(p - s);
		front_trim(k, klen);
		if (*klen == 0)
			return 0;
	}
	*v = p + 1;
	*vlen = (size_t)(end - *v);
	front_trim(v, vlen);
	return 1;
}

/* Is L a TOML "key = value" line? Sets the key and the value. */
static int
front_toml_key(const struct front_line *l, const char **k, size_t *klen,
    const char **v, size_t *vlen)
{
	const char *s = l->s + l->indent, *end = l->s + l->len, *p;

	if (s == end || *s == '[' || *s == '#' || *s == '=')
		return 0;
	for (p = s; p < end && *p != '='; p++)
		if (*p != '"' && *p != '\'' && *p != '_' && *p != '-' &&
		    *p != '.' && *p != ' ' && *p != '\t' &&
		    !(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
		    !(*p >= '0' && *p <= '9'))
			return 0;
	if (p == end)
		return 0;
	*k = s;
	*klen = (size_t)(p - s);
	front_trim(k, klen);
	if (*klen >= 2 && (**k == '"' || **k == '\'') &&
	    (*k)[*klen - 1] == **k) {
		(*k)++;
		*klen -= 2;
	}
	*v = p + 1;
	*vlen = (size_t)(end - *v);
	front_trim(v, vlen);
	return *klen > 0;
}

/* Is V a YAML block scalar's indicator ("|", ">-", "|2" ...)? */
static int
front_block_scalar(const char *v, size_t n)
{
	size_t i;

	if (n == 0 || (*v != '|' && *v != '>'))
		return 0;
	for (i = 1; i < n; i++)
		if (v[i] != '-' && v[i] != '+' && !(v[i] >= '1' &&
		    v[i] <= '9'))
			return 0;
	return 1;
}

/* Appends scalar V[0..N) to B without its quotes and their escapes. */
static void
front_unquote(struct buf *b, const char *v, size_t n)
{
	struct buf raw = { 0 };
	size_t i;
	char q;

	if (n < 2 || (*v != '"' && *v != '\'') || v[n - 1] != *v) {
		inert_buf(b, v, n, 0);
		return;
	}
	q = *v;
	for (i = 1; i + 1 < n; i++) {
		if (q == '"' && v[i] == '\\' && i + 2 < n &&
		    (v[i + 1] == '"' || v[i + 1] == '\\'))
			i++;
		else if (q == '\'' && v[i] == '\'' && i + 2 < n &&
		    v[i + 1] == '\'')
			i++;
		buf_addc(&raw, v[i]);
	}
	if (raw.len > 0)
		inert_buf(b, raw.data, raw.len, 0);
	buf_free(&raw);
}

/* Starts a cell of T at the end of its text. */
static struct cell *
front_cell(struct front_tab *t)
{
	struct cell *c;

	if (t->ncells > 0)
		buf_addc(&t->text, '\n');
	c = ARRAY_PUSH(t->cells, t->ncells, t->cap);
	c->off = (uint32_t)t->text.len;
	c->len = 0;
	c->run0 = 0;
	c->nruns = 0;
	return c;
}

/*
 * Adds a row: key K (NULL: none) and value V, then the nested lines
 * [A, B) as they are written, less their common indent.
 */
static void
front_row(struct front_tab *t, const char *k, size_t klen, const char *v,
    size_t vlen, const struct front_line *a, const struct front_line *b)
{
	const struct front_line *l;
	struct cell *c;
	size_t ind = SIZE_MAX, start;
	int first = 1;

	c = front_cell(t);
	if (k != NULL)
		inert_buf(&t->text, k, klen, 0);
	c->len = (uint32_t)(t->text.len - c->off);
	c = front_cell(t);
	start = t->text.len;
	if (a == b && k == NULL)
		inert_buf(&t->text, v, vlen, 0);
	else if (a == b)
		front_unquote(&t->text, v, vlen);
	else if (vlen > 0 && !front_block_scalar(v, vlen)) {
		inert_buf(&t->text, v, vlen, 0);
		first = 0;
	}
	for (l = a; l < b; l++)
		if (!front_blank(l) && l->indent < ind)
			ind = l->indent;
	for (l = a; l < b; l++) {
		if (front_blank(l))
			continue;
		if (!first)
			buf_addc(&t->text, '\n');
		first = 0;
		inert_buf(&t->text, l->s + ind, l->len - ind, 0);
	}
	c = &t->cells[t->ncells - 1];
	c->off = (uint32_t)start;
	c->len = (uint32_t)(t->text.len - start);
}

/* Fills the meta of D from the rows of T that hold a key it keeps. */
static void
front_fill_meta(struct doc *d, const struct front_tab *t)
{
	const char *text = t->text.data;
	const struct cell *k, *v;
	size_t i, j;

	for (i = 0; i + 1 < t->ncells; i += 2) {
		k = &t->cells[i];
		v = &t->cells[i + 1];
		if (text == NULL || (v->len > 0 &&
		    memchr(text + v->off, '\n', v->len) != NULL))
			continue;
		for (j = 0; j < sizeof(front_meta) / sizeof(front_meta[0]);
		    j++)
			if (k->len == strlen(front_meta[j].key) &&
			    memcmp(text + k->off, front_meta[j].key,
			    k->len) == 0)
				*(const char **)((char *)&d->meta +
				    front_meta[j].off) = arena_strndup(d->arena,
				    text + v->off, v->len);
	}
}

/* Reads the rows of lines L[0..N) of KIND ('-': YAML, '+': TOML). */
static void
front_rows(struct front_tab *t, const struct front_line *l, size_t n,
    int kind)
{
	const char *k, *v;
	size_t i, j, klen, vlen;
	int key;

	for (i = 0; i < n; i = j) {
		j = i + 1;
		if (front_blank(&l[i]))
			continue;
		key = kind == '-' ? front_yaml_key(&l[i], &k, &klen, &v,
		    &vlen) : front_toml_key(&l[i], &k, &klen, &v, &vlen);
		if (!key || t->ncells >= FRONT_MAX_ROWS * 2) {
			if (t->ncells >= FRONT_MAX_ROWS * 2) {
				/* Too many rows: the rest is the last one's. */
				front_row(t, NULL, 0, "", 0, &l[i], &l[n]);
				return;
			}
			v = l[i].s;
			vlen = l[i].len;
			front_trim(&v, &vlen);
			front_row(t, NULL, 0, v, vlen, NULL, NULL);
			continue;
		}
		/* The lines nested under the key. */
		if (kind == '-')
			while (j < n && (front_blank(&l[j]) || l[j].indent >
			    0 || (vlen == 0 && l[j].s[0] == '-')))
				j++;
		else
			while (j < n && !front_blank(&l[j]) &&
			    l[j].s[l[j].indent] != '[' &&
			    !front_toml_key(&l[j], &k, &klen, &v, &vlen))
				j++;
		if (kind == '+')	/* the key again: the loop reset it */
			front_toml_key(&l[i], &k, &klen, &v, &vlen);
		while (j > i + 1 && front_blank(&l[j - 1]))
			j--;
		front_row(t, k, klen, v, vlen, &l[i + 1], &l[j]);
	}
}

size_t
front_parse(struct doc *d, size_t *cap, const char *s, size_t n,
    uint32_t *lines)
{
	struct front_tab t;
	struct front_line *l = NULL;
	struct block *b;
	const char *p, *eol, *end = s + n, *close;
	size_t nl = 0, capl = 0, i;
	int kind;

	if (n < 4 || (strncmp(s, "---\n", 4) != 0 &&
	    strncmp(s, "+++\n", 4) != 0))
		return 0;
	kind = s[0];
	/* Find the closing line first: no closing line, no front matter. */
	for (p = s + 4; p < end; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (eol - p == 3 && (strncmp(p, kind == '-' ? "---" : "+++",
		    3) == 0 || (kind == '-' && strncmp(p, "...", 3) == 0)))
			break;
		if (eol == end)
			return 0;
	}
	if (p >= end)
		return 0;
	close = p;
	for (p = s + 4; p < close; p = eol + 1) {
		struct front_line *fl = ARRAY_PUSH(l, nl, capl);

		eol = memchr(p, '\n', (size_t)(close - p));
		fl->s = p;
		fl->len = (size_t)(eol - p);
		if (fl->len > 0 && p[fl->len - 1] == '\r')
			fl->len--;
		for (fl->indent = 0; fl->indent < fl->len &&
		    (p[fl->indent] == ' ' || p[fl->indent] == '\t');
		    fl->indent++)
			;
	}
	*lines = (uint32_t)nl + 2;

	memset(&t, 0, sizeof(t));
	front_rows(&t, l, nl, kind);
	if (t.ncells > 0) {
		front_fill_meta(d, &t);
		b = ARRAY_PUSH(d->blocks, d->nblocks, *cap);
		memset(b, 0, sizeof(*b));
		b->type = BLK_FRONT;
		b->note = -1;
		b->section = -1;
		b->info = "";
		b->src_line = 1;
		b->len = (uint32_t)t.text.len;
		b->text = arena_strndup(d->arena, t.text.data ?
		    t.text.data : "", t.text.len);
		if (b->len > 0) {
			b->runs = arena_alloc(d->arena, sizeof(*b->runs));
			b->runs[0].off = 0;
			b->runs[0].len = b->len;
			b->runs[0].style = 0;
			b->runs[0].target = -1;
			b->nruns = 1;
		}
		b->ncols = 2;
		b->nrows = (uint16_t)(t.ncells / 2);
		b->cells = arena_alloc(d->arena, t.ncells * sizeof(*b->cells));
		for (i = 0; i < t.ncells; i++) {
			b->cells[i] = t.cells[i];
			b->cells[i].nruns = t.cells[i].len > 0;
		}
	}
	buf_free(&t.text);
	free(t.cells);
	free(l);
	eol = memchr(close, '\n', (size_t)(end - close));
	return eol ? (size_t)(eol + 1 - s) : n;
}
