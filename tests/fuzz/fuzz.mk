# libFuzzer harnesses (clang from Debian: deploy/install-deps.sh installs
# clang and libclang-rt-14-dev).  Included by the Makefile.  Each harness
# is built by clang from the sources it tests, not from the gcc objects,
# and run on a scratch corpus in build-fuzz/corpus/<name> seeded from the
# committed tests/fuzz/corpus/<name>, which a run never writes to.
## make fuzz      build the libFuzzer harnesses and run each for
##                FUZZ_SECONDS (default 60); fails when one finds a crash
## make test-fuzz the same for FUZZ_TEST_SECONDS each (default 10)

FUZZ_SECONDS	  ?= 60
FUZZ_TEST_SECONDS ?= 10

FUZZ_BUILD	 = build-fuzz
FUZZ_CC		 = clang
FUZZ_CFLAGS	 = -std=c11 -Wall -Wextra -g -O1 \
		   -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		   -D_DEFAULT_SOURCE -Isrc
# Every run: a unit taking over 10 s is a hang; leaks are crashes.
FUZZ_RUNFLAGS	 = -timeout=10 -detect_leaks=1 -print_final_stats=1

FUZZ_NAMES	 = urlencoded query_cookie utf8 markdown csv ics tok
FUZZ_BINS	 = $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)

# What each harness links: the modules it tests and what they call.
FUZZ_SRC_urlencoded   = src/req.c src/valid.c src/buf.c src/when.c
FUZZ_SRC_query_cookie = src/req.c src/valid.c src/buf.c src/when.c
FUZZ_SRC_utf8	      = src/valid.c src/when.c src/buf.c
FUZZ_SRC_markdown     = src/md.c
FUZZ_LIBS_markdown    = -lmarkdown
FUZZ_SRC_csv	      = src/sink.c src/buf.c
FUZZ_SRC_ics	      = src/feed.c src/buf.c
FUZZ_SRC_tok	      = src/tok.c
FUZZ_LIBS_tok	      = -lsqlite3
# Inputs long enough to cross the Cookie header limit (4096 bytes).
FUZZ_OPTS_query_cookie = -max_len=8192

.PHONY: fuzz test-fuzz fuzz-build clean-fuzz

define FUZZ_RULE
$(FUZZ_BUILD)/fuzz_$(1): tests/fuzz/fuzz_$(1).c tests/fuzz/fuzz.h src/extern.h \
    $(FUZZ_SRC_$(1))
	@mkdir -p $(FUZZ_BUILD)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $$@ tests/fuzz/fuzz_$(1).c \
	    $(FUZZ_SRC_$(1)) $(FUZZ_LIBS_$(1))
endef
$(foreach h,$(FUZZ_NAMES),$(eval $(call FUZZ_RULE,$(h))))

# One harness $(1) for $(2) seconds: its executions, and on a crash what
# libFuzzer said and where it saved the input.
FUZZ_ONE = \
	mkdir -p $(FUZZ_BUILD)/corpus/$(1) $(FUZZ_BUILD)/crash/$(1); \
	cp -R tests/fuzz/corpus/$(1)/. $(FUZZ_BUILD)/corpus/$(1)/; \
	if $(FUZZ_BUILD)/fuzz_$(1) -max_total_time=$(2) $(FUZZ_RUNFLAGS) \
	    $(FUZZ_OPTS_$(1)) \
	    $(if $(wildcard tests/fuzz/fuzz_$(1).dict),-dict=tests/fuzz/fuzz_$(1).dict) \
	    -artifact_prefix=$(FUZZ_BUILD)/crash/$(1)/ \
	    $(FUZZ_BUILD)/corpus/$(1) >$(FUZZ_BUILD)/fuzz_$(1).log 2>&1; \
	then r=ok; else r=FAILED; failed="$$failed $(1)"; fi; \
	n=$$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    $(FUZZ_BUILD)/fuzz_$(1).log); \
	printf 'fuzz: %-13s %10s executions in %ss: %s\n' $(1) "$${n:-?}" \
	    $(2) $$r; \
	[ $$r = ok ] || grep -E 'property violated|ERROR:|SUMMARY:|Test unit written' \
	    $(FUZZ_BUILD)/fuzz_$(1).log | sed 's/^/    /'; \
	[ $$r = ok ] || echo "    log: $(FUZZ_BUILD)/fuzz_$(1).log";

# Every harness for $(1) seconds; fails at the end if any failed.
FUZZ_RUN = \
	failed=; \
	$(foreach h,$(FUZZ_NAMES),$(call FUZZ_ONE,$(h),$(1))) \
	[ -z "$$failed" ] || { echo "fuzz: crash found in:$$failed"; exit 1; }

fuzz-build:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || { \
	    echo "fuzz: $(FUZZ_CC) is missing: make deps"; exit 1; }
	@$(MAKE) --no-print-directory $(FUZZ_BINS)

fuzz: fuzz-build
	@$(call FUZZ_RUN,$(FUZZ_SECONDS))

test-fuzz: fuzz-build
	@$(call FUZZ_RUN,$(FUZZ_TEST_SECONDS))

## make clean-fuzz remove the fuzz build, scratch corpora and crashes
clean-fuzz:
	rm -rf $(FUZZ_BUILD)
