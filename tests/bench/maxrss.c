/*
 * maxrss.c: runs a command and prints its wall time [s], its peak
 * resident size [KiB] and its exit status, as "TIME MAXRSS STATUS" on
 * standard error. A child's peak counts what it held before exec, so the
 * benchmark measures through this small program rather than from Python,
 * whose image would be counted in every figure. Standard output and
 * input pass through; the command's standard error is dropped.
 *
 * usage: maxrss COMMAND [ARG...]
 */
#include <sys/resource.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	int status, fd;

	if (argc < 2) {
		fprintf(stderr, "usage: maxrss command [arg ...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == -1) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) != -1)
			dup2(fd, STDERR_FILENO);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) == -1) {
		perror("wait4");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "%.6f %ld %d\n", (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, ru.ru_maxrss,
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	return 0;
}
