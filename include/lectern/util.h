/* util.c: memory that never returns NULL, growable buffers, an arena. */
#ifndef LECTERN_UTIL_H
#define LECTERN_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define LECTERN_VERSION "0.1.0"

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*util_bundled(void);	/* the bundled article's path, malloc'd */

/* A growable byte buffer; always NUL-terminated after the first append. */
struct buf {
	char	*data;
	size_t	 len;		/* bytes used, not counting the NUL */
	size_t	 cap;		/* bytes allocated */
};

void	 buf_grow(struct buf *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
void	 buf_free(struct buf *);

/* Grows array P of *CAP elements of SIZE bytes to hold at least N. */
void	*array_reserve(void *p, size_t *cap, size_t n, size_t size);
/* A new last element of ARR (N of CAP); a call only when it grows. */
#define ARRAY_PUSH(arr, n, cap) \
	((n) < (cap) ? &(arr)[(n)++] : \
	 ((arr) = array_reserve((arr), &(cap), (n) + 1, sizeof(*(arr))), \
	 &(arr)[(n)++]))

/*
 * Index of the first of N elements of SIZE bytes at BASE, in order of
 * KEY, whose key is above X; N when there is none. The element before it,
 * if any, is the last one whose key is at most X.
 */
size_t	 array_upper(const void *base, size_t n, size_t size,
	    uint64_t (*key)(const void *), uint64_t x);

/* An arena: many small allocations freed at once. */
struct arena;
struct arena	*arena_new(void);
void		*arena_alloc(struct arena *, size_t);
char		*arena_strndup(struct arena *, const char *, size_t);
size_t		 arena_size(const struct arena *);
void		 arena_free(struct arena *);

/* Length of the UTF-8 character at P, one of at most N > 0 bytes [bytes];
   1 for a byte that starts none, so that a scan always moves on. */
size_t	 utf8_len(const char *p, size_t n);

/* The value of hex digit C, or -1. */
int	 hex_digit(char c);

/* Program name for messages. */
extern const char *progname;

#endif
