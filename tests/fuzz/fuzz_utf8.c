/*
 * libFuzzer harness: UTF-8 validation, counting and text normalisation.
 *
 * valid_utf8() must accept exactly what the reference decoder in fuzz.h
 * accepts (Unicode table 3-7: no overlong forms, no surrogates, nothing
 * above U+10FFFF), on every prefix too, and valid_utf8_count() must count
 * what it counts.  valid_normalise(), in both modes, on a copy with the
 * room its contract asks for: the result is the model's, never longer,
 * UTF-8 when the input was, free of CR, DEL and C0 controls but tab and LF
 * (in a single line of LF and tab too) and of U+FFFE and U+FFFF, trimmed,
 * NUL-terminated, and (for UTF-8) a second pass changes nothing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "fuzz.h"

static void
check_normalise(const uint8_t *data, size_t size, int valid, int multiline)
{
	char	*s, *want;
	size_t	 len, wlen, again;

	if ((s = malloc(size + 1)) == NULL || (want = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = 'Z';		/* the room for the NUL, not yet a NUL */
	len = valid_normalise(s, size, multiline);

	FUZZ_CHECK(len <= size, "normalising never lengthens");
	FUZZ_CHECK(s[len] == '\0', "the result is NUL-terminated");
	wlen = ref_normalise((const char *)data, size, multiline, want);
	FUZZ_CHECK(len == wlen && memcmp(s, want, len) == 0,
	    "valid_normalise agrees with the model");
	if (valid)
		FUZZ_CHECK(ref_utf8(s, len, NULL), "UTF-8 in, UTF-8 out");
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		FUZZ_CHECK(c != '\r' && c != 0x7F, "no CR or DEL is left");
		FUZZ_CHECK(c >= 0x20 || c == '\t' || c == '\n',
		    "no C0 control but tab and LF is left");
		FUZZ_CHECK(multiline || (c != '\n' && c != '\t'),
		    "a single line has no line break or tab");
	}
	if (len > 0)
		FUZZ_CHECK(s[0] != ' ' && s[0] != '\t' && s[0] != '\n' &&
		    s[len - 1] != ' ' && s[len - 1] != '\t' &&
		    s[len - 1] != '\n', "no leading or trailing blank");

	/*
	 * Normal text stays as it is.  Only for UTF-8, which is all the app
	 * normalises: in other bytes dropping EF BF BF from EF BF EF BF BF BE
	 * leaves an EF BF BE that a second pass drops.
	 */
	if (valid) {
		again = valid_normalise(s, len, multiline);
		FUZZ_CHECK(again == len && memcmp(s, want, len) == 0,
		    "normalising twice changes nothing");
	}
	free(want);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data;
	size_t		 count, pcount;
	int		 valid;

	valid = ref_utf8(data, size, &count);
	FUZZ_CHECK(valid_utf8(s, size) == valid,
	    "valid_utf8 accepts exactly table 3-7");
	if (valid)
		FUZZ_CHECK(valid_utf8_count(s, size) == count,
		    "valid_utf8_count counts code points");
	FUZZ_CHECK(valid_utf8_count(s, size) <= size,
	    "never more code points than bytes");

	/* Every prefix: a cut sequence is refused, a whole one accepted. */
	for (size_t k = size > 8 ? size - 8 : 0; k < size; k++)
		FUZZ_CHECK(valid_utf8(s, k) == ref_utf8(data, k, &pcount),
		    "valid_utf8 agrees on a prefix");

	check_normalise(data, size, valid, 1);
	check_normalise(data, size, valid, 0);
	return 0;
}
