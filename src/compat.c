/*
 * compat.c: the functions of compat.h (its macros need no code). This is
 * the one file that asks glibc for its GNU extensions.
 */
#define _GNU_SOURCE		/* memmem, in glibc */
#include <string.h>

#include "lectern/compat.h"

/* See compat.h. */
void *
compat_memmem(const void *hay, size_t len, const void *needle, size_t n)
{
#ifndef LECTERN_COMPAT_MEMMEM
	return memmem(hay, len, needle, n);
#else
	const unsigned char *p = hay, *q = needle, *last;

	if (n == 0)
		return (void *)p;
	if (len < n)
		return NULL;
	last = p + (len - n);	/* the last place a match can start */
	while (p <= last &&
	    (p = memchr(p, q[0], (size_t)(last - p) + 1)) != NULL) {
		if (memcmp(p, q, n) == 0)
			return (void *)p;
		p++;
	}
	return NULL;
#endif
}
