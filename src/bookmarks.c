/*
 * bookmarks.c: the state file of reading positions and marks.
 *
 * The file is $XDG_STATE_HOME/lectern/bookmarks (an XDG_STATE_HOME that is
 * not an absolute path is ignored), by default
 * ~/.local/state/lectern/bookmarks; $LECTERN_BOOKMARKS and then
 * --bookmarks FILE name another. It is plain UTF-8 text. The first line
 * is the version line
 *
 *	lectern-bookmarks 1
 *
 * and every other line is one record: a record type and fields of the
 * form name=value, separated by tabs. A value escapes a backslash as \\,
 * a tab as \t, a newline as \n, a carriage return as \r and any other
 * control byte as \xHH. Two record types are read:
 *
 *	doc	key=K	time=T	[position]
 *	mark	key=K	name=X	position
 *
 * K is the document's canonical path, or "bundled:NAME" for an article
 * that ships with lectern; T the time it was last read, in seconds since
 * 1970; X a mark name, a to z. A position is the fields
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
 * record; each mark is a record of its own. At most 2000 documents are
 * kept; the least recently read are forgotten first.
 *
 * Writing: a lectern that saves takes an exclusive flock(2) on FILE.lock,
 * re-reads FILE, applies its own changes to the documents it touched, and
 * writes the result to a new file FILE.tmp-PID-N beside it (created
 * O_EXCL|O_NOFOLLOW, mode 0600), fsyncs it, renames it over FILE and
 * fsyncs the directory; the directory is created 0700. A temporary file
 * found while holding the lock is left from a writer that died, and is
 * removed. A symbolic link at FILE is never written through.
 *
 * A file with lines that cannot be read (or that is larger than 64 MiB)
 * keeps its readable records; the original is copied to
 * FILE.corrupt-YYYYMMDD-HHMMSS before anything replaces it. A file from a
 * newer lectern (a version line above 1) is read as far as it can be and
 * never written.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lectern/bookmarks.h"
#include "lectern/util.h"

#define BM_VERSION	1
#define BM_MAGIC	"lectern-bookmarks "
#define BM_LINE_MAX	(64 * 1024)		/* longest record [bytes] */
#define BM_FILE_MAX	((size_t)64 << 20)	/* largest file read [bytes] */
#define BM_OTHER_MAX	10000			/* unknown records kept */
#define BM_LOCK_WAIT	5000	/* longest wait for the lock [ms] */
#define BM_TOUCH	86400	/* refresh an unchanged entry's time [s] */

struct bm_store {
	char		*path;		/* the file, or NULL: memory only */
	struct bm_doc	**docs;		/* in file order */
	size_t		 ndocs, capdocs;
	size_t		 last;		/* index of the last lookup */
	char		**other;	/* unknown records, raw lines */
	size_t		 nother, capother;
	char		**forgotten;	/* keys forgotten, not yet saved */
	size_t		 nforgotten, capforgotten;
	char		*readonly;	/* why saving is off, or NULL */
	char		*last_err;	/* the last save failure told */
	int		 copied;	/* a corrupt file was copied aside: */
	dev_t		 copied_dev;	/* its device, */
	ino_t		 copied_ino;	/* inode, */
	off_t		 copied_size;	/* size [bytes] */
	struct timespec	 copied_mtime;	/* and modification time */
};

/* What reading the file found. */
struct bm_read {
	int		 err;		/* errno of a failed read, or 0 */
	const char	*what;		/* a problem that is not an errno */
	unsigned	 version;	/* from the version line, 0 if none */
	size_t		 nbad;		/* lines that could not be read */
	size_t		 first_bad;	/* the first of them [1-based line] */
	int		 too_large;	/* only BM_FILE_MAX bytes were read */
	struct stat	 st;		/* of the file read */
};

/* Frees the strings of POS and empties it. */
void
bookmarks_pos_clear(struct bm_pos *pos)
{
	uint32_t i;

	for (i = 0; i < pos->nheads; i++)
		free(pos->heads[i]);
	free(pos->fp);
	free(pos->extra);
	memset(pos, 0, sizeof(*pos));
}

/* Makes DST a deep copy of SRC. */
void
bookmarks_pos_copy(struct bm_pos *dst, const struct bm_pos *src)
{
	uint32_t i;

	if (dst == src)
		return;
	bookmarks_pos_clear(dst);
	*dst = *src;
	for (i = 0; i < src->nheads; i++)
		dst->heads[i] = xstrdup(src->heads[i]);
	dst->fp = src->fp ? xstrdup(src->fp) : NULL;
	dst->extra = src->extra ? xstrdup(src->extra) : NULL;
}

/* Frees an entry. */
static void
bookmarks_doc_free(struct bm_doc *d)
{
	int i;

	if (d == NULL)
		return;
	bookmarks_pos_clear(&d->pos);
	for (i = 0; i < BM_NMARKS; i++)
		bookmarks_pos_clear(&d->marks[i]);
	free(d->extra);
	free(d->key);
	free(d);
}

