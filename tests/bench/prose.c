/*
 * prose.c: writes the benchmark's second corpus, long-form prose of about
 * SIZE bytes made of the bundled article's own text: its body repeated as
 * many times as it takes, each repetition a chapter that ends with its
 * footnote definitions, as a book converted chapter by chapter does.
 *
 * The words, headings and notes are the article's; two things change:
 *
 *   - runs of its short blocks (paragraphs and list items) are joined into
 *     paragraphs of 200 to 600 characters, the length of a paragraph of
 *     long-form prose (a block longer than that stays whole);
 *   - every footnote label [^L] of repetition K becomes [^K-L], in the
 *     references and the definitions alike, so that each repetition's
 *     notes resolve to its own definitions.
 *
 * The front matter comes once, at the top. The output depends only on
 * SIZE and the article.
 *
 * usage: prose SIZE ARTICLE > file.md      SIZE in bytes, K or M suffix
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROSE_MIN	200	/* shortest joined paragraph [characters] */
#define PROSE_MAX	600	/* longest one, unless a block alone is longer */

static unsigned long prose_bytes;	/* written so far */

/* A paragraph being joined. */
struct prose_para {
	char		*text;
	size_t		 len;
	size_t		 size;
	size_t		 chars;		/* code points */
	size_t		 target;	/* flush at this many code points */
};

/* The length the next paragraph is joined to: PROSE_MIN to PROSE_MAX
   characters, spread evenly (a Weyl sequence of the golden ratio). */
static size_t
prose_target(void)
{
	static uint32_t step;

	step += 0x9e3779b9U;
	return PROSE_MIN + (size_t)(step >> 8) % (PROSE_MAX - PROSE_MIN + 1);
}

/* SIZE in bytes, or with a K or M suffix. */
static unsigned long
prose_size(const char *s)
{
	char *end;
	unsigned long n = strtoul(s, &end, 10);

	switch (*end) {
	case 'k':
	case 'K':
		return n << 10;
	case 'm':
	case 'M':
		return n << 20;
	}
	return n;
}

/* Writes N bytes of S. */
static void
prose_write(const char *s, size_t n)
{
	fwrite(s, 1, n, stdout);
	prose_bytes += n;
}

/* Code points in N bytes of UTF-8 at S. */
static size_t
prose_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/* Writes the line S of N bytes with its footnote labels made those of
   repetition REP. */
static void
prose_line(const char *s, size_t n, unsigned long rep)
{
	char tag[32];
	size_t i, from = 0;
	int k;

	for (i = 0; i + 2 < n; i++) {
		if (s[i] != '[' || s[i + 1] != '^')
			continue;
		prose_write(s + from, i + 2 - from);
		k = snprintf(tag, sizeof(tag), "%lu-", rep);
		prose_write(tag, (size_t)k);
		from = i + 2;
		i++;
	}
	prose_write(s + from, n - from);
}

/* Writes the paragraph P, if it holds any text, and empties it. */
static void
prose_flush(struct prose_para *p, unsigned long rep)
{
	if (p->len == 0)
		return;
	prose_line(p->text, p->len, rep);
	prose_write("\n\n", 2);
	p->len = 0;
	p->chars = 0;
	p->target = prose_target();
}

/* Adds the block of N bytes at S (its lines without their list markers)
   to P; writes P first when the block would take it past PROSE_MAX. */
static void
prose_add(struct prose_para *p, const char *s, size_t n, unsigned long rep)
{
	size_t c = prose_chars(s, n);

	if (p->len > 0 && p->chars + c > PROSE_MAX)
		prose_flush(p, rep);
	if (p->len + n + 1 > p->size) {
		p->size = 2 * (p->len + n + 1);
		if ((p->text = realloc(p->text, p->size)) == NULL) {
			perror("prose");
			exit(1);
		}
	}
	if (p->len > 0)
		p->text[p->len++] = '\n';
	memcpy(p->text + p->len, s, n);
	p->len += n;
	p->chars += c;
	if (p->chars >= p->target)
		prose_flush(p, rep);
}

/* The length of a list marker ("- ", "* ", "12. ") with the spaces
   around it at the start of the line S of N bytes, or 0. */
static size_t
prose_marker(const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n && s[i] == ' ')
		i++;
	j = i;
	if (j < n && (s[j] == '-' || s[j] == '*' || s[j] == '+'))
		j++;
	else {
		while (j < n && s[j] >= '0' && s[j] <= '9')
			j++;
		if (j == i || j >= n || (s[j] != '.' && s[j] != ')'))
			return 0;
		j++;
	}
	if (j >= n || s[j] != ' ')
		return 0;
	while (j < n && s[j] == ' ')
		j++;
	return j;
}

/* Whether the line S of N bytes starts a footnote definition. */
static int
prose_is_def(const char *s, size_t n)
{
	const char *r;

	if (n < 4 || s[0] != '[' || s[1] != '^')
		return 0;
	r = memchr(s, ']', n);
	return r != NULL && r + 1 < s + n && r[1] == ':';
}

/* Writes the article's BODY of LEN bytes once, as repetition REP. */
static void
prose_body(const char *body, size_t len, unsigned long rep,
    struct prose_para *p)
{
	const char *s = body, *end = body + len, *nl;
	size_t n, m, sp;

	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		n = nl != NULL ? (size_t)(nl - s) : (size_t)(end - s);
		for (sp = 0; sp < n && s[sp] == ' '; sp++)
			continue;
		if (sp == n)
			;			/* a blank line joins */
		else if (s[0] == '#' || prose_is_def(s, n)) {
			/* A heading or a definition: a block of its own. */
			prose_flush(p, rep);
			prose_line(s, n, rep);
			prose_write("\n\n", 2);
		} else if ((m = prose_marker(s, n)) > 0)
			prose_add(p, s + m, n - m, rep);
		else
			prose_add(p, s + sp, n - sp, rep);
		s += n + 1;
	}
	prose_flush(p, rep);
}

int
main(int argc, char *argv[])
{
	struct prose_para p;
	unsigned long size, rep;
	char *text, *body, *end;
	size_t len, blen;
	long flen;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: prose SIZE ARTICLE\n");
		return 2;
	}
	size = prose_size(argv[1]);
	if ((f = fopen(argv[2], "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (flen = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (text = malloc((size_t)flen + 1)) == NULL ||
	    fread(text, 1, (size_t)flen, f) != (size_t)flen) {
		perror(argv[2]);
		return 1;
	}
	fclose(f);
	len = (size_t)flen;
	text[len] = '\0';

	/* The front matter, once; the body after it, repeated. */
	body = text;
	if (strncmp(text, "---\n", 4) == 0 &&
	    (end = strstr(text + 4, "\n---\n")) != NULL) {
		body = end + 5;
		prose_write(text, (size_t)(body - text));
		prose_write("\n", 1);
	}
	blen = len - (size_t)(body - text);
	memset(&p, 0, sizeof(p));
	p.target = prose_target();
	for (rep = 1; rep == 1 || prose_bytes < size; rep++)
		prose_body(body, blen, rep, &p);
	free(p.text);
	free(text);
	return ferror(stdout) || fflush(stdout) != 0;
}
