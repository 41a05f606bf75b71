/* Unit tests of bookmarks.c: the file format, merging, damage, bounds,
   finding a place again after the document changed, and what the file
   keeps for the library: titles, books, global marks A-Z, the list most
   recent first and lectern --library's lines. */
#include <sys/resource.h>
#include <sys/stat.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lectern/bookmarks.h"
#include "lectern/doc.h"
#include "lectern/util.h"
#include "t.h"

static char *tmpdir;

/* A new empty directory for one test; returns the path of FILE in it. */
static char *
fresh_path(const char *file)
{
	static int n;
	char *dir = xasprintf("%s/%d", tmpdir, ++n), *path;

	mkdir(dir, 0700);
	path = xasprintf("%s/%s", dir, file);
	free(dir);
	return path;
}

/* Writes N bytes at S to PATH. */
static void
put_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		return;
	fwrite(s, 1, n, f);
	fclose(f);
}

/* The contents of PATH, or NULL. */
static char *
get_file(const char *path, size_t *len)
{
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return NULL;
	buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	if (len != NULL)
		*len = b.len;
	return b.data;
}

/* Number of entries of the directory of PATH whose names contain PART. */
static int
count_beside(const char *path, const char *part)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	struct dirent *de;
	DIR *dp;
	int n = 0;

	*slash = '\0';
	if ((dp = opendir(dir)) != NULL) {
		while ((de = readdir(dp)) != NULL)
			if (strstr(de->d_name, part) != NULL)
				n++;
		closedir(dp);
	}
	free(dir);
	return n;
}

/* A position by hand. */
static void
make_pos(struct bm_pos *p, uint32_t block, uint32_t off, const char *fp)
{
	memset(p, 0, sizeof(*p));
	p->set = 1;
	p->hash = 0x0123456789abcdefULL;
	p->block = block;
	p->off = off;
	p->src = 1000 + off;
	p->pct = 3712;
	p->heads[p->nheads++] = xstrdup("Part\tone");
	p->heads[p->nheads++] = xstrdup("中美芯片战争");
	p->fp = xstrdup(fp);
	p->fp_at = 0;
}

static void
test_round_trip(void)
{
	char *path = fresh_path("bookmarks"), *msg = NULL, *text;
	const char *key = "/home/a\tb\nc\\d\x01" "e/文.md";
	struct bm_store *st;
	const struct bm_doc *d;
	struct bm_pos p, q;
	struct stat sb;

	st = bookmarks_open(path, &msg);
	CHECK(msg == NULL, "round trip: a missing file is no problem");
	make_pos(&p, 7, 42, "tab\there, newline\nthere \\ back");
	bookmarks_set_pos(st, key, &p);
	make_pos(&q, 3, 5, "mark text");
	q.fp_at = 4;
	CHECK_INT(bookmarks_set_mark(st, key, 'c', &q), 0,
	    "round trip: mark c set");
	CHECK_INT(bookmarks_set_mark(st, key, 'A', &q), -1,
	    "round trip: mark A refused");
	CHECK_INT(bookmarks_save(st, &msg), 0, "round trip: saved");
	CHECK(msg == NULL, "round trip: no message");
	bookmarks_close(st);

	CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600,
	    "round trip: the file is mode 0600");
	text = get_file(path, NULL);
	CHECK(text != NULL && strncmp(text, "lectern-bookmarks 1\n", 20) == 0,
	    "round trip: version line first");
	CHECK(text != NULL && strstr(text, "key=/home/a\\tb\\nc\\\\d\\x01e/文.md")
	    != NULL, "round trip: key escaped, UTF-8 kept");
	CHECK(text != NULL && strstr(text,
	    "text=tab\\there, newline\\nthere \\\\ back") != NULL,
	    "round trip: fingerprint escaped");
	CHECK(text != NULL && strstr(text, "pct=37.12") != NULL,
	    "round trip: percentage with two decimals");
	CHECK(text != NULL && strstr(text, "h=Part\\tone\th=中美芯片战争") != NULL,
	    "round trip: heading path as repeated fields");
	free(text);

	st = bookmarks_open(path, &msg);
	CHECK(msg == NULL, "round trip: reopened without a message");
	d = bookmarks_get(st, key);
	CHECK(d != NULL, "round trip: entry found by its key");
	if (d != NULL) {
		CHECK(d->pos.set && d->pos.block == 7 && d->pos.off == 42 &&
		    d->pos.src == 1042 && d->pos.pct == 3712 &&
		    d->pos.hash == 0x0123456789abcdefULL,
		    "round trip: position fields");
		CHECK_STR(d->pos.fp, "tab\there, newline\nthere \\ back",
		    "round trip: fingerprint");
		CHECK_INT(d->pos.nheads, 2, "round trip: two headings");
		CHECK_STR(d->pos.heads[0], "Part\tone", "round trip: heading 1");
		CHECK_STR(d->pos.heads[1], "中美芯片战争",
		    "round trip: heading 2");
		CHECK(d->marks[2].set && d->marks[2].block == 3 &&
		    d->marks[2].fp_at == 4, "round trip: mark c");
		CHECK(!d->marks[0].set, "round trip: mark a unset");
		CHECK(d->time > 0, "round trip: time stored");
	}
	bookmarks_close(st);
	bookmarks_pos_clear(&p);
	bookmarks_pos_clear(&q);
	free(path);
}

