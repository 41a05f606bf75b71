/*
 * pool.c: the memory of one cmark-gfm parse, given out from large mapped
 * chunks and given back all at once.
 *
 * A parse makes millions of small allocations (a node, its buffers, the
 * inline parser's delimiters) and, through cmark_node_free, as many
 * frees, each one a trip through the system allocator's bins. A pool
 * hands out memory by size class from chunks mapped for it, keeps freed
 * pieces on a list per class, and unmaps everything in pool_free: the
 * AST is dropped without being walked.
 *
 * cmark's allocator interface has no context pointer, so the pool that
 * its functions use is the calling thread's current one: pool_use sets
 * it, and every cmark call on that parser and its nodes must come from
 * the same thread while the pool is current.
 */
#ifndef LECTERN_POOL_H
#define LECTERN_POOL_H

#include <stddef.h>

struct cmark_mem;
struct pool;

struct pool	*pool_new(void);

/* Makes P the calling thread's pool; returns the allocator to give
   cmark_parser_new_with_mem. */
struct cmark_mem *pool_use(struct pool *p);

/*
 * From now on P hands no freed slot out again, and unmaps each chunk
 * whose slots have all been freed (see pool.c).
 */
void		 pool_drain(struct pool *p);

/* Unmaps all of P's memory; P stops being current. Accepts NULL. */
void		 pool_free(struct pool *p);

/* Bytes P has mapped and allocated beyond its chunks [bytes]. */
size_t		 pool_size(const struct pool *p);

#endif
