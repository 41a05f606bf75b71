/*
 * dump.c: the plain-text device. Lines from layout are printed segment by
 * segment at their columns; with colour, each style becomes an SGR
 * sequence. Document text has no control characters left (doc.c made them
 * inert), so the only escape sequences written are lectern's own.
 * Where the locale's character set is not UTF-8, characters beyond ASCII
 * are written as '?' (dump_write).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/dump.h"
#include "lectern/dump-links.h"
#include "lectern/inert.h"
#include "lectern/layout.h"
#include "lectern/util.h"

/* Shown where a code line is cut at the width: layout folds code lines
   at the width, so only where a single cluster is wider than the room. */
#define DUMP_CUT	">"

/*
 * Writes N bytes of UTF-8 at S to F. In a locale whose character set is
 * not UTF-8, each character beyond ASCII becomes '?' padded with spaces
 * to its width, and the first one brings a one-line hint on stderr.
 * Returns -1 on a write error.
 */
static int
dump_write(FILE *f, const char *s, size_t n, int amb)
{
	static int hinted;
	const char *p = s, *end = s + n, *run = s;
	size_t k;
	int w;

	if (inert_utf8())
		return fwrite(s, 1, n, f) == n ? 0 : -1;
	while (p < end) {
		if ((unsigned char)*p < 0x80) {
			p++;
			continue;
		}
		if (fwrite(run, 1, (size_t)(p - run), f) != (size_t)(p - run))
			return -1;
		k = utf8_len(p, (size_t)(end - p));
		/* Padding, but no trailing blank. */
		if ((w = layout_width(p, k, amb)) > 0)
			fprintf(f, "?%*s", p + k == end || p[k] == '\n' ? 0 :
			    w - 1, "");
		p += k;
		run = p;
		if (!hinted) {
			hinted = 1;
			fprintf(stderr, "%s: %s\n", progname,
			    inert_locale_hint());
		}
	}
	return fwrite(run, 1, (size_t)(end - run), f) ==
	    (size_t)(end - run) ? 0 : -1;
}

/* SGR colours of the alerts, in the order of enum alert. */
static const char *const dump_alert_sgr[] = {
	"", ";34", ";32", ";35", ";33", ";31"
};

/*
 * The SGR parameters for STYLE on line kind KIND, or "" for none; on a
 * line of alert ALERT, its label and bars in the alert's colour.
 */
static void
dump_sgr(struct buf *b, uint16_t style, int kind, int level, int alert)
{
	size_t start = b->len;
	int bar = (style & (ST_DECOR | ST_QUOTE)) == (ST_DECOR | ST_QUOTE);

	buf_adds(b, "\033[0");
	if (kind == LINE_HEADING || (style & ST_HEADING))
		buf_adds(b, level <= 2 ? ";1;36" : ";1");
	if (style & ST_STRONG)
		buf_adds(b, ";1");
	if (style & ST_EMPH)
		buf_adds(b, ";3");
	if (style & (ST_CODE | ST_CODEBLOCK))
		buf_adds(b, ";33");
	if (style & ST_LINK)
		buf_adds(b, ";4;34");
	if (style & ST_NOTEREF)
		buf_adds(b, ";1;35");
	if (style & ST_LINKNUM)
		buf_adds(b, ";34");
	if (style & ST_STRIKE)
		buf_adds(b, ";9");
	if (style & ST_CONTROL)
		buf_adds(b, ";7");
	if (alert > ALERT_NONE && alert <= ALERT_CAUTION &&
	    (bar || (style & ST_ALERT)))
		buf_adds(b, dump_alert_sgr[alert]);
	else if (style & (ST_DECOR | ST_QUOTE))
		buf_adds(b, ";2");
	if (style & ST_TABLEHEAD)
		buf_adds(b, ";1");
	if (b->len == start + 3)	/* plain: just the reset */
		b->len = start;
	else
		buf_addc(b, 'm');
}

/*
 * Appends the bytes of SEG that fit in LIMIT columns starting at column
 * COL; returns the columns written. Wide characters are never cut.
 */