static void
test_unknown_fields(void)
{
	char *path = fresh_path("bookmarks"), *msg = NULL, *text;
	const char *file =
	    "lectern-bookmarks 1\n"
	    "doc\tkey=/a.md\ttime=5\thash=00000000000000ff\tblock=1\toff=2"
	    "\tzoom=3\tsrc=9\n"
	    "mark\tkey=/a.md\tname=b\tblock=4\toff=0\tcolour=red\n"
	    "note\tkey=/a.md\tbody=hello\\tworld\n";
	struct bm_store *st;
	const struct bm_doc *d;
	struct bm_pos p;

	put_file(path, file, strlen(file));
	st = bookmarks_open(path, &msg);
	CHECK(msg == NULL, "unknown fields: not damage");
	free(msg);
	d = bookmarks_get(st, "/a.md");
	CHECK(d != NULL && d->pos.block == 1 && d->pos.src == 9 &&
	    d->marks[1].block == 4, "unknown fields: known ones read");
	make_pos(&p, 1, 1, "x");
	bookmarks_set_pos(st, "/b.md", &p);
	CHECK_INT(bookmarks_save(st, &msg), 0, "unknown fields: saved");
	free(msg);
	bookmarks_close(st);
	text = get_file(path, NULL);
	CHECK(text != NULL && strstr(text, "\tzoom=3") != NULL,
	    "unknown fields: doc field kept");
	CHECK(text != NULL && strstr(text, "\tcolour=red") != NULL,
	    "unknown fields: mark field kept");
	CHECK(text != NULL && strstr(text, "note\tkey=/a.md\tbody=hello\\tworld\n")
	    != NULL, "unknown fields: unknown record kept");
	CHECK(text != NULL && strstr(text, "key=/b.md") != NULL,
	    "unknown fields: new entry written");
	CHECK_INT(count_beside(path, "corrupt"), 0,
	    "unknown fields: no corrupt copy");
	free(text);
	bookmarks_pos_clear(&p);
	free(path);
}

static void
test_future_version(void)
{
	char *path = fresh_path("bookmarks"), *msg = NULL, *text;
	const char *file =
	    "lectern-bookmarks 2\n"
	    "doc\tkey=/a.md\ttime=5\thash=00000000000000ff\tblock=1\toff=2\n"
	    "something entirely different\n";
	struct bm_store *st;
	struct bm_pos p;

	put_file(path, file, strlen(file));
	st = bookmarks_open(path, &msg);
	CHECK(msg != NULL && strstr(msg, path) != NULL &&
	    strstr(msg, "newer") != NULL,
	    "future version: told, naming the file");
	free(msg);
	msg = NULL;
	CHECK(bookmarks_get(st, "/a.md") != NULL,
	    "future version: readable records used");
	make_pos(&p, 1, 1, "x");
	bookmarks_set_pos(st, "/b.md", &p);
	CHECK_INT(bookmarks_save(st, &msg), -1, "future version: not saved");
	CHECK(msg != NULL, "future version: save says why");
	free(msg);
	msg = NULL;
	CHECK_INT(bookmarks_save(st, &msg), -1,
	    "future version: still not saved");
	CHECK(msg == NULL, "future version: the same failure told once");
	bookmarks_close(st);
	text = get_file(path, NULL);
	CHECK_STR(text, file, "future version: file untouched");
	CHECK_INT(count_beside(path, "corrupt"), 0,
	    "future version: no copy needed");
	free(text);
	bookmarks_pos_clear(&p);
	free(path);
}

static void
test_garbage(void)
{
	char *path = fresh_path("bookmarks"), *msg = NULL, *text, *copy;
	char file[512];
	size_t n, clen;
	struct bm_store *st;
	const struct bm_doc *d;
	struct bm_pos p;
	DIR *dp;
	struct dirent *de;
	char *dir;

	n = (size_t)snprintf(file, sizeof(file),
	    "lectern-bookmarks 1\n"
	    "doc\tkey=/a.md\ttime=5\thash=00000000000000ff\tblock=1\toff=2\n"
	    "this is not a record\n"
	    "doc\tkey=/b.md\ttime=6\tblock=x\toff=2\n"
	    "doc\tkey=/c.md\ttime=7\tblock=3\toff=4\n"
	    "mark\tkey=/c.md\tname=z\tblock=5\toff=6\tbad\\q=1\n"
	    "doc\tkey=/d.md\ttime=8\tblock=1\n"
	    "doc\tkey=/e.md\ttime=9\tblock=1\toff=1\ttext=bad\\");
	memcpy(file + n, "\ndoc\tkey=/f\001.md\ttime=1\n\0\xff\xfe\n", 27);
	n += 27;
	put_file(path, file, n);

	st = bookmarks_open(path, &msg);
	CHECK(msg != NULL && strstr(msg, path) != NULL &&
	    strstr(msg, "line 3") != NULL,
	    "garbage: told, naming the file and the first bad line");
	CHECK(msg != NULL && strstr(msg, "bookmarks.corrupt-") != NULL,
	    "garbage: told the copy's name");
	free(msg);
	msg = NULL;
	CHECK_INT(bookmarks_count(st), 2, "garbage: the two good records kept");
	d = bookmarks_get(st, "/a.md");
	CHECK(d != NULL && d->pos.block == 1, "garbage: first good record");
	d = bookmarks_get(st, "/c.md");
	CHECK(d != NULL && d->pos.block == 3 && !d->marks[25].set,
	    "garbage: second good record, not its bad mark");
	CHECK_INT(count_beside(path, "bookmarks.corrupt-"), 1,
	    "garbage: one copy made at open");

	/* The copy holds the original bytes. */
	dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	copy = NULL;
	if ((dp = opendir(dir)) != NULL) {
		while ((de = readdir(dp)) != NULL)
			if (strncmp(de->d_name, "bookmarks.corrupt-", 18) == 0)
				copy = xasprintf("%s/%s", dir, de->d_name);
		closedir(dp);
	}
	text = copy ? get_file(copy, &clen) : NULL;
	CHECK(text != NULL && clen == n && memcmp(text, file, n) == 0,
	    "garbage: the copy is the original");
	free(text);
	free(copy);
	free(dir);

	make_pos(&p, 9, 9, "x");
	bookmarks_set_pos(st, "/g.md", &p);
	CHECK_INT(bookmarks_save(st, &msg), 0, "garbage: next save works");
	CHECK(msg == NULL, "garbage: not told twice");
	free(msg);
	msg = NULL;
	CHECK_INT(count_beside(path, "bookmarks.corrupt-"), 1,
	    "garbage: no second copy");
	bookmarks_close(st);

	st = bookmarks_open(path, &msg);
	CHECK(msg == NULL, "garbage: the new file is clean");
	free(msg);
	CHECK_INT(bookmarks_count(st), 3, "garbage: good records and new one");
	bookmarks_close(st);
	bookmarks_pos_clear(&p);
	free(path);
}

