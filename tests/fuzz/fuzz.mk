# libFuzzer harnesses (clang from Debian).  Included by the Makefile.
## make fuzz      run each fuzz harness for FUZZ_SECONDS (default 60)
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz:
	@echo "fuzz: no harnesses yet"
