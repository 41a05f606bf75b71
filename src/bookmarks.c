/*
 * bookmarks.c: the store of reading positions and marks, and the
 * transaction that keeps it in its file.
 *
 * The file is $XDG_STATE_HOME/lectern/bookmarks (an XDG_STATE_HOME that is
 * not an absolute path is ignored), by default
 * ~/.local/state/lectern/bookmarks; $LECTERN_BOOKMARKS and then
 * --bookmarks FILE name another. Its text, a version line and one record
 * a line, is described at the top of bookmarks-file.c. At most 2000
 * documents are kept; the least recently read are forgotten first.
 *
 * Entries are found by key through a hash table of their indexes, so
 * that reading a file of 2000 documents costs in proportion to its size.
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
#include "lectern/bookmarks-file.h"
#include "lectern/compat.h"
#include "lectern/util.h"

#define BM_FILE_MAX	((size_t)64 << 20)	/* largest file read [bytes] */
#define BM_OTHER_MAX	10000			/* unknown records kept */
#define BM_LOCK_WAIT	5000	/* longest wait for the lock [ms] */
#define BM_TOUCH	86400	/* refresh an unchanged entry's time [s] */

struct bm_store {
	char		*path;		/* the file, or NULL: memory only */
	struct bm_doc	**docs;		/* in file order */
	size_t		 ndocs, capdocs;
	size_t		 last;		/* index of the last lookup */
	size_t		*slots;		/* hash table: index + 1 of an entry
					   in docs, 0 for none */
	size_t		 nslots;	/* a power of two, or 0 */
	int		 indexed;	/* slots holds every entry */
	int		 listing;	/* keeps only what the library lists */
	struct bm_book	**books;	/* in file order */
	size_t		 nbooks, capbooks;
	struct bm_global globals[BM_NGLOBAL]; /* 'A' to 'Z' */
	uint32_t	 gdirty;	/* bit i: global mark i changed here */
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
	struct bm_parse	 parse;		/* what its text held */
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

/* The marks of an entry that has none: most entries, so that they
   take no room of their own. Never written. */
static struct bm_pos bookmarks_no_marks[BM_NMARKS];

/* See bookmarks-file.h. */
struct bm_pos *
bookmarks_doc_marks(struct bm_doc *d)
{
	if (d->marks == bookmarks_no_marks)
		d->marks = xcalloc(BM_NMARKS, sizeof(*d->marks));
	return d->marks;
}

/* Frees an entry. */
static void
bookmarks_doc_free(struct bm_doc *d)
{
	int i;

	if (d == NULL)
		return;
	bookmarks_pos_clear(&d->pos);
	if (d->marks != bookmarks_no_marks) {
		for (i = 0; i < BM_NMARKS; i++)
			bookmarks_pos_clear(&d->marks[i]);
		free(d->marks);
	}
	free(d->title);
	free(d->extra);
	free(d->key);
	free(d);
}

/* Frees a book's record. */
static void
bookmarks_book_free(struct bm_book *b)
{
	if (b == NULL)
		return;
	free(b->key);
	free(b->chapter);
	free(b->extra);
	free(b);
}

/* Empties global mark G. */
static void
bookmarks_global_clear(struct bm_global *g)
{
	free(g->key);
	g->key = NULL;
	g->time = 0;
	bookmarks_pos_clear(&g->pos);
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
	st->indexed = 0;
	for (i = 0; i < st->nother; i++)
		free(st->other[i]);
	free(st->other);
	st->other = NULL;
	st->nother = st->capother = 0;
	for (i = 0; i < st->nbooks; i++)
		bookmarks_book_free(st->books[i]);
	free(st->books);
	st->books = NULL;
	st->nbooks = st->capbooks = 0;
	for (i = 0; i < BM_NGLOBAL; i++)
		bookmarks_global_clear(&st->globals[i]);
	st->gdirty = 0;
}

/* FNV-1a 64 of KEY, for the hash table. */
static uint64_t
bookmarks_hash(const char *key)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *key != '\0'; key++)
		h = (h ^ (unsigned char)*key) * 0x100000001b3ULL;
	return h;
}

/* Puts entry I of ST into the hash table, which has room. */
static void
bookmarks_index_put(struct bm_store *st, size_t i)
{
	size_t k = (size_t)bookmarks_hash(st->docs[i]->key) &
	    (st->nslots - 1);

	while (st->slots[k] != 0)
		k = (k + 1) & (st->nslots - 1);
	st->slots[k] = i + 1;
}