static int
dump_clip(struct buf *b, const struct seg *s, int col, int limit, int amb)
{
	const char *p = s->text, *end = s->text + s->len;
	int w = 0, cw;
	size_t n;

	if (col + s->width <= limit) {
		buf_add(b, s->text, s->len);
		return s->width;
	}
	while (p < end) {
		n = utf8_len(p, (size_t)(end - p));
		cw = layout_width(p, n, amb);
		if (col + w + cw > limit)
			break;
		buf_add(b, p, n);
		w += cw;
		p += n;
	}
	return w;
}

/* Prints one line of L into B. */
static void
dump_line(struct buf *b, const struct layout *l, const struct line *ln,
    const struct dump_opts *o)
{
	int col = 0, limit = o->width, cut = 0;
	uint16_t i;

	if (ln->kind == LINE_CODE && ln->cols > o->width) {
		limit = o->width > 1 ? o->width - 1 : o->width;
		cut = 1;
	}
	for (i = 0; i < ln->nsegs; i++) {
		const struct seg *s = &l->segs[ln->seg0 + i];

		if (s->col >= limit)
			break;
		while (col < s->col) {
			buf_addc(b, ' ');
			col++;
		}
		if (o->color)
			dump_sgr(b, s->style, ln->kind, ln->level, ln->alert);
		col += dump_clip(b, s, col, limit, o->ambiguous_wide);
		if (o->color)
			buf_adds(b, "\033[0m");
	}
	if (cut && o->width > 1) {
		while (col < limit) {
			buf_addc(b, ' ');
			col++;
		}
		if (o->color)
			buf_adds(b, "\033[2m" DUMP_CUT "\033[0m");
		else
			buf_adds(b, DUMP_CUT);
	}
	/* No trailing blanks. */
	while (b->len > 0 && b->data[b->len - 1] == ' ')
		b->len--;
	buf_addc(b, '\n');
}

/*
 * Lays out blocks [FROM, TO), with the links' numbers or addresses of LK,
 * and prints them into B.
 */
static void
dump_render(const struct doc *d, const struct dump_links *lk, uint32_t from,
    uint32_t to, const struct dump_opts *o, struct buf *b)
{
	struct layout_opts lo = { .width = o->width,
	    .ambiguous_wide = o->ambiguous_wide, .fold_code = 1,
	    .strike_marks = !o->color, .front = LAYOUT_FRONT_TABLE };
	struct dump_links_scratch s;
	uint32_t i, k;

	memset(&s, 0, sizeof(s));
	for (i = from; i < to; i++) {
		struct layout *l = layout_block_as(d, i,
		    dump_links_block(lk, i, &s), &lo);

		for (k = 0; k < l->nlines; k++)
			dump_line(b, l, &l->lines[k], o);
		layout_free(l);
	}
	dump_links_scratch_free(&s);
}

/*
 * A long run of blocks is laid out by two threads: the blocks go in
 * batches of DUMP_BATCH, the helper takes the odd ones, and this thread
 * takes the even ones and writes every batch in order. The helper starts
 * a batch only once its last one has been written, so at most one batch
 * of output waits.
 */
#define DUMP_BATCH	256	/* blocks [blocks] */

struct dump_helper {
	const struct doc	*d;
	const struct dump_links	*lk;
	const struct dump_opts	*o;
	uint32_t		 from, to;	/* the run [blocks] */
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	int			 ready;		/* out holds a batch to write */
	int			 stop;		/* the writer has given up */
	struct buf		 out;
};

/* The helper thread: the odd batches. */
static void *
dump_helper(void *arg)
{
	struct dump_helper *h = arg;
	uint32_t a;
	int stop;

	for (a = h->from + DUMP_BATCH; a < h->to; a += 2 * DUMP_BATCH) {
		pthread_mutex_lock(&h->lock);
		while (h->ready && !h->stop)
			pthread_cond_wait(&h->cond, &h->lock);
		stop = h->stop;
		pthread_mutex_unlock(&h->lock);
		if (stop)
			break;
		h->out.len = 0;
		dump_render(h->d, h->lk, a, a + DUMP_BATCH < h->to ?
		    a + DUMP_BATCH : h->to, h->o, &h->out);
		pthread_mutex_lock(&h->lock);
		h->ready = 1;
		pthread_cond_signal(&h->cond);
		pthread_mutex_unlock(&h->lock);
	}
	return NULL;
}

