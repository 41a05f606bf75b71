/*
 * load.c: a partial document at once, the whole one from a second thread
 * (the contract is in load.h).
 *
 * The thread shares only the fields under LOCK with the caller: it
 * publishes the whole document or a message there, and reads whether the
 * caller has gone. A caller that leaves first (load_free while the thread
 * works) hands the load over to the thread, which frees it when done.
 *
 * Both parts are read from one open file, so that a file removed or
 * replaced meanwhile is still read whole; one cut short meanwhile is not,
 * and the reader is told that it shows only the first part.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif


#include "lectern/compat.h"
#include "lectern/doc.h"
#include "lectern/inert.h"
#include "lectern/load.h"
#include "lectern/mdline.h"
#include "lectern/util.h"

#define LOAD_SNIFF	8192	/* [bytes] searched for a NUL byte */
#define LOAD_CONTEXT	24	/* [bytes] matched to place an offset */
#define LOAD_READ_DONE	20	/* progress once the file is read [1/1000] */
#define LOAD_GATE_ENV	"LECTERN_TEST_LOAD_GATE"	/* see load.h */

struct load {
	char		*path;
	char		*encoding;	/* or NULL */
	size_t		 max;		/* [bytes] */
	struct doc	*doc;		/* shown now: partial, then whole */
	struct doc	*partial;	/* kept after the hand-over, or NULL */
	char		*assumed;	/* encoding guessed, or NULL */
	char		*gate;		/* FIFO the thread waits on, or NULL */
	int		 running;	/* a thread to join or detach */
	int		 handed;	/* doc is the whole document */
	int		 fd;		/* the file, the thread's to close */
	uint64_t	 size;		/* of the file at the open [bytes] */
	size_t		 cut;		/* of it in the partial document [bytes] */

	pthread_t	 thread;
	pthread_mutex_t	 lock;
	/* Under lock; assumed too while the thread works. */
	struct doc	*whole;		/* the thread's result, until handed */
	int		 done;		/* the thread has finished */
	int		 gone;		/* load_free was called first */
	int		 failed;	/* the rest could not be read */
	char		*message;	/* for the status line, or NULL */
	/* Written by the thread alone. */
	atomic_uint	 permille;	/* progress [1/1000] */
};

/* Frees the documents and the strings of L, not L itself. */
static void
load_clear(struct load *l)
{
	doc_free(l->partial);
	doc_free(l->doc);
	doc_free(l->whole);
	free(l->path);
	free(l->encoding);
	free(l->assumed);
	free(l->message);
	free(l->gate);
}

/* Gives memory freed by the parser back to the system. */
static void
load_trim(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

/* Records the parse's progress [1/1000] for load_progress. */
static void
load_progress_cb(void *arg, unsigned permille)
{
	struct load *l = arg;

	atomic_store_explicit(&l->permille, LOAD_READ_DONE + permille *
	    (1000 - LOAD_READ_DONE) / 1000, memory_order_relaxed);
}

/*
 * For the tests: waits until a writer has opened the FIFO at PATH and
 * closed it again, so that a test can change the file before the rest
 * is read.
 */
static void
load_gate(const char *path)
{
	char b[64];
	ssize_t r;
	int fd;

	if (path == NULL)
		return;
	while ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 && errno == EINTR)
		;
	if (fd == -1)
		return;
	while ((r = read(fd, b, sizeof(b))) > 0 || (r == -1 && errno == EINTR))
		;
	close(fd);
}

/*
 * Reads the file FD of SIZE bytes from its start to its end, at most MAX
 * bytes, into *BUFP (with a byte to spare). Returns the length, or
 * (size_t)-1 and why in ERR.
 */
