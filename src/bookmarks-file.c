/*
 * bookmarks-file.c: the text of the bookmark file, lines to records and
 * back. Where the file is and how it is replaced is bookmarks.c's part.
 *
 * The file is plain UTF-8 text. The first line is the version line
 *
 *	lectern-bookmarks 1
 *
 * and every other line is one record: a record type and fields of the
 * form name=value, separated by tabs. A value escapes a backslash as \\,
 * a tab as \t, a newline as \n, a carriage return as \r and any other
 * control byte as \xHH. Four record types are read:
 *
 *	doc	key=K	time=T	[title=TITLE]	[position]
 *	mark	key=K	name=X	position
 *	gmark	name=Y	key=K	time=T	position
 *	book	key=B	chapter=K	time=T
 *
 * K is the document's canonical path, or "bundled:NAME" for an article
 * that ships with lectern; T the time it was last read (or the record
 * set), in seconds since 1970; TITLE the document's title as the library
 * shows it; X a mark name, a to z; Y a global mark's name, A to Z, and K
 * the document it is in; B a book's key, and K the chapter being read
 * in it (each chapter has its own doc record). A position is the fields
 *
 *	hash=H		FNV-1a 64 of the document's source, 16 hex digits,
 *			when the position was taken
 *	block=B	off=O	the anchor: block index, byte offset in its text
 *	src=S		the anchor's offset in the source [bytes]
 *	pct=P		S as a percentage of the source, two decimals
 *	h=TITLE		the title of each heading above the place,
 *			outermost first; repeated
 *	text=F	at=A	up to 32 bytes of text around the anchor, and the
 *			anchor's offset in them [bytes]
 *
 * Fields lectern does not know are kept as they are, and so are records
 * of a type it does not know. A document's reading position is on its doc
 * record; each mark is a record of its own. A line longer than 64 KiB,
 * or one that breaks these rules, cannot be read: it is counted, and the
 * records around it are kept.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/bookmarks.h"
#include "lectern/bookmarks-file.h"
#include "lectern/util.h"

#define BM_MAGIC	"lectern-bookmarks "
#define BM_LINE_MAX	(64 * 1024)		/* longest record [bytes] */

/* Appends N bytes at S to B, escaped for a field value. */
static void
bookmarks_file_escape(struct buf *b, const char *s, size_t n)
{
	unsigned char c;
	size_t i;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		switch (c) {
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				buf_printf(b, "\\x%02x", c);
			else
				buf_addc(b, (char)c);
		}
	}
}

/* Decodes N escaped bytes at S into a new string, or NULL when bad. */
static char *
bookmarks_file_unescape(const char *s, size_t n)
{
	struct buf b = { 0 };
	const char *bs;
	size_t i;
	int hi, lo;

	/* Most values have nothing escaped. */
	if ((bs = memchr(s, '\\', n)) == NULL)
		return xstrndup(s, n);
	buf_grow(&b, n + 1);
	buf_add(&b, s, (size_t)(bs - s));
	for (i = (size_t)(bs - s); i < n; i++) {
		if (s[i] != '\\') {
			buf_addc(&b, s[i]);
			continue;
		}
		if (++i == n)
			goto bad;
		switch (s[i]) {
		case '\\':
			buf_addc(&b, '\\');
			break;
		case 't':
			buf_addc(&b, '\t');
			break;
		case 'n':
			buf_addc(&b, '\n');
			break;
		case 'r':
			buf_addc(&b, '\r');
			break;
		case 'x':
			if (n - i < 3)
				goto bad;
			hi = hex_digit(s[i + 1]);
			lo = hex_digit(s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				goto bad;
			buf_addc(&b, (char)(hi << 4 | lo));
			i += 2;
			break;
		default:
			goto bad;
		}
	}
	return b.data;
bad:
	buf_free(&b);
	return NULL;
}

/* Parses N decimal digits at S into *V, at most MAX. Returns -1 if bad. */
static int
bookmarks_file_number(const char *s, size_t n, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;

	if (n == 0 || n > 20)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (x > (UINT64_MAX - (uint64_t)(s[i] - '0')) / 10)
			return -1;
		x = x * 10 + (uint64_t)(s[i] - '0');
	}
	if (x > max)
		return -1;
	*v = x;
	return 0;
}