/* Writes what B holds to F and empties it. */
static int
dump_flush(FILE *f, struct buf *b, const struct dump_opts *o)
{
	int rc = 0;

	if (b->len > 0)
		rc = dump_write(f, b->data, b->len, o->ambiguous_wide);
	b->len = 0;
	return rc;
}

/* Lays out and prints blocks [from, to). */
static int
dump_blocks(FILE *f, const struct doc *d, const struct dump_links *lk,
    uint32_t from, uint32_t to, const struct dump_opts *o, struct buf *b)
{
	struct dump_helper h;
	pthread_t t;
	uint32_t a, e, batch = 0;
	int rc = 0, helped = 0;

	memset(&h, 0, sizeof(h));
	h.d = d;
	h.lk = lk;
	h.o = o;
	h.from = from;
	h.to = to;
	if (to - from > 4 * DUMP_BATCH) {
		pthread_mutex_init(&h.lock, NULL);
		pthread_cond_init(&h.cond, NULL);
		helped = pthread_create(&t, NULL, dump_helper, &h) == 0;
		if (!helped) {
			pthread_mutex_destroy(&h.lock);
			pthread_cond_destroy(&h.cond);
		}
	}
	for (a = from; a < to && rc == 0; a = e, batch++) {
		e = to - a > DUMP_BATCH ? a + DUMP_BATCH : to;
		if (!helped || batch % 2 == 0) {
			dump_render(d, lk, a, e, o, b);
			if (b->len >= 1 << 16)
				rc = dump_flush(f, b, o);
			continue;
		}
		/* The helper's batch: first what came before it. */
		if ((rc = dump_flush(f, b, o)) != 0)
			break;
		pthread_mutex_lock(&h.lock);
		while (!h.ready)
			pthread_cond_wait(&h.cond, &h.lock);
		pthread_mutex_unlock(&h.lock);
		rc = dump_flush(f, &h.out, o);
		pthread_mutex_lock(&h.lock);
		h.ready = 0;
		pthread_cond_signal(&h.cond);
		pthread_mutex_unlock(&h.lock);
	}
	if (helped) {
		pthread_mutex_lock(&h.lock);
		h.stop = 1;
		pthread_cond_signal(&h.cond);
		pthread_mutex_unlock(&h.lock);
		pthread_join(t, NULL);
		pthread_mutex_destroy(&h.lock);
		pthread_cond_destroy(&h.cond);
		buf_free(&h.out);
	}
	return rc;
}

/* Appends the title of a closing section, "Notes" or "Links", to B. */
static void
dump_title(struct buf *b, const char *title, const struct dump_opts *o)
{
	if (o->color)
		buf_adds(b, "\033[1;36m");
	buf_adds(b, title);
	if (o->color)
		buf_adds(b, "\033[0m");
	buf_adds(b, "\n\n");
}

/*
 * Prints entry E of the "Links" list into B as layout would lay it out,
 * when it is one line of printable ASCII: most addresses are, and they
 * need no line breaking. Returns -1, printing nothing, otherwise.
 */
static int
dump_link_line(struct buf *b, const struct block *e, const struct dump_opts *o)
{
	size_t mlen = strlen(e->marker);
	uint32_t i;

	if (e->len == 0 || e->indent + e->len > (uint32_t)o->width)
		return -1;
	for (i = 0; i < e->len; i++)
		if (e->text[i] <= ' ' || e->text[i] >= 0x7f)
			return -1;
	if (o->color) {
		dump_sgr(b, ST_DECOR, LINE_TEXT, 0, 0);
		buf_add(b, e->marker, mlen);
		buf_adds(b, "\033[0m ");
		dump_sgr(b, e->runs[0].style, LINE_TEXT, 0, 0);
		buf_add(b, e->text, e->len);
		buf_adds(b, "\033[0m\n");
	} else {
		buf_add(b, e->marker, mlen);
		buf_addc(b, ' ');
		buf_add(b, e->text, e->len);
		buf_addc(b, '\n');
	}
	return 0;
}

