/*
 * book-run.c: --dump, --outline and --check of a whole book (book-run.h).
 * Each document is read whole, one after the other; --check keeps the
 * ones it has read, so that links into them find their anchors without a
 * second read.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "lectern/book.h"
#include "lectern/book-run.h"
#include "lectern/doc.h"
#include "lectern/dump.h"
#include "lectern/inert.h"
#include "lectern/load.h"
#include "lectern/util.h"

/* A document read for --check, by canonical path. */
struct book_run_slot {
	char		*real;		/* canonical path, or NULL: empty */
	struct load	*l;		/* NULL when it could not be read */
	char		*why;		/* then why, inert */
};

/* The documents --check has read: open addressing on the path. */
struct book_run_cache {
	struct book_run_slot *v;
	size_t		 nslots;	/* a power of two, or 0 */
	size_t		 n;
};

/* FNV-1a of S. */
static uint64_t
book_run_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/* The slot for REAL: its own, or the empty one where it would go. */
static struct book_run_slot *
book_run_slot(struct book_run_cache *c, const char *real)
{
	size_t i;

	for (i = book_run_hash(real) & (c->nslots - 1); c->v[i].real != NULL;
	    i = (i + 1) & (c->nslots - 1))
		if (strcmp(c->v[i].real, real) == 0)
			break;
	return &c->v[i];
}

/* Makes room for one more document, keeping the table half empty. */
static void
book_run_grow(struct book_run_cache *c)
{
	struct book_run_cache old = *c;
	size_t i;

	if (2 * (c->n + 1) <= c->nslots)
		return;
	c->nslots = c->nslots ? 2 * c->nslots : 64;
	c->v = xcalloc(c->nslots, sizeof(*c->v));
	for (i = 0; i < old.nslots; i++)
		if (old.v[i].real != NULL)
			*book_run_slot(c, old.v[i].real) = old.v[i];
	free(old.v);
}

/* Frees every document read. */
static void
book_run_cache_free(struct book_run_cache *c)
{
	size_t i;

	for (i = 0; i < c->nslots; i++) {
		free(c->v[i].real);
		free(c->v[i].why);
		load_free(c->v[i].l);
	}
	free(c->v);
}

/*
 * Reads PATH whole, after book_may_open has found it a file to read;
 * returns the load, or NULL with the reason (inert, to free) in *WHY.
 * NAME is the inert name for the note that an encoding was guessed,
 * printed when LOUD.
 */
static struct load *
book_run_load(const struct book_run_opts *o, const char *path,
    const char *name, int loud, char **why)
{
	struct load_opts lo;
	struct load *l;
	char err[256];

	*why = NULL;
	if (strcmp(path, "-") != 0 &&
	    book_may_open(path, o->max_size, err, sizeof(err)) != 0) {
		*why = inert_str(err);
		return NULL;
	}
	memset(&lo, 0, sizeof(lo));
	lo.encoding = o->encoding;
	lo.max_size = o->max_size;
	lo.whole = 1;
	if (load_open(path, &lo, &l, err, sizeof(err)) != DECODE_OK) {
		*why = inert_str(err);
		return NULL;
	}
	if (loud && load_assumed(l) != NULL)
		inert_warnx("%s: not UTF-8; read as %s", name,
		    load_assumed(l));
	return l;
}

/* Says on standard error why NAME (inert) was not read. */
static void
book_run_failed(const char *name, const char *why)
{
	fprintf(stderr, "%s: %s: %s\n", progname, name, why);
}

/* The number of entries that have a file. */
static size_t
book_run_count(const struct book *b)
{
	size_t i, n = 0;

	for (i = 0; i < b->n; i++)
		if (b->v[i].path != NULL)
			n++;
	return n;
}

/* Prints S made inert, for a header. */
static void
book_run_puts(FILE *f, const char *s)
{
	char *t = inert_str(s);

	fputs(t, f);
	free(t);
}

/*
 * Checks every entry of B, then prints the book's problems, inert: on F,
 * or on standard error when F is NULL. Returns 1 if any.
 */
