/*
 * dump-links.c: link numbers and addresses for the dump (the contract is
 * in dump-links.h).
 *
 * A link is a span of runs styled ST_LINK with one target; a badge (an
 * image inside a link) is one too, its target being the link's. Each span
 * gets, right after its last byte, a run of its own: "[N]" styled
 * ST_LINKNUM (layout keeps it on the line of the text before it), or
 * " <URL>" styled ST_DECOR, whose address breaks as layout breaks URLs.
 * Links to the same address share a number. Numbers go on from the last
 * note's, in the order of the blocks, body then notes. A link whose text
 * is its address (an autolink) gets nothing added, in either form: the
 * address is on the page already.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/doc.h"
#include "lectern/dump-links.h"
#include "lectern/layout.h"
#include "lectern/util.h"

struct dump_links {
	const struct doc	*d;
	int			 mode;		/* enum dump_links_mode */
	uint32_t		*num;		/* number of each link, or 0 */
	size_t			 numcap;	/* [links] */
	uint32_t		*list;		/* a link of each number, in
						   order */
	uint32_t		 nlist;
	size_t			 listcap;	/* [links] */
	uint32_t		 base;		/* numbers before the first
						   link's (the notes') */
	uint32_t		 done;		/* blocks numbered */
	uint32_t		*slot;		/* the links that own a number,
						   + 1, by the hash of their
						   address; open addressing */
	size_t			 nslots;	/* a power of two */
};

/* Is run R of block B the last of a link? */
static int
dump_links_ends(const struct doc *d, const struct block *b, uint32_t r)
{
	const struct run *ru = &b->runs[r];

	if (!(ru->style & ST_LINK) || (ru->style & ST_NOTEREF) ||
	    ru->target < 0 || (uint32_t)ru->target >= d->nlinks ||
	    d->links[ru->target].url[0] == '\0')
		return 0;
	return r + 1 >= b->nruns || b->runs[r + 1].target != ru->target ||
	    !(b->runs[r + 1].style & ST_LINK) ||
	    (b->runs[r + 1].style & ST_NOTEREF);
}

static int	 dump_links_is_url(const struct block *, uint32_t, uint32_t,
		    const char *);

/* The offset in B of the link whose last run is R. */
static uint32_t
dump_links_start(const struct block *b, uint32_t r)
{
	int32_t t = b->runs[r].target;

	while (r > 0 && b->runs[r - 1].target == t &&
	    (b->runs[r - 1].style & ST_LINK) &&
	    !(b->runs[r - 1].style & ST_NOTEREF))
		r--;
	return b->runs[r].off;
}

/* The slot for the address URL: its owner's, or a free one. */
static size_t
dump_links_slot(const struct dump_links *l, const char *url)
{
	size_t mask = l->nslots - 1, h;
	uint32_t k;

	h = (size_t)doc_hash(url, strlen(url)) & mask;
	while ((k = l->slot[h]) != 0 && strcmp(l->d->links[k - 1].url, url) != 0)
		h = (h + 1) & mask;
	return h;
}

/* Doubles the table of owners while it is half full. */
static void
dump_links_grow(struct dump_links *l)
{
	uint32_t *old = l->slot, i;
	size_t n = l->nslots;

	if (l->slot != NULL && 2 * ((size_t)l->nlist + 1) <= l->nslots)
		return;
	l->nslots = n ? 2 * n : 16;
	l->slot = xcalloc(l->nslots, sizeof(*l->slot));
	for (i = 0; i < l->nlist; i++)
		l->slot[dump_links_slot(l, l->d->links[l->list[i]].url)] =
		    l->list[i] + 1;
	free(old);
}

/*
 * Numbers every link that the dump shows in blocks [l->done, D->nblocks)
 * of D, the same address with the same number.
 */
static void
dump_links_number(struct dump_links *l)
{
	const struct doc *d = l->d;
	uint32_t i, r, t, k;
	size_t h;
	const char *url;

	for (i = l->done; i < d->nblocks; i++) {
		const struct block *b = &d->blocks[i];

		for (r = 0; r < b->nruns; r++) {
			if (!dump_links_ends(d, b, r))
				continue;
			t = (uint32_t)b->runs[r].target;
			if (l->num[t] != 0)
				continue;
			url = d->links[t].url;
			k = dump_links_start(b, r);
			if (dump_links_is_url(b, k, b->runs[r].off +
			    b->runs[r].len - k, url))
				continue;
			dump_links_grow(l);
			h = dump_links_slot(l, url);
			if ((k = l->slot[h]) != 0) {
				l->num[t] = l->num[k - 1];
				continue;
			}
			l->slot[h] = t + 1;
			l->list[l->nlist++] = t;
			l->num[t] = l->base + l->nlist;
		}
	}
	l->done = d->nblocks;
}