/* Makes the hash table again for the entries of ST, at most half full. */
static void
bookmarks_index_build(struct bm_store *st)
{
	size_t i, n = 64;

	while (n < 2 * (st->ndocs + 1))
		n *= 2;
	if (n != st->nslots) {
		free(st->slots);
		st->slots = xreallocarray(NULL, n, sizeof(*st->slots));
		st->nslots = n;
	}
	memset(st->slots, 0, n * sizeof(*st->slots));
	for (i = 0; i < st->ndocs; i++)
		bookmarks_index_put(st, i);
	st->indexed = 1;
}

/* The index of KEY's entry in ST, or -1. */
static ssize_t
bookmarks_find(struct bm_store *st, const char *key)
{
	size_t k, i;

	if (st->last < st->ndocs && strcmp(st->docs[st->last]->key, key) == 0)
		return (ssize_t)st->last;
	if (!st->indexed)
		bookmarks_index_build(st);
	k = (size_t)bookmarks_hash(key) & (st->nslots - 1);
	for (; st->slots[k] != 0; k = (k + 1) & (st->nslots - 1)) {
		i = st->slots[k] - 1;
		if (strcmp(st->docs[i]->key, key) == 0) {
			st->last = i;
			return (ssize_t)i;
		}
	}
	return -1;
}

/* See bookmarks-file.h. */
struct bm_doc *
bookmarks_entry(struct bm_store *st, const char *key)
{
	struct bm_doc **slot, *d;
	ssize_t i;

	if ((i = bookmarks_find(st, key)) >= 0)
		return st->docs[i];
	d = xcalloc(1, sizeof(*d));
	d->key = xstrdup(key);
	d->marks = bookmarks_no_marks;
	slot = ARRAY_PUSH(st->docs, st->ndocs, st->capdocs);
	*slot = d;
	st->last = st->ndocs - 1;
	if (st->indexed && 2 * st->ndocs < st->nslots)
		bookmarks_index_put(st, st->last);
	else
		st->indexed = 0;
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
	st->indexed = 0;
}

/* See bookmarks-file.h. */
void
bookmarks_other_add(struct bm_store *st, const char *line, size_t n)
{
	char **slot;

	if (st->nother < BM_OTHER_MAX) {
		slot = ARRAY_PUSH(st->other, st->nother, st->capother);
		*slot = xstrndup(line, n);
	}
}

/* See bookmarks-file.h. */
size_t
bookmarks_other_count(const struct bm_store *st)
{
	return st->nother;
}

/* See bookmarks-file.h. */
const char *
bookmarks_other_nth(const struct bm_store *st, size_t i)
{
	return st->other[i];
}

/* The index of BOOK's record in ST, or -1. */
static ssize_t
bookmarks_book_find(const struct bm_store *st, const char *book)
{
	size_t i;

	for (i = 0; i < st->nbooks; i++) {
		if (strcmp(st->books[i]->key, book) == 0)
			return (ssize_t)i;
	}
	return -1;
}

/* See bookmarks-file.h. */
int
bookmarks_listing(const struct bm_store *st)
{
	return st->listing;
}

/* See bookmarks-file.h. */
struct bm_book *
bookmarks_book_entry(struct bm_store *st, const char *book)
{
	struct bm_book **slot, *b;
	ssize_t i;

	if ((i = bookmarks_book_find(st, book)) >= 0)
		return st->books[i];
	b = xcalloc(1, sizeof(*b));
	b->key = xstrdup(book);
	slot = ARRAY_PUSH(st->books, st->nbooks, st->capbooks);
	*slot = b;
	return b;
}

/* See bookmarks-file.h. */
size_t
bookmarks_book_count(const struct bm_store *st)
{
	return st->nbooks;
}

/* See bookmarks-file.h. */
const struct bm_book *
bookmarks_book_nth(const struct bm_store *st, size_t i)
{
	return i < st->nbooks ? st->books[i] : NULL;
}

/* See bookmarks-file.h. */
struct bm_global *
bookmarks_global_slot(struct bm_store *st, int i)
{
	return &st->globals[i];
}

/* See bookmarks-file.h. */
const struct bm_global *
bookmarks_global_nth(const struct bm_store *st, int i)
{
	return &st->globals[i];
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
	bookmarks_file_parse(st, b.data, b.len, &ri->parse);
	if (ri->too_large && ri->parse.nbad++ == 0)
		ri->parse.first_bad = 0;
	buf_free(&b);
	return 0;
}