static int
book_run_warnings(FILE *f, const struct book *b)
{
	const char *w;
	size_t i;

	book_check_all(b);
	for (i = 0; i < b->nwarnings + b->n; i++) {
		w = i < b->nwarnings ? b->warnings[i] :
		    b->v[i - b->nwarnings].why;
		if (w == NULL)
			continue;
		if (f == NULL)
			inert_warnx("%s", w);
		else {
			book_run_puts(f, w);
			fputc('\n', f);
		}
	}
	return book_problems(b, &w) > 0;
}

/* E's path as shown in a header: relative to the book's directory. */
static const char *
book_run_shown(const struct book *b, const struct book_entry *e)
{
	size_t n;

	if (b->dir == NULL)
		return e->path;
	n = strlen(b->dir);
	while (n > 0 && b->dir[n - 1] == '/')
		n--;
	if (n > 0 && strncmp(e->path, b->dir, n) == 0 && e->path[n] == '/')
		return e->path + n + 1;
	return e->path;
}

/*
 * Prints the header line of entry E: "══ K/N PATH — TITLE ══" for a
 * document (D, when read, names itself if SUMMARY.md does not), else the
 * part's or the draft's title.
 */
static void
book_run_header(FILE *f, const struct book *b, const struct book_entry *e,
    const struct doc *d, size_t k, size_t n, int color)
{
	const char *title = e->title;

	if (title == NULL && d != NULL)
		title = doc_title(d);
	fputs(color ? "\033[1m══ " : "══ ", f);
	if (e->path != NULL) {
		fprintf(f, "%zu/%zu ", k, n);
		book_run_puts(f, book_run_shown(b, e));
		if (title != NULL)
			fputs(" — ", f);
	}
	if (title != NULL)
		book_run_puts(f, title);
	else if (e->path == NULL)
		fputs("(untitled)", f);
	if (e->path == NULL && !(e->flags & BOOK_PART))
		fputs(" (draft)", f);
	fputs(color ? " ══\033[0m\n" : " ══\n", f);
	if (e->path != NULL)
		fputc('\n', f);
}

/* Flushes F: 0, or 1 once it has said why writing failed. */
static int
book_run_flush(FILE *f)
{
	errno = 0;
	if (fflush(f) == 0 && !ferror(f))
		return 0;
	if (errno != EPIPE)
		inert_warnx("standard output: %s",
		    errno != 0 ? strerror(errno) : "write error");
	return 1;
}

/* What --dump or --outline prints for each entry of a book. */
struct book_run_mode {
	/* The line of entry I, the K-th of N documents (K 0: no file); D
	   is its document, or NULL when it has none or it could not be
	   read. */
	void	(*entry)(FILE *, const struct book *, size_t i, size_t k,
		    size_t n, const struct doc *d,
		    const struct book_run_opts *);
	/* The document after it: 0, or -1 on a write error. */
	int	(*doc)(FILE *, const struct book_entry *, const struct doc *,
		    const struct book_run_opts *);
};

/* --dump: a blank line between entries, then the header. */
static void
book_run_dump_entry(FILE *f, const struct book *b, size_t i, size_t k,
    size_t n, const struct doc *d, const struct book_run_opts *o)
{
	if (i > 0)
		fputc('\n', f);
	book_run_header(f, b, &b->v[i], d, k, n, o->dump->color);
}

static int
book_run_dump_doc(FILE *f, const struct book_entry *e, const struct doc *d,
    const struct book_run_opts *o)
{
	(void)e;
	return dump_doc(f, d, o->dump);
}

/* --outline: "title (path)", indented as SUMMARY.md nests it. */
static void
book_run_outline_entry(FILE *f, const struct book *b, size_t i, size_t k,
    size_t n, const struct doc *d, const struct book_run_opts *o)
{
	const struct book_entry *e = &b->v[i];
	const char *title = e->title;
	int lv;

	(void)k;
	(void)n;
	(void)o;
	if (title == NULL && d != NULL)
		title = doc_title(d);
	for (lv = 0; lv < e->level; lv++)
		fputs("  ", f);
	if (e->flags & BOOK_PART) {
		fputs("══ ", f);
		book_run_puts(f, title ? title : "(untitled)");
		fputs(" ══\n", f);
	} else if (e->path == NULL) {
		book_run_puts(f, title ? title : "(untitled)");
		fputs(" (draft)\n", f);
	} else {
		if (title != NULL) {
			book_run_puts(f, title);
			fputs(" (", f);
		}
		book_run_puts(f, book_run_shown(b, e));
		fputs(title != NULL ? ")\n" : "\n", f);
	}
}