static size_t
load_read(int fd, uint64_t size, size_t max, char **bufp, char *err,
    size_t errlen)
{
	size_t cap = (size_t)size + 1, len = 0;
	size_t limit = max < SIZE_MAX - 2 ? max + 2 : SIZE_MAX;
	ssize_t r;
	char *buf;

	buf = xmalloc(cap);
	for (;;) {
		if (len + 1 == cap) {
			if (len > max || cap == limit) {
				free(buf);
				snprintf(err, errlen, "it grew past the "
				    "%zu-byte limit (--max-size)", max);
				return (size_t)-1;
			}
			cap = cap <= limit / 2 ? cap * 2 : limit;
			buf = xrealloc(buf, cap);
		}
		r = pread(fd, buf + len, cap - 1 - len, (off_t)len);
		if (r > 0)
			len += (size_t)r;
		else if (r == 0)
			break;
		else if (errno != EINTR) {
			snprintf(err, errlen, "%s", strerror(errno));
			free(buf);
			return (size_t)-1;
		}
	}
	if (len < size) {
		snprintf(err, errlen, "truncated from %llu to %zu bytes while "
		    "loading", (unsigned long long)size, len);
		free(buf);
		return (size_t)-1;
	}
	*bufp = buf;
	return len;
}

/* The second thread: reads, decodes and parses the whole file. */
static void *
load_thread(void *arg)
{
	struct load *l = arg;
	struct decoded dec;
	struct doc *d = NULL;
	char err[256], *msg = NULL, *enc = NULL, *buf = NULL, *name;
	size_t len;
	int gone, failed = 0;

	load_gate(l->gate);
	len = load_read(l->fd, l->size, l->max, &buf, err, sizeof(err));
	close(l->fd);
	if (len == (size_t)-1 || decode_take(buf, len, l->encoding, &dec,
	    err, sizeof(err)) != DECODE_OK) {
		/* The partial document stays, and the reader says so. */
		name = inert_str(l->path);
		msg = xasprintf("loaded %d%% only: %s: %s",
		    (int)(l->cut * 100 / l->size), name, err);
		free(name);
		failed = 1;
	} else {
		atomic_store_explicit(&l->permille, LOAD_READ_DONE,
		    memory_order_relaxed);
		if (dec.assumed) {
			msg = xasprintf("not UTF-8; read as %s", dec.encoding);
			enc = xstrdup(dec.encoding);
		}
		d = doc_parse_progress(dec.text, dec.len, load_progress_cb, l);
		decoded_free(&dec);
		load_trim();
	}
	atomic_store_explicit(&l->permille, 1000, memory_order_relaxed);

	pthread_mutex_lock(&l->lock);
	l->whole = d;
	l->message = msg;
	l->assumed = enc;
	l->failed = failed;
	l->done = 1;
	gone = l->gone;
	pthread_mutex_unlock(&l->lock);
	if (gone) {
		load_clear(l);
		pthread_mutex_destroy(&l->lock);
		free(l);
	}
	return NULL;
}

/*
 * Where to cut the N bytes at P so that the part before is whole blocks:
 * after the last blank line outside front matter, code and HTML blocks
 * (as the parser reads them, through mdline_next); else after the last
 * line end. Returns 0 when there is none.
 */
static size_t
load_cut(const char *p, size_t n)
{
	const char *s = p, *end = p + n, *eol;
	size_t cut = 0, lastnl = 0, len;
	struct mdline_state st;
	struct mdline ml;

	/* Front matter is taken whole or not at all. */
	if (n >= 4 && memcmp(p, "---\n", 4) == 0) {
		for (s = p + 4; s < end; s = eol + 1) {
			if ((eol = memchr(s, '\n', (size_t)(end - s))) == NULL)
				return 0;
			len = (size_t)(eol - s);
			if (len > 0 && s[len - 1] == '\r')
				len--;
			if (len == 3 && (memcmp(s, "---", 3) == 0 ||
			    memcmp(s, "...", 3) == 0)) {
				s = eol + 1;
				break;
			}
		}
	}
	mdline_init(&st, 0, 0);
	for (; s < end; s = eol + 1) {
		if ((eol = memchr(s, '\n', (size_t)(end - s))) == NULL)
			break;
		lastnl = (size_t)(eol + 1 - p);
		/* Not decoded yet: a line may end in CR LF. */
		len = (size_t)(eol - s);
		if (len > 0 && s[len - 1] == '\r')
			len--;
		mdline_next(&st, s, s + len, &ml);
		if (ml.kind == MDLINE_BLANK)
			cut = lastnl;
	}
	return cut > 0 ? cut : lastnl;
}

