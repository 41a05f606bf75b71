/* util.c: allocation wrappers, growable buffers and the text arena. */
#include <err.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unistr.h>

#include "lectern/options.h"
#include "lectern/util.h"

const char *progname = "lectern";

static void
util_oom(void)
{
	errx(1, "out of memory");
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		util_oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		util_oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		util_oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		util_oom();
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (b.data == NULL)
		return xstrdup("");
	return b.data;
}

void
buf_grow(struct buf *b, size_t need)
{
	size_t cap;

	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			util_oom();
		cap *= 2;
	}
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, b->len + n + 1);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		util_oom();	/* only an encoding error: not for our formats */
	buf_grow(b, b->len + (size_t)n + 1);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void *
array_reserve(void *p, size_t *cap, size_t n, size_t size)
{
	size_t c;

	if (n <= *cap)
		return p;
	c = *cap ? *cap : 8;
	while (c < n) {
		if (c > SIZE_MAX / 2)
			util_oom();
		c *= 2;
	}
	p = xreallocarray(p, c, size);
	*cap = c;
	return p;
}

/*
 * Binary search: the first element whose key exceeds X. Elements before
 * LO have keys at most X, elements from HI on keys above it.
 */
size_t
array_upper(const void *base, size_t n, size_t size,
    uint64_t (*key)(const void *), uint64_t x)
{
	const char *p = base;
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (key(p + mid * size) <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The arena hands out memory from large chunks; a request larger than a
 * chunk gets a chunk of its own.
 */
#define ARENA_CHUNK	(256 * 1024)

struct chunk {
	struct chunk	*next;
	size_t		 used;		/* bytes handed out [bytes] */
	size_t		 cap;		/* bytes in data [bytes] */
	max_align_t	 data[];
};

struct arena {
	struct chunk	*head;
	size_t		 total;		/* bytes allocated in chunks */
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c = a->head;
	size_t align = sizeof(max_align_t), cap;
	char *p;

	n = (n + align - 1) / align * align;
	if (c == NULL || c->cap - c->used < n) {
		cap = n > ARENA_CHUNK ? n : ARENA_CHUNK;
		c = xmalloc(sizeof(*c) + cap);
		c->used = 0;
		c->cap = cap;
		if (a->head != NULL && n > ARENA_CHUNK) {
			/* Keep filling the current chunk after a big one. */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
		a->total += cap;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

size_t
arena_size(const struct arena *a)
{
	return a->total;
}

void
arena_free(struct arena *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

/* See util.h. */
size_t
utf8_len(const char *p, size_t n)
{
	int k = u8_mblen((const uint8_t *)p, n);

	return k > 0 ? (size_t)k : 1;
}

/* See util.h. */
int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Path of the bundled article: in content/ beside the binary (the source
 * tree), in ../share/lectern beside it (an install, wherever it was
 * moved), else in the directory the build was configured for.
 */
char *
util_bundled(void)
{
	static const char *const rel[] = { "content", "../share/lectern" };
	char exe[PATH_MAX], *slash, *p;
	ssize_t n;
	size_t i;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
				p = xasprintf("%s/%s/%s", exe, rel[i],
				    LECTERN_ARTICLE);
				if (access(p, R_OK) == 0)
					return p;
				free(p);
			}
		}
	}
	return xasprintf("%s/%s", LECTERN_DATADIR, LECTERN_ARTICLE);
}
