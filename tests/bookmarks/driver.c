/*
 * A driver for the bookmark suite: saves in loops, crashes on purpose,
 * and checks what a file holds. Usage:
 *
 *	driver FILE save KEY N		set KEY's position and mark a to
 *					block N, save once
 *	driver FILE loop KEY N		the same for 1..N, a save each
 *	driver FILE get KEY		print KEY's position and mark a
 *	driver FILE crash KILLS		KILLS times: a child saves DOCS
 *					documents 500 times and is killed
 *					with SIGKILL at a random moment;
 *					then the file must hold one whole
 *					save, never older than the last, and
 *					the next save must succeed
 *
 * Exits 0 on success, 1 with a message on failure.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lectern/bookmarks.h"
#include "lectern/util.h"

#define DOCS	20	/* documents in each save of the crash test */
#define SAVES	500	/* saves a crash child tries */

/* Sets KEY's position and mark a to block N and saves. */
static int
save_one(struct bm_store *st, const char *key, uint32_t n, char **msg)
{
	struct bm_pos p = { 0 };

	p.set = 1;
	p.block = n;
	p.off = n % 7;
	p.src = n * 10;
	p.fp = xasprintf("text of generation %u", n);
	bookmarks_set_pos(st, key, &p);
	bookmarks_set_mark(st, key, 'a', &p);
	bookmarks_pos_clear(&p);
	return bookmarks_save(st, msg);
}

/* Saves the DOCS crash documents at generation N in one save. */
static int
save_gen(struct bm_store *st, uint32_t n, char **msg)
{
	struct bm_pos p = { 0 };
	char key[64];
	int i;

	p.set = 1;
	p.block = n;
	p.fp = xasprintf("text of generation %u", n);
	for (i = 0; i < DOCS; i++) {
		snprintf(key, sizeof(key), "/crash/doc%02d.md", i);
		p.off = (uint32_t)i;
		bookmarks_set_pos(st, key, &p);
		bookmarks_set_mark(st, key, 'a' + i % 26, &p);
	}
	bookmarks_pos_clear(&p);
	return bookmarks_save(st, msg);
}

/* The generation the crash documents in PATH hold: 0 when none, -1 when
   the file is damaged or they disagree. */
static long
check_gen(const char *path)
{
	const struct bm_doc *d;
	struct bm_store *st;
	char *msg = NULL, key[64];
	long gen = -2;
	int i;

	st = bookmarks_open(path, &msg);
	if (msg != NULL) {
		printf("# damaged: %s\n", msg);
		free(msg);
		bookmarks_close(st);
		return -1;
	}
	for (i = 0; i < DOCS; i++) {
		snprintf(key, sizeof(key), "/crash/doc%02d.md", i);
		d = bookmarks_get(st, key);
		if (d == NULL) {
			if (gen > 0)
				goto torn;
			gen = 0;
			continue;
		}
		if (gen == -2)
			gen = d->pos.block;
		if (!d->pos.set || d->pos.block != gen ||
		    d->pos.off != (uint32_t)i ||
		    !d->marks[i % 26].set || d->marks[i % 26].block != gen)
			goto torn;
	}
	bookmarks_close(st);
	return gen;
torn:
	printf("# torn: %s disagrees with generation %ld\n", key, gen);
	bookmarks_close(st);
	return -1;
}

/* Number of temporary files beside PATH. */
static int
count_tmp(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	struct dirent *de;
	DIR *dp;
	int n = 0;

	if (slash != NULL)
		*slash = '\0';
	if ((dp = opendir(slash ? dir : ".")) != NULL) {
		while ((de = readdir(dp)) != NULL)
			if (strstr(de->d_name, ".tmp-") != NULL)
				n++;
		closedir(dp);
	}
	free(dir);
	return n;
}