/* Parses a percentage "37.12" or "37" into hundredths. */
static int
bookmarks_file_percent(const char *s, size_t n, uint32_t *v)
{
	const char *dot = memchr(s, '.', n);
	uint64_t whole, frac = 0;

	if (dot == NULL)
		dot = s + n;
	if (bookmarks_file_number(s, (size_t)(dot - s), 100, &whole) == -1)
		return -1;
	if (dot < s + n && (s + n - dot - 1 != 2 ||
	    bookmarks_file_number(dot + 1, 2, 99, &frac) == -1))
		return -1;
	if (whole * 100 + frac > 10000)
		return -1;
	*v = (uint32_t)(whole * 100 + frac);
	return 0;
}

/* Whether N bytes at S name a field or record: [a-z][a-z0-9_]*. */
static int
bookmarks_file_is_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > 32 || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] < 'a' || s[i] > 'z') && (s[i] < '0' || s[i] > '9') &&
		    s[i] != '_')
			return 0;
	}
	return 1;
}

/* Reads field NAME=VALUE into POS when it is a position field. Returns 1
   when it was one, 0 when not, -1 when its value is bad. */
static int
bookmarks_file_pos_field(struct bm_pos *pos, const char *name, size_t nlen,
    const char *v, size_t vlen)
{
	uint64_t x;
	char *s;
	int i, d;

#define IS(lit) (nlen == sizeof(lit) - 1 && memcmp(name, lit, nlen) == 0)
	if (IS("hash")) {
		if (vlen != 16)
			return -1;
		for (x = 0, i = 0; i < 16; i++) {
			if ((d = hex_digit(v[i])) < 0)
				return -1;
			x = x << 4 | (uint64_t)d;
		}
		pos->hash = x;
	} else if (IS("block")) {
		if (bookmarks_file_number(v, vlen, UINT32_MAX, &x) == -1)
			return -1;
		pos->block = (uint32_t)x;
		pos->set |= 1;
	} else if (IS("off")) {
		if (bookmarks_file_number(v, vlen, UINT32_MAX, &x) == -1)
			return -1;
		pos->off = (uint32_t)x;
		pos->set |= 2;
	} else if (IS("src")) {
		if (bookmarks_file_number(v, vlen, UINT64_MAX, &x) == -1)
			return -1;
		pos->src = x;
	} else if (IS("pct")) {
		if (bookmarks_file_percent(v, vlen, &pos->pct) == -1)
			return -1;
	} else if (IS("at")) {
		if (bookmarks_file_number(v, vlen, BM_FP_MAX, &x) == -1)
			return -1;
		pos->fp_at = (uint32_t)x;
	} else if (IS("h")) {
		if ((s = bookmarks_file_unescape(v, vlen)) == NULL)
			return -1;
		if (pos->nheads == BM_DEPTH) {
			/* Keep the innermost headings. */
			free(pos->heads[0]);
			memmove(&pos->heads[0], &pos->heads[1],
			    (BM_DEPTH - 1) * sizeof(pos->heads[0]));
			pos->nheads--;
		}
		pos->heads[pos->nheads++] = s;
	} else if (IS("text")) {
		if ((s = bookmarks_file_unescape(v, vlen)) == NULL)
			return -1;
		free(pos->fp);
		pos->fp = s;
	} else
		return 0;
#undef IS
	return 1;
}

/* Appends field "\tNAME=VALUE" (escaped already) to *EXTRA. */
static void
bookmarks_file_keep_field(char **extra, const char *f, size_t n)
{
	struct buf b = { 0 };

	if (*extra != NULL)
		buf_adds(&b, *extra);
	buf_addc(&b, '\t');
	buf_add(&b, f, n);
	free(*extra);
	*extra = b.data;
}

