/*
 * Unit tests of the loader (load.c): partial and whole, cuts, mapping, the
 * second thread's signals and its end, a file changed while it loads.
 */
#define _GNU_SOURCE		/* RTLD_NEXT */
#include <sys/stat.h>

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lectern/doc.h"
#include "lectern/load.h"
#include "lectern/util.h"
#include "t.h"

#define PREFIX	2048	/* a small first part, so that tests stay small */
#define POLLS	10000	/* give up a wait after this many [ms] */

static char gate[256];		/* the FIFO the loader's thread waits on */
static int threads0;		/* threads of the process before a load */
static pthread_t main_thread;
static atomic_int unlock_armed;	/* see pthread_mutex_unlock below */
static int unlock_passed;	/* the thread passed the gate */
static int unlock_ended;	/* and ended before the unlock returned */

/* Writes LEN bytes at P to a new temporary file; returns its path. */
static const char *
write_file(const char *p, size_t len)
{
	static char path[256];
	const char *base = getenv("TMPDIR");
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "%s/lectern-load-XXXXXX",
	    base && *base ? base : P_tmpdir);
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL)
		return NULL;
	fwrite(p, 1, len, f);
	fclose(f);
	return path;
}

/* The number of threads of this process, or -1 without /proc. */
static int
count_threads(void)
{
	DIR *d;
	struct dirent *e;
	int n = 0;

	if ((d = opendir("/proc/self/task")) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/* Waits until no thread but those of the start is left; 0 when so. */
static int
threads_back(void)
{
	int i, n;

	for (i = 0; i < POLLS; i++) {
		if ((n = count_threads()) < 0)
			return -1;
		if (n <= threads0)
			return 0;
		usleep(1000);
	}
	return -1;
}

/*
 * Waits until the loader's thread is at the gate (it has opened the FIFO
 * to read); returns the writing end, which lets it go on when closed, or
 * -1.
 */
static int
gate_reached(void)
{
	int i, fd;

	for (i = 0; i < POLLS; i++) {
		if ((fd = open(gate, O_WRONLY | O_NONBLOCK | O_CLOEXEC)) >= 0)
			return fd;
		if (errno != ENXIO)
			return -1;
		usleep(1000);
	}
	return -1;
}

/* Opens PATH as load_open does, its thread held at the gate. */
static struct load *
open_gated(const char *path)
{
	struct load_opts o = { NULL, (size_t)1 << 30, PREFIX, 0, 1 };
	struct load *l = NULL;
	char err[256];

	setenv("LECTERN_TEST_LOAD_GATE", gate, 1);
	if (load_open(path, &o, &l, err, sizeof(err)) != DECODE_OK)
		l = NULL;
	unsetenv("LECTERN_TEST_LOAD_GATE");
	return l;
}

/* Polls L until its thread has finished; returns load_doc then. */
static struct doc *
poll_done(struct load *l)
{
	int i;

	for (i = 0; i < POLLS && load_partial(l) &&
	    load_message(l) == NULL; i++) {
		load_poll(l);
		usleep(1000);
	}
	return load_doc(l);
}

/*
 * pthread_mutex_unlock, interposed. Once armed, the first unlock on the
 * main thread (load_free's, after it has handed the load over to the
 * waiting thread) lets the thread pass the gate and returns only once the
 * thread has ended, so that the load has been freed by then: whatever
 * load_free still reads of it is a use after free, which the sanitizer
 * build reports.
 */
int
pthread_mutex_unlock(pthread_mutex_t *m)
{
	static int (*real)(pthread_mutex_t *);
	int r, fd;

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "pthread_mutex_unlock");
	r = real(m);
	if (atomic_load(&unlock_armed) &&
	    pthread_equal(pthread_self(), main_thread)) {
		atomic_store(&unlock_armed, 0);
		if ((fd = gate_reached()) >= 0) {
			close(fd);
			unlock_passed = 1;
			unlock_ended = threads_back() == 0;
		}
	}
	return r;
}

/* A document with a fence across the first PREFIX bytes, and notes and
   link definitions at the end. */
static void
make_doc(struct buf *b)
{
	int i;

	buf_adds(b, "---\ntitle: Loader test\n---\n\n# Start\n\n");
	buf_adds(b, "First paragraph cites[^n1] and links [here][r1].\n\n");
	buf_adds(b, "```\ncode line one\n\ncode after a blank line\n");
	for (i = 0; i < 20; i++)
		buf_printf(b, "code line %d in a long fence\n\n", i);
	buf_adds(b, "```\n\n");
	for (i = 0; i < 200; i++)
		buf_printf(b, "## Part %d\n\nParagraph %d of the body, with "
		    "some words to fill the line.\n\n", i, i);
	buf_adds(b, "[^n1]: The note, defined at the end.\n\n"
	    "[r1]: https://example.org/\n");
}

/* The first block whose text starts with S, or -1. */
static long
find_block(const struct doc *d, const char *s)
{
	uint32_t i;

	for (i = 0; i < d->nblocks; i++)
		if (strncmp(d->blocks[i].text, s, strlen(s)) == 0)
			return i;
	return -1;
}

static void
test_partial(const char *path, size_t size)
{
	struct load_opts o = { NULL, (size_t)1 << 30, PREFIX, 0, 1 };
	struct load *l;
	struct doc *first, *whole;
	struct anchor a, m;
	char err[256];
	long b, code;
	uint32_t i;

	CHECK_INT(load_open(path, &o, &l, err, sizeof(err)), DECODE_OK,
	    "a large file opens");
	CHECK(load_partial(l), "on a partial document");
	first = load_doc(l);
	CHECK_INT(first->src_len, size, "whose src_len is the file's size");
	CHECK_STR(first->meta.title, "Loader test", "with its front matter");
	code = find_block(first, "code line one");
	CHECK(code >= 0 && first->blocks[code].type == BLK_CODE,
	    "the fence is one code block");
	CHECK(code >= 0 && strstr(first->blocks[code].text,
	    "code after a blank line") != NULL,
	    "not cut at a blank line inside the fence");
	CHECK(find_block(first, "Paragraph 199") < 0,
	    "the end is not in the first part");
	CHECK(strstr(first->blocks[find_block(first, "First")].text,
	    "[^n1]") != NULL, "a later note shows as text in the part");
	CHECK_INT(first->nnotes, 0, "and the part has no notes");

	/* Wait for the whole through polling, as the reader does. */
	for (i = 0; i < 2000 && load_poll(l) == NULL; i++)
		usleep(5000);
	CHECK(!load_partial(l), "load_poll hands over the whole");
	whole = load_doc(l);
	CHECK(whole != first, "a new document");
	CHECK(load_poll(l) == NULL, "only once");
	CHECK_INT(load_progress(l), 100, "progress ends at 100");
	CHECK(load_message(l) == NULL, "no message");
	CHECK(find_block(whole, "Paragraph 199") >= 0, "the whole has the end");
	CHECK_INT(whole->nnotes, 1, "and the note");
	b = find_block(whole, "First");
	CHECK(b >= 0 && strstr(whole->blocks[b].text, "[^n1]") == NULL,
	    "which is now a reference");
	CHECK(load_wait(l) == whole, "load_wait returns the whole");

	/* Positions move by source offset. */
	b = find_block(first, "Paragraph 3 ");
	if (!CHECK(b >= 0, "the part has paragraph 3"))
		return;
	a.block = (uint32_t)b;
	a.off = (uint32_t)(strstr(first->blocks[b].text, "some") -
	    first->blocks[b].text);
	m = load_map(first, a, whole);
	CHECK(strncmp(whole->blocks[m.block].text, "Paragraph 3 ", 12) == 0,
	    "an anchor maps to the same block");
	CHECK(strncmp(whole->blocks[m.block].text + m.off, "some", 4) == 0,
	    "and the same words");
	b = find_block(first, "First");
	a.block = (uint32_t)b;
	a.off = (uint32_t)(strstr(first->blocks[b].text, "links") -
	    first->blocks[b].text);
	m = load_map(first, a, whole);
	CHECK(strncmp(whole->blocks[m.block].text + m.off, "links", 5) == 0,
	    "after text that changed (a reference became [1])");
	CHECK_INT(m.block, find_block(whole, "First"), "in its block");
	a.off = 100000;
	m = load_map(first, a, whole);
	CHECK(m.off <= whole->blocks[m.block].len, "a far offset is cut");
	CHECK_INT(load_block_at(whole, 0), 0, "offset 0: the first block");
	CHECK_INT(load_block_at(whole, size), whole->nbody - 1,
	    "the end: the last body block");
	a = load_map(whole, m, whole);
	CHECK(a.block == m.block && a.off == m.off, "to itself: unchanged");

	load_drop_partial(l);
	CHECK(load_doc(l) == whole, "dropping the part keeps the whole");
	load_free(l);
}

static void
test_whole(const char *path)
{
	struct load_opts o = { NULL, (size_t)1 << 30, PREFIX, 1, 0 };
	struct load *l;
	char err[256];

	CHECK_INT(load_open(path, &o, &l, err, sizeof(err)), DECODE_OK,
	    "whole: opens");
	CHECK(!load_partial(l), "whole: never partial");
	CHECK(load_poll(l) == NULL, "whole: nothing to poll");
	CHECK(find_block(load_doc(l), "Paragraph 199") >= 0,
	    "whole: all of it");
	CHECK_INT(load_progress(l), 100, "whole: progress 100");
	load_free(l);

	/* Smaller than two first parts: whole as well. */
	o.whole = 0;
	o.prefix = 1 << 20;
	CHECK_INT(load_open(path, &o, &l, err, sizeof(err)), DECODE_OK,
	    "small: opens");
	CHECK(!load_partial(l), "small: whole at once");
	load_free(l);
}

static void
test_left_early(const char *path)
{
	struct load_opts o = { NULL, (size_t)1 << 30, PREFIX, 0, 1 };
	struct load *l;
	char err[256];

	/* Freed while the thread may still work: it cleans up alone. */
	CHECK(count_threads() > 0, "early: /proc/self/task counts the threads");
	CHECK_INT(load_open(path, &o, &l, err, sizeof(err)), DECODE_OK,
	    "early: opens");
	CHECK(load_partial(l), "early: a thread reads the rest");
	load_free(l);
	CHECK(threads_back() == 0, "early: the thread ends by itself");

	/*
	 * Freed while the thread waits: load_free must not touch the load
	 * once it has handed it over, since the thread frees it (the
	 * interposed unlock above holds load_free until it has).
	 */
	if ((l = open_gated(path)) == NULL) {
		CHECK(0, "held: opens");
		return;
	}
	atomic_store(&unlock_armed, 1);
	load_free(l);
	CHECK(unlock_passed, "held: load_free hands the load to the thread");
	CHECK(unlock_ended, "held: which frees it and ends");
	CHECK(threads_back() == 0, "held: no thread is left");
}

/* The signals blocked by the thread other than the main one, or 0. */
static unsigned long long
thread_sigblk(void)
{
	char name[512], line[256];
	unsigned long long blk = 0;
	struct dirent *e;
	FILE *f;
	DIR *d;

	if ((d = opendir("/proc/self/task")) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || atoi(e->d_name) == (int)getpid())
			continue;
		snprintf(name, sizeof(name), "/proc/self/task/%s/status",
		    e->d_name);
		if ((f = fopen(name, "r")) == NULL)
			continue;
		while (fgets(line, sizeof(line), f) != NULL)
			if (strncmp(line, "SigBlk:", 7) == 0)
				blk = strtoull(line + 7, NULL, 16);
		fclose(f);
	}
	closedir(d);
	return blk;
}