/* Empties the entries and unknown records of ST. */
static void
bookmarks_clear(struct bm_store *st)
{
	size_t i;

	for (i = 0; i < st->ndocs; i++)
		bookmarks_doc_free(st->docs[i]);
	free(st->docs);
	st->docs = NULL;
	st->ndocs = st->capdocs = st->last = 0;
	for (i = 0; i < st->nother; i++)
		free(st->other[i]);
	free(st->other);
	st->other = NULL;
	st->nother = st->capother = 0;
}

/* The index of KEY's entry in ST, or -1. */
static ssize_t
bookmarks_find(struct bm_store *st, const char *key)
{
	size_t i;

	if (st->last < st->ndocs && strcmp(st->docs[st->last]->key, key) == 0)
		return (ssize_t)st->last;
	for (i = 0; i < st->ndocs; i++) {
		if (strcmp(st->docs[i]->key, key) == 0) {
			st->last = i;
			return (ssize_t)i;
		}
	}
	return -1;
}

/* KEY's entry in ST, added when missing. */
static struct bm_doc *
bookmarks_entry(struct bm_store *st, const char *key)
{
	struct bm_doc **slot, *d;
	ssize_t i;

	if ((i = bookmarks_find(st, key)) >= 0)
		return st->docs[i];
	d = xcalloc(1, sizeof(*d));
	d->key = xstrdup(key);
	slot = ARRAY_PUSH(st->docs, st->ndocs, st->capdocs);
	*slot = d;
	st->last = st->ndocs - 1;
	return d;
}

/* Removes entry I of ST. */
static void
bookmarks_remove(struct bm_store *st, size_t i)
{
	bookmarks_doc_free(st->docs[i]);
	memmove(&st->docs[i], &st->docs[i + 1],
	    (st->ndocs - i - 1) * sizeof(st->docs[0]));
	st->ndocs--;
	st->last = 0;
}

/* Appends N bytes at S to B, escaped for a field value. */
static void
bookmarks_escape(struct buf *b, const char *s, size_t n)
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