/*
 * Reads the first PREFIX bytes of the regular file FD of SIZE bytes and
 * parses them, cut at a block boundary, whose length goes to *CUTP.
 * Returns NULL when the start does not suit (not UTF-8, a NUL byte, no
 * line end), so that the whole file is loaded instead.
 */
static struct doc *
load_prefix(int fd, size_t prefix, uint64_t size, size_t *cutp)
{
	struct decoded dec;
	struct doc *d;
	char *buf, err[256];
	size_t n = 0, cut;
	ssize_t r;

	buf = xmalloc(prefix);
	while (n < prefix) {
		r = pread(fd, buf + n, prefix - n, (off_t)n);
		if (r > 0)
			n += (size_t)r;
		else if (r == 0 || errno != EINTR)
			break;
	}
	cut = n == prefix ? load_cut(buf, n) : 0;
	/* A NUL byte, a UTF-16 or UTF-32 mark, or not UTF-8: not here. */
	if (cut == 0 || memchr(buf, '\0', cut < LOAD_SNIFF ? cut :
	    LOAD_SNIFF) != NULL || (unsigned char)buf[0] == 0xff ||
	    (unsigned char)buf[0] == 0xfe ||
	    !decode_utf8_valid(buf, cut) ||
	    decode_bytes(buf, cut, NULL, &dec, err, sizeof(err)) !=
	    DECODE_OK) {
		free(buf);
		return NULL;
	}
	free(buf);
	d = doc_parse(dec.text, dec.len);
	decoded_free(&dec);
	d->src_len = size;
	d->hash = 0;		/* not the document's: never an exact match */
	*cutp = cut;
	return d;
}

/*
 * Starts a load in two steps when PATH suits (see load.h): parses the
 * first PREFIX bytes and starts the thread on the rest. Returns 0, or -1
 * with nothing kept when the whole is to be read at once.
 */
static int
load_split(struct load *l, const char *path, size_t prefix)
{
	struct stat st;
	sigset_t all, old;
	int fd, rc;

	/* stat first: opening a device or a FIFO can block or act. */
	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK |
	    O_CLOEXEC)) == -1)
		return -1;
	/*
	 * The part first, then the thread: cmark-gfm parses one document
	 * at a time (doc.c), and the part must not wait.
	 */
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size <= 2 * (uint64_t)prefix ||
	    (uint64_t)st.st_size > l->max || (l->doc = load_prefix(fd,
	    prefix, (uint64_t)st.st_size, &l->cut)) == NULL) {
		close(fd);
		return -1;
	}
	l->fd = fd;
	l->size = (uint64_t)st.st_size;
	/*
	 * The thread starts with every signal blocked, so that they all go
	 * to the reader's thread, whose handlers only set flags that its
	 * loop looks at.
	 */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&l->thread, NULL, load_thread, l);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		close(fd);
		doc_free(l->doc);
		l->doc = NULL;
		return -1;
	}
	l->running = 1;
	return 0;
}

/* Whether ENCODING leaves the input as UTF-8. */
static int
load_utf8(const char *encoding)
{
	return encoding == NULL || strcasecmp(encoding, "UTF-8") == 0 ||
	    strcasecmp(encoding, "UTF8") == 0;
}

enum decode_status
load_open(const char *path, const struct load_opts *o, struct load **out,
    char *err, size_t errlen)
{
	return load_open_sink(path, o, NULL, out, err, errlen);
}