static void
test_signals(const char *path)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGTSTP,
	    SIGWINCH, SIGCONT };
	unsigned long long blk;
	struct load *l;
	size_t i;
	int fd, all = 1;

	if ((l = open_gated(path)) == NULL) {
		CHECK(0, "signals: opens");
		return;
	}
	fd = gate_reached();
	CHECK(fd >= 0, "signals: the thread waits at the gate");
	blk = thread_sigblk();
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (!(blk & (1ULL << (sigs[i] - 1))))
			all = 0;
	if (!CHECK(all, "signals: the thread blocks those the reader "
	    "handles, so that they reach the main thread"))
		printf("#   SigBlk %016llx\n", blk);
	if (fd >= 0)
		close(fd);
	load_wait(l);
	CHECK(!load_partial(l), "signals: the whole comes after the gate");
	load_free(l);
}

/* Copies the N bytes at P to a new file named after TAG; its path. */
static const char *
copy_file(const char *tag, const char *p, size_t n)
{
	static char path[512];
	const char *base = getenv("TMPDIR");
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "%s/lectern-%s-XXXXXX",
	    base && *base ? base : P_tmpdir, tag);
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL)
		return NULL;
	fwrite(p, 1, n, f);
	fclose(f);
	return path;
}

/* Whether S has a byte that a terminal takes as a control. */
static int
has_control(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 &&
		    p[1] <= 0x9f))
			return 1;
	return 0;
}