/* The value of a hex digit, or -1. */
static int
bookmarks_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes N escaped bytes at S into a new string, or NULL when bad. */
static char *
bookmarks_unescape(const char *s, size_t n)
{
	struct buf b = { 0 };
	size_t i;
	int hi, lo;

	buf_grow(&b, n + 1);
	b.data[0] = '\0';
	for (i = 0; i < n; i++) {
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
			hi = bookmarks_hexval(s[i + 1]);
			lo = bookmarks_hexval(s[i + 2]);
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
bookmarks_number(const char *s, size_t n, uint64_t max, uint64_t *v)
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
bookmarks_percent(const char *s, size_t n, uint32_t *v)
{
	const char *dot = memchr(s, '.', n);
	uint64_t whole, frac = 0;

	if (dot == NULL)
		dot = s + n;
	if (bookmarks_number(s, (size_t)(dot - s), 100, &whole) == -1)
		return -1;
	if (dot < s + n && (s + n - dot - 1 != 2 ||
	    bookmarks_number(dot + 1, 2, 99, &frac) == -1))
		return -1;
	if (whole * 100 + frac > 10000)
		return -1;
	*v = (uint32_t)(whole * 100 + frac);
	return 0;
}

/* Whether N bytes at S name a field or record: [a-z][a-z0-9_]*. */
static int
bookmarks_is_name(const char *s, size_t n)
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
bookmarks_pos_field(struct bm_pos *pos, const char *name, size_t nlen,
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
			if ((d = bookmarks_hexval(v[i])) < 0)
				return -1;
			x = x << 4 | (uint64_t)d;
		}
		pos->hash = x;
	} else if (IS("block")) {
		if (bookmarks_number(v, vlen, UINT32_MAX, &x) == -1)
			return -1;
		pos->block = (uint32_t)x;
		pos->set |= 1;
	} else if (IS("off")) {
		if (bookmarks_number(v, vlen, UINT32_MAX, &x) == -1)
			return -1;
		pos->off = (uint32_t)x;
		pos->set |= 2;
	} else if (IS("src")) {
		if (bookmarks_number(v, vlen, UINT64_MAX, &x) == -1)
			return -1;
		pos->src = x;
	} else if (IS("pct")) {
		if (bookmarks_percent(v, vlen, &pos->pct) == -1)
			return -1;
	} else if (IS("at")) {
		if (bookmarks_number(v, vlen, BM_FP_MAX, &x) == -1)
			return -1;
		pos->fp_at = (uint32_t)x;
	} else if (IS("h")) {
		if ((s = bookmarks_unescape(v, vlen)) == NULL)
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
		if ((s = bookmarks_unescape(v, vlen)) == NULL)
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
bookmarks_keep_field(char **extra, const char *f, size_t n)
{
	struct buf b = { 0 };

	if (*extra != NULL)
		buf_adds(&b, *extra);
	buf_addc(&b, '\t');
	buf_add(&b, f, n);
	free(*extra);
	*extra = b.data;
}

/*
 * Parses one record line of N bytes at LINE (no newline) into ST.
 * Returns -1 when the line cannot be read; ST is then unchanged.
 */
static int
bookmarks_parse_record(struct bm_store *st, const char *line, size_t n)
{
	const char *end = line + n, *f, *fe, *eq;
	struct bm_pos pos = { 0 };
	struct bm_doc *d;
	char *key = NULL, *extra = NULL, **slot;
	int type, name = -1, r;
	uint64_t t = 0;

	for (f = line; f < end; f++) {
		if ((unsigned char)*f < 0x20 && *f != '\t')
			return -1;
		if (*f == 0x7f)
			return -1;
	}
	fe = memchr(line, '\t', n);
	if (fe == NULL)
		fe = end;
	if (!bookmarks_is_name(line, (size_t)(fe - line)))
		return -1;
	if (fe - line == 3 && memcmp(line, "doc", 3) == 0)
		type = 'd';
	else if (fe - line == 4 && memcmp(line, "mark", 4) == 0)
		type = 'm';
	else
		type = '?';
	for (f = fe; f < end; f = fe) {
		f++;
		if ((fe = memchr(f, '\t', (size_t)(end - f))) == NULL)
			fe = end;
		eq = memchr(f, '=', (size_t)(fe - f));
		if (eq == NULL || !bookmarks_is_name(f, (size_t)(eq - f)))
			goto bad;
		if (type == '?') {
			/* Only check that the value is well formed. */
			char *v = bookmarks_unescape(eq + 1,
			    (size_t)(fe - eq - 1));
			if (v == NULL)
				goto bad;
			free(v);
			continue;
		}
		if (eq - f == 3 && memcmp(f, "key", 3) == 0) {
			free(key);
			key = bookmarks_unescape(eq + 1, (size_t)(fe - eq - 1));
			if (key == NULL || *key == '\0')
				goto bad;
		} else if (type == 'd' && eq - f == 4 &&
		    memcmp(f, "time", 4) == 0) {
			if (bookmarks_number(eq + 1, (size_t)(fe - eq - 1),
			    INT64_MAX, &t) == -1)
				goto bad;
		} else if (type == 'm' && eq - f == 4 &&
		    memcmp(f, "name", 4) == 0) {
			if (fe - eq - 1 != 1 || eq[1] < 'a' || eq[1] > 'z')
				goto bad;
			name = eq[1] - 'a';
		} else {
			r = bookmarks_pos_field(&pos, f, (size_t)(eq - f),
			    eq + 1, (size_t)(fe - eq - 1));
			if (r == -1)
				goto bad;
			if (r == 0)
				bookmarks_keep_field(&extra, f,
				    (size_t)(fe - f));
		}
	}

	if (type == '?') {
		if (st->nother < BM_OTHER_MAX) {
			slot = ARRAY_PUSH(st->other, st->nother, st->capother);
			*slot = xstrndup(line, n);
		}
		return 0;
	}
	if (key == NULL)
		goto bad;
	/* A position needs both halves of its anchor, or neither. */
	if (pos.set != 0 && pos.set != 3)
		goto bad;
	if (type == 'm' && (name == -1 || pos.set == 0))
		goto bad;
	if (pos.fp != NULL && pos.fp_at > strlen(pos.fp))
		goto bad;
	pos.set = pos.set != 0;

	d = bookmarks_entry(st, key);
	if (type == 'd') {
		if ((int64_t)t > d->time)
			d->time = (int64_t)t;
		/* Unknown fields of a doc record stay with the entry. */
		free(d->extra);
		d->extra = extra;
		extra = NULL;
		bookmarks_pos_clear(&d->pos);
		d->pos = pos;
	} else {
		pos.extra = extra;
		extra = NULL;
		bookmarks_pos_clear(&d->marks[name]);
		d->marks[name] = pos;
	}
	free(key);
	return 0;
bad:
	bookmarks_pos_clear(&pos);
	free(key);
	free(extra);
	return -1;
}

/* Parses the version line of N bytes at S: its number, or 0 if it is not
   one. */
static unsigned
bookmarks_parse_version(const char *s, size_t n)
{
	size_t m = sizeof(BM_MAGIC) - 1;
	uint64_t v;

	if (n <= m || memcmp(s, BM_MAGIC, m) != 0)
		return 0;
	if (bookmarks_number(s + m, n - m, 1000000, &v) == -1 || v == 0)
		return 0;
	return (unsigned)v;
}

/* Parses LEN bytes of file DATA into ST, noting problems in RI. */
static void
bookmarks_parse(struct bm_store *st, const char *data, size_t len,
    struct bm_read *ri)
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
		if (lineno == 1 && (ri->version =
		    bookmarks_parse_version(p, n)) != 0) {
			p = nl + 1;
			continue;
		}
		if (n == 0 && lineno > 1) {
			p = nl + 1;
			continue;
		}
		if (n > BM_LINE_MAX ||
		    bookmarks_parse_record(st, p, n) == -1 || lineno == 1) {
			if (ri->nbad++ == 0)
				ri->first_bad = lineno;
		}
		p = nl + 1;
	}
}

