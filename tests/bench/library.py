#!/usr/bin/env python3
"""The library with a full bookmark file: 2000 documents remembered.

Writes a bookmark file of 2000 documents (titles, positions with their
heading paths and fingerprints, a mark on every fourth document, the way
the reader writes them) and prints one table (figure, lectern, reference, ratio,
target, holds):

  --library       `lectern --library` on that file: read, sort, print
                  [ms]; references: `lectern --version` (start-up alone)
                  and `cat` of the file (reading it); "less start-up"
                  takes off the time of --version, which on a loaded
                  machine is most of the figure
  L screen        the reader in a pseudo-terminal with that file: from
                  the key L to the frame of the library, timed through
                  the test handshake (LECTERN_TEST_SYNC, Ctrl-]) [ms];
                  reference: the handshake after a key that moves one
                  line (j)
  file size       the bookmark file [KiB], and bytes per document

Figures are medians of BENCH_RUNS (default 9) runs. LECTERN names the
binary (./lectern).
"""
import os
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

from table import print_table

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LECTERN = os.environ.get("LECTERN", os.path.join(ROOT, "lectern"))
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
NDOCS = 2000
TMP = tempfile.mkdtemp(prefix="lectern-bench-library.")
BM = os.path.join(TMP, "bookmarks")
ENV = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8", HOME=TMP,
           XDG_STATE_HOME=TMP, LECTERN_TEST_SYNC="1")
ENV.pop("LECTERN_BOOKMARKS", None)


def write_bookmarks():
    """A file as the reader writes it, for NDOCS documents."""
    t0 = 1790000000
    lines = ["lectern-bookmarks 1"]
    for i in range(NDOCS):
        key = "/home/reader/library/shelf-%02d/document-%04d.md" % (
            i % 40, i)
        pos = ("\thash=%016x\tblock=%d\toff=%d\tsrc=%d\tpct=%d.%02d"
               "\th=Part %d: the longer road\th=Chapter %d, on reading"
               "\ttext=and so the reader went on to\tat=12" %
               (i * 2654435761 % (1 << 64), 40 + i % 300, i % 200,
                9000 + 37 * i, i % 100, i % 97, i % 9, i % 31))
        lines.append("doc\tkey=%s\ttime=%d\ttitle=Document %d: a title "
                     "of a usual length%s" % (key, t0 + 61 * i, i, pos))
        if i % 4 == 0:
            lines.append("mark\tkey=%s\tname=a%s" % (key, pos))
    with open(BM, "w") as f:
        f.write("\n".join(lines) + "\n")


def wall(argv, out=subprocess.DEVNULL):
    """Median wall time [s] of ARGV over RUNS runs."""
    ts = []
    for _ in range(RUNS):
        t = time.perf_counter()
        subprocess.run(argv, stdout=out, stderr=subprocess.DEVNULL,
                       env=ENV, check=False)
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


class Reader:
    """The reader on a pseudo-terminal, driven through the handshake."""

    SYNC = re.compile(rb"\033\]7;lectern-sync (\d+)\007")

    def __init__(self, path):
        import fcntl
        import struct
        import termios
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ,
                    struct.pack("HHHH", 40, 120, 0, 0))
        self.proc = subprocess.Popen(
            [LECTERN, "--bookmarks", BM, path], stdin=slave, stdout=slave,
            stderr=slave, env=ENV, start_new_session=True, close_fds=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)
        self.n = 0
        self.buf = b""
        self.sync(b"")

    def sync(self, keys):
        """Sends KEYS and the handshake; returns the seconds until the
        reader answered."""
        self.n += 1
        t = time.perf_counter()
        os.write(self.master, keys + b"\x1d")
        while True:
            r, _, _ = select.select([self.master], [], [], 30)
            if not r:
                raise RuntimeError("the reader did not answer")
            self.buf = (self.buf + os.read(self.master, 65536))[-4096:]
            m = [int(x) for x in self.SYNC.findall(self.buf)]
            if m and m[-1] >= self.n:
                return time.perf_counter() - t

    def quit(self):
        os.write(self.master, b"\033q")
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


def screen_times():
    """Medians of the L screen and of a key that moves a line [s]."""
    doc = os.path.join(TMP, "doc.md")
    with open(doc, "w") as f:
        f.write("# A document\n\n" + "A line of text.\n\n" * 200)
    lib, line = [], []
    for _ in range(RUNS):
        r = Reader(doc)
        line.append(r.sync(b"j"))
        lib.append(r.sync(b"L"))
        r.sync(b"q")
        r.quit()
    return statistics.median(lib), statistics.median(line)


def main():
    if not os.access(LECTERN, os.X_OK):
        sys.exit("bench: %s is missing; run make lectern" % LECTERN)
    write_bookmarks()
    size = os.path.getsize(BM)
    out = subprocess.run([LECTERN, "--library", "--bookmarks", BM],
                         stdout=subprocess.PIPE, env=ENV).stdout
    if out.count(b"\n") != NDOCS:
        sys.exit("bench: --library printed %d lines, not %d" %
                 (out.count(b"\n"), NDOCS))
    lib = wall([LECTERN, "--library", "--bookmarks", BM])
    ver = wall([LECTERN, "--version"])
    cat = wall(["cat", BM])
    scr, line = screen_times()
    rows = []

    def row(fig, mine, ref, refname, target, ok):
        rows.append((fig, "%.1f" % (mine * 1000), "%.1f %s" % (ref * 1000,
                     refname), "%.2f" % (mine / ref), target,
                     "yes" if ok else "NO"))

    row("--library, 2000 documents [ms]", lib, ver, "(--version)",
        "< 20 ms", lib < 0.020)
    row("--library, 2000 documents [ms]", lib, cat, "(cat file)",
        "-", True)
    rows.append(("--library less start-up [ms]", "%.1f" % ((lib - ver) *
                 1000), "-", "-", "< 20 ms",
                 "yes" if lib - ver < 0.020 else "NO"))
    row("L screen, 2000 documents [ms]", scr, line, "(key j)",
        "< 20 ms", scr < 0.020)
    rows.append(("bookmark file [KiB]", "%.1f" % (size / 1024),
                 "%d docs" % NDOCS, "%.0f B/doc" % (size / NDOCS), "-", "-"))
    head = ("figure", "lectern", "reference", "ratio", "target", "holds")
    print_table(head, rows, 1)
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, lambda *a: sys.exit(130))
    main()
