/*
 * pool.c: a size-class allocator for one cmark-gfm parse (the contract is
 * in pool.h).
 *
 * Layout, as in the system allocator: every piece is a slot of a multiple
 * of 16 bytes whose first 8 bytes say its class, and the caller gets the
 * 16-byte aligned address after them. Slots of 32 to 512 bytes come in
 * steps of 16, then in powers of two up to POOL_MEDIUM; a freed slot goes
 * on its class's list and is handed out again (zeroed for calloc). Slots
 * are cut from chunks of POOL_CHUNK bytes mapped anonymously (in large
 * pages where the system gives them on request), so that a fresh slot is
 * already zero and pool_free returns the memory to the system at once.
 * Larger requests go to malloc, on a list of their own.
 *
 * The header also names the slot's chunk, which counts its live slots.
 * After pool_drain, freed slots are no longer handed out again: a chunk
 * whose slots are all freed is unmapped there and then, so that a caller
 * that frees the AST as it walks it gives memory back as it goes.
 */
#include <sys/mman.h>

#include <err.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "lectern/compat.h"
#include "lectern/pool.h"
#include "lectern/util.h"

#define POOL_CHUNK	((size_t)4 << 20)	/* mapped at a time [bytes] */
#define POOL_SMALL	512			/* last 16-byte step [bytes] */
#define POOL_MEDIUM	65536			/* largest slot [bytes] */
#define POOL_NSMALL	((POOL_SMALL - 32) / 16 + 1)	/* 31 classes */
#define POOL_NCLASS	(POOL_NSMALL + 7)	/* 1 KiB ... 64 KiB */
#define POOL_LARGE	UINT64_MAX		/* the class of a malloc'd piece */

/* A mapped chunk: this header, then slots. */
struct pool_chunk {
	size_t		 live;		/* slots handed out, not freed */
	size_t		 size;		/* mapped [bytes] */
};

/* A piece too large for a slot: this header, then the piece. */
struct pool_large {
	struct pool_large *prev, *next;
	size_t		 size;		/* usable [bytes] */
	uint64_t	 tag;		/* POOL_LARGE, just before the piece */
};

struct pool {
	char		*bump, *end;	/* the rest of the newest chunk */
	struct pool_chunk **chunks;	/* by number; NULL once unmapped */
	size_t		 nchunks, cap_chunks;
	int		 drain;		/* freed slots are not reused */
	void		*free[POOL_NCLASS]; /* freed slots, by class */
	struct pool_large *large;
	size_t		 mapped;	/* chunks [bytes] */
	size_t		 large_size;	/* large pieces [bytes] */
};

static _Thread_local struct pool *pool_cur;

/* Slot size of class C [bytes]. */
static size_t
pool_slot(size_t c)
{
	if (c < POOL_NSMALL)
		return 32 + 16 * c;
	return (size_t)1024 << (c - POOL_NSMALL);
}

/* The class whose slot holds N bytes and its header, or POOL_NCLASS. */
static size_t
pool_class(size_t n)
{
	size_t s = (n + 8 + 15) & ~(size_t)15, c;

	if (s <= 32)
		return 0;
	if (s <= POOL_SMALL)
		return (s - 32) / 16;
	if (s > POOL_MEDIUM)
		return POOL_NCLASS;
	for (c = POOL_NSMALL; pool_slot(c) < s; c++)
		;
	return c;
}

/* Maps a new chunk and makes it the one slots are cut from. */
static void
pool_grow(struct pool *p)
{
	struct pool_chunk *c;

	c = mmap(NULL, POOL_CHUNK, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | COMPAT_MAP_ANON, -1, 0);
	if (c == MAP_FAILED)
		errx(1, "out of memory");
#ifdef MADV_HUGEPAGE
	/* A parse touches every page it maps: large pages, where the
	   system gives them on request, spare a fault for each 4 KiB. */
	(void)madvise(c, POOL_CHUNK, MADV_HUGEPAGE);
#endif
	c->size = POOL_CHUNK;
	*(struct pool_chunk **)ARRAY_PUSH(p->chunks, p->nchunks,
	    p->cap_chunks) = c;
	p->mapped += POOL_CHUNK;
	/* Slots start 8 bytes past 16, so that what follows is aligned. */
	p->bump = (char *)c + ((sizeof(*c) + 8 + 15) & ~(size_t)15) - 8;
	p->end = (char *)c + POOL_CHUNK;
}