/*
 * Reads the file at PATH into ST (emptied first). Returns 0, or -1 when
 * it exists but cannot be read (RI says why).
 */
static int
bookmarks_read(struct bm_store *st, const char *path, struct bm_read *ri)
{
	struct buf b = { 0 };
	ssize_t r;
	size_t want;
	int fd;

	bookmarks_clear(st);
	memset(ri, 0, sizeof(*ri));
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd == -1) {
		/* Missing, or a directory above it is: nothing to read. */
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		ri->err = errno;
		return -1;
	}
	if (fstat(fd, &ri->st) == -1) {
		ri->err = errno;
		close(fd);
		return -1;
	}
	if (!S_ISREG(ri->st.st_mode)) {
		ri->what = "not a regular file";
		close(fd);
		return -1;
	}
	want = ri->st.st_size > 0 ? (size_t)ri->st.st_size + 1 : 4096;
	buf_grow(&b, (want > BM_FILE_MAX ? BM_FILE_MAX : want) + 1);
	b.data[0] = '\0';
	while (b.len < BM_FILE_MAX) {
		if (b.cap - b.len < 2)
			buf_grow(&b, b.cap * 2);
		want = b.cap - b.len - 1;
		if (want > BM_FILE_MAX - b.len)
			want = BM_FILE_MAX - b.len;
		r = read(fd, b.data + b.len, want);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			ri->err = errno;
			close(fd);
			buf_free(&b);
			return -1;
		}
		if (r == 0)
			break;
		b.len += (size_t)r;
	}
	if (b.len == BM_FILE_MAX) {
		char c;

		if (read(fd, &c, 1) == 1)
			ri->too_large = 1;
	}
	close(fd);
	bookmarks_parse(st, b.data, b.len, ri);
	if (ri->too_large && ri->nbad++ == 0)
		ri->first_bad = 0;
	buf_free(&b);
	return 0;
}

/* Whether the file RI describes is damaged. */
static int
bookmarks_damaged(const struct bm_read *ri)
{
	return ri->nbad > 0 && ri->version <= BM_VERSION;
}

