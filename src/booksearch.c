/*
 * booksearch.c: one pattern searched across the documents of a book, the
 * shown one at once and the rest in a thread (see booksearch.h).
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/book.h"
#include "lectern/booksearch.h"
#include "lectern/doc.h"
#include "lectern/load.h"
#include "lectern/search.h"
#include "lectern/util.h"

#define BOOKSEARCH_BEFORE	24	/* text kept before a match [bytes] */
#define BOOKSEARCH_AFTER	60	/* and after it [bytes] */

struct booksearch {
	const struct book *bk;
	long		*order;		/* entries to search, in order */
	size_t		 norder;
	char		*pattern;
	int		 flags;
	size_t		 max_size;	/* [bytes] */
	pthread_t	 thread;
	int		 started;	/* the thread runs or has run */

	pthread_mutex_t	 lock;		/* over what follows */
	struct booksearch_doc **docs;	/* published, norder + 1 at most */
	size_t		 ndocs;
	size_t		 scanned;
	size_t		 nhits;
	uint64_t	 bytes;
	int		 done;
	int		 cut;
	int		 stop;		/* asked to stop */
};

/* Appends the NUL-terminated string of LEN bytes at P to B, newlines as
   spaces; returns its offset. */
static uint32_t
booksearch_str(struct buf *b, const char *p, size_t len)
{
	uint32_t at = (uint32_t)b->len;
	size_t i;

	for (i = 0; i < len; i++)
		buf_addc(b, p[i] == '\n' || p[i] == '\t' ? ' ' : p[i]);
	buf_addc(b, '\0');
	return at;
}

/*
 * Searches D, entry ENTRY, with S, keeping at most ROOM matches: a new
 * document of results (NULL when none), *BYTES its text's length, *CUT
 * set when matches were left out.
 */