static int
book_run_outline_doc(FILE *f, const struct book_entry *e,
    const struct doc *d, const struct book_run_opts *o)
{
	(void)o;
	return dump_outline_indent(f, d, e->level + 1);
}

static const struct book_run_mode book_run_dump_mode = {
	.entry = book_run_dump_entry,
	.doc = book_run_dump_doc
};

static const struct book_run_mode book_run_outline_mode = {
	.entry = book_run_outline_entry,
	.doc = book_run_outline_doc
};

/* Reads each document of B in turn and prints it as M says. */
static int
book_run_each(FILE *f, const struct book *b, const struct book_run_opts *o,
    const struct book_run_mode *m)
{
	struct load *l;
	size_t i, k = 0, n;
	char *name, *why;
	int rc = book_run_warnings(NULL, b), failed;

	n = book_run_count(b);
	for (i = 0; i < b->n; i++) {
		if (b->v[i].path == NULL) {
			m->entry(f, b, i, 0, n, NULL, o);
			continue;
		}
		name = inert_str(b->v[i].path);
		l = book_run_load(o, b->v[i].path, name, 1, &why);
		m->entry(f, b, i, ++k, n, l != NULL ? load_doc(l) : NULL,
		    o);
		failed = 0;
		if (l == NULL) {
			fflush(f);
			book_run_failed(name, why);
			rc = 1;
		} else
			failed = m->doc(f, &b->v[i], load_doc(l), o) != 0;
		load_free(l);
		free(why);
		free(name);
		if (failed)
			return book_run_flush(f) | 1;
	}
	return book_run_flush(f) | rc;
}

int
book_run_dump(FILE *f, const struct book *b, const struct book_run_opts *o)
{
	return book_run_each(f, b, o, &book_run_dump_mode);
}

int
book_run_outline(FILE *f, const struct book *b,
    const struct book_run_opts *o)
{
	return book_run_each(f, b, o, &book_run_outline_mode);
}

/*
 * The document at PATH as read for --check, reading it the first time;
 * NULL when it cannot be read (*WHY then says why). LOUD: PATH is one of
 * the book's, whose failure is said once, on standard error.
 */
static const struct doc *
book_run_get(struct book_run_cache *c, const struct book_run_opts *o,
    const char *path, int loud, const char **why)
{
	struct book_run_slot *s;
	char *real, *name;

	*why = NULL;
	if ((real = realpath(path, NULL)) == NULL)
		real = xstrdup(path);
	book_run_grow(c);
	s = book_run_slot(c, real);
	if (s->real != NULL) {
		free(real);
		*why = s->why;
		return s->l != NULL ? load_doc(s->l) : NULL;
	}
	s->real = real;
	c->n++;
	name = inert_str(path);
	s->l = book_run_load(o, path, name, loud, &s->why);
	if (s->l == NULL && loud)
		book_run_failed(name, s->why);
	free(name);
	*why = s->why;
	return s->l != NULL ? load_doc(s->l) : NULL;
}

/* The problems of links to other files found in one document. */
struct book_run_found {
	struct problem	*v;		/* msg malloc'd */
	size_t		 n, cap;
};

/*
 * Adds a problem at LINE, its message made from FMT, A and B, after those
 * at LINE or before: P stays in order of line, then as found.
 */
static void
book_run_add(struct book_run_found *p, uint32_t line, const char *fmt,
    const char *a, const char *b)
{
	size_t i;

	(void)ARRAY_PUSH(p->v, p->n, p->cap);
	for (i = p->n - 1; i > 0 && p->v[i - 1].line > line; i--)
		p->v[i] = p->v[i - 1];
	p->v[i].line = line;
	p->v[i].msg = xasprintf(fmt, a, b);
	p->v[i].warning = 0;
}