/* Prints the "Links" list of LK into B: "[N] URL", wrapped as a note. */
static int
dump_link_list(FILE *f, const struct doc *d, const struct dump_links *lk,
    const struct dump_opts *o, struct buf *b)
{
	struct layout_opts lo = { .width = o->width,
	    .ambiguous_wide = o->ambiguous_wide, .fold_code = 1,
	    .strike_marks = !o->color };
	struct dump_links_scratch s;
	uint32_t k, i;
	int rc = 0;

	if (dump_links_count(lk) == 0)
		return 0;
	if (d->nblocks > 0)
		buf_addc(b, '\n');
	dump_title(b, "Links", o);
	memset(&s, 0, sizeof(s));
	for (k = 0; k < dump_links_count(lk) && rc == 0; k++) {
		const struct block *e = dump_links_entry(lk, k, &s);
		struct layout *l;

		if (dump_link_line(b, e, o) == 0)
			continue;
		l = layout_block_as(d, d->nblocks, e, &lo);
		for (i = 0; i < l->nlines; i++)
			dump_line(b, l, &l->lines[i], o);
		layout_free(l);
		if (b->len >= 1 << 16)
			rc = dump_flush(f, b, o);
	}
	dump_links_scratch_free(&s);
	return rc;
}

/* Appends the title of the notes to B, a blank line above it after a body. */
static void
dump_notes_title(struct buf *b, const struct doc *d, const struct dump_opts *o)
{
	if (d->nbody > 0)
		buf_addc(b, '\n');
	dump_title(b, "Notes", o);
}

/*
 * Prints D from block FROM on, with what B holds first, and the "Links"
 * list: the title of the notes too unless FROM is past the first note's
 * block. Frees LK and B.
 */
static int
dump_rest(FILE *f, const struct doc *d, struct dump_links *lk, uint32_t from,
    const struct dump_opts *o, struct buf *b)
{
	int rc = 0, err = 0;
	size_t n;

	if (from < d->nbody)
		rc = dump_blocks(f, d, lk, from, d->nbody, o, b);
	if (rc == 0 && d->nnotes > 0) {
		if (from <= d->nbody)
			dump_notes_title(b, d, o);
		rc = dump_blocks(f, d, lk, from > d->nbody ? from : d->nbody,
		    d->nblocks, o, b);
	}
	if (rc == 0)
		rc = dump_link_list(f, d, lk, o, b);
	dump_links_free(lk);
	n = b->len;
	if (rc == 0 && n > 0 &&
	    dump_write(f, b->data, n, o->ambiguous_wide) != 0)
		rc = -1;
	if (rc != 0)
		err = errno;
	buf_free(b);
	if (fflush(f) != 0 && rc == 0) {
		rc = -1;
		err = errno;
	}
	errno = err;
	return rc;
}

int
dump_doc(FILE *f, const struct doc *d, const struct dump_opts *o)
{
	struct buf b = { 0 };

	return dump_rest(f, d, dump_links_new(d, o->links), 0, o, &b);
}

/*
 * A dump that starts while the document is parsed: the parse hands the
 * blocks over as the walk closes them (doc_sink), and a thread of the
 * dump's lays them out into memory meanwhile, on a copy of the blocks
 * and links so far, as the parse's arrays move when they grow. When the
 * parse has ended, the thread stops after the batch it is on; what it
 * printed is written, and the rest is laid out as dump_doc does, on the
 * document itself. Everything the dump needs before a block is known
 * then: the body's end (the first note's block), and the number of
 * notes, after which link numbers go on, which the AST shows once cmark
 * has finished. Should the walk make another number of notes, the
 * thread's output is dropped and the document printed from its start.
 */
#define DUMP_STREAM_BATCH	64	/* blocks laid out between looks at
					   what came [blocks] */

struct dump_stream {
	const struct dump_opts	*o;
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	int			 stop;		/* the parse has ended */

