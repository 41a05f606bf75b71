/* Unit tests of the parse pool (pool.c), through cmark's allocator. */
#include <sys/mman.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark-gfm.h>

#include "lectern/pool.h"
#include "t.h"

#define N	20000

/* Is the page that holds P mapped? */
static int
mapped(const void *p)
{
	uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
	unsigned char v;

	return mincore((void *)((uintptr_t)p & ~(pg - 1)), pg, &v) == 0 ||
	    errno != ENOMEM;
}

static void
test_pieces(void)
{
	struct pool *p = pool_new();
	cmark_mem *m = pool_use(p);
	char *a, *b, *big;
	void **v;
	size_t i, ok;

	a = m->calloc(1, 100);
	CHECK(a != NULL && ((uintptr_t)a & 15) == 0, "calloc: 16-byte aligned");
	for (i = 0, ok = 1; i < 100; i++)
		ok &= a[i] == 0;
	CHECK(ok, "calloc: zeroed");
	memset(a, 'x', 100);
	m->free(a);
	b = m->calloc(1, 100);
	CHECK(b == a, "a freed piece of the same class is handed out again");
	for (i = 0, ok = 1; i < 100; i++)
		ok &= b[i] == 0;
	CHECK(ok, "and zeroed for calloc");

	memcpy(b, "hello", 6);
	b = m->realloc(b, 104);
	CHECK_STR(b, "hello", "realloc within the slot keeps the bytes");
	b = m->realloc(b, 5000);
	CHECK_STR(b, "hello", "realloc to a larger class keeps the bytes");
	b = m->realloc(b, 200000);
	CHECK_STR(b, "hello", "realloc to a large piece keeps the bytes");
	CHECK(((uintptr_t)b & 15) == 0, "a large piece is aligned");
	big = m->calloc(3, 100000);
	CHECK(big != NULL && big[299999] == 0, "a large calloc is zeroed");
	m->free(big);
	m->free(b);
	m->free(NULL);
	CHECK(m->calloc(SIZE_MAX / 2, 4) == NULL, "an overflowing calloc fails");

	/* Many pieces of every size stay apart. */
	v = calloc(N, sizeof(*v));
	for (i = 0; i < N; i++) {
		v[i] = m->calloc(1, 1 + i % 3000);
		memset(v[i], (int)(i & 0xff), 1 + i % 3000);
	}
	for (i = 0, ok = 1; i < N; i++)
		ok &= ((unsigned char *)v[i])[i % 3000] == (i & 0xff);
	CHECK(ok, "20000 pieces keep their bytes");
	for (i = 0; i < N; i += 2)
		m->free(v[i]);
	for (i = 0; i < N; i += 2)
		v[i] = m->calloc(1, 1 + i % 3000);
	for (i = 1, ok = 1; i < N; i += 2)
		ok &= ((unsigned char *)v[i])[i % 3000] == (i & 0xff);
	CHECK(ok, "reusing freed pieces leaves the others alone");
	free(v);
	pool_free(p);
}

static void
test_drain(void)
{
	struct pool *p = pool_new();
	cmark_mem *m = pool_use(p);
	void **v = calloc(N * 4, sizeof(*v));
	size_t i, before;

	for (i = 0; i < N * 4; i++)
		v[i] = m->calloc(1, 200);
	before = pool_size(p);
	CHECK(before >= (size_t)N * 4 * 200, "the pool holds the pieces");
	pool_drain(p);
	for (i = 0; i < N * 4; i++)
		m->free(v[i]);
	CHECK(pool_size(p) < before / 2,
	    "after pool_drain, emptied chunks are unmapped");
	v[0] = m->calloc(1, 200);
	CHECK(v[0] != NULL, "and it still hands out memory");
	free(v);
	pool_free(p);
}

static void
test_parse(void)
{
	static const char md[] = "# Title\n\nSome *text* with `code`, a "
	    "[link](http://a.b) and a note[^1].\n\n| a | b |\n|---|---|\n"
	    "| 1 | 2 |\n\n[^1]: The note.\n";
	struct pool *p = pool_new();
	cmark_parser *parser;
	cmark_node *root;
	char *html;
	int gone;

	parser = cmark_parser_new_with_mem(CMARK_OPT_FOOTNOTES, pool_use(p));
	cmark_parser_feed(parser, md, sizeof(md) - 1);
	root = cmark_parser_finish(parser);
	html = cmark_render_html_with_mem(root, CMARK_OPT_DEFAULT, NULL,
	    cmark_get_default_mem_allocator());
	CHECK(html != NULL && strstr(html, "<em>text</em>") != NULL,
	    "cmark parses into the pool");
	free(html);
	CHECK(mapped(root) && mapped(parser),
	    "the AST and the parser are in mapped memory");
	pool_free(p);		/* the AST and the parser, without a walk */
	gone = !mapped(root) && !mapped(parser);
	CHECK(gone, "pool_free unmaps them at once");
}

int
main(void)
{
	test_pieces();
	test_drain();
	test_parse();
	pool_free(NULL);
	return t_done();
}