static void
test_long_and_odd(void)
{
	char *path = fresh_path("bookmarks"), *msg = NULL;
	struct buf b = { 0 };
	struct bm_store *st;
	size_t i;

	/* A line over 64 KiB among good ones. */
	buf_adds(&b, "lectern-bookmarks 1\n"
	    "doc\tkey=/a.md\ttime=5\tblock=1\toff=2\n"
	    "doc\tkey=/");
	for (i = 0; i < 70000; i++)
		buf_addc(&b, 'x');
	buf_adds(&b, "\ttime=1\n"
	    "doc\tkey=/c.md\ttime=7\tblock=3\toff=4\n");
	put_file(path, b.data, b.len);
	buf_free(&b);
	st = bookmarks_open(path, &msg);
	CHECK(msg != NULL && strstr(msg, "line 3") != NULL,
	    "long line: told");
	free(msg);
	CHECK_INT(bookmarks_count(st), 2, "long line: the others kept");
	bookmarks_close(st);
	free(path);

	/* No version line: the records still count, the file is damaged. */
	path = fresh_path("bookmarks");
	put_file(path, "doc\tkey=/a.md\ttime=5\n", 21);
	st = bookmarks_open(path, &msg);
	CHECK(msg != NULL && strstr(msg, "line 1") != NULL,
	    "no version line: told");
	free(msg);
	CHECK_INT(bookmarks_count(st), 1, "no version line: record kept");
	bookmarks_close(st);
	free(path);

	/* An empty file is an empty store. */
	path = fresh_path("bookmarks");
	put_file(path, "", 0);
	st = bookmarks_open(path, &msg);
	CHECK(msg == NULL && bookmarks_count(st) == 0, "empty file: fine");
	bookmarks_close(st);
	free(msg);

	/* A directory at the path: told, never written. */
	mkdir(path, 0700);
	unlink(path);
	free(path);
	path = fresh_path("dir");
	mkdir(path, 0700);
	st = bookmarks_open(path, &msg);
	CHECK(msg != NULL && strstr(msg, "not a regular file") != NULL,
	    "directory: told");
	free(msg);
	msg = NULL;
	bookmarks_set_mark(st, "/x", 'a', NULL);
	CHECK_INT(bookmarks_save(st, &msg), -1, "directory: not saved");
	free(msg);
	bookmarks_close(st);
	free(path);

	/* No path: memory only. */
	st = bookmarks_open(NULL, &msg);
	CHECK(msg == NULL, "memory only: no message at open");
	bookmarks_set_mark(st, "/x", 'a', NULL);
	CHECK(bookmarks_get(st, "/x") != NULL, "memory only: entry kept");
	CHECK_INT(bookmarks_save(st, &msg), -1, "memory only: save fails");
	CHECK(msg != NULL, "memory only: save says why");
	free(msg);
	bookmarks_close(st);
}

static void
test_bounded(void)
{
	char *path = fresh_path("bookmarks"), *msg = NULL, *key;
	struct buf b = { 0 };
	struct bm_store *st;
	struct bm_pos p;
	int i, old = 0;
	size_t j;

	buf_adds(&b, "lectern-bookmarks 1\n");
	for (i = 1; i <= BM_MAX_DOCS + 100; i++)
		buf_printf(&b, "doc\tkey=/doc%d.md\ttime=%d\tblock=%d\toff=0\n",
		    i, 1000 + i, i);
	put_file(path, b.data, b.len);
	buf_free(&b);
	st = bookmarks_open(path, &msg);
	CHECK(msg == NULL, "bounded: a long file is not damage");
	CHECK_INT(bookmarks_count(st), BM_MAX_DOCS + 100,
	    "bounded: all read");
	make_pos(&p, 1, 1, "x");
	bookmarks_set_pos(st, "/new.md", &p);
	CHECK_INT(bookmarks_save(st, &msg), 0, "bounded: saved");
	CHECK_INT(bookmarks_count(st), BM_MAX_DOCS, "bounded: trimmed");
	CHECK(bookmarks_get(st, "/new.md") != NULL,
	    "bounded: the new entry stays");
	for (j = 0; j < bookmarks_count(st); j++) {
		key = bookmarks_nth(st, j)->key;
		if (strncmp(key, "/doc", 4) == 0 && atoi(key + 4) <= 101)
			old++;
	}
	CHECK_INT(old, 0, "bounded: the 101 oldest are gone");
	CHECK(bookmarks_get(st, "/doc102.md") != NULL &&
	    bookmarks_get(st, "/doc2100.md") != NULL,
	    "bounded: the newer ones stay");
	bookmarks_close(st);
	bookmarks_pos_clear(&p);
	free(path);
}

static void
test_merge(void)
{
	char *path = fresh_path("bookmarks"), *msg = NULL;
	struct bm_store *a, *b, *c;
	const struct bm_doc *d;
	struct bm_pos p;

	a = bookmarks_open(path, NULL);
	b = bookmarks_open(path, NULL);
	make_pos(&p, 10, 0, "a");
	bookmarks_set_pos(a, "/one.md", &p);
	bookmarks_set_mark(a, "/shared.md", 'a', &p);
	bookmarks_set_pos(a, "/gone.md", &p);
	CHECK_INT(bookmarks_save(a, NULL), 0, "merge: first saved");
	p.block = 20;
	bookmarks_set_pos(b, "/two.md", &p);
	bookmarks_set_mark(b, "/shared.md", 'b', &p);
	CHECK_INT(bookmarks_save(b, NULL), 0, "merge: second saved");
	CHECK(bookmarks_get(b, "/one.md") != NULL,
	    "merge: the second sees the first's document after saving");

	bookmarks_forget(a, "/gone.md");
	CHECK(bookmarks_get(a, "/gone.md") == NULL, "forget: gone at once");
	CHECK_INT(bookmarks_save(a, NULL), 0, "forget: saved");
	p.block = 21;
	bookmarks_set_pos(b, "/two.md", &p);
	CHECK_INT(bookmarks_save(b, NULL), 0,
	    "merge: second saved again, with the old view");

	c = bookmarks_open(path, &msg);
	CHECK(msg == NULL, "merge: clean file");
	d = bookmarks_get(c, "/one.md");
	CHECK(d != NULL && d->pos.block == 10, "merge: first document kept");
	d = bookmarks_get(c, "/two.md");
	CHECK(d != NULL && d->pos.block == 21, "merge: second document kept");
	d = bookmarks_get(c, "/shared.md");
	CHECK(d != NULL && d->marks[0].set && d->marks[1].set &&
	    d->marks[0].block == 10 && d->marks[1].block == 20,
	    "merge: marks of both windows on one document");
	CHECK(bookmarks_get(c, "/gone.md") == NULL,
	    "forget: not brought back by another window");
	CHECK_INT(bookmarks_save(c, &msg), 0, "merge: nothing to save is fine");
	bookmarks_close(a);
	bookmarks_close(b);
	bookmarks_close(c);
	bookmarks_pos_clear(&p);
	free(path);
}