struct dump_links *
dump_links_new(const struct doc *d, int mode)
{
	struct dump_links *l = dump_links_open(mode, d->nnotes);

	dump_links_more(l, d);
	return l;
}

struct dump_links *
dump_links_open(int mode, uint32_t base)
{
	struct dump_links *l = xcalloc(1, sizeof(*l));

	l->mode = mode;
	l->base = base;
	return l;
}

void
dump_links_more(struct dump_links *l, const struct doc *d)
{
	size_t had = l->numcap;

	l->d = d;
	l->num = array_reserve(l->num, &l->numcap, (size_t)d->nlinks + 1,
	    sizeof(*l->num));
	if (l->numcap > had)
		memset(l->num + had, 0, (l->numcap - had) * sizeof(*l->num));
	l->list = array_reserve(l->list, &l->listcap, (size_t)d->nlinks + 1,
	    sizeof(*l->list));
	if (l->mode == DUMP_LINKS_LIST)
		dump_links_number(l);
}

void
dump_links_free(struct dump_links *l)
{
	if (l == NULL)
		return;
	free(l->num);
	free(l->list);
	free(l->slot);
	free(l);
}

void
dump_links_scratch_free(struct dump_links_scratch *s)
{
	buf_free(&s->text);
	free(s->runs);
	free(s->cells);
	free(s->idx);
	free(s->ins);
	free(s->insn);
	memset(s, 0, sizeof(*s));
}

/*
 * Is the text [OFF, OFF+LEN) of B, spaces around it aside, the address
 * URL, or the address less its scheme ("www.example.com", "a@b.org")?
 */
static int
dump_links_is_url(const struct block *b, uint32_t off, uint32_t len,
    const char *url)
{
	static const char *const schemes[] = { "", "http://", "https://",
	    "mailto:" };
	size_t i, n;

	/* A soft break before the link is a space in its text. */
	for (; len > 0 && b->text[off] == ' '; off++, len--)
		;
	while (len > 0 && b->text[off + len - 1] == ' ')
		len--;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		n = strlen(schemes[i]);
		if (strncmp(url, schemes[i], n) == 0 &&
		    strlen(url + n) == len &&
		    memcmp(url + n, b->text + off, len) == 0)
			return 1;
	}
	return 0;
}

/* Appends a run of N bytes at P with STYLE and TARGET to the copy. */
static void
dump_links_run(struct dump_links_scratch *s, const char *p, size_t n,
    uint16_t style, int32_t target)
{
	struct run *ru = ARRAY_PUSH(s->runs, s->nruns, s->runcap);

	ru->off = (uint32_t)s->text.len;
	ru->len = (uint32_t)n;
	ru->style = style;
	ru->target = target;
	buf_add(&s->text, p, n);
}

/*
 * Appends to the copy what follows the link that run R of B ends, the
 * link starting at START: its number, or its address unless the text
 * is the address. Returns the bytes added.
 */
static size_t
dump_links_add(const struct dump_links *l, const struct block *b, uint32_t r,
    uint32_t start, struct dump_links_scratch *s)
{
	const struct run *ru = &b->runs[r];
	const char *url = l->d->links[ru->target].url;
	size_t len = s->text.len;
	int n;

	if (l->mode == DUMP_LINKS_LIST) {
		if (l->num[ru->target] == 0)
			return 0;
		n = snprintf(s->num, sizeof(s->num), "[%u]",
		    l->num[ru->target]);
		dump_links_run(s, s->num, (size_t)n, ST_LINKNUM, -1);
	} else if (!dump_links_is_url(b, start, ru->off + ru->len - start,
	    url)) {
		dump_links_run(s, " <", 2, ST_DECOR, -1);
		buf_adds(&s->text, url);
		buf_addc(&s->text, '>');
		s->runs[s->nruns - 1].len = (uint32_t)(s->text.len - len);
	}
	return s->text.len - len;
}

/* The offset in the copy of offset OFF of the block: added text at OFF
   counts, as it belongs to what ends there. */
