# lectern: a terminal reader for long-form Markdown.
# Plain make. What the system needs (feature macros, include paths,
# libraries) is found by mk/config.sh, from pkg-config where there is a
# .pc file and by building small programs where there is none. CC,
# CPPFLAGS, CFLAGS, LDFLAGS and LDLIBS are the user's, as in make's
# built-in rules. Warnings stop the build only when WERROR=-Werror, as
# make test and CI set it.

PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
MANDIR	 = $(PREFIX)/share/man/man1
DATADIR	 = $(PREFIX)/share/lectern

CFLAGS	?= -O2 -g
PKG_CONFIG ?= pkg-config
CONFIG	 = CC='$(CC)' CPPFLAGS='$(CPPFLAGS)' CFLAGS='$(CFLAGS)' \
	   LDFLAGS='$(LDFLAGS)' PKG_CONFIG='$(PKG_CONFIG)' sh mk/config.sh
SYS_CFLAGS := $(shell $(CONFIG) cflags)
SYS_LIBS   := $(shell $(CONFIG) libs)

WARN	 = -std=c11 -Wall -Wextra
WERROR	 =
DEFS	 = -DLECTERN_DATADIR='"$(DATADIR)"'
ALL_CPPFLAGS = -Iinclude $(DEFS) $(CPPFLAGS) $(SYS_CFLAGS)
ALL_CFLAGS = $(WARN) $(WERROR) -pthread $(CFLAGS)
LIBS	 = $(SYS_LIBS) -pthread $(LDLIBS)
SAN	 = -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=undefined