static void
test_changed(const struct buf *b)
{
	struct load *l;
	const char *path, *m;
	char keep[512], want[600];
	struct doc *first, *d;
	int fd, pct, lo, hi;

	/* Cut short while the first part shows: said, the part stays. */
	if ((path = copy_file("cut", b->data, b->len)) == NULL ||
	    (l = open_gated(strcpy(keep, path))) == NULL) {
		CHECK(0, "cut: opens");
		return;
	}
	first = load_doc(l);
	fd = gate_reached();
	CHECK(truncate(keep, PREFIX / 2) == 0, "cut: the file is truncated");
	if (fd >= 0)
		close(fd);
	d = poll_done(l);
	CHECK(load_partial(l) && d == first, "cut: the first part stays");
	CHECK(load_failed(l), "cut: the load says it failed");
	m = load_message(l);
	/* The first part ends after its last block starts, by PREFIX. */
	lo = (int)(first->blocks[first->nbody - 1].src_off * 100 / b->len);
	hi = (int)(PREFIX * 100 / b->len);
	snprintf(want, sizeof(want), "%% only: %s: truncated", keep);
	if (!CHECK(m != NULL && sscanf(m, "loaded %d%%", &pct) == 1 &&
	    pct >= lo && pct <= hi && strstr(m, want) != NULL,
	    "cut: the message says how much was loaded, of which file, why"))
		printf("#   message \"%s\" (%d%% to %d%%)\n",
		    m ? m : "(null)", lo, hi);
	CHECK(load_wait(l) == first, "cut: load_wait gives the part");
	load_free(l);
	unlink(keep);

	/* Deleted while the first part shows: read whole all the same. */
	if ((path = copy_file("gone", b->data, b->len)) == NULL ||
	    (l = open_gated(strcpy(keep, path))) == NULL) {
		CHECK(0, "deleted: opens");
		return;
	}
	fd = gate_reached();
	CHECK(unlink(keep) == 0, "deleted: the file is removed");
	if (fd >= 0)
		close(fd);
	d = poll_done(l);
	CHECK(!load_partial(l) && !load_failed(l),
	    "deleted: the open file is read whole");
	CHECK(find_block(d, "Paragraph 199") >= 0, "deleted: to its end");
	load_free(l);

	/* A file name with controls shows inert in the message. */
	if ((path = copy_file("\033]2;x\007\302\233", b->data, b->len)) ==
	    NULL || (l = open_gated(strcpy(keep, path))) == NULL) {
		CHECK(0, "controls: opens");
		return;
	}
	fd = gate_reached();
	CHECK(truncate(keep, 0) == 0, "controls: the file is emptied");
	if (fd >= 0)
		close(fd);
	poll_done(l);
	m = load_message(l);
	if (!CHECK(m != NULL && !has_control(m) &&
	    strstr(m, "lectern-^[]2;x^G<U+009B>-") != NULL,
	    "controls: the file name's controls are made inert"))
		printf("#   message \"%s\"\n", m == NULL ? "(null)" :
		    has_control(m) ? "(raw controls)" : m);
	load_free(l);
	unlink(keep);
}