static uint32_t
dump_links_map(const struct dump_links_scratch *s, uint32_t off)
{
	size_t lo = 0, hi = s->nins, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (s->ins[mid] <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return off + (lo > 0 ? s->insn[lo - 1] : 0);
}

/* The table's cells in the copy: the same text and runs, and what was
   added after a link in a cell. */
static void
dump_links_cells(const struct block *b, struct dump_links_scratch *s)
{
	size_t n = (size_t)b->nrows * b->ncols, i;
	uint32_t a, e;

	s->cells = array_reserve(s->cells, &s->cellcap, n ? n : 1,
	    sizeof(*s->cells));
	for (i = 0; i < n; i++) {
		const struct cell *c = &b->cells[i];
		struct cell *nc = &s->cells[i];

		nc->off = dump_links_map(s, c->off);
		nc->len = dump_links_map(s, c->off + c->len) - nc->off;
		a = c->run0 < b->nruns ? c->run0 : b->nruns;
		e = c->nruns <= b->nruns - a ? a + c->nruns : b->nruns;
		nc->run0 = s->idx[a];
		nc->nruns = s->idx[e] - s->idx[a];
	}
	s->b.cells = s->cells;
}

const struct block *
dump_links_block(const struct dump_links *l, uint32_t i,
    struct dump_links_scratch *s)
{
	const struct doc *d = l->d;
	const struct block *b = &d->blocks[i];
	uint32_t r, start = 0, added = 0;
	size_t n;
	int any = 0;

	if (l->mode == DUMP_LINKS_NONE || b->type == BLK_CODE)
		return b;
	for (r = 0; r < b->nruns && !any; r++)
		any = dump_links_ends(d, b, r);
	if (!any)
		return b;
	s->text.len = 0;
	s->nruns = s->nins = 0;
	s->idx = array_reserve(s->idx, &s->idxcap, (size_t)b->nruns + 1,
	    sizeof(*s->idx));
	for (r = 0; r < b->nruns; r++) {
		const struct run *ru = &b->runs[r];

		if (r == 0 || !(ru->style & ST_LINK) ||
		    ru->target != b->runs[r - 1].target)
			start = ru->off;
		s->idx[r] = (uint32_t)s->nruns;
		dump_links_run(s, b->text + ru->off, ru->len, ru->style,
		    ru->target);
		if (!dump_links_ends(d, b, r) ||
		    (n = dump_links_add(l, b, r, start, s)) == 0)
			continue;
		added += (uint32_t)n;
		if (s->nins + 1 > s->inscap) {
			s->inscap = s->inscap ? 2 * s->inscap : 16;
			s->ins = xreallocarray(s->ins, s->inscap,
			    sizeof(*s->ins));
			s->insn = xreallocarray(s->insn, s->inscap,
			    sizeof(*s->insn));
		}
		s->ins[s->nins] = ru->off + ru->len;
		s->insn[s->nins++] = added;
	}
	s->idx[b->nruns] = (uint32_t)s->nruns;
	buf_addc(&s->text, '\0');
	s->text.len--;
	s->b = *b;
	s->b.text = s->text.data;
	s->b.len = (uint32_t)s->text.len;
	s->b.runs = s->runs;
	s->b.nruns = (uint32_t)s->nruns;
	if (b->type == BLK_TABLE && b->cells != NULL)
		dump_links_cells(b, s);
	return &s->b;
}

uint32_t
dump_links_count(const struct dump_links *l)
{
	return l->nlist;
}

const struct block *
dump_links_entry(const struct dump_links *l, uint32_t k,
    struct dump_links_scratch *s)
{
	const char *url = l->d->links[l->list[k]].url;
	int n;

	memset(&s->b, 0, sizeof(s->b));
	s->text.len = 0;
	s->nruns = 0;
	dump_links_run(s, url, strlen(url), ST_LINK, -1);
	buf_addc(&s->text, '\0');
	s->text.len--;
	n = snprintf(s->b.marker, sizeof(s->b.marker), "[%u]",
	    l->base + k + 1);
	s->b.type = BLK_PARA;
	s->b.indent = (uint16_t)(n + 1);
	s->b.note = -1;
	s->b.section = -1;
	s->b.text = s->text.data;
	s->b.len = (uint32_t)s->text.len;
	s->b.runs = s->runs;
	s->b.nruns = (uint32_t)s->nruns;
	s->b.info = "";
	return &s->b;
}