static void
test_write_refused(void)
{
	char *path = fresh_path("bookmarks"), *target, *msg = NULL, *text;
	struct bm_store *st;
	struct bm_pos p;

	/* A symbolic link at the path is not written through. */
	target = xasprintf("%s.target", path);
	put_file(target, "lectern-bookmarks 1\n", 20);
	CHECK(symlink(target, path) == 0, "symlink: made");
	st = bookmarks_open(path, &msg);
	CHECK(msg == NULL, "symlink: read through");
	make_pos(&p, 1, 1, "x");
	bookmarks_set_pos(st, "/a.md", &p);
	CHECK_INT(bookmarks_save(st, &msg), -1, "symlink: not saved");
	CHECK(msg != NULL && strstr(msg, "symbolic link") != NULL,
	    "symlink: says why");
	free(msg);
	text = get_file(target, NULL);
	CHECK_STR(text, "lectern-bookmarks 1\n", "symlink: target untouched");
	free(text);
	bookmarks_close(st);
	free(target);
	free(path);

	/* A directory that cannot be made. */
	path = fresh_path("file");
	put_file(path, "", 0);
	target = xasprintf("%s/sub/bookmarks", path);
	st = bookmarks_open(target, &msg);
	CHECK(msg == NULL, "no directory: fine at open");
	bookmarks_set_pos(st, "/a.md", &p);
	CHECK_INT(bookmarks_save(st, &msg), -1, "no directory: not saved");
	CHECK(msg != NULL && strstr(msg, path) != NULL,
	    "no directory: says where");
	free(msg);
	msg = NULL;
	CHECK_INT(bookmarks_save(st, &msg), -1, "no directory: still not");
	CHECK(msg == NULL, "no directory: told once");
	CHECK(bookmarks_get(st, "/a.md") != NULL,
	    "no directory: kept in memory");
	bookmarks_close(st);
	free(target);
	free(path);

	/* A write that fails half way (a full disk; here a file size
	   limit): the old file stays whole, nothing is left behind. */
	path = fresh_path("bookmarks");
	st = bookmarks_open(path, NULL);
	bookmarks_set_pos(st, "/a.md", &p);
	CHECK_INT(bookmarks_save(st, NULL), 0, "full disk: first save");
	text = get_file(path, NULL);
	{
		struct rlimit old, small;
		char key[64];
		int i;

		for (i = 0; i < 200; i++) {
			snprintf(key, sizeof(key), "/many/%d.md", i);
			bookmarks_set_pos(st, key, &p);
		}
		getrlimit(RLIMIT_FSIZE, &old);
		small = old;
		small.rlim_cur = 4096;
		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &small);
		CHECK_INT(bookmarks_save(st, &msg), -1, "full disk: not saved");
		setrlimit(RLIMIT_FSIZE, &old);
		signal(SIGXFSZ, SIG_DFL);
	}
	CHECK(msg != NULL && strstr(msg, path) != NULL &&
	    strstr(msg, "cannot save") != NULL, "full disk: says why");
	free(msg);
	msg = get_file(path, NULL);
	CHECK(text != NULL && msg != NULL && strcmp(text, msg) == 0,
	    "full disk: the old file is whole");
	CHECK_INT(count_beside(path, ".tmp-"), 0, "full disk: no temp left");
	CHECK(bookmarks_get(st, "/many/199.md") != NULL,
	    "full disk: positions kept in memory");
	CHECK_INT(bookmarks_save(st, NULL), 0, "full disk: saved later");
	free(msg);
	free(text);
	bookmarks_close(st);
	free(path);

	/* Stale temporary files do not block a save and are cleaned. */
	path = fresh_path("bookmarks");
	target = xasprintf("%s.tmp-99999-1", path);
	put_file(target, "half a fi", 9);
	st = bookmarks_open(path, NULL);
	bookmarks_set_pos(st, "/a.md", &p);
	CHECK_INT(bookmarks_save(st, NULL), 0, "stale temp: saved");
	CHECK_INT(count_beside(path, ".tmp-"), 0, "stale temp: removed");
	bookmarks_close(st);
	free(target);
	free(path);
	bookmarks_pos_clear(&p);
}

static void
test_default_path(void)
{
	char *p;

	setenv("LECTERN_BOOKMARKS", "elsewhere/bm", 1);
	p = bookmarks_default_path();
	CHECK_STR(p, "elsewhere/bm", "default path: LECTERN_BOOKMARKS");
	free(p);
	unsetenv("LECTERN_BOOKMARKS");
	setenv("XDG_STATE_HOME", "/state", 1);
	setenv("HOME", "/home/reader", 1);
	p = bookmarks_default_path();
	CHECK_STR(p, "/state/lectern/bookmarks", "default path: XDG_STATE_HOME");
	free(p);
	setenv("XDG_STATE_HOME", "relative/state", 1);
	p = bookmarks_default_path();
	CHECK_STR(p, "/home/reader/.local/state/lectern/bookmarks",
	    "default path: a relative XDG_STATE_HOME is ignored");
	free(p);
	unsetenv("XDG_STATE_HOME");
	p = bookmarks_default_path();
	CHECK_STR(p, "/home/reader/.local/state/lectern/bookmarks",
	    "default path: HOME");
	free(p);
}