/* The bytes that may not stand raw in a line: controls but the tab. */
static const unsigned char bookmarks_file_ctl[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x7f] = 1
};

/* Whether N bytes at S hold a control byte other than a tab: a look-up
   a byte and no branch, as this runs over the whole file. */
static int
bookmarks_file_has_control(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned bad = 0;
	size_t i;

	for (i = 0; i < n; i++)
		bad |= bookmarks_file_ctl[p[i]];
	return bad != 0;
}

/*
 * Puts a record read into ST: of TYPE ('d' doc, 'm' mark, 'g' global
 * mark, 'b' book) for KEY, with TEXT (a title or a chapter), time T, mark
 * NAME, position POS and unknown fields EXTRA, all of which it takes.
 */
static void
bookmarks_file_store(struct bm_store *st, int type, const char *key,
    char *text, int64_t t, int name, struct bm_pos *pos, char *extra)
{
	struct bm_global *g;
	struct bm_book *b;
	struct bm_doc *d;
	struct bm_pos share = { 0 };

	if (bookmarks_listing(st)) {
		/* Of a position the library shows only the share read. */
		share.set = pos->set;
		share.pct = pos->pct;
		bookmarks_pos_clear(pos);
		*pos = share;
		free(extra);
		extra = NULL;
		if (type != 'd') {
			/* A document with marks only is listed too. */
			if (type == 'm')
				bookmarks_entry(st, key);
			free(text);
			return;
		}
	}
	if (type == 'b') {
		b = bookmarks_book_entry(st, key);
		free(b->chapter);
		b->chapter = text;
		free(b->extra);
		b->extra = extra;
		b->time = t;
		return;
	}
	if (type == 'g') {
		g = bookmarks_global_slot(st, name);
		free(g->key);
		g->key = xstrdup(key);
		g->time = t;
		bookmarks_pos_clear(&g->pos);
		g->pos = *pos;
		g->pos.extra = extra;
		return;
	}
	d = bookmarks_entry(st, key);
	if (type == 'd') {
		if (text != NULL && *text == '\0') {
			free(text);
			text = NULL;
		}
		if (t > d->time)
			d->time = t;
		/* Unknown fields of a doc record stay with the entry. */
		free(d->extra);
		d->extra = extra;
		free(d->title);
		d->title = text;
		bookmarks_pos_clear(&d->pos);
		d->pos = *pos;
	} else {
		pos->extra = extra;
		bookmarks_pos_clear(&bookmarks_doc_marks(d)[name]);
		d->marks[name] = *pos;
	}
}

/*
 * Parses one record line of N bytes at LINE (no newline) into ST.
 * Returns -1 when the line cannot be read; ST is then unchanged.
 */
