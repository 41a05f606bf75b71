/*
 * clip.c: copying text to the terminal's clipboard with OSC 52 (see
 * clip.h). The text goes base64-encoded into the sequence; the
 * sequence comes from terminfo's Ms capability where the terminal's
 * entry has one, else in the standard form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>
#include <term.h>

#include "lectern/clip.h"
#include "lectern/util.h"

static const char clip_b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* See clip.h. */
char *
clip_base64(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out, *o;
	unsigned long v;
	size_t i;

	o = out = xmalloc((len + 2) / 3 * 4 + 1);
	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8 |
		    p[i + 2];
		*o++ = clip_b64[v >> 18 & 63];
		*o++ = clip_b64[v >> 12 & 63];
		*o++ = clip_b64[v >> 6 & 63];
		*o++ = clip_b64[v & 63];
	}
	if (i < len) {
		/* One or two bytes left: padded to four characters. */
		v = (unsigned long)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned long)p[i + 1] << 8;
		*o++ = clip_b64[v >> 18 & 63];
		*o++ = clip_b64[v >> 12 & 63];
		*o++ = i + 1 < len ? clip_b64[v >> 6 & 63] : '=';
		*o++ = '=';
	}
	*o = '\0';
	return out;
}

/*
 * Expands MS with the selection "c" as its first parameter and DATA as
 * its second into B. Only %p1%s, %p2%s and %% are understood; returns
 * -1 for anything else, which the caller does not send.
 */
static int
clip_expand(struct buf *b, const char *ms, const char *data)
{
	const char *p;
	int have = 0;

	for (p = ms; *p != '\0'; p++) {
		if (*p != '%') {
			buf_addc(b, *p);
			continue;
		}
		if (p[1] == '%') {
			buf_addc(b, '%');
			p++;
		} else if (strncmp(p, "%p1%s", 5) == 0) {
			buf_addc(b, 'c');
			p += 4;
		} else if (strncmp(p, "%p2%s", 5) == 0) {
			buf_adds(b, data);
			have = 1;
			p += 4;
		} else
			return -1;
	}
	return have ? 0 : -1;
}

/* See clip.h. */
char *
clip_osc52(const char *s, size_t len, const char *ms)
{
	struct buf b = { 0 };
	char *data;

	if (len > CLIP_MAX)
		return NULL;
	data = clip_base64(s, len);
	if (ms == NULL) {
		buf_adds(&b, "\033]52;c;");
		buf_adds(&b, data);
		buf_adds(&b, "\033\\");
	} else if (clip_expand(&b, ms, data) != 0) {
		buf_free(&b);
		b.data = NULL;
	}
	free(data);
	return b.data;
}

/* See clip.h. */
int
clip_write(const char *s, size_t len)
{
	char *ms = tigetstr("Ms"), *seq;
	int named = ms != NULL && ms != (char *)-1;

	seq = clip_osc52(s, len, named ? ms : NULL);
	if (seq == NULL && named)
		seq = clip_osc52(s, len, NULL);
	if (seq == NULL)
		return -1;
	fputs(seq, stdout);
	fflush(stdout);
	free(seq);
	return named;
}