/* Whether the file RI describes is damaged. */
static int
bookmarks_damaged(const struct bm_read *ri)
{
	return ri->parse.nbad > 0 && ri->parse.version <= BM_VERSION;
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

/* After a failed write: closes FD (unless -1) and removes NAME, keeping
   errno. */
static void
bookmarks_discard(int fd, const char *name)
{
	int e = errno;

	if (fd != -1)
		close(fd);
	unlink(name);
	errno = e;
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
	st->copied_mtime = COMPAT_ST_MTIM(&ri->st);
	return name;

fail_unlink:
	bookmarks_discard(out, name);
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
	    st->copied_mtime.tv_sec == COMPAT_ST_MTIM(&ri->st).tv_sec &&
	    st->copied_mtime.tv_nsec == COMPAT_ST_MTIM(&ri->st).tv_nsec;
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
	else if (ri->parse.nbad == 1)
		buf_printf(&b, "%s: line %zu cannot be read", st->path,
		    ri->parse.first_bad);
	else
		buf_printf(&b, "%s: %zu lines cannot be read, the first is "
		    "line %zu", st->path, ri->parse.nbad,
		    ri->parse.first_bad);
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
	if (ri.parse.version > BM_VERSION) {
		msg = xasprintf("%s: written by a newer lectern (format %u); "
		    "positions will not be saved", st->path,
		    ri.parse.version);
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
	free(st->slots);
	free(st->readonly);
	free(st->last_err);
	free(st->path);
	free(st);
}

/* See bookmarks.h. */
struct bm_store *
bookmarks_peek(const char *path, char **msg)
{
	struct bm_store *st = xcalloc(1, sizeof(*st));
	struct bm_read ri;

	*msg = NULL;
	st->path = xstrdup(path);
	st->readonly = xstrdup("only looked at");
	st->listing = 1;
	if (bookmarks_read(st, path, &ri) == -1)
		*msg = xasprintf("%s: %s", path, ri.what ? ri.what :
		    strerror(ri.err));
	else if (ri.too_large)
		*msg = xasprintf("%s: larger than %zu MiB", path,
		    BM_FILE_MAX >> 20);
	else if (bookmarks_damaged(&ri))
		*msg = xasprintf("%s: line %zu cannot be read", path,
		    ri.parse.first_bad);
	if (*msg != NULL) {
		bookmarks_close(st);
		return NULL;
	}
	return st;
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
void
bookmarks_set_title(struct bm_store *st, const char *key, const char *title)
{
	ssize_t i = bookmarks_find(st, key);
	struct bm_doc *d;
	size_t n;

	if (i < 0)
		return;
	d = st->docs[i];
	if (title != NULL && *title == '\0')
		title = NULL;
	n = title != NULL ? strlen(title) : 0;
	if (n > BM_DOC_TITLE_MAX) {
		/* Cut at the start of a character. */
		n = BM_DOC_TITLE_MAX;
		while (n > 0 && ((unsigned char)title[n] & 0xc0) == 0x80)
			n--;
	}
	if (d->title == NULL ? title == NULL : title != NULL &&
	    strlen(d->title) == n && memcmp(d->title, title, n) == 0)
		return;
	free(d->title);
	d->title = title != NULL ? xstrndup(title, n) : NULL;
	d->dirty |= BM_DIRTY_TITLE;
}

/* See bookmarks.h. */
void
bookmarks_set_book(struct bm_store *st, const char *book,
    const char *chapter)
{
	struct bm_book *b;

	if (chapter == NULL && bookmarks_book_find(st, book) < 0 &&
	    st->path == NULL)
		return;
	b = bookmarks_book_entry(st, book);
	free(b->chapter);
	b->chapter = chapter != NULL ? xstrdup(chapter) : NULL;
	b->time = (int64_t)time(NULL);
	b->dirty = 1;
}

/* See bookmarks.h. */
const char *
bookmarks_book_chapter(struct bm_store *st, const char *book)
{
	ssize_t i = bookmarks_book_find(st, book);

	return i < 0 ? NULL : st->books[i]->chapter;
}

/* See bookmarks.h. */
int
bookmarks_set_global(struct bm_store *st, int letter, const char *key,
    const struct bm_pos *pos)
{
	struct bm_global *g;

	if (letter < 'A' || letter > 'Z')
		return -1;
	g = &st->globals[letter - 'A'];
	bookmarks_global_clear(g);
	if (key != NULL && pos != NULL && pos->set) {
		g->key = xstrdup(key);
		bookmarks_pos_copy(&g->pos, pos);
		g->time = (int64_t)time(NULL);
	}
	st->gdirty |= 1u << (letter - 'A');
	return 0;
}

/* See bookmarks.h. */
int
bookmarks_get_global(struct bm_store *st, int letter, const char **key,
    const struct bm_pos **pos)
{
	const struct bm_global *g;

	if (letter < 'A' || letter > 'Z')
		return -1;
	g = &st->globals[letter - 'A'];
	if (g->key == NULL)
		return -1;
	*key = g->key;
	*pos = &g->pos;
	return 0;
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
		bookmarks_pos_copy(&bookmarks_doc_marks(d)[i], pos);
	else
		bookmarks_pos_clear(&bookmarks_doc_marks(d)[i]);
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
	st->indexed = 0;
}

/* Orders book records most recently set first. */
static int
bookmarks_cmp_book(const void *a, const void *b)
{
	const struct bm_book *const *x = a, *const *y = b;

	if ((*x)->time != (*y)->time)
		return (*x)->time > (*y)->time ? -1 : 1;
	return 0;
}

/* Forgets the least recently set books of ST beyond BM_MAX_BOOKS. */
static void
bookmarks_trim_books(struct bm_store *st)
{
	size_t i;

	if (st->nbooks <= BM_MAX_BOOKS)
		return;
	qsort(st->books, st->nbooks, sizeof(st->books[0]),
	    bookmarks_cmp_book);
	for (i = BM_MAX_BOOKS; i < st->nbooks; i++)
		bookmarks_book_free(st->books[i]);
	st->nbooks = BM_MAX_BOOKS;
}

/* Applies the unsaved books and global marks of ST to FRESH. */
static void
bookmarks_merge_more(struct bm_store *st, struct bm_store *fresh)
{
	struct bm_book *b, *c;
	struct bm_global *g, *h;
	ssize_t k;
	size_t i;
	int m;

	for (i = 0; i < st->nbooks; i++) {
		b = st->books[i];
		if (!b->dirty)
			continue;
		if (b->chapter == NULL) {
			if ((k = bookmarks_book_find(fresh, b->key)) >= 0) {
				bookmarks_book_free(fresh->books[k]);
				memmove(&fresh->books[k], &fresh->books[k + 1],
				    (fresh->nbooks - (size_t)k - 1) *
				    sizeof(fresh->books[0]));
				fresh->nbooks--;
			}
			continue;
		}
		c = bookmarks_book_entry(fresh, b->key);
		free(c->chapter);
		c->chapter = xstrdup(b->chapter);
		c->time = b->time;
	}
	bookmarks_trim_books(fresh);
	for (m = 0; m < BM_NGLOBAL; m++) {
		if (!(st->gdirty & (1u << m)))
			continue;
		g = &st->globals[m];
		h = &fresh->globals[m];
		bookmarks_global_clear(h);
		if (g->key != NULL) {
			h->key = xstrdup(g->key);
			h->time = g->time;
			bookmarks_pos_copy(&h->pos, &g->pos);
		}
	}
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
		if (d->dirty & BM_DIRTY_TITLE) {
			free(e->title);
			e->title = d->title != NULL ? xstrdup(d->title) : NULL;
		}
		for (m = 0; m < BM_NMARKS; m++) {
			if (d->dirty & (1u << m))
				bookmarks_pos_copy(
				    &bookmarks_doc_marks(e)[m], &d->marks[m]);
		}
		if (d->time > e->time)
			e->time = d->time;
	}
	bookmarks_trim(fresh);
	bookmarks_merge_more(st, fresh);
}

/* Whether ST has changes that are not saved. */
static int
bookmarks_dirty(const struct bm_store *st)
{
	size_t i;

	if (st->nforgotten > 0 || st->gdirty != 0)
		return 1;
	for (i = 0; i < st->ndocs; i++) {
		if (st->docs[i]->dirty != 0)
			return 1;
	}
	for (i = 0; i < st->nbooks; i++) {
		if (st->books[i]->dirty)
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
	bookmarks_discard(fd, tmp);
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
	st->books = from->books;
	st->nbooks = from->nbooks;
	st->capbooks = from->capbooks;
	memcpy(st->globals, from->globals, sizeof(st->globals));
	memset(from->globals, 0, sizeof(from->globals));
	from->docs = NULL;
	from->other = NULL;
	from->books = NULL;
	from->ndocs = from->capdocs = from->nother = from->capother = 0;
	from->nbooks = from->capbooks = 0;
	from->indexed = 0;
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
	if (ri.parse.version > BM_VERSION) {
		m = xasprintf("%s: written by a newer lectern (format %u); "
		    "positions will not be saved", st->path,
		    ri.parse.version);
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
	bookmarks_file_print(fresh, &b);
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