/* N bytes from P; zeroed when ZERO. */
static void *
pool_get(struct pool *p, size_t n, int zero)
{
	struct pool_large *l;
	size_t c = pool_class(n), s;
	char *slot;

	if (c == POOL_NCLASS) {
		if (n > SIZE_MAX - sizeof(*l))
			return NULL;
		l = zero ? xcalloc(1, sizeof(*l) + n) :
		    xmalloc(sizeof(*l) + n);
		l->prev = NULL;
		l->next = p->large;
		if (p->large != NULL)
			p->large->prev = l;
		p->large = l;
		l->size = n;
		l->tag = POOL_LARGE;
		p->large_size += n;
		return l + 1;
	}
	if ((slot = p->free[c]) != NULL) {
		p->free[c] = *(void **)(slot + 8);
		p->chunks[*(uint64_t *)slot >> 8]->live++;
		if (zero)
			memset(slot + 8, 0, pool_slot(c) - 8);
		return slot + 8;
	}
	s = pool_slot(c);
	if ((size_t)(p->end - p->bump) < s)
		pool_grow(p);
	slot = p->bump;
	p->bump += s;
	*(uint64_t *)slot = (uint64_t)(p->nchunks - 1) << 8 | c;
	p->chunks[p->nchunks - 1]->live++;
	return slot + 8;
}

/* Unmaps chunk K when it is empty and slots are no longer cut from it. */
static void
pool_unmap(struct pool *p, size_t k)
{
	struct pool_chunk *c = p->chunks[k];

	if (c == NULL || c->live > 0 || k + 1 == p->nchunks)
		return;
	p->mapped -= c->size;
	munmap(c, c->size);
	p->chunks[k] = NULL;
}

/* Gives back the piece at PTR. */
static void
pool_put(struct pool *p, void *ptr)
{
	uint64_t c = ((uint64_t *)ptr)[-1], k;
	struct pool_large *l;

	if (c == POOL_LARGE) {
		l = (struct pool_large *)ptr - 1;
		if (l->prev != NULL)
			l->prev->next = l->next;
		else
			p->large = l->next;
		if (l->next != NULL)
			l->next->prev = l->prev;
		p->large_size -= l->size;
		free(l);
		return;
	}
	k = c >> 8;
	c &= 0xff;
	p->chunks[k]->live--;
	if (p->drain) {
		pool_unmap(p, k);
		return;
	}
	*(void **)ptr = p->free[c];
	p->free[c] = (char *)ptr - 8;
}

/* Usable bytes of the piece at PTR. */
static size_t
pool_usable(void *ptr)
{
	uint64_t c = ((uint64_t *)ptr)[-1];

	if (c == POOL_LARGE)
		return ((struct pool_large *)ptr - 1)->size;
	return pool_slot((size_t)(c & 0xff)) - 8;
}

/* cmark's calloc. */
static void *
pool_calloc(size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	return pool_get(pool_cur, n * size, 1);
}

/* cmark's realloc: in place while the slot holds N bytes. */
static void *
pool_realloc(void *ptr, size_t n)
{
	void *q;
	size_t old;

	if (ptr == NULL)
		return pool_get(pool_cur, n, 0);
	old = pool_usable(ptr);
	if (n <= old)
		return ptr;
	if ((q = pool_get(pool_cur, n, 0)) == NULL)
		return NULL;
	memcpy(q, ptr, old);
	pool_put(pool_cur, ptr);
	return q;
}

/* cmark's free. */
static void
pool_release(void *ptr)
{
	if (ptr != NULL)
		pool_put(pool_cur, ptr);
}

static cmark_mem pool_cmark = { pool_calloc, pool_realloc, pool_release };

struct pool *
pool_new(void)
{
	return xcalloc(1, sizeof(struct pool));
}

struct cmark_mem *
pool_use(struct pool *p)
{
	pool_cur = p;
	return &pool_cmark;
}

void
pool_drain(struct pool *p)
{
	size_t k;

	p->drain = 1;
	memset(p->free, 0, sizeof(p->free));
	for (k = 0; k < p->nchunks; k++)
		pool_unmap(p, k);
}

void
pool_free(struct pool *p)
{
	struct pool_large *l, *ln;
	size_t k;

	if (p == NULL)
		return;
	if (pool_cur == p)
		pool_cur = NULL;
	for (k = 0; k < p->nchunks; k++)
		if (p->chunks[k] != NULL)
			munmap(p->chunks[k], p->chunks[k]->size);
	free(p->chunks);
	for (l = p->large; l != NULL; l = ln) {
		ln = l->next;
		free(l);
	}
	free(p);
}

size_t
pool_size(const struct pool *p)
{
	return p->mapped + p->large_size;
}