/* Writes N bytes at P to FD whole. Returns 0 or -1 with errno. */
static int
bookmarks_write_all(int fd, const char *p, size_t n)
{
	ssize_t r;

	while (n > 0) {
		r = write(fd, p, n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

/* The directory part of PATH, "." when it has none. */
static char *
bookmarks_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	while (slash > path && slash[-1] == '/')
		slash--;
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/*
 * Copies the damaged file at ST's path aside as PATH.corrupt-DATE. Returns
 * the copy's name, or NULL with errno.
 */
static char *
bookmarks_copy_aside(struct bm_store *st, const struct bm_read *ri)
{
	char stamp[32], buf[65536], *name = NULL;
	struct tm tm;
	time_t now = time(NULL);
	ssize_t r;
	int in, out = -1, i, e;

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm) == 0)
		snprintf(stamp, sizeof(stamp), "%lld", (long long)now);
	in = open(st->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (in == -1)
		return NULL;
	for (i = 0; i < 100 && out == -1; i++) {
		free(name);
		if (i == 0)
			name = xasprintf("%s.corrupt-%s", st->path, stamp);
		else
			name = xasprintf("%s.corrupt-%s-%d", st->path, stamp,
			    i + 1);
		out = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		if (out == -1 && errno != EEXIST)
			break;
	}
	if (out == -1)
		goto fail;
	for (;;) {
		r = read(in, buf, sizeof(buf));
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1 || (r > 0 &&
		    bookmarks_write_all(out, buf, (size_t)r) == -1))
			goto fail_unlink;
		if (r == 0)
			break;
	}
	if (fsync(out) == -1 || close(out) == -1) {
		out = -1;
		goto fail_unlink;
	}
	close(in);
	st->copied = 1;
	st->copied_dev = ri->st.st_dev;
	st->copied_ino = ri->st.st_ino;
	st->copied_size = ri->st.st_size;
	st->copied_mtime = ri->st.st_mtim;
	return name;

fail_unlink:
	e = errno;
	if (out != -1)
		close(out);
	unlink(name);
	errno = e;
fail:
	e = errno;
	close(in);
	free(name);
	errno = e;
	return NULL;
}

/* Whether the damaged file RI describes was copied aside already. */
static int
bookmarks_was_copied(const struct bm_store *st, const struct bm_read *ri)
{
	return st->copied && st->copied_dev == ri->st.st_dev &&
	    st->copied_ino == ri->st.st_ino &&
	    st->copied_size == ri->st.st_size &&
	    st->copied_mtime.tv_sec == ri->st.st_mtim.tv_sec &&
	    st->copied_mtime.tv_nsec == ri->st.st_mtim.tv_nsec;
}

/* The message for a damaged file, after copying it aside to COPY (or
   failing to, with errno). */
static char *
bookmarks_damage_msg(const struct bm_store *st, const struct bm_read *ri,
    const char *copy)
{
	struct buf b = { 0 };
	const char *base;

	if (ri->too_large)
		buf_printf(&b, "%s: larger than %zu MiB", st->path,
		    BM_FILE_MAX >> 20);
	else if (ri->nbad == 1)
		buf_printf(&b, "%s: line %zu cannot be read", st->path,
		    ri->first_bad);
	else
		buf_printf(&b, "%s: %zu lines cannot be read, the first is "
		    "line %zu", st->path, ri->nbad, ri->first_bad);
	buf_printf(&b, "; kept %zu documents", st->ndocs);
	if (copy != NULL) {
		base = strrchr(copy, '/');
		buf_printf(&b, ", the original is saved as %s",
		    base ? base + 1 : copy);
	} else
		buf_printf(&b, "; cannot keep a copy of the original (%s), "
		    "so positions will not be saved", strerror(errno));
	return b.data;
}

/* Reads ST's file at open and decides whether it may be written. */
static char *
bookmarks_load(struct bm_store *st)
{
	struct bm_read ri;
	char *copy, *msg;

	if (bookmarks_read(st, st->path, &ri) == -1) {
		msg = xasprintf("%s: %s; positions will not be saved",
		    st->path, ri.what ? ri.what : strerror(ri.err));
		st->readonly = xstrdup(msg);
		return msg;
	}
	if (ri.version > BM_VERSION) {
		msg = xasprintf("%s: written by a newer lectern (format %u); "
		    "positions will not be saved", st->path, ri.version);
		st->readonly = xstrdup(msg);
		return msg;
	}
	if (!bookmarks_damaged(&ri))
		return NULL;
	copy = bookmarks_copy_aside(st, &ri);
	msg = bookmarks_damage_msg(st, &ri, copy);
	if (copy == NULL)
		st->readonly = xstrdup(msg);
	free(copy);
	return msg;
}

/* See bookmarks.h. */
char *
bookmarks_default_path(void)
{
	const char *s;
	struct passwd *pw;

	if ((s = getenv("LECTERN_BOOKMARKS")) != NULL && *s != '\0')
		return xstrdup(s);
	if ((s = getenv("XDG_STATE_HOME")) != NULL && *s == '/')
		return xasprintf("%s/lectern/bookmarks", s);
	if ((s = getenv("HOME")) == NULL || *s == '\0') {
		if ((pw = getpwuid(getuid())) == NULL || pw->pw_dir == NULL ||
		    *pw->pw_dir == '\0')
			return NULL;
		s = pw->pw_dir;
	}
	return xasprintf("%s/.local/state/lectern/bookmarks", s);
}

/* See bookmarks.h. */
char *
bookmarks_key(const char *path)
{
	char *real = realpath(path, NULL), *key;

	if (real == NULL)
		return NULL;
	key = xstrdup(real);
	free(real);
	return key;
}

/* See bookmarks.h. */
struct bm_store *
bookmarks_open(const char *path, char **msg)
{
	struct bm_store *st = xcalloc(1, sizeof(*st));
	char *m = NULL;

	if (path != NULL && *path != '\0') {
		st->path = xstrdup(path);
		m = bookmarks_load(st);
	}
	if (msg != NULL)
		*msg = m;
	else
		free(m);
	return st;
}

/* See bookmarks.h. */
void
bookmarks_close(struct bm_store *st)
{
	size_t i;

	if (st == NULL)
		return;
	bookmarks_clear(st);
	for (i = 0; i < st->nforgotten; i++)
		free(st->forgotten[i]);
	free(st->forgotten);
	free(st->readonly);
	free(st->last_err);
	free(st->path);
	free(st);
}

/* See bookmarks.h. */
const struct bm_doc *
bookmarks_get(struct bm_store *st, const char *key)
{
	ssize_t i = bookmarks_find(st, key);

	return i < 0 ? NULL : st->docs[i];
}

/* See bookmarks.h. */
size_t
bookmarks_count(const struct bm_store *st)
{
	return st->ndocs;
}

/* See bookmarks.h. */
const struct bm_doc *
bookmarks_nth(const struct bm_store *st, size_t i)
{
	return i < st->ndocs ? st->docs[i] : NULL;
}

/* Whether A and B hold the same anchor in the same text. */
static int
bookmarks_pos_same(const struct bm_pos *a, const struct bm_pos *b)
{
	return a->set == b->set && a->hash == b->hash &&
	    a->block == b->block && a->off == b->off;
}

/* See bookmarks.h. */
void
bookmarks_set_pos(struct bm_store *st, const char *key,
    const struct bm_pos *pos)
{
	struct bm_doc *d = bookmarks_entry(st, key);
	struct bm_pos none = { 0 };
	int64_t now = (int64_t)time(NULL);

	if (pos == NULL)
		pos = &none;
	if (bookmarks_pos_same(&d->pos, pos) && d->time > now - BM_TOUCH &&
	    d->time <= now)
		return;
	bookmarks_pos_copy(&d->pos, pos);
	d->pos.set = pos->set != 0;
	d->time = now;
	d->dirty |= BM_DIRTY_POS;
}

/* See bookmarks.h. */
int
bookmarks_set_mark(struct bm_store *st, const char *key, int name,
    const struct bm_pos *pos)
{
	struct bm_doc *d;
	int i;

	if (name < 'a' || name > 'z')
		return -1;
	i = name - 'a';
	d = bookmarks_entry(st, key);
	if (pos != NULL && pos->set)
		bookmarks_pos_copy(&d->marks[i], pos);
	else
		bookmarks_pos_clear(&d->marks[i]);
	d->time = (int64_t)time(NULL);
	d->dirty |= 1u << i;
	return 0;
}

/* See bookmarks.h. */
void
bookmarks_forget(struct bm_store *st, const char *key)
{
	ssize_t i = bookmarks_find(st, key);
	char **slot;
	size_t j;

	if (i >= 0)
		bookmarks_remove(st, (size_t)i);
	for (j = 0; j < st->nforgotten; j++) {
		if (strcmp(st->forgotten[j], key) == 0)
			return;
	}
	slot = ARRAY_PUSH(st->forgotten, st->nforgotten, st->capforgotten);
	*slot = xstrdup(key);
}

/* Appends the fields of POS to B. */
static void
bookmarks_put_pos(struct buf *b, const struct bm_pos *pos)
{
	uint32_t i;

	buf_printf(b, "\thash=%016llx\tblock=%u\toff=%u\tsrc=%llu"
	    "\tpct=%u.%02u", (unsigned long long)pos->hash, pos->block,
	    pos->off, (unsigned long long)pos->src, pos->pct / 100,
	    pos->pct % 100);
	for (i = 0; i < pos->nheads; i++) {
		buf_adds(b, "\th=");
		bookmarks_escape(b, pos->heads[i], strlen(pos->heads[i]));
	}
	if (pos->fp != NULL) {
		buf_adds(b, "\ttext=");
		bookmarks_escape(b, pos->fp, strlen(pos->fp));
		buf_printf(b, "\tat=%u", pos->fp_at);
	}
	if (pos->extra != NULL)
		buf_adds(b, pos->extra);
}

/* Writes the contents of ST as the file's text into B. */
static void
bookmarks_format(const struct bm_store *st, struct buf *b)
{
	const struct bm_doc *d;
	size_t i;
	int m;

	buf_printf(b, "%s%d\n", BM_MAGIC, BM_VERSION);
	for (i = 0; i < st->ndocs; i++) {
		d = st->docs[i];
		buf_adds(b, "doc\tkey=");
		bookmarks_escape(b, d->key, strlen(d->key));
		buf_printf(b, "\ttime=%lld", (long long)(d->time > 0 ?
		    d->time : 0));
		if (d->pos.set)
			bookmarks_put_pos(b, &d->pos);
		if (d->extra != NULL)
			buf_adds(b, d->extra);
		buf_addc(b, '\n');
		for (m = 0; m < BM_NMARKS; m++) {
			if (!d->marks[m].set)
				continue;
			buf_adds(b, "mark\tkey=");
			bookmarks_escape(b, d->key, strlen(d->key));
			buf_printf(b, "\tname=%c", 'a' + m);
			bookmarks_put_pos(b, &d->marks[m]);
			buf_addc(b, '\n');
		}
	}
	for (i = 0; i < st->nother; i++) {
		buf_adds(b, st->other[i]);
		buf_addc(b, '\n');
	}
}

/* Orders entries oldest first, then in file order. */
static int
bookmarks_cmp_age(const void *a, const void *b)
{
	const struct bm_doc *const *x = a, *const *y = b;

	if ((*x)->time != (*y)->time)
		return (*x)->time < (*y)->time ? -1 : 1;
	return 0;
}

/* Forgets the least recently read entries of ST beyond BM_MAX_DOCS. */
static void
bookmarks_trim(struct bm_store *st)
{
	struct bm_doc **by_age, *d;
	size_t i, j, drop;
	int64_t cut;
	size_t at_cut;

	if (st->ndocs <= BM_MAX_DOCS)
		return;
	drop = st->ndocs - BM_MAX_DOCS;
	by_age = xreallocarray(NULL, st->ndocs, sizeof(*by_age));
	memcpy(by_age, st->docs, st->ndocs * sizeof(*by_age));
	qsort(by_age, st->ndocs, sizeof(*by_age), bookmarks_cmp_age);
	/* Drop every entry older than CUT, and the first AT_CUT at CUT in
	   file order. */
	cut = by_age[drop - 1]->time;
	for (at_cut = 0, i = 0; i < drop; i++)
		if (by_age[i]->time == cut)
			at_cut++;
	free(by_age);
	for (i = j = 0; i < st->ndocs; i++) {
		d = st->docs[i];
		if (d->time < cut || (d->time == cut && at_cut > 0)) {
			if (d->time == cut)
				at_cut--;
			bookmarks_doc_free(d);
			continue;
		}
		st->docs[j++] = d;
	}
	st->ndocs = j;
	st->last = 0;
}

/* Applies the unsaved changes of ST to FRESH, a copy of the file. */
static void
bookmarks_merge(struct bm_store *st, struct bm_store *fresh)
{
	struct bm_doc *d, *e;
	ssize_t k;
	size_t i;
	int m;

	for (i = 0; i < st->nforgotten; i++) {
		if ((k = bookmarks_find(fresh, st->forgotten[i])) >= 0)
			bookmarks_remove(fresh, (size_t)k);
	}
	for (i = 0; i < st->ndocs; i++) {
		d = st->docs[i];
		if (d->dirty == 0)
			continue;
		e = bookmarks_entry(fresh, d->key);
		if (d->dirty & BM_DIRTY_POS)
			bookmarks_pos_copy(&e->pos, &d->pos);
		for (m = 0; m < BM_NMARKS; m++) {
			if (d->dirty & (1u << m))
				bookmarks_pos_copy(&e->marks[m], &d->marks[m]);
		}
		if (d->time > e->time)
			e->time = d->time;
	}
	bookmarks_trim(fresh);
}

/* Whether ST has changes that are not saved. */
static int
bookmarks_dirty(const struct bm_store *st)
{
	size_t i;

	if (st->nforgotten > 0)
		return 1;
	for (i = 0; i < st->ndocs; i++) {
		if (st->docs[i]->dirty != 0)
			return 1;
	}
	return 0;
}

/* Creates the directories of DIR that are missing, mode 0700. */
static int
bookmarks_mkdirs(const char *dir)
{
	struct stat sb;
	char *p, *s;
	int e;

	if (stat(dir, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return 0;
		errno = ENOTDIR;
		return -1;
	}
	p = xstrdup(dir);
	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		if (s[-1] != '/') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0700) == -1 && errno != EEXIST) {
				e = errno;
				free(p);
				errno = e;
				return -1;
			}
			*s = c;
		}
		if (*s == '\0')
			break;
	}
	free(p);
	if (stat(dir, &sb) == -1)
		return -1;
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