static int
bookmarks_file_record(struct bm_store *st, const char *line, size_t n)
{
	const char *end = line + n, *f, *fe, *eq;
	struct bm_pos pos = { 0 };
	char *key = NULL, *extra = NULL, *text = NULL, **into;
	int type, name = -1, r;
	uint64_t t = 0;

	if (bookmarks_file_has_control(line, n))
		return -1;
	fe = memchr(line, '\t', n);
	if (fe == NULL)
		fe = end;
	if (!bookmarks_file_is_name(line, (size_t)(fe - line)))
		return -1;
	if (fe - line == 3 && memcmp(line, "doc", 3) == 0)
		type = 'd';
	else if (fe - line == 4 && memcmp(line, "mark", 4) == 0)
		type = 'm';
	else if (fe - line == 5 && memcmp(line, "gmark", 5) == 0)
		type = 'g';
	else if (fe - line == 4 && memcmp(line, "book", 4) == 0)
		type = 'b';
	else
		type = '?';
	for (f = fe; f < end; f = fe) {
		f++;
		if ((fe = memchr(f, '\t', (size_t)(end - f))) == NULL)
			fe = end;
		eq = memchr(f, '=', (size_t)(fe - f));
		if (eq == NULL || !bookmarks_file_is_name(f, (size_t)(eq - f)))
			goto bad;
		if (type == '?') {
			/* Only check that the value is well formed. */
			char *v = bookmarks_file_unescape(eq + 1,
			    (size_t)(fe - eq - 1));
			if (v == NULL)
				goto bad;
			free(v);
			continue;
		}
		into = NULL;
		if (eq - f == 3 && memcmp(f, "key", 3) == 0)
			into = &key;
		else if ((type == 'd' && eq - f == 5 &&
		    memcmp(f, "title", 5) == 0) || (type == 'b' &&
		    eq - f == 7 && memcmp(f, "chapter", 7) == 0))
			into = &text;
		if (into != NULL) {
			free(*into);
			*into = bookmarks_file_unescape(eq + 1,
			    (size_t)(fe - eq - 1));
			if (*into == NULL || (into == &key && *key == '\0'))
				goto bad;
		} else if (type != 'm' && eq - f == 4 &&
		    memcmp(f, "time", 4) == 0) {
			if (bookmarks_file_number(eq + 1, (size_t)(fe - eq - 1),
			    INT64_MAX, &t) == -1)
				goto bad;
		} else if ((type == 'm' || type == 'g') && eq - f == 4 &&
		    memcmp(f, "name", 4) == 0) {
			if (fe - eq - 1 != 1 || (type == 'm' ?
			    eq[1] < 'a' || eq[1] > 'z' :
			    eq[1] < 'A' || eq[1] > 'Z'))
				goto bad;
			name = eq[1] - (type == 'm' ? 'a' : 'A');
		} else if (type == 'b') {
			/* A book has no position: its fields are kept. */
			bookmarks_file_keep_field(&extra, f, (size_t)(fe - f));
		} else {
			r = bookmarks_file_pos_field(&pos, f, (size_t)(eq - f),
			    eq + 1, (size_t)(fe - eq - 1));
			if (r == -1)
				goto bad;
			if (r == 0)
				bookmarks_file_keep_field(&extra, f,
				    (size_t)(fe - f));
		}
	}

	if (type == '?') {
		bookmarks_other_add(st, line, n);
		return 0;
	}
	if (key == NULL)
		goto bad;
	/* A position needs both halves of its anchor, or neither. */
	if (pos.set != 0 && pos.set != 3)
		goto bad;
	if ((type == 'm' || type == 'g') && (name == -1 || pos.set == 0))
		goto bad;
	if (type == 'b' && text == NULL)
		goto bad;
	if (pos.fp != NULL && pos.fp_at > strlen(pos.fp))
		goto bad;
	pos.set = pos.set != 0;
	bookmarks_file_store(st, type, key, text, (int64_t)t, name, &pos,
	    extra);
	free(key);
	return 0;
bad:
	bookmarks_pos_clear(&pos);
	free(key);
	free(text);
	free(extra);
	return -1;
}

/* Parses the version line of N bytes at S: its number, or 0 if it is not
   one. */
static unsigned
bookmarks_file_version(const char *s, size_t n)
{
	size_t m = sizeof(BM_MAGIC) - 1;
	uint64_t v;

	if (n <= m || memcmp(s, BM_MAGIC, m) != 0)
		return 0;
	if (bookmarks_file_number(s + m, n - m, 1000000, &v) == -1 || v == 0)
		return 0;
	return (unsigned)v;
}

/* See bookmarks-file.h. */
void
bookmarks_file_parse(struct bm_store *st, const char *data, size_t len,
    struct bm_parse *bp)
{
	const char *p = data, *end = data + len, *nl;
	size_t lineno = 0, n;