static struct booksearch_doc *
booksearch_scan(struct search *s, long entry, const struct doc *d,
    size_t room, uint64_t *bytes, int *cut)
{
	struct booksearch_doc *r;
	struct booksearch_hit *h;
	struct match *m;
	const struct block *bl;
	struct buf b = { NULL, 0, 0 };
	char note[32];
	size_t n, i, from, to;
	int32_t sec = -2;
	uint32_t where = 0;

	*bytes = 0;
	for (i = 0; i < d->nblocks; i++)
		*bytes += d->blocks[i].len;
	*cut = search_all(s, d, &m, &n);
	if (n > room) {
		n = room;
		*cut = 1;
	}
	if (n == 0) {
		free(m);
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->entry = entry;
	r->hits = xreallocarray(NULL, n, sizeof(*r->hits));
	r->n = n;
	for (i = 0; i < n; i++) {
		h = &r->hits[i];
		bl = &d->blocks[m[i].block];
		h->block = m[i].block;
		h->off = m[i].off;
		h->len = m[i].len;
		/* Matches of one section share its title. */
		if (bl->note >= 0) {
			snprintf(note, sizeof(note), "note [%u]",
			    d->notes[bl->note].number);
			where = booksearch_str(&b, note, strlen(note));
			sec = -2;
		} else if (bl->section != sec || i == 0) {
			sec = bl->section;
			where = sec >= 0 ? booksearch_str(&b,
			    d->headings[sec].title,
			    strlen(d->headings[sec].title)) :
			    booksearch_str(&b, "", 0);
		}
		h->where = where;
		from = h->off > BOOKSEARCH_BEFORE ?
		    h->off - BOOKSEARCH_BEFORE : 0;
		while (from > 0 && (bl->text[from] & 0xc0) == 0x80)
			from++;
		to = (size_t)h->off + h->len + BOOKSEARCH_AFTER < bl->len ?
		    (size_t)h->off + h->len + BOOKSEARCH_AFTER : bl->len;
		while (to < bl->len && (bl->text[to] & 0xc0) == 0x80)
			to++;
		h->text = booksearch_str(&b, bl->text + from, to - from);
	}
	free(m);
	r->strings = b.data;
	return r;
}

/* Publishes R (may be NULL) and counts a document searched. */
static void
booksearch_publish(struct booksearch *bs, struct booksearch_doc *r,
    uint64_t bytes, int cut)
{
	pthread_mutex_lock(&bs->lock);
	if (r != NULL) {
		bs->docs[bs->ndocs++] = r;
		bs->nhits += r->n;
	}
	bs->scanned++;
	bs->bytes += bytes;
	if (cut)
		bs->cut = 1;
	pthread_mutex_unlock(&bs->lock);
}

/* Frees R. */
static void
booksearch_doc_free(struct booksearch_doc *r)
{
	if (r == NULL)
		return;
	free(r->hits);
	free(r->strings);
	free(r);
}

/* The thread: every other document in turn, loaded, searched, freed. */
static void *
booksearch_run(void *arg)
{
	struct booksearch *bs = arg;
	struct load_opts lo;
	struct load *l;
	struct search *s;
	struct booksearch_doc *r;
	char err[256];
	uint64_t bytes;
	size_t i, room;
	int cut, stop;

	s = search_new(bs->pattern, bs->flags, err, sizeof(err));
	for (i = 0; s != NULL && i < bs->norder; i++) {
		pthread_mutex_lock(&bs->lock);
		stop = bs->stop || bs->cut;
		room = SEARCH_MAX - bs->nhits;
		pthread_mutex_unlock(&bs->lock);
		if (stop)
			break;
		memset(&lo, 0, sizeof(lo));
		lo.max_size = bs->max_size;
		lo.whole = 1;
		r = NULL;
		bytes = 0;
		cut = 0;
		/* A document that cannot be read has no match. */
		if (load_open(bs->bk->v[bs->order[i]].path, &lo, &l, err,
		    sizeof(err)) == DECODE_OK) {
			r = booksearch_scan(s, bs->order[i], load_doc(l), room,
			    &bytes, &cut);
			load_free(l);
		}
		booksearch_publish(bs, r, bytes, cut);
	}
	search_free(s);
	pthread_mutex_lock(&bs->lock);
	bs->done = 1;
	pthread_mutex_unlock(&bs->lock);
	return NULL;
}

/* See booksearch.h. */
struct booksearch *
booksearch_start(const struct book *bk, long from, const struct doc *doc,
    const char *pattern, int flags, size_t max_size)
{
	struct booksearch *bs;
	struct search *s;
	struct booksearch_doc *r;
	sigset_t all, old;
	char err[256];
	uint64_t bytes;
	size_t k;
	long e;
	int cut;

	if ((s = search_new(pattern, flags, err, sizeof(err))) == NULL)
		return NULL;
	bs = xcalloc(1, sizeof(*bs));
	bs->bk = bk;
	bs->pattern = xstrdup(pattern);
	bs->flags = flags;
	bs->max_size = max_size;
	pthread_mutex_init(&bs->lock, NULL);
	/* From the one after FROM to the end, then from the first on. */
	bs->order = xreallocarray(NULL, bk->n + 1, sizeof(*bs->order));
	for (k = 0, e = from; k < bk->n; k++) {
		e = book_next(bk, e, 1);
		if (e < 0)
			e = book_next(bk, -1, 1);
		if (e < 0 || e == from)
			break;
		bs->order[bs->norder++] = e;
	}
	bs->docs = xreallocarray(NULL, bs->norder + 1, sizeof(*bs->docs));
	r = booksearch_scan(s, from, doc, SEARCH_MAX, &bytes, &cut);
	search_free(s);
	booksearch_publish(bs, r, bytes, cut);
	/* The thread takes no signals: they go to the reader. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	if (pthread_create(&bs->thread, NULL, booksearch_run, bs) == 0)
		bs->started = 1;
	else
		bs->done = 1;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return bs;
}

/* See booksearch.h. */
void
booksearch_poll(struct booksearch *bs, struct booksearch_state *st)
{
	pthread_mutex_lock(&bs->lock);
	st->scanned = bs->scanned;
	st->total = bs->norder + 1;
	st->ndocs = bs->ndocs;
	st->nhits = bs->nhits;
	st->bytes = bs->bytes;
	st->done = bs->done;
	st->cut = bs->cut;
	pthread_mutex_unlock(&bs->lock);
}

/* See booksearch.h. */
const struct booksearch_doc *
booksearch_doc(const struct booksearch *bs, size_t i)
{
	return bs->docs[i];
}

/* See booksearch.h. */
void
booksearch_wait(struct booksearch *bs)
{
	if (bs->started) {
		pthread_join(bs->thread, NULL);
		bs->started = 0;
	}
}

/* See booksearch.h. */
void
booksearch_stop(struct booksearch *bs)
{
	pthread_mutex_lock(&bs->lock);
	bs->stop = 1;
	pthread_mutex_unlock(&bs->lock);
	booksearch_wait(bs);
}

/* See booksearch.h. */
void
booksearch_free(struct booksearch *bs)
{
	size_t i;

	if (bs == NULL)
		return;
	booksearch_stop(bs);
	for (i = 0; i < bs->ndocs; i++)
		booksearch_doc_free(bs->docs[i]);
	free(bs->docs);
	free(bs->order);
	free(bs->pattern);
	pthread_mutex_destroy(&bs->lock);
	free(bs);
}