/* The text a document had; each test edits it. */
static const char *article =
    "# Notes on chips\n"
    "\n"
    "An opening paragraph that says what the notes are about.\n"
    "\n"
    "## Export controls\n"
    "\n"
    "The first rule came in October and covered advanced chips.\n"
    "\n"
    "A second paragraph explains how the rule reached the fabs and "
    "the tools that make the chips, with a long tail of detail.\n"
    "\n"
    "## Zvook and friends\n"
    "\n"
    "The Zvook paragraph is where the reader stopped reading, in the "
    "middle of a long sentence about models and their makers.\n"
    "\n"
    "Another paragraph follows it with more to say.\n"
    "\n"
    "## Closing\n"
    "\n"
    "The end of the notes.\n";

/* Replaces the first FROM in S by TO; a new string. */
static char *
edit(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	struct buf b = { 0 };

	if (at == NULL)
		return xstrdup(s);
	buf_add(&b, s, (size_t)(at - s));
	buf_adds(&b, to);
	buf_adds(&b, at + strlen(from));
	return b.data;
}

/* The block of DOC whose text starts with PREFIX, or UINT32_MAX. */
static uint32_t
block_of(const struct doc *doc, const char *prefix)
{
	uint32_t i;

	for (i = 0; i < doc->nblocks; i++)
		if (strncmp(doc->blocks[i].text, prefix, strlen(prefix)) == 0)
			return i;
	return UINT32_MAX;
}

/* Takes a position at WORD in the Zvook paragraph of the article, edits
   the article with FROM -> TO, and locates it there. */
static enum bm_method
relocate(const char *word, const char *from, const char *to,
    struct doc **newdoc, uint32_t *block, uint32_t *off)
{
	struct doc *d = doc_parse(article, strlen(article));
	struct bm_pos pos = { 0 };
	char *text;
	uint32_t b = block_of(d, "The Zvook");
	enum bm_method m;

	bookmarks_pos_make(&pos, d, b,
	    (uint32_t)(strstr(d->blocks[b].text, word) - d->blocks[b].text));
	doc_free(d);
	text = edit(article, from, to);
	*newdoc = doc_parse(text, strlen(text));
	free(text);
	m = bookmarks_locate(*newdoc, &pos, block, off);
	bookmarks_pos_clear(&pos);
	return m;
}

static void
test_locate(void)
{
	struct doc *d;
	struct bm_pos pos = { 0 }, none = { 0 };
	uint32_t b, o, zb;
	enum bm_method m;
	const char *t;

	/* Unchanged: the anchor as stored. */
	d = doc_parse(article, strlen(article));
	zb = block_of(d, "The Zvook");
	bookmarks_pos_make(&pos, d, zb, 10);
	CHECK_INT(pos.nheads, 2, "pos: two headings above");
	CHECK_STR(pos.nheads == 2 ? pos.heads[1] : NULL, "Zvook and friends",
	    "pos: its section");
	CHECK(pos.fp != NULL && strncmp(pos.fp, "paragraph is", 12) == 0 &&
	    pos.fp_at == 0, "pos: fingerprint from the anchor");
	CHECK(pos.pct > 0 && pos.pct < 10000, "pos: a percentage");
	m = bookmarks_locate(d, &pos, &b, &o);
	CHECK_INT(m, BM_EXACT, "locate: same text is exact");
	CHECK(b == zb && o == 10, "locate: exact anchor");
	CHECK_STR(bookmarks_method_name(m), "exact", "locate: method name");

	/* Same hash but the block's text differs (another lectern's
	   rendering): not trusted. */
	pos.block = zb - 1;
	m = bookmarks_locate(d, &pos, &b, &o);
	CHECK(m == BM_TEXT && b == zb && o == 10,
	    "locate: a stale anchor with the same hash is found by text");
	pos.block = 1000;
	m = bookmarks_locate(d, &pos, &b, &o);
	CHECK(m == BM_TEXT && b == zb, "locate: out of range, by text");

	/* Near the end of a block the fingerprint reaches back. */
	t = d->blocks[zb].text;
	bookmarks_pos_make(&pos, d, zb, d->blocks[zb].len - 4);
	CHECK(pos.fp != NULL && strlen(pos.fp) == BM_FP_MAX &&
	    pos.fp_at == BM_FP_MAX - 4, "pos: fingerprint at a block's end");
	bookmarks_pos_make(&pos, d, zb, 99999);
	CHECK_INT(pos.off, d->blocks[zb].len, "pos: offset kept in range");
	(void)t;
	bookmarks_pos_clear(&pos);
	CHECK_INT(bookmarks_locate(d, &none, &b, &o), BM_NONE,
	    "locate: an unset position");
	doc_free(d);

	/* Text inserted before the place. */
	m = relocate("reader stopped", "An opening paragraph",
	    "A new first paragraph.\n\n## A new section\n\nWith text.\n\n"
	    "An opening paragraph", &d, &b, &o);
	CHECK_INT(m, BM_TEXT, "inserted before: found by text");
	CHECK(b < d->nblocks && strncmp(d->blocks[b].text + o,
	    "reader stopped", 14) == 0, "inserted before: same words");
	CHECK_STR(bookmarks_method_name(m), "text", "inserted before: named");
	doc_free(d);

	/* The place's words are gone from the body but stand in a note:
	   a reading position never lands in the notes. */
	{
		const char *v1 = "# S\n\nOpening words here.\n\nThe place "
		    "is here with enough words to find.[^1]\n\n[^1]: The "
		    "place is here with enough words to find.\n";
		const char *v2 = "# S\n\nOpening words here.[^1]\n\n[^1]: "
		    "The place is here with enough words to find.\n";
		struct doc *d1 = doc_parse(v1, strlen(v1));

		bookmarks_pos_make(&pos, d1, 2, 4);
		doc_free(d1);
		d = doc_parse(v2, strlen(v2));
		m = bookmarks_locate(d, &pos, &b, &o);
		CHECK(m != BM_NONE && b < d->nbody,
		    "text only in a note: the place stays in the body");
		bookmarks_pos_clear(&pos);
		doc_free(d);
	}

	/* The paragraph edited at the place itself: the rest of the
	   fingerprint finds it. */
	m = relocate("reader stopped", "stopped reading, in the",
	    "stopped, in the", &d, &b, &o);
	CHECK_INT(m, BM_TEXT, "edited paragraph: found by part of its text");
	CHECK(b < d->nblocks && strncmp(d->blocks[b].text, "The Zvook", 9)
	    == 0, "edited paragraph: same paragraph");
	CHECK(b < d->nblocks && o >= 30 && o <= 45,
	    "edited paragraph: near the same words");
	doc_free(d);

	/* The paragraph rewritten: its section's heading. */
	m = relocate("reader stopped", "The Zvook paragraph is where the "
	    "reader stopped reading, in the middle of a long sentence",
	    "Rewritten entirely, nothing in common with the old one", &d, &b,
	    &o);
	CHECK_INT(m, BM_SECTION, "rewritten paragraph: found by section");
	CHECK(b < d->nblocks && strcmp(d->blocks[b].text,
	    "Zvook and friends") == 0 && o == 0,
	    "rewritten paragraph: at its heading");
	doc_free(d);

	/* Its section deleted: the same share, within the parent. */
	m = relocate("reader stopped", "## Zvook and friends\n\nThe Zvook "
	    "paragraph is where the reader stopped reading, in the middle of "
	    "a long sentence about models and their makers.\n\nAnother "
	    "paragraph follows it with more to say.\n\n", "", &d, &b, &o);
	CHECK_INT(m, BM_PERCENT, "section deleted: by percentage");
	CHECK_STR(bookmarks_method_name(m), "percentage",
	    "section deleted: named");
	CHECK(b < d->nbody && b >= block_of(d, "Export controls"),
	    "section deleted: lands after the section before it");
	doc_free(d);

	/* An empty document. */
	d = doc_parse("", 0);
	bookmarks_pos_make(&pos, d, 3, 3);
	CHECK_INT(bookmarks_locate(d, &pos, &b, &o), BM_NONE,
	    "locate: empty document");
	bookmarks_pos_clear(&pos);
	doc_free(d);

	/* CJK: an offset inside a character is moved to its start. */
	d = doc_parse("# 标题\n\n中美芯片战争的故事很长，很长。\n", 45);
	b = block_of(d, "中美");
	if (b != UINT32_MAX) {
		bookmarks_pos_make(&pos, d, b, 4);
		CHECK_INT(pos.off, 3, "pos: offset at a character start");
		CHECK_STR(pos.heads[0], "标题", "pos: CJK heading");
		bookmarks_pos_clear(&pos);
	} else
		CHECK(0, "pos: CJK paragraph parsed");
	doc_free(d);
}