static void
test_errors(void)
{
	struct load_opts o = { NULL, (size_t)1 << 30, PREFIX, 0, 1 };
	struct load *l = (struct load *)&o;
	char err[256] = "";
	struct buf b = { 0 };
	const char *path;
	size_t i;

	CHECK_INT(load_open("/nonexistent/file.md", &o, &l, err, sizeof(err)),
	    DECODE_EFILE, "a missing file");
	CHECK(l == NULL && err[0] != '\0', "with a message and no load");
	o.max_size = 10;
	path = write_file("# Too large for ten bytes\n", 26);
	CHECK_INT(load_open(path, &o, &l, err, sizeof(err)), DECODE_EFILE,
	    "over --max-size");
	unlink(path);

	/* Not UTF-8 at the start: read whole, the encoding guessed. */
	o.max_size = (size_t)1 << 30;
	for (i = 0; i < 4 * PREFIX; i++)
		buf_adds(&b, i % 60 == 59 ? "\n\n" : "\xe9");
	path = write_file(b.data, b.len);
	CHECK_INT(load_open(path, &o, &l, err, sizeof(err)), DECODE_OK,
	    "Latin-1 opens");
	CHECK(!load_partial(l), "whole, not partial");
	CHECK_STR(load_assumed(l), "ISO-8859-1", "read as Latin-1");
	load_free(l);
	unlink(path);

	/* One long line: no cut, read whole. */
	b.len = 0;
	for (i = 0; i < 4 * PREFIX; i++)
		buf_addc(&b, 'x');
	path = write_file(b.data, b.len);
	CHECK_INT(load_open(path, &o, &l, err, sizeof(err)), DECODE_OK,
	    "one long line opens");
	CHECK(!load_partial(l), "whole");
	CHECK_INT(load_doc(l)->nblocks, 1, "one paragraph");
	load_free(l);
	unlink(path);
	buf_free(&b);
}