enum decode_status
load_open_sink(const char *path, const struct load_opts *o,
    const struct doc_sink *sink, struct load **out, char *err, size_t errlen)
{
	struct load *l;
	struct decoded dec;
	enum decode_status ds;
	size_t prefix = o->prefix ? o->prefix : LOAD_PREFIX;
	const char *gate = getenv(LOAD_GATE_ENV);

	*out = NULL;
	l = xcalloc(1, sizeof(*l));
	pthread_mutex_init(&l->lock, NULL);
	l->path = xstrdup(path);
	l->encoding = o->encoding ? xstrdup(o->encoding) : NULL;
	l->max = o->max_size;
	l->gate = gate != NULL && gate[0] != '\0' ? xstrdup(gate) : NULL;
	l->fd = -1;
	atomic_init(&l->permille, 0);

	if (!o->whole && strcmp(path, "-") != 0 && load_utf8(o->encoding) &&
	    load_split(l, path, prefix) == 0) {
		*out = l;
		return DECODE_OK;
	}

	ds = decode_file(path, o->encoding, l->max, &dec, err, errlen);
	if (ds != DECODE_OK) {
		load_free(l);
		return ds;
	}
	if (dec.assumed)
		l->assumed = xstrdup(dec.encoding);
	if (sink != NULL && sink->blocks != NULL)
		l->doc = doc_parse_sink(dec.text, dec.len, sink);
	else
		l->doc = doc_parse(dec.text, dec.len);
	l->handed = 1;
	decoded_free(&dec);
	if (o->trim)
		load_trim();
	atomic_store(&l->permille, 1000);
	*out = l;
	return DECODE_OK;
}

struct doc *
load_doc(struct load *l)
{
	return l->doc;
}

int
load_partial(const struct load *l)
{
	return !l->handed;
}

struct doc *
load_poll(struct load *l)
{
	struct doc *d = NULL;
	int done;

	if (l->handed)
		return NULL;
	pthread_mutex_lock(&l->lock);
	done = l->done;
	if (done && l->whole != NULL) {
		d = l->whole;
		l->whole = NULL;
	}
	pthread_mutex_unlock(&l->lock);
	if (done && l->running) {
		pthread_join(l->thread, NULL);
		l->running = 0;
	}
	if (d != NULL) {
		l->partial = l->doc;
		l->doc = d;
		l->handed = 1;
	}
	return d;
}

struct doc *
load_wait(struct load *l)
{
	if (l->running) {
		pthread_join(l->thread, NULL);
		l->running = 0;
	}
	load_poll(l);
	return l->doc;
}

void
load_drop_partial(struct load *l)
{
	doc_free(l->partial);
	l->partial = NULL;
}

int
load_progress(const struct load *l)
{
	return (int)(atomic_load_explicit(&((struct load *)l)->permille,
	    memory_order_relaxed) / 10);
}

const char *
load_message(const struct load *l)
{
	struct load *ml = (struct load *)l;
	const char *m;

	pthread_mutex_lock(&ml->lock);
	m = l->done ? l->message : NULL;
	pthread_mutex_unlock(&ml->lock);
	return m;
}

int
load_failed(const struct load *l)
{
	struct load *ml = (struct load *)l;
	int failed;

	pthread_mutex_lock(&ml->lock);
	failed = l->failed;
	pthread_mutex_unlock(&ml->lock);
	return failed;
}

const char *
load_assumed(const struct load *l)
{
	return l->handed ? l->assumed : NULL;
}

void
load_free(struct load *l)
{
	int done;

	if (l == NULL)
		return;
	if (l->running) {
		pthread_mutex_lock(&l->lock);
		done = l->done;
		if (!done) {
			/*
			 * The thread frees L when it ends, which may be as
			 * soon as the lock is released: nothing of L is
			 * touched after that.
			 */
			l->gone = 1;
			doc_free(l->partial);
			doc_free(l->doc);
			l->partial = l->doc = NULL;
			pthread_detach(l->thread);
		}
		pthread_mutex_unlock(&l->lock);
		if (!done)
			return;
		pthread_join(l->thread, NULL);
	}
	load_clear(l);
	pthread_mutex_destroy(&l->lock);
	free(l);
}