/* Writes the string S to PATH. */
static void
put_text(const char *path, const char *s)
{
	put_file(path, s, strlen(s));
}

/* The contents of PATH as a string, or NULL. */
static char *
get_file_z(const char *path)
{
	return get_file(path, NULL);
}

/* A position at BLOCK, with a fingerprint. */
static void
place(struct bm_pos *p, uint32_t block, uint32_t pct)
{
	memset(p, 0, sizeof(*p));
	p->set = 1;
	p->hash = 0xfeedULL;
	p->block = block;
	p->off = 3;
	p->src = 100 * block;
	p->pct = pct;
	p->fp = xstrdup("some words");
}

static void
test_titles(void)
{
	char *path = fresh_path("bookmarks"), *msg = NULL, *text;
	struct bm_store *st;
	const struct bm_doc *d;
	struct bm_pos p;
	char longt[1000];

	st = bookmarks_open(path, NULL);
	bookmarks_set_title(st, "/none.md", "No entry");
	CHECK(bookmarks_get(st, "/none.md") == NULL,
	    "titles: no entry is made for a title alone");
	place(&p, 2, 1250);
	bookmarks_set_pos(st, "/a.md", &p);
	bookmarks_set_title(st, "/a.md", "Tabs\tand \x1b[31mescapes");
	bookmarks_set_pos(st, "/b.md", &p);
	bookmarks_set_title(st, "/b.md", NULL);
	memset(longt, 'x', sizeof(longt) - 1);
	longt[sizeof(longt) - 1] = '\0';
	memcpy(longt + BM_DOC_TITLE_MAX - 1, "é", 2);
	bookmarks_set_pos(st, "/c.md", &p);
	bookmarks_set_title(st, "/c.md", longt);
	CHECK_INT(bookmarks_save(st, &msg), 0, "titles: saved");
	bookmarks_close(st);
	text = get_file_z(path);
	CHECK(text != NULL && strstr(text,
	    "key=/a.md\ttime=") != NULL && strstr(text,
	    "\ttitle=Tabs\\tand \\x1b[31mescapes\thash=") != NULL,
	    "titles: escaped in the doc record, before the position");
	free(text);

	st = bookmarks_open(path, &msg);
	CHECK(msg == NULL, "titles: read back without a message");
	d = bookmarks_get(st, "/a.md");
	CHECK_STR(d ? d->title : NULL, "Tabs\tand \x1b[31mescapes",
	    "titles: read back");
	d = bookmarks_get(st, "/b.md");
	CHECK(d != NULL && d->title == NULL, "titles: none is none");
	d = bookmarks_get(st, "/c.md");
	CHECK(d != NULL && d->title != NULL &&
	    strlen(d->title) == BM_DOC_TITLE_MAX - 1,
	    "titles: a long one cut before a character that does not fit");
	bookmarks_close(st);
	bookmarks_pos_clear(&p);
	free(path);
}