/*
 * Finds the links of D (read from PATH) that lead to other local files
 * that are missing, or lack the anchor named, and adds them to P in the
 * order of the text.
 */
static void
book_run_links(struct book_run_found *p, struct book_run_cache *c,
    const struct book_run_opts *o, const char *path, const struct doc *d)
{
	const struct doc *to;
	const struct block *bl;
	const char *url, *why;
	char *target, *anchor, *file;
	struct stat st;
	uint32_t b, r;

	for (b = 0; b < d->nblocks; b++) {
		bl = &d->blocks[b];
		for (r = 0; r < bl->nruns; r++) {
			const struct run *run = &bl->runs[r];

			if (!(run->style & ST_LINK) || run->target < 0)
				continue;
			/* One look per link, not per run. */
			while (r + 1 < bl->nruns &&
			    bl->runs[r + 1].target == run->target)
				r++;
			url = d->links[run->target].url;
			if (url[0] == '#' ||
			    (target = book_link_path(path, url, &anchor)) ==
			    NULL)
				continue;
			file = xstrndup(url, strcspn(url, "?#"));
			if (stat(target, &st) != 0)
				book_run_add(p, bl->src_line, errno == ENOENT ?
				    "link to missing file %s%s" :
				    "link to %s: %s", file, errno == ENOENT ?
				    "" : strerror(errno));
			else if (anchor != NULL && S_ISREG(st.st_mode) &&
			    book_is_markdown(target) &&
			    strcasecmp(anchor, "top") != 0) {
				to = book_run_get(c, o, target, 0, &why);
				if (to == NULL)
					book_run_add(p, bl->src_line,
					    "link to %s, which cannot be "
					    "read: %s", file, why);
				else if (doc_find_anchor(to, anchor) < 0)
					book_run_add(p, bl->src_line,
					    "link to missing anchor #%s in %s",
					    anchor, file);
			}
			free(file);
			free(target);
			free(anchor);
		}
	}
}

/* Prints one problem of NAME as "NAME:LINE: message", inert. */
static void
book_run_print(FILE *f, const char *name, const struct problem *pr)
{
	char *t = inert_str(pr->msg);

	fprintf(f, "%s:%u: %s\n", name, pr->line, t);
	free(t);
}

/*
 * Prints the problems of D, read from PATH, and of its links to other
 * files, merged in order of line; returns how many are not warnings.
 */
static unsigned
book_run_problems(FILE *f, struct book_run_cache *c,
    const struct book_run_opts *o, const char *path, const struct doc *d)
{
	struct book_run_found p = { 0 };
	char *name = inert_str(path);
	size_t i = 0, j = 0;
	unsigned errors = 0;

	book_run_links(&p, c, o, path, d);
	while (i < d->nproblems || j < p.n) {
		const struct problem *pr;

		if (j == p.n || (i < d->nproblems &&
		    d->problems[i].line <= p.v[j].line))
			pr = &d->problems[i++];
		else
			pr = &p.v[j++];
		book_run_print(f, name, pr);
		if (!pr->warning)
			errors++;
	}
	for (j = 0; j < p.n; j++)
		free((char *)p.v[j].msg);
	free(p.v);
	free(name);
	return errors;
}

int
book_run_check(FILE *f, const struct book *b, const struct book_run_opts *o)
{
	struct book_run_cache c = { 0 };
	const struct doc *d;
	const char *why;
	size_t i;
	int rc = book_run_warnings(f, b);

	for (i = 0; i < b->n; i++) {
		if (b->v[i].path == NULL)
			continue;
		fflush(f);
		if ((d = book_run_get(&c, o, b->v[i].path, 1, &why)) == NULL) {
			rc = 1;
			continue;
		}
		if (book_run_problems(f, &c, o, b->v[i].path, d) > 0)
			rc = 1;
	}
	book_run_cache_free(&c);
	return book_run_flush(f) | rc;
}