/* Whether a block of D holds S. */
static int
has_text(const struct doc *d, const char *s)
{
	uint32_t i;

	for (i = 0; i < d->nblocks; i++)
		if (strstr(d->blocks[i].text, s) != NULL)
			return 1;
	return 0;
}

/*
 * The first part ends between blocks as the parser sees them: a block
 * across its end (here a fence in a nested list item, then a <pre> block
 * with blank lines) is in it whole or not at all.
 */
static void
test_cut(void)
{
	struct load_opts o = { NULL, (size_t)1 << 30, PREFIX, 0, 1 };
	static const char *starts[] = { "- a\n  - b\n\n    ```\n",
	    "Intro.\n\n<pre>\n" };
	static const char *ends[] = { "    ```\n\n", "</pre>\n\n" };
	struct load *l;
	struct buf b = { 0 };
	const char *path;
	char err[256];
	size_t k;
	int i;

	for (k = 0; k < 2; k++) {
		b.len = 0;
		buf_adds(&b, starts[k]);
		for (i = 0; i < 400; i++)
			buf_printf(&b, "%sline %d\n\n", k ? "" : "    ", i);
		buf_adds(&b, ends[k]);
		for (i = 0; i < 400; i++)
			buf_printf(&b, "Paragraph %d of the body.\n\n", i);
		path = write_file(b.data, b.len);
		CHECK_INT(load_open(path, &o, &l, err, sizeof(err)),
		    DECODE_OK, "cut: opens");
		CHECK(load_partial(l) && (!has_text(load_doc(l), "line 0") ||
		    has_text(load_doc(l), "line 399")), k == 0 ?
		    "cut: not in a fence of a nested list item" :
		    "cut: not in an HTML block that holds blank lines");
		load_free(l);
		unlink(path);
	}
	buf_free(&b);
}

int
main(void)
{
	struct buf b = { 0 };
	const char *path, *base = getenv("TMPDIR");
	char keep[256];

	main_thread = pthread_self();
	threads0 = count_threads();
	snprintf(gate, sizeof(gate), "%s/lectern-gate-%ld",
	    base && *base ? base : P_tmpdir, (long)getpid());
	unlink(gate);
	if (mkfifo(gate, 0600) == -1) {
		CHECK(0, "a FIFO for the gate");
		return t_done();
	}
	make_doc(&b);
	if ((path = write_file(b.data, b.len)) == NULL) {
		CHECK(0, "a temporary file");
		return t_done();
	}
	strcpy(keep, path);
	test_partial(keep, b.len);
	test_whole(keep);
	test_left_early(keep);
	test_signals(keep);
	test_changed(&b);
	test_errors();
	test_cut();
	unlink(keep);
	unlink(gate);
	buf_free(&b);
	return t_done();
}