static void
test_old_format(void)
{
	char *path = fresh_path("bookmarks"), *msg = NULL, *text;
	const char *file =
	    "lectern-bookmarks 1\n"
	    "doc\tkey=/old.md\ttime=100\thash=00000000000000ff\tblock=1"
	    "\toff=2\tsrc=9\tpct=4.50\n"
	    "mark\tkey=/old.md\tname=b\tblock=4\toff=0\n"
	    "doc\tkey=/new.md\ttime=200\ttitle=Newer\tshade=blue\n"
	    "doc\tkey=/blank.md\ttime=300\ttitle=\n"
	    "shelf\tname=x\n";
	struct bm_store *st;
	const struct bm_doc *d;
	struct bm_pos p;

	put_text(path, file);
	st = bookmarks_open(path, &msg);
	CHECK(msg == NULL, "old format: read without a message");
	free(msg);
	msg = NULL;
	d = bookmarks_get(st, "/old.md");
	CHECK(d != NULL && d->title == NULL && d->pos.pct == 450 &&
	    d->marks[1].set, "old format: a record without a title reads");
	d = bookmarks_get(st, "/new.md");
	CHECK_STR(d ? d->title : NULL, "Newer", "old format: title read");
	d = bookmarks_get(st, "/blank.md");
	CHECK(d != NULL && d->title == NULL, "old format: an empty title is none");
	place(&p, 1, 1);
	bookmarks_set_pos(st, "/third.md", &p);
	CHECK_INT(bookmarks_save(st, &msg), 0, "old format: saved");
	bookmarks_close(st);
	text = get_file_z(path);
	CHECK(text != NULL && strstr(text, "\tshade=blue") != NULL &&
	    strstr(text, "shelf\tname=x\n") != NULL,
	    "old format: unknown fields and records kept");
	free(text);
	bookmarks_pos_clear(&p);
	free(msg);
	free(path);
}

static void
test_books(void)
{
	char *path = fresh_path("bookmarks"), *msg = NULL, *text;
	struct bm_store *a, *b, *c;

	a = bookmarks_open(path, NULL);
	b = bookmarks_open(path, NULL);
	CHECK(bookmarks_book_chapter(a, "book:/lib/guide") == NULL,
	    "books: none at first");
	bookmarks_set_book(a, "book:/lib/guide", "/lib/guide/02-setup.md");
	CHECK_STR(bookmarks_book_chapter(a, "book:/lib/guide"),
	    "/lib/guide/02-setup.md", "books: the chapter set is read back");
	bookmarks_set_book(a, "book:/lib/guide", "/lib/guide/03-use.md");
	bookmarks_set_book(a, "book:/lib/gone", "/lib/gone/1.md");
	CHECK_INT(bookmarks_save(a, NULL), 0, "books: saved");
	bookmarks_set_book(b, "book:/lib/other\tdir", "/lib/other\tdir/a.md");
	CHECK_INT(bookmarks_save(b, NULL), 0, "books: another store saved");
	bookmarks_set_book(a, "book:/lib/gone", NULL);
	CHECK(bookmarks_book_chapter(a, "book:/lib/gone") == NULL,
	    "books: forgotten at once");
	CHECK_INT(bookmarks_save(a, NULL), 0, "books: saved again");

	text = get_file_z(path);
	CHECK(text != NULL && strstr(text, "book\tkey=book:/lib/guide\t"
	    "chapter=/lib/guide/03-use.md\ttime=") != NULL,
	    "books: one record, the last chapter");
	CHECK(text != NULL && strstr(text, "key=book:/lib/other\\tdir\t"
	    "chapter=/lib/other\\tdir/a.md") != NULL, "books: escaped");
	free(text);
	c = bookmarks_open(path, &msg);
	CHECK(msg == NULL, "books: read back without a message");
	CHECK_STR(bookmarks_book_chapter(c, "book:/lib/guide"),
	    "/lib/guide/03-use.md", "books: read back");
	CHECK_STR(bookmarks_book_chapter(c, "book:/lib/other\tdir"),
	    "/lib/other\tdir/a.md", "books: both stores' books kept");
	CHECK(bookmarks_book_chapter(c, "book:/lib/gone") == NULL,
	    "books: a forgotten book stays forgotten");
	CHECK_INT(bookmarks_count(c), 0, "books: no document entry made");
	bookmarks_close(a);
	bookmarks_close(b);
	bookmarks_close(c);
	free(msg);
	free(path);
}

static void
test_globals(void)
{
	char *path = fresh_path("bookmarks"), *msg = NULL, *text;
	struct bm_store *a, *b, *c;
	const struct bm_pos *pos;
	const char *key;
	struct bm_pos p;

	a = bookmarks_open(path, NULL);
	b = bookmarks_open(path, NULL);
	place(&p, 7, 100);
	CHECK_INT(bookmarks_set_global(a, 'a', "/x.md", &p), -1,
	    "globals: a lower-case letter refused");
	CHECK_INT(bookmarks_get_global(a, 'A', &key, &pos), -1,
	    "globals: A unset at first");
	CHECK_INT(bookmarks_set_global(a, 'A', "/one.md", &p), 0,
	    "globals: A set");
	CHECK(bookmarks_get_global(a, 'A', &key, &pos) == 0 &&
	    strcmp(key, "/one.md") == 0 && pos->block == 7,
	    "globals: A read back at once");
	bookmarks_set_global(a, 'Q', "/gone.md", &p);
	CHECK_INT(bookmarks_save(a, NULL), 0, "globals: first store saved");
	p.block = 9;
	bookmarks_set_global(b, 'Z', "/two.md", &p);
	CHECK_INT(bookmarks_save(b, NULL), 0,
	    "globals: second store saved, with the old view");
	CHECK(bookmarks_get_global(b, 'A', &key, &pos) == 0 &&
	    strcmp(key, "/one.md") == 0,
	    "globals: the second sees the first's mark after saving");
	bookmarks_set_global(a, 'Q', NULL, NULL);
	CHECK_INT(bookmarks_save(a, NULL), 0, "globals: deletion saved");

	text = get_file_z(path);
	CHECK(text != NULL && strstr(text, "gmark\tname=A\tkey=/one.md\ttime=")
	    != NULL && strstr(text, "\tblock=7\toff=3\t") != NULL,
	    "globals: a gmark record with its position");
	free(text);
	c = bookmarks_open(path, &msg);
	CHECK(msg == NULL, "globals: read back without a message");
	CHECK(bookmarks_get_global(c, 'A', &key, &pos) == 0 &&
	    strcmp(key, "/one.md") == 0 && pos->block == 7 &&
	    pos->fp != NULL && strcmp(pos->fp, "some words") == 0,
	    "globals: A kept, with its fingerprint");
	CHECK(bookmarks_get_global(c, 'Z', &key, &pos) == 0 &&
	    strcmp(key, "/two.md") == 0 && pos->block == 9,
	    "globals: Z of the other store kept too");
	CHECK_INT(bookmarks_get_global(c, 'Q', &key, &pos), -1,
	    "globals: a deleted mark stays deleted");
	CHECK_INT(bookmarks_count(c), 0, "globals: no document entry made");
	bookmarks_close(a);
	bookmarks_close(b);
	bookmarks_close(c);
	bookmarks_pos_clear(&p);
	free(msg);
	free(path);
}

