#!/usr/bin/env python3
"""The benchmark of lectern against the parser it is built on.

For each corpus and document size it measures lectern and a reference
and prints one table (corpus, size, figure, lectern, reference, ratio,
target, holds). The corpora: "mixed" (gen.c: every kind of block, 1m.md
...) and "prose" (prose.c: the bundled article's long-form prose,
prose-1m.md ...).

  first screen    the reader in a pseudo-terminal: time from the start to
                  the end of the first frame (the last output before 50 ms
                  of quiet) [ms]; reference: the bare parse.
                  a large file opens on its first part (load.c) while
                  the rest loads in a second thread
  full load       `lectern --check` (read, decode, parse, model) against
                  `ref_parse` (read, cmark-gfm parse, AST walk, free) [ms]
  --dump          `lectern --dump -w 80 --color=never` against ref_parse;
                  `lowdown -Tterm` as a peer where it is installed [ms]
                  (stopped after 60 s: it takes minutes on 100 MB)
  search          search_all over the whole model (probe), the slowest of
                  a few patterns, against ref_parse [ms]
  peak memory     ru_maxrss of `lectern --check` against ref_parse's [MB]
  settled memory  the reader's resident size once the document is loaded,
                  against the input's size [MB]; "less empty" takes off
                  what the reader holds for an empty document (the
                  libraries), the figure the 4x target is about
  layout instr/byte
                  instructions under layout_block_as when `probe layout`
                  lays out every block at width 80 (callgrind), per byte
                  of the document; reference: ref_parse's instructions
                  per byte. Up to BENCH_CALLGRIND_MAX MiB only
  guard share     instructions under guard_text and guard_find_links in
                  the same run (the load's guard) against ref_parse's
                  instructions [M]; the ratio is the share
  instr/key       instructions per keypress in the reader (callgrind,
                  turned on after the first frame; idle ticks subtracted),
                  against the same on the smallest document
  instr/resize    the same for a resize of the terminal
  bytes/line      bytes written to the terminal per line scrolled (j);
                  `less` on the --dump text as the reference
  bytes/page      the same per page (Space)

Figures are medians of several runs. Environment: BENCH_SIZES ("1 10 100",
in MiB), BENCH_CORPORA ("mixed prose"), BENCH_RUNS (5), BENCH_CALLGRIND
(1; 0 skips the instruction counts), BENCH_CALLGRIND_MAX (10: the largest
size [MiB] of the layout and guard counts), BENCH_KEYS (30: lines
scrolled; a third as many pages), LECTERN (./lectern).
"""
import fcntl
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

from table import print_table

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LECTERN = os.environ.get("LECTERN", os.path.join(ROOT, "lectern"))
BIN = os.path.join(ROOT, "build", "bench")
OUT = os.path.join(ROOT, "tests", "bench", "out")
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1 10 100").split()]
CORPORA = os.environ.get("BENCH_CORPORA", "mixed prose").split()
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
CALLGRIND = os.environ.get("BENCH_CALLGRIND", "1") != "0"
CALLGRIND_MAX = int(os.environ.get("BENCH_CALLGRIND_MAX", "10"))
KEYS = max(1, int(os.environ.get("BENCH_KEYS", "30")))
LOWDOWN_LIMIT = 60
ROWS, COLS = 40, 100
TMP = tempfile.mkdtemp(prefix="lectern-bench.")
ENV = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8", HOME=TMP,
           LECTERN_BOOKMARKS=os.path.join(TMP, "bookmarks"),
           XDG_STATE_HOME=TMP, LESS="", LESSHISTFILE="-")
READER = ["--no-resume", "--bookmarks", os.path.join(TMP, "bookmarks")]
SEARCHES = ["memory", "文档", "re:scr[a-z]+n"]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def doc_path(corpus, size):
    return os.path.join(OUT, "%s%dm.md" %
                        ("" if corpus == "mixed" else corpus + "-", size))