/* Takes an exclusive lock on LOCKPATH. Returns its descriptor or -1. */
static int
bookmarks_lock(const char *lockpath)
{
	struct timespec ts = { 0, 2 * 1000 * 1000 };
	int fd, waited;

	fd = open(lockpath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC |
	    O_NOCTTY | O_NONBLOCK, 0600);
	if (fd == -1)
		return -1;
	for (waited = 0; ; waited += 2) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK || waited >= BM_LOCK_WAIT) {
			if (errno == EWOULDBLOCK)
				errno = ETIMEDOUT;
			close(fd);
			return -1;
		}
		nanosleep(&ts, NULL);
	}
}

/* Removes temporary files in DIR left by writers of BASE that died. */
static void
bookmarks_clean(const char *dir, const char *base)
{
	struct dirent *de;
	char *prefix = xasprintf("%s.tmp-", base);
	size_t n = strlen(prefix);
	DIR *dp;

	if ((dp = opendir(dir)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			if (strncmp(de->d_name, prefix, n) == 0)
				unlinkat(dirfd(dp), de->d_name, 0);
		}
		closedir(dp);
	}
	free(prefix);
}

/* Writes N bytes at DATA over PATH atomically through a temporary file
   in DIR. Returns 0 or -1 with errno. */
static int
bookmarks_replace(const char *path, const char *dir, const char *data,
    size_t n)
{
	static unsigned counter;
	struct timespec now;
	char *tmp = NULL;
	int fd = -1, i, e, dfd;

	for (i = 0; i < 100 && fd == -1; i++) {
		clock_gettime(CLOCK_REALTIME, &now);
		free(tmp);
		tmp = xasprintf("%s.tmp-%ld-%u%04lx", path, (long)getpid(),
		    counter++, (unsigned long)(now.tv_nsec & 0xffff));
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC | O_NOCTTY, 0600);
		if (fd == -1 && errno != EEXIST)
			break;
	}
	if (fd == -1)
		goto fail;
	if (fchmod(fd, 0600) == -1 || bookmarks_write_all(fd, data, n) == -1 ||
	    fsync(fd) == -1)
		goto fail_unlink;
	if (close(fd) == -1) {
		fd = -1;
		goto fail_unlink;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto fail_unlink;
	free(tmp);
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(dfd);
		close(dfd);
	}
	return 0;