/* The source offset of a block, as a key for array_upper. */
static uint64_t
load_block_src(const void *p)
{
	return ((const struct block *)p)->src_off;
}

uint32_t
load_block_at(const struct doc *d, uint64_t src)
{
	size_t i;

	/* The last body block that starts at or before SRC. */
	i = array_upper(d->blocks, d->nbody, sizeof(*d->blocks),
	    load_block_src, src);
	return i > 0 ? (uint32_t)i - 1 : 0;
}

/* The start of the character at or before OFF in B's text. */
static uint32_t
load_char_start(const struct block *b, uint32_t off)
{
	if (off > b->len)
		off = b->len;
	while (off > 0 && off < b->len &&
	    ((unsigned char)b->text[off] & 0xc0) == 0x80)
		off--;
	return off;
}

/* The occurrence of the N bytes at S in TB's text nearest to OFF, or -1. */
static long
load_nearest(const struct block *tb, const char *s, size_t n, uint32_t off)
{
	const char *p = tb->text, *end = tb->text + tb->len, *hit;
	long best = -1, at;

	while ((size_t)(end - p) >= n &&
	    (hit = compat_memmem(p, (size_t)(end - p), s, n)) != NULL) {
		at = (long)(hit - tb->text);
		if (best < 0 || labs(at - (long)off) < labs(best - (long)off))
			best = at;
		if (at >= (long)off)
			break;
		p = hit + 1;
	}
	return best;
}

/*
 * The offset in TB's text of the place at OFF in FB's text: where the
 * bytes that follow OFF in FB occur in TB nearest to OFF (fewer of them
 * when the text there changed), else OFF.
 */
static uint32_t
load_map_off(const struct block *fb, uint32_t off, const struct block *tb)
{
	size_t n, k;
	long at;

	if (off > fb->len)
		off = fb->len;
	if (fb->len == tb->len && memcmp(fb->text, tb->text, fb->len) == 0)
		return off;
	for (n = LOAD_CONTEXT; n >= 4; n /= 2) {
		k = fb->len - off < n ? fb->len - off : n;
		if (k > 0 && (at = load_nearest(tb, fb->text + off, k,
		    off)) >= 0)
			return (uint32_t)at;
	}
	return load_char_start(tb, off);
}

struct anchor
load_map(const struct doc *from, struct anchor a, const struct doc *to)
{
	struct anchor r = { 0, 0 };
	const struct block *fb;
	uint64_t src;
	uint32_t i, k;
	int32_t note;

	if (from == to)
		return a;
	if (a.block >= from->nblocks || to->nblocks == 0)
		return r;
	fb = &from->blocks[a.block];
	src = fb->src_off;
	if (a.block >= from->nbody) {
		/* A note's block: the same source, else the same note. */
		for (i = to->nbody; i < to->nblocks; i++)
			if (to->blocks[i].src_off == src) {
				r.block = i;
				r.off = load_map_off(fb, a.off, &to->blocks[i]);
				return r;
			}
		note = fb->note;
		if (note >= 0 && (uint32_t)note < from->nnotes &&
		    from->notes[note].label != NULL)
			for (k = 0; k < to->nnotes; k++)
				if (to->notes[k].label != NULL &&
				    strcmp(to->notes[k].label,
				    from->notes[note].label) == 0 &&
				    to->notes[k].nblocks > 0) {
					r.block = to->notes[k].block0;
					return r;
				}
		if (to->nbody == 0)
			return r;
	} else if (to->nbody == 0)
		return r;
	r.block = load_block_at(to, src);
	if (to->blocks[r.block].src_off == src)
		r.off = load_map_off(fb, a.off, &to->blocks[r.block]);
	return r;
}
