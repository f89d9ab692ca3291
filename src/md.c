/*
 * Markdown through discount with the flags that keep it safe: no raw HTML,
 * no images, only http(s), ftp, news and relative links (SAFELINK), no
 * pseudo-protocols, no <style> blocks, no header block.  MKD_STRICT is never
 * used: it turns SAFELINK off.
 *
 * Two of discount 2.2.7's extensions are off as well, found by fuzzing:
 * ">%class%" blocks (a class name of 67 characters or more loses its closing
 * quote, so the next paragraph's text lands inside the <div> tag as
 * attributes) and discount-style definition lists (one at the end of the
 * text, followed by blank lines, leaks memory).
 */
#include <stdlib.h>
#include <string.h>

#include <mkdio.h>

#include "extern.h"

#define MD_FLAGS (MKD_NOHTML | MKD_SAFELINK | MKD_NOIMAGE | MKD_NO_EXT | \
    MKD_NOSTYLE | MKD_NOHEADER | MKD_NOPANTS | MKD_NODIVQUOTE | \
    MKD_NODLDISCOUNT)

/*
 * Renders len bytes of Markdown as HTML.  Returns a NUL-terminated copy the
 * caller frees with free(), or NULL when memory runs out.  Empty input gives
 * an empty string.
 */
char *
md_render(const char *src, size_t len)
{
	MMIOT	*doc;
	char	*html = NULL, *out = NULL;
	int	 n;

	if (len > 1024 * 1024)
		return NULL;
	if (len == 0)
		return strdup("");
	if ((doc = mkd_string(src, (int)len, MD_FLAGS)) == NULL)
		return NULL;
	if (mkd_compile(doc, MD_FLAGS) &&
	    (n = mkd_document(doc, &html)) >= 0) {
		if ((out = malloc((size_t)n + 1)) != NULL) {
			memcpy(out, html, (size_t)n);
			out[n] = '\0';
		}
	}
	mkd_cleanup(doc);
	return out;
}