SRC	 = $(wildcard src/*.c)
HDR	 = $(wildcard include/lectern/*.h)
OBJ	 = $(SRC:src/%.c=build/%.o)
LIBOBJ	 = $(filter-out build/main.o,$(OBJ))
SANOBJ	 = $(SRC:src/%.c=build/san/%.o)
SANLIB	 = $(filter-out build/san/main.o,$(SANOBJ))
UNIT	 = $(wildcard tests/unit/test_*.c)
UNITBIN	 = $(UNIT:tests/unit/%.c=build/%)
SANUNIT	 = $(UNIT:tests/unit/%.c=build/san/%)

ARTICLE	 = content/state-of-ai-2023-politics-safety.md

.PHONY: all deps run test check-build install uninstall clean valgrind \
	fuzz bench

all: lectern

# libcmark-gfm up to 0.29.0.gfm.6 (Debian 12's) lacks the fixes for
# CVE-2023-22483 and later: src/guard.c contains them, and we say so.
CMARK_OLD := $(shell $(PKG_CONFIG) --max-version=0.29.0.gfm.6 \
		   libcmark-gfm 2>/dev/null && echo yes)

lectern: $(OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LIBS)
	@[ "$(CMARK_OLD)" != yes ] || echo "lectern: libcmark-gfm" \
	    "$$($(PKG_CONFIG) --modversion libcmark-gfm) lacks fixes for" \
	    "CVE-2023-22483 and later; src/guard.c contains them"

build/%.o: src/%.c $(HDR)
	@mkdir -p build
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

build/san/%.o: src/%.c $(HDR)
	@mkdir -p build/san
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

build/san/lectern: $(SANOBJ)
	$(CC) $(ALL_CFLAGS) $(SAN) $(LDFLAGS) -o $@ $(SANOBJ) $(LIBS)

build/test_%: tests/unit/test_%.c tests/unit/t.h $(LIBOBJ)
	$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< \
	    $(LIBOBJ) $(LIBS)

build/san/test_%: tests/unit/test_%.c tests/unit/t.h $(SANLIB)
	$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(SAN) $(LDFLAGS) \
	    -o $@ $< $(SANLIB) $(LIBS)

# The dependency check runs first, then make again so that pkg-config
# sees what it installed.
deps:
	@CC='$(CC)' sh mk/deps.sh build

run: deps
	@$(MAKE) --no-print-directory lectern
	./lectern

check-build: lectern build/san/lectern $(UNITBIN) $(SANUNIT)

# The tests build with warnings as errors.
test:
	@CC='$(CC)' sh mk/deps.sh test
	@$(MAKE) --no-print-directory WERROR=-Werror check-build
	@sh tests/run.sh

valgrind: lectern
	@CC='$(CC)' sh mk/deps.sh valgrind
	@sh tests/golden/run.sh --valgrind

# The libFuzzer targets, built with clang (mk/deps.sh fuzz installs it):
# the whole pipeline, and linebreak.c against libunistring.
FUZZ_SECONDS ?= 60
FUZZCC	 = clang
FUZZBIN	 = build/fuzz/fuzz_pipeline
FUZZSRC	 = tests/fuzz/fuzz_pipeline.c $(filter-out src/main.c,$(SRC))
FUZZLB	 = build/fuzz/fuzz_linebreak
FUZZLBSRC = tests/fuzz/fuzz_linebreak.c src/linebreak.c
FUZZFLAGS = $(ALL_CPPFLAGS) $(WARN) $(WERROR) -pthread -O1 -g \
	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined

fuzz:
	@CC='$(CC)' sh mk/deps.sh fuzz
	@$(MAKE) --no-print-directory $(FUZZBIN) $(FUZZLB)
	@sh tests/fuzz/fuzz.sh $(FUZZ_SECONDS)

$(FUZZBIN): $(FUZZSRC) $(HDR)
	@mkdir -p build/fuzz
	$(FUZZCC) $(FUZZFLAGS) $(LDFLAGS) -o $@ $(FUZZSRC) $(LIBS)

$(FUZZLB): $(FUZZLBSRC) $(HDR)
	@mkdir -p build/fuzz
	$(FUZZCC) $(FUZZFLAGS) $(LDFLAGS) -o $@ $(FUZZLBSRC) $(LIBS)

# The benchmark (tests/bench): not part of make test, which runs a smoke
# run of it on the smallest document.
BENCHBIN = build/bench/gen build/bench/prose build/bench/ref_parse \
	   build/bench/probe build/bench/maxrss

bench: lectern
	@CC='$(CC)' sh mk/deps.sh bench
	@$(MAKE) --no-print-directory $(BENCHBIN)
	@sh tests/bench/run.sh
	@sh tests/bench/book.sh
	@sh tests/bench/booksearch.sh

build/bench/gen: tests/bench/gen.c
	@mkdir -p build/bench
	$(CC) $(CPPFLAGS) $(WARN) $(WERROR) $(CFLAGS) $(LDFLAGS) -o $@ \
	    tests/bench/gen.c $(LDLIBS)

build/bench/prose: tests/bench/prose.c
	@mkdir -p build/bench
	$(CC) $(CPPFLAGS) $(WARN) $(WERROR) $(CFLAGS) $(LDFLAGS) -o $@ \
	    tests/bench/prose.c $(LDLIBS)

build/bench/maxrss: tests/bench/maxrss.c
	@mkdir -p build/bench
	$(CC) $(ALL_CPPFLAGS) $(WARN) $(WERROR) $(CFLAGS) $(LDFLAGS) -o $@ \
	    tests/bench/maxrss.c $(LDLIBS)

build/bench/ref_parse: tests/bench/ref_parse.c
	@mkdir -p build/bench
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ \
	    tests/bench/ref_parse.c $(LIBS)

build/bench/probe: tests/bench/probe.c $(LIBOBJ)
	@mkdir -p build/bench
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ \
	    tests/bench/probe.c $(LIBOBJ) $(LIBS)

# The search across a book (tests/bench/booksearch.sh).
build/bench/booksearch: tests/bench/booksearch.c $(LIBOBJ)
	@mkdir -p build/bench
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ \
	    tests/bench/booksearch.c $(LIBOBJ) $(LIBS)

install: lectern
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)
	install -m 755 lectern $(DESTDIR)$(BINDIR)/lectern
	install -m 644 man/lectern.1 $(DESTDIR)$(MANDIR)/lectern.1
	install -m 644 $(ARTICLE) $(DESTDIR)$(DATADIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/lectern $(DESTDIR)$(MANDIR)/lectern.1 \
	    $(DESTDIR)$(DATADIR)/$(notdir $(ARTICLE))
	-rmdir $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -rf build lectern
