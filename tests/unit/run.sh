#!/bin/sh
# Runs the Check unit-test binaries given as arguments, shows each one's
# output, and ends with the sum over all of them: "N passed, N failed".
#
# Check prints "NN%: Checks: X, Failures: Y, Errors: Z" per binary; an error
# (a crash or early exit inside a forked test) counts as a failure.  A binary
# that prints no such line, or exits non-zero although its line shows no
# failure (a sanitizer or leak report at exit, say), counts as one more
# failure, so that the last line never reads "0 failed" over a broken run.
# Exits 1 when anything failed, else 0.
#
# Usage: sh tests/unit/run.sh build/test_*

set -u

if [ $# -eq 0 ]; then
	echo "usage: run.sh test-binary ..." >&2
	exit 2
fi

passed=0
failed=0
n='\([0-9]*\)'
summary="^[0-9]*%: Checks: $n, Failures: $n, Errors: $n.*\$"
out=$(mktemp "${TMPDIR:-/tmp}/cocreate-unit.XXXXXX") || exit 1
trap 'rm -f "$out"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for bin in "$@"; do
	echo "== $bin"
	case $bin in
	*/*)	"$bin" >"$out" 2>&1 ;;
	*)	"./$bin" >"$out" 2>&1 ;;
	esac
	rc=$?
	cat "$out"

	# "checks failures errors" from every summary line of this binary.
	sums=$(sed -n "s/$summary/\\1 \\2 \\3/p" "$out")
	if [ -z "$sums" ]; then
		echo "$bin: no Check summary (exit status $rc): one failure"
		failed=$((failed + 1))
		continue
	fi
	bad=0
	# The here-document keeps the loop in this shell, so the sums stick.
	while read -r c f e; do
		passed=$((passed + c - f - e))
		failed=$((failed + f + e))
		bad=$((bad + f + e))
	done <<EOF
$sums
EOF
	if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
		echo "$bin: exit status $rc, no failed check: one failure"
		failed=$((failed + 1))
	fi
done

echo "$passed passed, $failed failed"
if [ "$failed" -ne 0 ]; then
	exit 1
fi
exit 0