fail_unlink:
	e = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	errno = e;
fail:
	e = errno;
	free(tmp);
	errno = e;
	return -1;
}

/* Sets *MSG to a copy of M unless it was the last failure told; frees
   M. */
static int
bookmarks_fail(struct bm_store *st, char *m, char **msg)
{
	if (st->last_err != NULL && strcmp(st->last_err, m) == 0) {
		free(m);
		return -1;
	}
	free(st->last_err);
	st->last_err = m;
	if (msg != NULL)
		*msg = xstrdup(m);
	return -1;
}

/* Moves the entries and unknown records of FROM into ST. */
static void
bookmarks_adopt(struct bm_store *st, struct bm_store *from)
{
	size_t i;

	bookmarks_clear(st);
	st->docs = from->docs;
	st->ndocs = from->ndocs;
	st->capdocs = from->capdocs;
	st->other = from->other;
	st->nother = from->nother;
	st->capother = from->capother;
	from->docs = NULL;
	from->other = NULL;
	from->ndocs = from->capdocs = from->nother = from->capother = 0;
	for (i = 0; i < st->ndocs; i++)
		st->docs[i]->dirty = 0;
	for (i = 0; i < st->nforgotten; i++)
		free(st->forgotten[i]);
	st->nforgotten = 0;
}

