/* Unit tests of what the bookmark file keeps for the library: document
   titles, book records, global marks A-Z, the list most recent first and
   lectern --library's lines. */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lectern/bookmarks.h"
#include "lectern/util.h"
#include "t.h"

static char *tmpdir;

/* A new empty directory for one test; returns the path of FILE in it. */
static char *
new_path(const char *file)
{
	static int n;
	char *dir = xasprintf("%s/%d", tmpdir, ++n), *path;

	mkdir(dir, 0700);
	path = xasprintf("%s/%s", dir, file);
	free(dir);
	return path;
}

/* Writes the string S to PATH. */
static void
write_text(const char *path, const char *s)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		return;
	fputs(s, f);
	fclose(f);
}

/* The contents of PATH, or NULL. */
static char *
read_text(const char *path)
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
	return b.data;
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
	char *path = new_path("bookmarks"), *msg = NULL, *text;
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
	text = read_text(path);
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
	char *path = new_path("bookmarks"), *msg = NULL, *text;
	const char *file =
	    "lectern-bookmarks 1\n"
	    "doc\tkey=/old.md\ttime=100\thash=00000000000000ff\tblock=1"
	    "\toff=2\tsrc=9\tpct=4.50\n"
	    "mark\tkey=/old.md\tname=b\tblock=4\toff=0\n"
	    "doc\tkey=/new.md\ttime=200\ttitle=Newer\tshade=blue\n"
	    "shelf\tname=x\n";
	struct bm_store *st;
	const struct bm_doc *d;
	struct bm_pos p;

	write_text(path, file);
	st = bookmarks_open(path, &msg);
	CHECK(msg == NULL, "old format: read without a message");
	free(msg);
	msg = NULL;
	d = bookmarks_get(st, "/old.md");
	CHECK(d != NULL && d->title == NULL && d->pos.pct == 450 &&
	    d->marks[1].set, "old format: a record without a title reads");
	d = bookmarks_get(st, "/new.md");
	CHECK_STR(d ? d->title : NULL, "Newer", "old format: title read");
	place(&p, 1, 1);
	bookmarks_set_pos(st, "/third.md", &p);
	CHECK_INT(bookmarks_save(st, &msg), 0, "old format: saved");
	bookmarks_close(st);
	text = read_text(path);
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
	char *path = new_path("bookmarks"), *msg = NULL, *text;
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

	text = read_text(path);
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
	char *path = new_path("bookmarks"), *msg = NULL, *text;
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

	text = read_text(path);
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
	char *path = new_path("bookmarks"), *msg = NULL, *out;
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

	write_text(path, file);
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
	out = new_path("out");
	if ((f = fopen(out, "w")) != NULL) {
		CHECK_INT(bookmarks_list_print(f, v, n), 0, "list: printed");
		fclose(f);
	}
	free(msg);
	msg = read_text(out);
	CHECK_STR(msg,
	    "2027-01-15T08:00:00Z\t100.00\tNew one^[\t/docs/new.md\n"
	    "1970-01-01T00:01:40Z\t4.50\told.md\t/docs/old.md\n"
	    "1970-01-01T00:01:40Z\t-\tarticle.md\tbundled:article.md\n"
	    "1970-01-01T00:00:00Z\t-\tmarks-only.md\t/docs/marks-only.md\n",
	    "list: --library lines, inert, four fields");
	bookmarks_list_free(v, n);
	bookmarks_close(st);
	free(msg);

	write_text(path, "lectern-bookmarks 1\ndoc\tkey=\n");
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
	char *path = new_path("bookmarks"), *msg = NULL;
	struct bm_store *st;
	struct buf b = { 0 };
	const struct bm_doc *d;
	int i, found = 0;

	buf_adds(&b, "lectern-bookmarks 1\n");
	for (i = 0; i < BM_MAX_DOCS; i++)
		buf_printf(&b, "doc\tkey=/home/reader/library/doc-%04d.md"
		    "\ttime=%d\ttitle=Document %d\tblock=1\toff=0\n", i,
		    1000 + i, i);
	write_text(path, b.data);
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

	snprintf(tmpl, sizeof(tmpl), "%s/lectern-lib-XXXXXX",
	    base && *base ? base : P_tmpdir);
	if ((tmpdir = mkdtemp(tmpl)) == NULL) {
		perror(tmpl);
		return 1;
	}
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
