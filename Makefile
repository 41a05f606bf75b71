# lectern: a terminal reader for long-form Markdown.
# Plain make; libraries from pkg-config (libunistring has no .pc file).

PREFIX	?= /usr/local
BINDIR	 = $(PREFIX)/bin
MANDIR	 = $(PREFIX)/share/man/man1
DATADIR	 = $(PREFIX)/share/lectern

PKGS		 = ncursesw libcmark-gfm
PKG_CFLAGS	:= $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,\
		   $(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS	:= $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CFLAGS	?= -O2 -g
WARN	 = -std=c11 -Wall -Wextra -Werror
DEFS	 = -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
	   -DLECTERN_DATADIR='"$(DATADIR)"'
ALL_CFLAGS = $(WARN) $(DEFS) -Iinclude $(PKG_CFLAGS) $(CFLAGS)
LIBS	 = $(PKG_LIBS) -lcmark-gfm-extensions -lunistring -lpthread
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
CMARK_OLD := $(shell pkg-config --max-version=0.29.0.gfm.6 libcmark-gfm \
		   2>/dev/null && echo yes)

lectern: $(OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJ) $(LIBS)
	@[ "$(CMARK_OLD)" != yes ] || echo "lectern: libcmark-gfm" \
	    "$$(pkg-config --modversion libcmark-gfm) lacks fixes for" \
	    "CVE-2023-22483 and later; src/guard.c contains them"

build/%.o: src/%.c $(HDR)
	@mkdir -p build
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/san/%.o: src/%.c $(HDR)
	@mkdir -p build/san
	$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

build/san/lectern: $(SANOBJ)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $(SANOBJ) $(LIBS)

build/test_%: tests/unit/test_%.c tests/unit/t.h $(LIBOBJ)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(LIBOBJ) $(LIBS)

build/san/test_%: tests/unit/test_%.c tests/unit/t.h $(SANLIB)
	$(CC) $(ALL_CFLAGS) $(SAN) -Itests/unit -o $@ $< $(SANLIB) $(LIBS)

# The dependency check runs first, then make again so that pkg-config
# sees what it installed.
deps:
	@sh mk/deps.sh build

run: deps
	@$(MAKE) --no-print-directory lectern
	./lectern

check-build: lectern build/san/lectern $(UNITBIN) $(SANUNIT)

test:
	@sh mk/deps.sh test
	@$(MAKE) --no-print-directory check-build
	@sh tests/run.sh

valgrind: lectern
	@sh tests/golden/run.sh --valgrind

# The libFuzzer target, built with clang (mk/deps.sh test installs it).
FUZZ_SECONDS ?= 60
FUZZCC	 = clang
FUZZBIN	 = build/fuzz/fuzz_pipeline
FUZZSRC	 = tests/fuzz/fuzz_pipeline.c $(filter-out src/main.c,$(SRC))

fuzz:
	@sh mk/deps.sh test
	@$(MAKE) --no-print-directory $(FUZZBIN)
	@sh tests/fuzz/fuzz.sh $(FUZZ_SECONDS)

$(FUZZBIN): $(FUZZSRC) $(HDR)
	@mkdir -p build/fuzz
	$(FUZZCC) $(WARN) $(DEFS) -Iinclude $(PKG_CFLAGS) -O1 -g \
	    -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined -o $@ $(FUZZSRC) $(LIBS)

# The benchmark (tests/bench): not part of make test, which runs a smoke
# run of it on the smallest document.
BENCHBIN = build/bench/gen build/bench/ref_parse build/bench/probe \
	   build/bench/maxrss

bench: lectern
	@sh mk/deps.sh bench
	@$(MAKE) --no-print-directory $(BENCHBIN)
	@sh tests/bench/run.sh

build/bench/gen: tests/bench/gen.c
	@mkdir -p build/bench
	$(CC) $(WARN) $(CFLAGS) -o $@ tests/bench/gen.c

build/bench/maxrss: tests/bench/maxrss.c
	@mkdir -p build/bench
	$(CC) $(WARN) $(DEFS) $(CFLAGS) -o $@ tests/bench/maxrss.c

build/bench/ref_parse: tests/bench/ref_parse.c
	@mkdir -p build/bench
	$(CC) $(ALL_CFLAGS) -o $@ tests/bench/ref_parse.c $(LIBS)

build/bench/probe: tests/bench/probe.c $(LIBOBJ)
	@mkdir -p build/bench
	$(CC) $(ALL_CFLAGS) -o $@ tests/bench/probe.c $(LIBOBJ) $(LIBS)

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
