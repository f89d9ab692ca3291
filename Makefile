# cocreate: build, run and test.  `make help` lists the targets.

PORT	?= 8080
STATE	?= var
# Eight workers, though the machine has two cores: a libfcgi worker waits
# after each answer until nginx has read it and closed the connection, so
# with two, nginx often finds none in accept().  Measured with `make bench`
# on 2 cores (two full runs, 2 then 8 workers): / 11,863 -> 15,703
# requests/s (0.61 -> 0.64 of F, which gets as many workers), /proposals
# 11,665 -> 14,728; submissions then 1,022 -> 796/s, eight writers
# spinning on SQLite's lock; since they wait in a queue (src/db.c), 1,533/s
# with eight.  About 12 MiB each, most of it SQLite's page cache.
WORKERS	?= 8

BUILD	?= build
OPT	?= -O2 -g
SAN	?=

PKGS	 = fcgi sqlite3 libctemplate_nothreads libmarkdown libsodium libzip
PKG_CFLAGS != pkg-config --cflags $(PKGS) 2>/dev/null || true
PKG_LIBS   != pkg-config --libs $(PKGS) 2>/dev/null || true
CHECK_CFLAGS != pkg-config --cflags check 2>/dev/null || true
CHECK_LIBS   != pkg-config --libs check 2>/dev/null || true

CC	 = gcc
CXX	 = g++
WARN	 = -Wall -Wextra -Werror
CFLAGS	 = -std=c11 $(WARN) $(OPT) $(SAN) -D_DEFAULT_SOURCE -Isrc $(PKG_CFLAGS)
CXXFLAGS = -std=c++17 $(WARN) $(OPT) $(SAN) -Isrc $(PKG_CFLAGS)
LDFLAGS	 = $(SAN)
LDLIBS	 = $(PKG_LIBS) -lstdc++

# The modules, main.c last: tests link everything but main.
MODULES	 = buf valid req when auth tok db md feed mail ndc sink diff export export_odt \
	   user \
	   route resp page page_home \
	   page_commitment page_agency page_proposal page_login page_meeting \
	   page_comment page_admin page_feed page_export page_search page_process page_history \
	   page_tracking server
OBJS	 = $(MODULES:%=$(BUILD)/%.o) $(BUILD)/tmpl.o $(BUILD)/embed.o
TEMPLATES != ls templates/*.tpl 2>/dev/null
HEADERS	 = src/extern.h src/page.h

UNIT	 = req valid when tmpl auth md diff feed sink db
UNIT_BINS = $(UNIT:%=$(BUILD)/test_%)

BIN	 = $(if $(filter build,$(BUILD)),cocreate,$(BUILD)/cocreate)

.PHONY: all run test test-unit test-http test-asan deps help clean valgrind

all: $(BIN)

$(BIN): $(OBJS) $(BUILD)/main.o
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(BUILD)/main.o $(LDLIBS)

$(BUILD)/%.o: src/%.c $(HEADERS) | $(BUILD)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tmpl.o: src/tmpl.cc src/extern.h | $(BUILD)
	$(CXX) $(CXXFLAGS) -c -o $@ $<

$(BUILD)/embed.c: src/embed.sh schema.sql $(TEMPLATES) | $(BUILD)
	sh src/embed.sh $@ schema.sql $(TEMPLATES)

$(BUILD)/embed.o: $(BUILD)/embed.c src/extern.h
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD):
	mkdir -p $(BUILD)

$(BUILD)/test_%: tests/unit/test_%.c $(OBJS) $(HEADERS)
	$(CC) $(CFLAGS) $(CHECK_CFLAGS) -o $@ $< $(OBJS) $(LDFLAGS) \
	    $(CHECK_LIBS) $(LDLIBS)

## make run       install what is missing, build, start nginx + app on PORT
run:
	@sh deploy/install-deps.sh --quiet
	@$(MAKE) --no-print-directory all
	@PORT=$(PORT) STATE=$(STATE) WORKERS=$(WORKERS) bash deploy/run.sh

## make test      install what is missing, then the whole suite: unit, HTTP
##                through nginx, browser, the unit tests under valgrind,
##                unit and HTTP again under ASan + UBSan, and each fuzz
##                harness briefly
test:
	@sh deploy/install-deps.sh --quiet
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory test-unit
	@$(MAKE) --no-print-directory valgrind
	@$(MAKE) --no-print-directory test-http
	@$(MAKE) --no-print-directory test-browser
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory test-fuzz

## make test-unit the Check unit tests
test-unit: $(UNIT_BINS)
	@sh tests/unit/run.sh $(UNIT_BINS)

## make test-http the HTTP tests against the real nginx and binary
test-http: $(BIN)
	@/usr/bin/python3 tests/http/run.py --bin ./$(BIN)

## make test-browser the browser tests: Debian's chromium driven by
##                playwright-core, flows with and without JavaScript, axe-core
.PHONY: test-browser
test-browser: $(BIN)
	@node tests/browser/run.js --bin ./$(BIN)

## make test-asan unit and HTTP tests with AddressSanitizer + UBSan
test-asan:
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g" \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    build-asan/cocreate test-unit test-http

## make deps      install the Debian packages (deploy/install-deps.sh)
deps:
	sh deploy/install-deps.sh

## make clean     remove build output
clean:
	rm -rf build build-asan build-fuzz cocreate

## make help      this list
help:
	@sed -n 's/^## //p' Makefile tests/fuzz/fuzz.mk tests/bench/bench.mk 2>/dev/null

## make valgrind  the unit tests under valgrind: no leaks, no errors
valgrind: $(UNIT_BINS)
	@for t in $(UNIT_BINS); do \
	    CK_FORK=no valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
	        --error-exitcode=1 $$t > /dev/null || { echo "valgrind: $$t failed"; exit 1; }; \
	    echo "valgrind: $$t clean"; done

include tests/fuzz/fuzz.mk
-include tests/bench/bench.mk