	/* Handed over by the parse, under the lock. */
	struct block		*inb;
	size_t			 ninb, capinb;
	struct link		*inl;
	size_t			 ninl, capinl;
	uint32_t		 sentb, sentl;	/* handed over in all */
	uint32_t		 nbody;
	uint32_t		 nnotes;	/* as the AST shows them */

	/* The thread's own. */
	struct doc		 v;		/* the copy so far */
	size_t			 capb, capl;
	struct dump_links	*lk;
	uint32_t		 base;		/* its notes: lk's base */
	uint32_t		 next;		/* the first block not laid out */
	struct buf		 out;
};

/*
 * Appends K elements of SIZE bytes, from element FROM of array SRC, to
 * array V of N (capacity in *CAP); returns V, moved as it grew. SRC may be
 * null when K is 0.
 */
static void *
dump_append(void *v, size_t n, size_t *cap, const void *src, size_t from,
    size_t k, size_t size)
{
	v = array_reserve(v, cap, n + k, size);
	if (k > 0)
		memcpy((char *)v + n * size, (const char *)src + from * size,
		    k * size);
	return v;
}

static void
dump_stream_begin(void *arg, uint32_t nnotes)
{
	struct dump_stream *s = arg;

	pthread_mutex_lock(&s->lock);
	s->nnotes = nnotes;
	pthread_mutex_unlock(&s->lock);
}

/* The parse's thread: copies the new blocks and links for the dump's. */
static void
dump_stream_blocks(void *arg, const struct doc *d, uint32_t nbody)
{
	struct dump_stream *s = arg;
	size_t nb = d->nblocks - s->sentb, nl = d->nlinks - s->sentl;

	pthread_mutex_lock(&s->lock);
	s->inb = dump_append(s->inb, s->ninb, &s->capinb, d->blocks, s->sentb,
	    nb, sizeof(*s->inb));
	s->ninb += nb;
	s->inl = dump_append(s->inl, s->ninl, &s->capinl, d->links, s->sentl,
	    nl, sizeof(*s->inl));
	s->ninl += nl;
	s->sentb = d->nblocks;
	s->sentl = d->nlinks;
	s->nbody = nbody;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

/*
 * Takes what the parse has handed over into the copy. Returns 0 once the
 * parse has ended, else 1, waiting for something new first.
 */
static int
dump_stream_take(struct dump_stream *s)
{
	struct doc *v = &s->v;

	pthread_mutex_lock(&s->lock);
	while (!s->stop && s->ninb == 0 && s->ninl == 0)
		pthread_cond_wait(&s->cond, &s->lock);
	if (s->stop) {
		pthread_mutex_unlock(&s->lock);
		return 0;
	}
	v->blocks = dump_append(v->blocks, v->nblocks, &s->capb, s->inb, 0,
	    s->ninb, sizeof(*v->blocks));
	v->nblocks += (uint32_t)s->ninb;
	v->links = dump_append(v->links, v->nlinks, &s->capl, s->inl, 0,
	    s->ninl, sizeof(*v->links));
	v->nlinks += (uint32_t)s->ninl;
	s->ninb = s->ninl = 0;
	v->nbody = s->nbody;
	v->nnotes = s->nnotes;
	pthread_mutex_unlock(&s->lock);
	return 1;
}

/* Has the parse ended? */
static int
dump_stream_stopped(struct dump_stream *s)
{
	int stop;

	pthread_mutex_lock(&s->lock);
	stop = s->stop;
	pthread_mutex_unlock(&s->lock);
	return stop;
}

/* The dump's thread: lays out what comes, in batches, until the end. */
static void *
dump_stream_thread(void *arg)
{
	struct dump_stream *s = arg;
	const struct doc *v = &s->v;
	uint32_t e;

	while (dump_stream_take(s)) {
		if (s->lk == NULL) {
			s->base = v->nnotes;
			s->lk = dump_links_open(s->o->links, s->base);
		}
		dump_links_more(s->lk, v);
		while (s->next < v->nblocks && !dump_stream_stopped(s)) {
			e = v->nblocks - s->next > DUMP_STREAM_BATCH ?
			    s->next + DUMP_STREAM_BATCH : v->nblocks;
			if (s->next < v->nbody && e > v->nbody)
				e = v->nbody;
			if (s->next == v->nbody)
				dump_notes_title(&s->out, v, s->o);
			dump_render(v, s->lk, s->next, e, s->o, &s->out);
			s->next = e;
		}
	}
	return NULL;
}

struct dump_stream *
dump_stream_new(const struct dump_opts *o, struct doc_sink *sink)
{
	struct dump_stream *s = xcalloc(1, sizeof(*s));
	sigset_t all, old;
	int rc;

	s->o = o;
	s->v.nbody = UINT32_MAX;
	memset(sink, 0, sizeof(*sink));
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->cond, NULL);
	/* Signals go to the caller's thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&s->thread, NULL, dump_stream_thread, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_mutex_destroy(&s->lock);
		pthread_cond_destroy(&s->cond);
		free(s);
		return NULL;
	}
	sink->begin = dump_stream_begin;
	sink->blocks = dump_stream_blocks;
	sink->arg = s;
	return s;
}

/* Stops the thread and frees what S holds but its output and numbers. */
static void
dump_stream_stop(struct dump_stream *s)
{
	pthread_mutex_lock(&s->lock);
	s->stop = 1;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->cond);
	free(s->inb);
	free(s->inl);
	free(s->v.blocks);
	free(s->v.links);
}