	while (p < end) {
		lineno++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		n = (size_t)(nl - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (lineno == 1 && (bp->version =
		    bookmarks_file_version(p, n)) != 0) {
			p = nl + 1;
			continue;
		}
		if (n == 0 && lineno > 1) {
			p = nl + 1;
			continue;
		}
		if (n > BM_LINE_MAX ||
		    bookmarks_file_record(st, p, n) == -1 || lineno == 1) {
			if (bp->nbad++ == 0)
				bp->first_bad = lineno;
		}
		p = nl + 1;
	}
}

/* Appends the fields of POS to B. */
static void
bookmarks_file_put_pos(struct buf *b, const struct bm_pos *pos)
{
	uint32_t i;

	buf_printf(b, "\thash=%016llx\tblock=%u\toff=%u\tsrc=%llu"
	    "\tpct=%u.%02u", (unsigned long long)pos->hash, pos->block,
	    pos->off, (unsigned long long)pos->src, pos->pct / 100,
	    pos->pct % 100);
	for (i = 0; i < pos->nheads; i++) {
		buf_adds(b, "\th=");
		bookmarks_file_escape(b, pos->heads[i], strlen(pos->heads[i]));
	}
	if (pos->fp != NULL) {
		buf_adds(b, "\ttext=");
		bookmarks_file_escape(b, pos->fp, strlen(pos->fp));
		buf_printf(b, "\tat=%u", pos->fp_at);
	}
	if (pos->extra != NULL)
		buf_adds(b, pos->extra);
}

/* Appends the global marks and book records of ST to B. */
static void
bookmarks_file_print_more(const struct bm_store *st, struct buf *b)
{
	const struct bm_global *g;
	const struct bm_book *k;
	size_t i, n;
	int m;

	for (m = 0; m < BM_NGLOBAL; m++) {
		g = bookmarks_global_nth(st, m);
		if (g->key == NULL)
			continue;
		buf_printf(b, "gmark\tname=%c\tkey=", 'A' + m);
		bookmarks_file_escape(b, g->key, strlen(g->key));
		buf_printf(b, "\ttime=%lld", (long long)(g->time > 0 ?
		    g->time : 0));
		bookmarks_file_put_pos(b, &g->pos);
		buf_addc(b, '\n');
	}
	n = bookmarks_book_count(st);
	for (i = 0; i < n; i++) {
		k = bookmarks_book_nth(st, i);
		if (k->chapter == NULL)
			continue;
		buf_adds(b, "book\tkey=");
		bookmarks_file_escape(b, k->key, strlen(k->key));
		buf_adds(b, "\tchapter=");
		bookmarks_file_escape(b, k->chapter, strlen(k->chapter));
		buf_printf(b, "\ttime=%lld", (long long)(k->time > 0 ?
		    k->time : 0));
		if (k->extra != NULL)
			buf_adds(b, k->extra);
		buf_addc(b, '\n');
	}
}

/* See bookmarks-file.h. */
void
bookmarks_file_print(const struct bm_store *st, struct buf *b)
{
	const struct bm_doc *d;
	size_t i, n;
	int m;

	buf_printf(b, "%s%d\n", BM_MAGIC, BM_VERSION);
	n = bookmarks_count(st);
	for (i = 0; i < n; i++) {
		d = bookmarks_nth(st, i);
		buf_adds(b, "doc\tkey=");
		bookmarks_file_escape(b, d->key, strlen(d->key));
		buf_printf(b, "\ttime=%lld", (long long)(d->time > 0 ?
		    d->time : 0));
		if (d->title != NULL) {
			buf_adds(b, "\ttitle=");
			bookmarks_file_escape(b, d->title, strlen(d->title));
		}
		if (d->pos.set)
			bookmarks_file_put_pos(b, &d->pos);
		if (d->extra != NULL)
			buf_adds(b, d->extra);
		buf_addc(b, '\n');
		for (m = 0; m < BM_NMARKS; m++) {
			if (!d->marks[m].set)
				continue;
			buf_adds(b, "mark\tkey=");
			bookmarks_file_escape(b, d->key, strlen(d->key));
			buf_printf(b, "\tname=%c", 'a' + m);
			bookmarks_file_put_pos(b, &d->marks[m]);
			buf_addc(b, '\n');
		}
	}
	bookmarks_file_print_more(st, b);
	n = bookmarks_other_count(st);
	for (i = 0; i < n; i++) {
		buf_adds(b, bookmarks_other_nth(st, i));
		buf_addc(b, '\n');
	}
}