def run(argv, stdout=subprocess.DEVNULL, limit=None):
    """Runs ARGV through maxrss; returns (wall seconds, peak RSS [KiB],
    status). Past LIMIT seconds it is killed and the time is infinite."""
    p = subprocess.Popen([os.path.join(BIN, "maxrss")] + argv,
                         stdout=stdout, stderr=subprocess.PIPE, env=ENV,
                         start_new_session=True)
    try:
        _, err = p.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return float("inf"), 0, -9
    fields = err.decode(errors="replace").split()
    if len(fields) < 3:
        return float("nan"), 0, -1
    return float(fields[-3]), int(fields[-2]), int(fields[-1])


def median_run(argv, runs=None, limit=None):
    """Medians of wall time [s] and peak RSS [KiB] over RUNS runs; one
    run only when the first passes LIMIT seconds."""
    ts, rs = [], []
    for _ in range(runs or RUNS):
        t, r, _ = run(argv, limit=limit)
        ts.append(t)
        rs.append(r)
        if t == float("inf"):
            break
    return statistics.median(ts), statistics.median(rs)


class Term:
    """A program on a pseudo-terminal of ROWS x COLS."""

    def __init__(self, argv, rows=ROWS, cols=COLS):
        self.master, slave = os.openpty()
        self.resize(rows, cols, fd=slave)
        self.t0 = time.perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=ENV,
            start_new_session=True, close_fds=True,
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
        os.close(slave)
        self.total = 0
        self.screen = b""

    def resize(self, rows, cols, fd=None):
        fcntl.ioctl(self.master if fd is None else fd, termios.TIOCSWINSZ,
                    struct.pack("HHHH", rows, cols, 0, 0))

    def read_burst(self, quiet, timeout):
        """Reads until QUIET seconds pass without output, after output
        began; returns (bytes, time of the last byte) or (0, None)."""
        n, last, start = 0, None, time.perf_counter()
        while True:
            wait = quiet if n else max(0.0, timeout -
                                       (time.perf_counter() - start))
            r, _, _ = select.select([self.master], [], [], wait)
            if not r:
                return n, last
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return n, last
            if not data:
                return n, last
            last = time.perf_counter()
            n += len(data)
            self.total += len(data)
            self.screen = (self.screen + data)[-200000:]

    def drain(self, quiet=0.05):
        return self.read_burst(quiet, quiet)[0]

    def send(self, keys):
        os.write(self.master, keys)

    def threads(self):
        try:
            with open("/proc/%d/status" % self.proc.pid) as f:
                for line in f:
                    if line.startswith("Threads:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def status_kb(self, key):
        try:
            with open("/proc/%d/status" % self.proc.pid) as f:
                for line in f:
                    if line.startswith(key + ":"):
                        return int(line.split()[1])
        except OSError:
            pass
        return 0

    def settle(self, quiet=0.3, limit=600):
        """Waits until the process runs one thread, the screen is quiet
        and the resident size stays put."""
        end = time.perf_counter() + limit
        last = -1
        while time.perf_counter() < end:
            self.drain(quiet)
            rss = self.status_kb("VmRSS")
            if self.threads() <= 1 and rss == last:
                return rss
            last = rss

    def quit(self, keys=b"q"):
        try:
            self.send(keys)
        except OSError:
            pass
        end = time.perf_counter() + 30
        while self.proc.poll() is None and time.perf_counter() < end:
            self.drain(0.05)
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


def first_frame(path, extra=()):
    """Seconds from the start to the end of the reader's first frame."""
    t = Term([LECTERN] + READER + list(extra) + [path])
    # ncurses writes a frame in one doupdate, a burst of writes well
    # under a millisecond apart; the reader's next output (the status
    # line's progress) comes a tick (200 ms) later.
    n, last = t.read_burst(0.05, 120)
    t.quit()
    return (last - t.t0) if n else float("nan")


def reader_figures(path, keys=True):
    """Settled and peak RSS [KiB] and bytes per line and page."""
    t = Term([LECTERN] + READER + [path])
    t.read_burst(0.25, 600)
    settled = t.settle()
    hwm = t.status_kb("VmHWM")
    if not keys:
        t.quit()
        return settled, hwm, 0, 0
    lines = []
    for _ in range(KEYS):
        t.send(b"j")
        lines.append(t.read_burst(0.06, 2)[0])
    pages = []
    for _ in range(max(1, KEYS // 3)):
        t.send(b" ")
        pages.append(t.read_burst(0.06, 2)[0])
    t.quit()
    return settled, hwm, statistics.mean(lines), statistics.mean(pages)


def less_figures(path):
    """Bytes per line and per page of less(1) on the dump of PATH."""
    txt = os.path.join(TMP, "dump.txt")
    with open(txt, "wb") as f:
        subprocess.run([LECTERN, "--dump", "-w", str(COLS - 2),
                        "--color=never", path], stdout=f, env=ENV)
    t = Term(["less", "-R", txt])
    t.read_burst(0.25, 60)
    lines, pages = [], []
    for _ in range(KEYS):
        t.send(b"j")
        lines.append(t.read_burst(0.06, 2)[0])
    for _ in range(max(1, KEYS // 3)):
        t.send(b" ")
        pages.append(t.read_burst(0.06, 2)[0])
    t.quit()
    return statistics.mean(lines), statistics.mean(pages)


def callgrind_dump(out, n, limit=300):
    """The instruction total of the Nth dump of the run whose files start
    with OUT (OUT<pid>.N), waiting up to LIMIT seconds for it to be
    written whole; None without it. Counting the dumps, rather than
    taking the newest file, keeps a late dump from being read as the
    one before it on a busy machine."""
    end = time.perf_counter() + limit
    suffix = ".%d" % n
    while True:
        for f in os.listdir(TMP):
            if not f.startswith(out) or not f.endswith(suffix):
                continue
            with open(os.path.join(TMP, f)) as fp:
                for line in fp:
                    m = re.match(r"totals:\s*(\d+)", line)
                    if m:
                        return int(m.group(1))
        if time.perf_counter() > end:
            return None
        time.sleep(0.2)


def bare(prog):
    """A copy of PROG without debug information: valgrind cannot read
    every compiler's (DWARF 5 from clang), and counting needs none."""
    copy = os.path.join(TMP, os.path.basename(prog) + ".bare")
    if not os.path.exists(copy):
        subprocess.run(["objcopy", "--strip-debug", prog, copy], check=True)
    return copy


def callgrind_under(argv, names):
    """Runs ARGV under callgrind; returns its instructions and those
    under (inclusive of) each function of NAMES, 0 for one not called,
    as a dict. None when callgrind fails."""
    out = os.path.join(TMP, "cg.run")
    p = subprocess.run(["valgrind", "--tool=callgrind",
                        "--callgrind-out-file=" + out] + argv,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=ENV)
    if p.returncode != 0 or not os.path.exists(out):
        return None
    ann = subprocess.run(["callgrind_annotate", "--inclusive=yes",
                          "--threshold=100", out], capture_output=True,
                         text=True).stdout
    os.unlink(out)
    under = dict.fromkeys(names, 0)
    under["total"] = None
    # "159,067,924 (52.82%)  ???:layout_block_as [/path/probe.bare]"
    for line in ann.splitlines():
        m = re.match(r"\s*([0-9,]+)\s+(?:\([^)]*\)\s+)?(.*)", line)
        if not m:
            continue
        n = int(m.group(1).replace(",", ""))
        what = m.group(2).split(" [")[0].strip()
        if what == "PROGRAM TOTALS":
            under["total"] = n
        fn = what.rsplit(":", 1)[-1]
        if fn in names:
            under[fn] = max(under[fn], n)
    return under if under["total"] else None


def instructions(path):
    """Instructions per keypress and per resize in the reader."""
    out = "cg.%d." % os.getpid()
    for f in os.listdir(TMP):
        if f.startswith(out):
            os.unlink(os.path.join(TMP, f))
    t = Term(["valgrind", "--tool=callgrind", "--instr-atstart=no",
              "--callgrind-out-file=" + os.path.join(TMP, out + "%p"),
              bare(LECTERN)] + READER + [path])
    t.read_burst(2.0, 1800)
    t.settle(quiet=1.0, limit=1800)
    pid = str(t.proc.pid)

    def ctl(*args):
        try:
            subprocess.run(["callgrind_control"] + list(args) + [pid],
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=300)
        except subprocess.TimeoutExpired:
            log("bench: callgrind_control %s did not answer" % args[0])

    dumps = [0]

    def phase(action, k):
        ctl("-z")
        t0 = time.perf_counter()
        for i in range(k):
            action(i)
            t.read_burst(0.3, 10)
        if k == 0:
            time.sleep(3)
        d = time.perf_counter() - t0
        time.sleep(0.1)
        ctl("-d")
        dumps[0] += 1
        return callgrind_dump(out, dumps[0]), d

    ctl("-i", "on")
    t.drain(0.5)
    idle, idle_s = phase(None, 0)
    keys = [b"j", b" ", b"k", b"j", b"b", b"j"]
    k_tot, k_s = phase(lambda i: t.send(keys[i % len(keys)]), 24)
    sizes = [(ROWS, COLS - 10), (ROWS, COLS)]
    r_tot, r_s = phase(lambda i: t.resize(*sizes[i % 2]), 8)
    t.quit()
    if None in (idle, k_tot, r_tot):
        return float("nan"), float("nan")
    rate = idle / idle_s
    return (k_tot - rate * k_s) / 24, (r_tot - rate * r_s) / 8


def probe_search(path):
    out = subprocess.run([os.path.join(BIN, "probe"), "search", path] +
                         SEARCHES, capture_output=True, text=True).stdout
    ts = [float(x) for x in re.findall(r"search ([0-9.]+)", out)]
    return max(ts) if ts else float("nan")


def fmt(v, unit):
    if v != v:             # NaN
        return "-"
    if v == float("inf"):
        return "> %d s" % LOWDOWN_LIMIT
    if unit == "ms":
        return "%.1f" % (v * 1000)
    if unit == "MB":
        return "%.1f" % (v / 1024)
    if unit == "Minstr":
        return "%.2f" % (v / 1e6)
    if unit == "1f":
        return "%.1f" % v
    return "%.0f" % v


def layout_figures(path):
    """Instructions under layout_block_as per byte of PATH, under the
    guard in the same load, and ref_parse's in all; NaN where
    callgrind fails."""
    nan = float("nan")
    probe = callgrind_under([bare(os.path.join(BIN, "probe")), "layout",
                             path], ["layout_block_as", "guard_text",
                                     "guard_find_links"])
    ref = callgrind_under([bare(os.path.join(BIN, "ref_parse")), path], [])
    if probe is None or ref is None:
        return nan, nan, nan
    return (probe["layout_block_as"], probe["guard_text"] +
            probe["guard_find_links"], ref["total"])


class Corpus:
    """The rows of one corpus, and its smallest size's figures."""

    def __init__(self, name, rows, base_reader, base_ref, lowdown):
        self.name, self.rows = name, rows
        self.base_reader, self.base_ref = base_reader, base_ref
        self.lowdown = lowdown
        self.key1 = self.res1 = None

    def size(self, size):
        path = doc_path(self.name, size)
        nbytes = os.path.getsize(path)
        runs = RUNS if size < 100 else max(1, min(RUNS, 3))
        log("bench: %s %d MiB document (%d bytes), %d runs" %
            (self.name, size, nbytes, runs))
        ref_t, ref_rss = median_run([os.path.join(BIN, "ref_parse"), path],
                                    runs)
        chk_t, chk_rss = median_run([LECTERN, "--check", path], runs)
        dmp_t, _ = median_run([LECTERN, "--dump", "-w", "80",
                               "--color=never", path], runs)
        # lowdown slows down more than linearly: past LOWDOWN_LIMIT
        # seconds it is stopped, and its column says so.
        low_t = median_run([self.lowdown, "-Tterm", path], runs,
                           LOWDOWN_LIMIT)[0] if self.lowdown else \
            float("nan")
        srch = statistics.median(probe_search(path) for _ in range(runs))
        ff = statistics.median(first_frame(path) for _ in range(runs))
        settled, hwm, bline, bpage = reader_figures(path)
        lline, lpage = less_figures(path)
        lay = guard = ref_i = float("nan")
        ikey = ires = float("nan")
        if CALLGRIND:
            if size <= CALLGRIND_MAX:
                log("bench: %s %d MiB: layout and guard under callgrind" %
                    (self.name, size))
                lay, guard, ref_i = layout_figures(path)
            log("bench: %s %d MiB: the reader under callgrind" %
                (self.name, size))
            ikey, ires = instructions(path)
        if self.key1 is None:
            self.key1, self.res1 = ikey, ires
            self.first = "(%d MB)" % size
        inkb = nbytes / 1024
        label = "%d MB" % size

        def row(fig, unit, mine, ref, target, ok, refname=""):
            ratio = mine / ref if ref and ref == ref and mine == mine \
                else float("nan")
            text = "-" if ratio != ratio else "%.2f" % ratio
            if ref == float("inf"):     # stopped at its limit
                ratio = mine / LOWDOWN_LIMIT
                text = "< %.2f" % ratio
            self.rows.append((self.name, label, fig, fmt(mine, unit),
                              fmt(ref, unit) +
                              (" " + refname if refname else ""), text,
                              target, "-" if mine != mine else
                              ("yes" if ok(mine, ratio) else "NO")))

        row("first screen [ms]", "ms", ff, ref_t, "< 100 ms",
            lambda m, r: m < 0.1, "(parse)")
        row("full load [ms]", "ms", chk_t, ref_t, "<= 1.2x",
            lambda m, r: r <= 1.2, "(parse)")
        row("--dump [ms]", "ms", dmp_t, ref_t, "<= 1.2x",
            lambda m, r: r <= 1.2, "(parse)")
        if self.lowdown:
            row("--dump vs lowdown [ms]", "ms", dmp_t, low_t, "<= 0.5x",
                lambda m, r: r <= 0.5, "(lowdown)")
        row("search [ms]", "ms", srch, ref_t, "<= 1x",
            lambda m, r: r <= 1.0, "(parse)")
        row("peak memory [MB]", "MB", chk_rss, ref_rss, "<= 1.1x",
            lambda m, r: r <= 1.1, "(parse)")
        row("empty document RSS [MB]", "MB", self.base_reader,
            self.base_ref, "-", lambda m, r: True, "(parse)")
        row("settled memory [MB]", "MB", settled, inkb, "-",
            lambda m, r: True, "(input)")
        row("settled less empty [MB]", "MB", settled - self.base_reader,
            inkb, "<= 4x", lambda m, r: r <= 4.0, "(input)")
        row("reader peak memory [MB]", "MB", hwm, ref_rss, "<= 1.1x",
            lambda m, r: r <= 1.1, "(parse)")
        if size <= CALLGRIND_MAX:
            row("layout instr/byte [instr]", "1f", lay / nbytes,
                ref_i / nbytes, "<= 40", lambda m, r: m <= 40, "(parse)")
            row("guard share [Minstr]", "Minstr", guard, ref_i, "<= 10%",
                lambda m, r: r <= 0.10, "(parse)")
        row("instr/key [M]", "Minstr", ikey, self.key1, "< 1.5x",
            lambda m, r: r < 1.5, self.first)
        row("instr/resize [M]", "Minstr", ires, self.res1, "< 1.5x",
            lambda m, r: r < 1.5, self.first)
        row("bytes/line [B]", "B", bline, lline, "<= 400 B",
            lambda m, r: m <= 400, "(less)")
        row("bytes/page [B]", "B", bpage, lpage, "-",
            lambda m, r: True, "(less)")


def main():
    if not os.access(LECTERN, os.X_OK):
        sys.exit("bench: %s is missing; run make lectern" % LECTERN)
    lowdown = shutil.which("lowdown")
    # What the reader and the reference take for an empty document: the
    # libraries and their tables, not the document.
    empty = os.path.join(TMP, "empty.md")
    with open(empty, "w") as f:
        f.write("# Empty\n")
    base_reader = reader_figures(empty, keys=False)[0]
    base_ref = median_run([os.path.join(BIN, "ref_parse"), empty], 3)[1]
    rows = []
    for name in CORPORA:
        corpus = Corpus(name, rows, base_reader, base_ref, lowdown)
        for size in SIZES:
            corpus.size(size)
    head = ("corpus", "size", "figure", "lectern", "reference", "ratio",
            "target", "holds")
    print_table(head, rows, 3)
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, lambda *a: sys.exit(130))
    main()
