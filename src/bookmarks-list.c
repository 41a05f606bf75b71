/*
 * bookmarks-list.c: the library, the documents the bookmark file
 * remembers, most recently read first. The reader's library screen and
 * lectern --library both start from this list; each item is a copy, so
 * that it outlives changes to the store.
 *
 * lectern --library prints one line a document, fields separated by a
 * tab: the time it was last read in UTC (ISO 8601, 2026-12-06T10:52:22Z),
 * how far it was read in per cent with two decimals ("-" when only its
 * marks are kept), its title or else its file name, and its key. The
 * title and the key are in the inert form of messages, in which a tab
 * or a newline is a space, so that a line is always four fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lectern/bookmarks.h"
#include "lectern/inert.h"
#include "lectern/util.h"

/* An entry of the store and its place in file order, for sorting. */
struct bookmarks_list_ref {
	const struct bm_doc	*d;
	size_t			 i;
};

/* Orders the most recently read first, then in file order. */
static int
bookmarks_list_cmp(const void *a, const void *b)
{
	const struct bookmarks_list_ref *x = a, *y = b;

	if (x->d->time != y->d->time)
		return x->d->time > y->d->time ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* See bookmarks.h. */
struct bm_item *
bookmarks_list_new(const struct bm_store *st, size_t *n)
{
	struct bookmarks_list_ref *r;
	struct bm_item *v;
	size_t i, k = bookmarks_count(st);

	*n = k;
	if (k == 0)
		return NULL;
	r = xreallocarray(NULL, k, sizeof(*r));
	for (i = 0; i < k; i++) {
		r[i].d = bookmarks_nth(st, i);
		r[i].i = i;
	}
	qsort(r, k, sizeof(*r), bookmarks_list_cmp);
	v = xcalloc(k, sizeof(*v));
	for (i = 0; i < k; i++) {
		v[i].key = xstrdup(r[i].d->key);
		v[i].title = r[i].d->title ? xstrdup(r[i].d->title) : NULL;
		v[i].time = r[i].d->time;
		v[i].pct = r[i].d->pos.set ? (int32_t)r[i].d->pos.pct : -1;
	}
	free(r);
	return v;
}

/* See bookmarks.h. */
void
bookmarks_list_free(struct bm_item *v, size_t n)
{
	size_t i;

	for (i = 0; i < n && v != NULL; i++) {
		free(v[i].key);
		free(v[i].title);
	}
	free(v);
}

/* See bookmarks.h. */
const char *
bookmarks_list_name(const struct bm_item *it)
{
	const char *s;

	if (it->title != NULL && it->title[0] != '\0')
		return it->title;
	if ((s = strrchr(it->key, '/')) != NULL && s[1] != '\0')
		return s + 1;
	if ((s = strchr(it->key, ':')) != NULL && s[1] != '\0')
		return s + 1;
	return it->key;
}

/* Appends the inert form of S to B, as --library prints it. */
static void
bookmarks_list_field(struct buf *b, const char *s)
{
	buf_addc(b, '\t');
	inert_buf(b, s, strlen(s), inert_msg_flags());
}

/* See bookmarks.h. */
int
bookmarks_list_print(FILE *f, const struct bm_item *v, size_t n)
{
	struct buf b = { 0 };
	char when[32];
	struct tm tm;
	time_t t;
	size_t i;

	for (i = 0; i < n; i++) {
		b.len = 0;
		t = (time_t)v[i].time;
		if (gmtime_r(&t, &tm) == NULL || strftime(when, sizeof(when),
		    "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
			snprintf(when, sizeof(when), "%lld",
			    (long long)v[i].time);
		buf_adds(&b, when);
		if (v[i].pct < 0)
			buf_adds(&b, "\t-");
		else
			buf_printf(&b, "\t%d.%02d", v[i].pct / 100,
			    v[i].pct % 100);
		bookmarks_list_field(&b, bookmarks_list_name(&v[i]));
		bookmarks_list_field(&b, v[i].key);
		buf_addc(&b, '\n');
		if (fwrite(b.data, 1, b.len, f) != b.len)
			break;
	}
	buf_free(&b);
	return i == n ? 0 : -1;
}
