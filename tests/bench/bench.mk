# The benchmark (issue 6; README "Performance").  Included by the Makefile;
# never part of `make test`.
## make bench     build, make a database of 10,000 proposals and 50,000
##                comments, start nginx + the app as `make run` does and
##                measure with wrk: pages against a bare libfcgi responder
##                (F) and static nginx (S), submissions, exports, worker
##                memory.  BENCH_SECONDS (10) a measurement, BENCH_REQUESTS
##                (1000000) for the memory run; table and tests/bench/out/
BENCH_SECONDS	?= 10
BENCH_REQUESTS	?= 1000000

.PHONY: bench
bench:
	@sh deploy/install-deps.sh --quiet
	@$(MAKE) --no-print-directory all $(BUILD)/bench-hello
	@BENCH_SECONDS=$(BENCH_SECONDS) BENCH_REQUESTS=$(BENCH_REQUESTS) \
	    WORKERS=$(WORKERS) /usr/bin/python3 tests/bench/bench.py \
	    --bin ./$(BIN) --hello $(BUILD)/bench-hello

$(BUILD)/bench-hello: tests/bench/hello.c | $(BUILD)
	$(CC) $(CFLAGS) -o $@ $< $(LDFLAGS) $(PKG_LIBS)
