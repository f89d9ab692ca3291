/*
 * The ODT export: every proposal laid out as the NDC form, in 標楷體
 * (DFKai-SB) 12 pt with a fixed 20 pt line height on A4, the ROC date of
 * the export in the header and page numbers in the footer.
 *
 * The archive is built with libzip: `mimetype` first and stored, then the
 * manifest, styles, meta and content.  content.xml is produced by a source
 * callback that libzip pulls while it compresses, one proposal at a time
 * from the database, so memory stays constant however many there are.
 * Every entry gets the same time stamp (midnight of the export's day in
 * Taipei), so the web and the command line write the same bytes.
 */
#include <stdio.h>
#include <string.h>

#include <zip.h>

#include "extern.h"

/* Columns of STMT_EXPORT used here (see enum xcol in export.c). */
enum {
	OC_ID = 0, OC_STATUS = 1, OC_KIND = 2, OC_T_COMMITMENT = 4,
	OC_T_POSITION = 5, OC_T_TITLE = 6, OC_TITLE = 7, OC_LEAD_NAME = 9,
	OC_LEAD_OTHER = 10, OC_PROBLEM = 11, OC_COMMITMENT = 12,
	OC_CONTRIBUTION = 13, OC_VALUES = 14, OC_RELEVANCE = 15,
	OC_SUBMITTER = 16, OC_PHONE = 17, OC_EMAIL = 18, OC_SUBMITTED = 22,
	OC_MILESTONES = 34
};

#define NS_OFFICE "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
#define NS_ALL NS_OFFICE \
	" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"" \
	" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"" \
	" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"" \
	" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"" \
	" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\"" \
	" xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""