static void
test_list(void)
{
	char *path = fresh_path("bookmarks"), *msg = NULL, *out;
	const char *file =
	    "lectern-bookmarks 1\n"
	    "doc\tkey=/docs/old.md\ttime=100\tblock=1\toff=2\tpct=4.50\n"
	    "doc\tkey=/docs/new.md\ttime=1800000000\ttitle=New\\tone\\x1b"
	    "\tblock=1\toff=0\tpct=100.00\n"
	    "mark\tkey=/docs/marks-only.md\tname=a\tblock=1\toff=0\n"
	    "doc\tkey=bundled:article.md\ttime=100\n";
	struct bm_store *st;
	struct bm_item *v;
	size_t n;
	FILE *f;

	put_text(path, file);
	st = bookmarks_peek(path, &msg);
	CHECK(st != NULL && msg == NULL, "list: peek reads the file");
	v = bookmarks_list_new(st, &n);
	CHECK_INT(n, 4, "list: every document");
	if (n == 4) {
		CHECK_STR(v[0].key, "/docs/new.md", "list: newest first");
		CHECK_STR(v[1].key, "/docs/old.md",
		    "list: the same time in file order");
		CHECK_STR(v[3].key, "/docs/marks-only.md",
		    "list: a document with marks only, time 0, last");
		CHECK_STR(bookmarks_list_name(&v[1]), "old.md",
		    "list: no title, the file name");
		CHECK_STR(bookmarks_list_name(&v[2]), "article.md",
		    "list: the bundled article's name");
		CHECK_INT(v[3].pct, -1, "list: no position, no per cent");
	}
	out = fresh_path("out");
	if ((f = fopen(out, "w")) != NULL) {
		CHECK_INT(bookmarks_list_print(f, v, n), 0, "list: printed");
		fclose(f);
	}
	free(msg);
	msg = get_file_z(out);
	CHECK_STR(msg,
	    "2027-01-15T08:00:00Z\t100.00\tNew one^[\t/docs/new.md\n"
	    "1970-01-01T00:01:40Z\t4.50\told.md\t/docs/old.md\n"
	    "1970-01-01T00:01:40Z\t-\tarticle.md\tbundled:article.md\n"
	    "1970-01-01T00:00:00Z\t-\tmarks-only.md\t/docs/marks-only.md\n",
	    "list: --library lines, inert, four fields");
	bookmarks_list_free(v, n);
	bookmarks_close(st);
	free(msg);

	put_text(path, "lectern-bookmarks 1\ndoc\tkey=\n");
	st = bookmarks_peek(path, &msg);
	CHECK(st == NULL && msg != NULL && strstr(msg, path) != NULL,
	    "list: a damaged file is refused, named");
	CHECK(access(path, F_OK) == 0, "list: and left as it is");
	free(msg);
	unlink(path);
	st = bookmarks_peek(path, &msg);
	CHECK(st != NULL && msg == NULL && bookmarks_count(st) == 0,
	    "list: no file, an empty list");
	bookmarks_close(st);
	free(out);
	free(path);
}

/* Reading 2000 documents looks each key up once: the hash table keeps
   the cost of a lookup flat as the file grows. */
static void
test_many(void)
{
	char *path = fresh_path("bookmarks"), *msg = NULL;
	struct bm_store *st;
	struct buf b = { 0 };
	const struct bm_doc *d;
	int i, found = 0;

	buf_adds(&b, "lectern-bookmarks 1\n");
	for (i = 0; i < BM_MAX_DOCS; i++)
		buf_printf(&b, "doc\tkey=/home/reader/library/doc-%04d.md"
		    "\ttime=%d\ttitle=Document %d\tblock=1\toff=0\n", i,
		    1000 + i, i);
	put_text(path, b.data);
	buf_free(&b);
	st = bookmarks_open(path, &msg);
	CHECK(msg == NULL, "many: 2000 documents read");
	for (i = 0; i < BM_MAX_DOCS; i += 7) {
		char key[64];

		snprintf(key, sizeof(key), "/home/reader/library/doc-%04d.md",
		    i);
		d = bookmarks_get(st, key);
		found += d != NULL && d->time == 1000 + i;
	}
	CHECK_INT(found, (BM_MAX_DOCS + 6) / 7, "many: each found by key");
	bookmarks_forget(st, "/home/reader/library/doc-0003.md");
	CHECK(bookmarks_get(st, "/home/reader/library/doc-0003.md") == NULL &&
	    bookmarks_get(st, "/home/reader/library/doc-0004.md") != NULL,
	    "many: found again after one is forgotten");
	bookmarks_close(st);
	free(msg);
	free(path);
}

int
main(void)
{
	char tmpl[256];
	const char *base = getenv("TMPDIR");

	snprintf(tmpl, sizeof(tmpl), "%s/lectern-bm-XXXXXX",
	    base && *base ? base : P_tmpdir);
	if ((tmpdir = mkdtemp(tmpl)) == NULL) {
		perror(tmpl);
		return 1;
	}
	test_round_trip();
	test_unknown_fields();
	test_future_version();
	test_garbage();
	test_long_and_odd();
	test_bounded();
	test_merge();
	test_write_refused();
	test_default_path();
	test_locate();
	test_titles();
	test_old_format();
	test_books();
	test_globals();
	test_list();
	test_many();
	{
		char *cmd = xasprintf("rm -rf '%s'", tmpdir);

		if (system(cmd) != 0)
			printf("# could not remove %s\n", tmpdir);
		free(cmd);
	}
	return t_done();
}