/* The crash test. */
static int
crash(const char *path, int kills)
{
	struct timespec ts;
	struct bm_store *st;
	long gen, prev = 0;
	char *msg = NULL;
	int k, status, stale = 0, moved = 0, done[2];
	long want;
	char c;
	pid_t pid;

	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	for (k = 1; k <= kills; k++) {
		if (pipe(done) == -1 || (pid = fork()) == -1) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			uint32_t n;

			close(done[0]);
			st = bookmarks_open(path, NULL);
			for (n = 1; n <= SAVES; n++) {
				if (save_gen(st, (uint32_t)k * 1000 + n,
				    NULL) != 0)
					_exit(3);
				/* One byte a save: the parent counts them. */
				if (write(done[1], "s", 1) != 1)
					_exit(4);
			}
			_exit(0);
		}
		/*
		 * The kill comes after a random number of whole saves, counted
		 * as the child makes them, so that it lands inside a save
		 * however busy the machine is; where inside, the 0 to 2 ms
		 * after decide.
		 */
		close(done[1]);
		want = 1 + rand() % (SAVES / 2);
		while (want > 0 && read(done[0], &c, 1) == 1)
			want--;
		close(done[0]);
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(rand() % 2000) * 1000;
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 3) {
			printf("# kill %d: a save failed before the kill\n", k);
			return 1;
		}
		if (count_tmp(path) > 0)
			stale++;
		if ((gen = check_gen(path)) < 0) {
			printf("# kill %d: the file does not hold one save\n",
			    k);
			return 1;
		}
		if (gen < prev) {
			printf("# kill %d: generation went back from %ld to "
			    "%ld\n", k, prev, gen);
			return 1;
		}
		if (gen != prev)
			moved++;
		prev = gen;
		st = bookmarks_open(path, NULL);
		if (save_one(st, "/after.md", (uint32_t)k, &msg) != 0) {
			printf("# kill %d: the next save failed: %s\n", k,
			    msg ? msg : "");
			free(msg);
			bookmarks_close(st);
			return 1;
		}
		bookmarks_close(st);
		if (count_tmp(path) > 0) {
			printf("# kill %d: a temporary file was left\n", k);
			return 1;
		}
		if (check_gen(path) != gen) {
			printf("# kill %d: the next save changed the crash "
			    "documents\n", k);
			return 1;
		}
	}
	printf("# %d kills, %d left a temporary file, %d after progress, "
	    "last generation %ld\n", kills, stale, moved, prev);
	if (moved == 0) {
		printf("# no child ever finished a save\n");
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const struct bm_doc *d;
	struct bm_store *st;
	char *msg = NULL;
	int n, rc = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: driver FILE save|loop|get|crash ...\n");
		return 2;
	}
	if (strcmp(argv[2], "crash") == 0 && argc == 4)
		return crash(argv[1], atoi(argv[3]));
	if (argc < 4) {
		fprintf(stderr, "driver: %s: missing arguments\n", argv[2]);
		return 2;
	}
	st = bookmarks_open(argv[1], &msg);
	if (msg != NULL) {
		printf("open: %s\n", msg);
		free(msg);
		msg = NULL;
	}
	if (strcmp(argv[2], "save") == 0 && argc == 5) {
		if (save_one(st, argv[3], (uint32_t)atoi(argv[4]), &msg) != 0)
			rc = 1;
	} else if (strcmp(argv[2], "loop") == 0 && argc == 5) {
		for (n = 1; n <= atoi(argv[4]) && rc == 0; n++) {
			if (save_one(st, argv[3], (uint32_t)n, &msg) != 0)
				rc = 1;
		}
	} else if (strcmp(argv[2], "get") == 0 && argc == 4) {
		if ((d = bookmarks_get(st, argv[3])) == NULL)
			rc = 1;
		else
			printf("pos=%u mark=%u\n", d->pos.block,
			    d->marks[0].block);
	} else {
		fprintf(stderr, "driver: bad arguments\n");
		rc = 2;
	}
	if (msg != NULL) {
		printf("save: %s\n", msg);
		free(msg);
	}
	bookmarks_close(st);
	return rc;
}