static const char manifest_xml[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\n"
" <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>\n"
" <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n"
" <manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\n"
" <manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>\n"
"</manifest:manifest>\n";

static const char meta_xml[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<office:document-meta " NS_ALL " office:version=\"1.2\">"
"<office:meta><meta:generator>cocreate/" COCREATE_VERSION "</meta:generator>"
"<meta:initial-creator>cocreate</meta:initial-creator></office:meta>"
"</office:document-meta>\n";

/*
 * The styles: the government's font and line height as the default for
 * every paragraph, A4 with its margins, the header and the footer.  %s is
 * the header's text (with the ROC date).
 */
static const char styles_fmt[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<office:document-styles " NS_ALL " office:version=\"1.2\">"
"<office:font-face-decls>"
"<style:font-face style:name=\"DFKai-SB\" svg:font-family=\"DFKai-SB\" style:font-family-generic=\"script\" style:font-pitch=\"fixed\"/>"
"<style:font-face style:name=\"標楷體\" svg:font-family=\"標楷體\" style:font-family-generic=\"script\" style:font-pitch=\"fixed\"/>"
"</office:font-face-decls>"
"<office:styles>"
"<style:default-style style:family=\"paragraph\">"
"<style:paragraph-properties fo:line-height=\"20pt\" style:writing-mode=\"lr-tb\"/>"
"<style:text-properties style:font-name=\"DFKai-SB\" fo:font-size=\"12pt\""
" style:font-name-asian=\"DFKai-SB\" style:font-size-asian=\"12pt\""
" style:font-name-complex=\"DFKai-SB\" style:font-size-complex=\"12pt\""
" fo:language=\"zh\" fo:country=\"TW\" style:language-asian=\"zh\" style:country-asian=\"TW\"/>"
"</style:default-style>"
"<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\">"
"<style:paragraph-properties fo:line-height=\"20pt\"/></style:style>"
"<style:style style:name=\"Title\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"chapter\">"
"<style:paragraph-properties fo:text-align=\"center\" fo:margin-top=\"0pt\" fo:margin-bottom=\"12pt\" fo:line-height=\"20pt\"/>"
"<style:text-properties fo:font-size=\"16pt\" style:font-size-asian=\"16pt\" fo:font-weight=\"bold\" style:font-weight-asian=\"bold\"/></style:style>"
"<style:style style:name=\"Header\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\">"
"<style:paragraph-properties fo:text-align=\"end\"/>"
"<style:text-properties fo:font-size=\"10pt\" style:font-size-asian=\"10pt\"/></style:style>"
"<style:style style:name=\"Footer\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\">"
"<style:paragraph-properties fo:text-align=\"center\"/>"
"<style:text-properties fo:font-size=\"10pt\" style:font-size-asian=\"10pt\"/></style:style>"
"<style:style style:name=\"Table_20_Contents\" style:display-name=\"Table Contents\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\"/>"
"</office:styles>"
"<office:automatic-styles>"
"<style:page-layout style:name=\"A4\"><style:page-layout-properties fo:page-width=\"21cm\" fo:page-height=\"29.7cm\""
" style:print-orientation=\"portrait\" fo:margin-top=\"2cm\" fo:margin-bottom=\"1.5cm\" fo:margin-left=\"2.5cm\" fo:margin-right=\"2cm\"/>"
"<style:header-style><style:header-footer-properties fo:min-height=\"0cm\" fo:margin-bottom=\"0.4cm\"/></style:header-style>"
"<style:footer-style><style:header-footer-properties fo:min-height=\"0cm\" fo:margin-top=\"0.4cm\"/></style:footer-style>"
"</style:page-layout>"
"</office:automatic-styles>"
"<office:master-styles>"
"<style:master-page style:name=\"Standard\" style:page-layout-name=\"A4\">"
"<style:header><text:p text:style-name=\"Header\">%s</text:p></style:header>"
"<style:footer><text:p text:style-name=\"Footer\">第 <text:page-number text:select-page=\"current\">1</text:page-number> 頁</text:p></style:footer>"
"</style:master-page>"
"</office:master-styles>"
"</office:document-styles>\n";

static const char content_head[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<office:document-content " NS_ALL " office:version=\"1.2\">"
"<office:automatic-styles>"
"<style:style style:name=\"Form\" style:family=\"table\"><style:table-properties style:width=\"16.5cm\" table:align=\"margins\"/></style:style>"
"<style:style style:name=\"Label\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"5cm\"/></style:style>"
"<style:style style:name=\"Value\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"11.5cm\"/></style:style>"
"<style:style style:name=\"Cell\" style:family=\"table-cell\"><style:table-cell-properties fo:padding=\"0.1cm\" fo:border=\"0.5pt solid #000000\"/></style:style>"
"<style:style style:name=\"NewPage\" style:family=\"paragraph\" style:parent-style-name=\"Title\"><style:paragraph-properties fo:break-before=\"page\"/></style:style>"
"</office:automatic-styles>"
"<office:body><office:text>";

static const char content_tail[] = "</office:text></office:body></office:document-content>\n";

/*
 * XML text: & < > escaped; tabs as <text:tab/>; what XML 1.0 does not
 * allow (controls, U+FFFE, U+FFFF: valid_drop_nonchars) left out.
 */
static void
xml_text(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (valid_nonchar_at(s + i, n - i)) {
			i += 2;
			continue;
		}
		switch (s[i]) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\t':
			buf_puts(b, "<text:tab/>");
			break;
		default:
			if ((unsigned char)s[i] >= 0x20)
				buf_putc(b, s[i]);
		}
	}
}

/* A text of several lines as one paragraph per line. */
static void
paragraphs(struct buf *b, const char *s)
{
	const char	*nl;

	do {
		nl = strchr(s, '\n');
		buf_puts(b, "<text:p text:style-name=\"Table_20_Contents\">");
		xml_text(b, s, nl ? (size_t)(nl - s) : strlen(s));
		buf_puts(b, "</text:p>");
		s = nl ? nl + 1 : NULL;
	} while (s != NULL);
}

static void
row(struct buf *b, const char *label, const char *value)
{
	buf_puts(b, "<table:table-row><table:table-cell table:style-name=\"Cell\" "
	    "office:value-type=\"string\">");
	paragraphs(b, label);
	buf_puts(b, "</table:table-cell><table:table-cell table:style-name=\"Cell\" "
	    "office:value-type=\"string\">");
	paragraphs(b, value);
	buf_puts(b, "</table:table-cell></table:table-row>");
}

static const char *
col(sqlite3_stmt *st, int c)
{
	const unsigned char *s = sqlite3_column_text(st, c);

	return s ? (const char *)s : "";
}

static const char *
label(enum key k)
{
	for (size_t i = 0; i < ndc_nfields; i++)
		if (ndc_fields[i].key == k)
			return ndc_fields[i].zh;
	return "";
}

/* Appends one proposal, the current row of st, as the NDC form. */
static void
proposal_xml(struct buf *b, sqlite3_stmt *st, int first)
{
	static const char *const zh[] = { "透明", "公共參與", "課責" };
	struct buf	 v = { 0 };
	const char	*kind = col(st, OC_KIND);
	unsigned	 mask = (unsigned)sqlite3_column_int(st, OC_VALUES);
	char		 when[64];
	time_t		 t;

	buf_printf(b, "<text:p text:style-name=\"%s\">建議政府應該新增承諾事項表單"
	    "</text:p>", first ? "Title" : "NewPage");
	buf_printf(b, "<text:p text:style-name=\"Standard\">提案編號 #%s",
	    col(st, OC_ID));
	if (strcmp(col(st, OC_STATUS), "submitted") != 0)
		buf_printf(b, "（%s）", strcmp(col(st, OC_STATUS), "draft") == 0 ?
		    "草稿，尚未送出" : "已撤回");
	if (when_parse(col(st, OC_SUBMITTED), 0, &t) == 0) {
		when_roc(t, when, sizeof(when));
		buf_puts(b, "　送出日期：");
		xml_text(b, when, strlen(when));
	}
	buf_printf(b, "</text:p><table:table table:name=\"Proposal%s\" "
	    "table:style-name=\"Form\"><table:table-column table:style-name="
	    "\"Label\"/><table:table-column table:style-name=\"Value\"/>",
	    col(st, OC_ID));

	buf_puts(&v, strcmp(kind, "modify") == 0 ? "修改承諾事項" :
	    strcmp(kind, "delete") == 0 ? "刪除承諾事項" : "新增承諾事項");
	if (sqlite3_column_type(st, OC_T_COMMITMENT) != SQLITE_NULL)
		buf_printf(&v, "：%d-%d %s", sqlite3_column_int(st, OC_T_COMMITMENT),
		    sqlite3_column_int(st, OC_T_POSITION), col(st, OC_T_TITLE));
	row(b, "提案類型", buf_cstr(&v));
	row(b, label(KEY_TITLE), col(st, OC_TITLE));
	row(b, label(KEY_LEAD_AGENCY), *col(st, OC_LEAD_NAME) ?
	    col(st, OC_LEAD_NAME) : col(st, OC_LEAD_OTHER));
	row(b, label(KEY_PROBLEM), col(st, OC_PROBLEM));
	row(b, label(KEY_COMMITMENT), col(st, OC_COMMITMENT));
	row(b, label(KEY_CONTRIBUTION), col(st, OC_CONTRIBUTION));
	buf_reset(&v);
	for (unsigned i = 0; i < 3; i++)
		buf_printf(&v, "%s%s　", mask & (1u << i) ? "☑" : "☐", zh[i]);
	buf_printf(&v, "\n%s", col(st, OC_RELEVANCE));
	row(b, label(KEY_RELEVANCE), buf_cstr(&v));
	if (*col(st, OC_MILESTONES) != '\0') {
		/* The optional milestones, one per line. */
		buf_reset(&v);
		for (const char *p = col(st, OC_MILESTONES); *p; p++)
			if (*p == '\t')
				buf_puts(&v, "　");
			else
				buf_putc(&v, *p);
		while (v.len > 0 && v.data[v.len - 1] == '\n')
			v.data[--v.len] = '\0';
		row(b, "里程碑（選填）", buf_cstr(&v));
	}
	row(b, label(KEY_SUBMITTER), col(st, OC_SUBMITTER));
	buf_reset(&v);
	buf_printf(&v, "電話：%s\n電子郵件：%s", col(st, OC_PHONE),
	    col(st, OC_EMAIL));
	row(b, label(KEY_PHONE), buf_cstr(&v));
	buf_puts(b, "</table:table>");
	buf_free(&v);
}

/* The state of the content.xml source while libzip reads it. */
struct content {
	struct db	*db;
	sqlite3_stmt	*st;
	int		 mode;
	long long	 only;
	struct buf	 pending;
	size_t		 off;
	int		 state;		/* 0 head, 1 rows, 2 tail written */
	long long	 rows;
	zip_error_t	 error;
	time_t		 mtime;
	void		(*progress)(long long, void *);
	void		*arg;
};

/* Fills c->pending with at least want bytes unless the end is reached. */
static int
content_more(struct content *c, size_t want)
{
	int	 rc;

	/* Drop what libzip has read already, so memory stays flat. */
	if (c->off > 0) {
		memmove(c->pending.data, c->pending.data + c->off,
		    c->pending.len - c->off);
		c->pending.len -= c->off;
		c->off = 0;
	}
	while (c->pending.len < want && c->state != 2) {
		if (c->state == 0) {
			buf_puts(&c->pending, content_head);
			c->state = 1;
			continue;
		}
		if ((rc = sqlite3_step(c->st)) == SQLITE_ROW) {
			proposal_xml(&c->pending, c->st, c->rows == 0);
			if (++c->rows % 1000 == 0 && c->progress != NULL)
				c->progress(c->rows, c->arg);
		} else if (rc == SQLITE_DONE) {
			if (c->rows == 0)
				buf_puts(&c->pending, "<text:p text:style-name="
				    "\"Title\">（沒有提案）</text:p>");
			buf_puts(&c->pending, content_tail);
			c->state = 2;
		} else
			return -1;
	}
	return 0;
}

static zip_int64_t
content_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct content	*c = ud;
	size_t		 n;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		sqlite3_reset(c->st);
		sqlite3_clear_bindings(c->st);
		sqlite3_bind_int(c->st, 1, c->mode);
		if (c->only)
			sqlite3_bind_int64(c->st, 2, c->only);
		buf_reset(&c->pending);
		c->off = 0;
		c->state = 0;
		c->rows = 0;
		return 0;
	case ZIP_SOURCE_READ:
		if (content_more(c, (size_t)len) == -1) {
			zip_error_set(&c->error, ZIP_ER_READ, 0);
			return -1;
		}
		n = c->pending.len - c->off;
		if (n > len)
			n = (size_t)len;
		memcpy(data, c->pending.data + c->off, n);
		c->off += n;
		return (zip_int64_t)n;
	case ZIP_SOURCE_CLOSE:
		sqlite3_reset(c->st);
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *zs = data;
		zip_stat_init(zs);
		zs->mtime = c->mtime;
		zs->valid |= ZIP_STAT_MTIME;
		return sizeof(*zs);
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&c->error, data, len);
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN,
		    ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
		    ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&c->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* Adds a file from memory (copied by libzip) with the fixed time stamp. */
static int
add_static(zip_t *z, const char *name, const char *data, size_t len,
    time_t mtime, int store)
{
	zip_source_t	*src;
	zip_int64_t	 idx;

	if ((src = zip_source_buffer(z, data, len, 0)) == NULL)
		return -1;
	if ((idx = zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(src);
		return -1;
	}
	if (zip_file_set_mtime(z, (zip_uint64_t)idx, mtime, 0) == -1)
		return -1;
	if (store && zip_set_file_compression(z, (zip_uint64_t)idx,
	    ZIP_CM_STORE, 0) == -1)
		return -1;
	return 0;
}

/*
 * Writes the ODT of the proposals of this mode (as STMT_EXPORT; only, when
 * not zero, just that one) to path, the ROC date of now in its header.
 * Returns the number of proposals, or -1 (path is then not written).
 */
int
export_odt(struct db *db, int mode, long long only, time_t now,
    const char *path, void (*progress)(long long, void *), void *arg)
{
	struct content	 c;
	struct buf	 styles = { 0 };
	zip_t		*z;
	zip_source_t	*src;
	zip_int64_t	 idx;
	char		 roc[64], header[256];
	int		 err, rc = -1;

	memset(&c, 0, sizeof(c));
	c.db = db;
	c.st = db_stmt(db, STMT_EXPORT);
	c.mode = mode;
	c.only = only;
	c.progress = progress;
	c.arg = arg;
	/* Midnight of the day in Taipei: the same bytes all day long. */
	c.mtime = now - (now + WHEN_TAIPEI_OFFSET) % 86400;
	zip_error_init(&c.error);
	when_roc(now, roc, sizeof(roc));
	snprintf(header, sizeof(header), "我國開放政府國家行動方案建議承諾事項　"
	    "匯出日期：%s", roc);
	buf_printf(&styles, styles_fmt, header);

	if ((z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err)) == NULL)
		goto out;
	if (add_static(z, "mimetype", "application/vnd.oasis.opendocument.text",
	    39, c.mtime, 1) == -1 ||
	    add_static(z, "META-INF/manifest.xml", manifest_xml,
	    sizeof(manifest_xml) - 1, c.mtime, 0) == -1 ||
	    add_static(z, "styles.xml", styles.data, styles.len, c.mtime, 0) == -1 ||
	    add_static(z, "meta.xml", meta_xml, sizeof(meta_xml) - 1, c.mtime,
	    0) == -1)
		goto discard;
	if ((src = zip_source_function(z, content_cb, &c)) == NULL)
		goto discard;
	if ((idx = zip_file_add(z, "content.xml", src, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(src);
		goto discard;
	}
	if (zip_file_set_mtime(z, (zip_uint64_t)idx, c.mtime, 0) == -1)
		goto discard;
	/* zip_close writes to a temporary file and renames it into place. */
	if (zip_close(z) == -1) {
		fprintf(stderr, "cocreate: %s: %s\n", path, zip_strerror(z));
		goto discard;
	}
	if (progress != NULL)
		progress(c.rows, arg);
	rc = (int)c.rows;
	goto out;
discard:
	zip_discard(z);
out:
	sqlite3_reset(c.st);
	zip_error_fini(&c.error);
	buf_free(&c.pending);
	buf_free(&styles);
	return rc;
}