int
dump_stream_end(struct dump_stream *s, FILE *f, const struct doc *d)
{
	const struct dump_opts *o = s->o;
	struct dump_links *lk;
	struct buf out;
	uint32_t next;

	dump_stream_stop(s);
	lk = s->lk;
	out = s->out;
	next = s->next;
	/* The numbers went on from the notes' count, or from the start. */
	if (lk == NULL || s->base != d->nnotes) {
		dump_links_free(lk);
		buf_free(&out);
		free(s);
		return dump_doc(f, d, o);
	}
	free(s);
	dump_links_more(lk, d);
	return dump_rest(f, d, lk, next, o, &out);
}

void
dump_stream_free(struct dump_stream *s)
{
	if (s == NULL)
		return;
	dump_stream_stop(s);
	dump_links_free(s->lk);
	buf_free(&s->out);
	free(s);
}

int
dump_outline(FILE *f, const struct doc *d)
{
	return dump_outline_indent(f, d, 0);
}

int
dump_outline_indent(FILE *f, const struct doc *d, int indent)
{
	uint32_t i;
	int top = 6, k;

	for (i = 0; i < d->nheadings; i++)
		if (d->headings[i].level < top)
			top = d->headings[i].level;
	for (i = 0; i < d->nheadings; i++) {
		const struct block *b = &d->blocks[d->headings[i].block];
		const char *p, *q;

		for (k = top - indent; k < d->headings[i].level; k++)
			fputs("  ", f);
		/* A hard break in a heading prints as a space. */
		for (p = b->text; (q = strchr(p, '\n')) != NULL; p = q + 1) {
			dump_write(f, p, (size_t)(q - p), 0);
			fputc(' ', f);
		}
		dump_write(f, p, strlen(p), 0);
		fputc('\n', f);
	}
	return fflush(f) == 0 && !ferror(f) ? 0 : -1;
}

unsigned
dump_problems(FILE *f, const struct doc *d, const char *name)
{
	struct buf b = { 0 };
	uint32_t i, errors = 0;

	for (i = 0; i < d->nproblems; i++) {
		if (!d->problems[i].warning)
			errors++;
		b.len = 0;
		/* The name is made inert like the message: both are quoted. */
		inert_buf(&b, name, strlen(name), inert_msg_flags());
		buf_printf(&b, ":%u: ", d->problems[i].line);
		inert_buf(&b, d->problems[i].msg, strlen(d->problems[i].msg),
		    0);
		buf_addc(&b, '\n');
		dump_write(f, b.data, b.len, 0);
	}
	buf_free(&b);
	return errors;
}