/* See bookmarks.h. */
int
bookmarks_save(struct bm_store *st, char **msg)
{
	struct bm_store *fresh = NULL;
	struct bm_read ri;
	struct buf b = { 0 };
	struct stat sb;
	char *dir = NULL, *lockpath = NULL, *base, *copy, *m = NULL;
	char *told = NULL;
	int lock = -1;

	if (msg != NULL)
		*msg = NULL;
	if (!bookmarks_dirty(st))
		return 0;
	if (st->path == NULL)
		return bookmarks_fail(st, xstrdup("no bookmark file: positions "
		    "are kept until lectern ends"), msg);
	if (st->readonly != NULL)
		return bookmarks_fail(st, xstrdup(st->readonly), msg);

	dir = bookmarks_dirname(st->path);
	base = strrchr(st->path, '/');
	base = base ? base + 1 : st->path;
	if (*base == '\0') {
		m = xasprintf("%s: not a file name", st->path);
		goto done;
	}
	if (bookmarks_mkdirs(dir) == -1) {
		m = xasprintf("%s: cannot create the directory: %s", dir,
		    strerror(errno));
		goto done;
	}
	lockpath = xasprintf("%s.lock", st->path);
	if ((lock = bookmarks_lock(lockpath)) == -1) {
		m = xasprintf("%s: cannot lock: %s", lockpath,
		    strerror(errno));
		goto done;
	}
	if (lstat(st->path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		m = xasprintf("%s: a symbolic link; not writing through it",
		    st->path);
		goto done;
	}
	bookmarks_clean(dir, base);

	fresh = xcalloc(1, sizeof(*fresh));
	fresh->path = st->path;
	if (bookmarks_read(fresh, st->path, &ri) == -1) {
		m = xasprintf("%s: %s; positions will not be saved",
		    st->path, ri.what ? ri.what : strerror(ri.err));
		goto done;
	}
	if (ri.version > BM_VERSION) {
		m = xasprintf("%s: written by a newer lectern (format %u); "
		    "positions will not be saved", st->path, ri.version);
		st->readonly = xstrdup(m);
		goto done;
	}
	if (bookmarks_damaged(&ri) && !bookmarks_was_copied(st, &ri)) {
		copy = bookmarks_copy_aside(st, &ri);
		told = bookmarks_damage_msg(fresh, &ri, copy);
		if (copy == NULL) {
			m = told;
			told = NULL;
			goto done;
		}
		free(copy);
	}

	bookmarks_merge(st, fresh);
	bookmarks_format(fresh, &b);
	if (bookmarks_replace(st->path, dir, b.data, b.len) == -1) {
		m = xasprintf("%s: cannot save: %s", st->path,
		    strerror(errno));
		goto done;
	}
	bookmarks_adopt(st, fresh);
	free(st->last_err);
	st->last_err = NULL;

done:
	if (lock != -1)
		close(lock);
	if (fresh != NULL) {
		fresh->path = NULL;
		bookmarks_close(fresh);
	}
	buf_free(&b);
	free(lockpath);
	free(dir);
	if (m != NULL) {
		free(told);
		return bookmarks_fail(st, m, msg);
	}
	if (msg != NULL)
		*msg = told;
	else
		free(told);
	return 0;
}
