// The C API over Google ctemplate: the only C++ in cocreate.
//
// Templates are compiled into the binary (see the Makefile's embed step),
// loaded into ctemplate's cache once at start-up, and the cache is frozen
// before the workers fork, so every worker shares the parsed templates and
// expansion never touches the disk.  Every function catches every exception:
// C callers see NULL or -1, never an unwinding stack.

#include <cstdarg>
#include <cstdio>
#include <new>
#include <string>

#include <ctemplate/template.h>
#include <ctemplate/template_emitter.h>

extern "C" {
#include "extern.h"
}

namespace {

// Blank lines in templates are layout for the reader, not for the browser.
const ctemplate::Strip kStrip = ctemplate::STRIP_BLANK_LINES;

ctemplate::TemplateDictionary *
D(struct tmpl_dict *d)
{
	return reinterpret_cast<ctemplate::TemplateDictionary *>(d);
}

struct tmpl_dict *
C(ctemplate::TemplateDictionary *d)
{
	return reinterpret_cast<struct tmpl_dict *>(d);
}

// Variable and section names, each made once into a StaticTemplateString
// whose id ctemplate computes once.  A name given as a plain char * costs
// a MurmurHash and a lookup in ctemplate's global id map on every
// SetValue; a page sets hundreds, so the names are kept here, by content
// (a few hundred distinct names, never freed: they live as long as the
// templates).
struct Key {
	const char			*name;
	size_t				 len;
	unsigned			 hash;
	ctemplate::StaticTemplateString	 sts;
};

const size_t kKeySlots = 4096;	// a power of two, well above the names used
Key *keys[kKeySlots];

const ctemplate::StaticTemplateString &
K(const char *name)
{
	size_t		 len = std::char_traits<char>::length(name);
	unsigned	 h = 2166136261u;
	size_t		 i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	for (i = h & (kKeySlots - 1); keys[i] != NULL;
	    i = (i + 1) & (kKeySlots - 1))
		if (keys[i]->hash == h && keys[i]->len == len &&
		    std::char_traits<char>::compare(keys[i]->name, name, len) == 0)
			return keys[i]->sts;
	// A new name (the table is never close to full: see kKeySlots).
	char *copy = new char[len + 1];
	std::char_traits<char>::copy(copy, name, len + 1);
	Key *k = new Key;
	k->name = copy;
	k->len = len;
	k->hash = h;
	k->sts.do_not_use_directly_.ptr_ = copy;
	k->sts.do_not_use_directly_.length_ = len;
	k->sts.do_not_use_directly_.id_ = ctemplate::kIllegalTemplateId;
	ctemplate::StaticTemplateStringInitializer init(&k->sts);
	keys[i] = k;
	return k->sts;
}

// Writes the expansion straight into a struct buf, without a std::string
// in between.
class BufEmitter : public ctemplate::ExpandEmitter {
 public:
	explicit BufEmitter(struct buf *b) : b_(b), failed_(false) {}
	void Emit(char c) override { Put(&c, 1); }
	void Emit(const std::string &s) override { Put(s.data(), s.size()); }
	void Emit(const char *s) override { Put(s, std::char_traits<char>::length(s)); }
	void Emit(const char *s, size_t n) override { Put(s, n); }
	bool failed() const { return failed_; }

 private:
	void Put(const char *s, size_t n)
	{
		if (!failed_ && buf_append(b_, s, n) == -1)
			failed_ = true;
	}
	struct buf *b_;
	bool failed_;
};

}  // namespace

extern "C" {

// Loads every embedded template into the cache and freezes it.  Returns 0,
// or -1 after printing which template did not parse.
int
tmpl_init(void)
{
	try {
		ctemplate::TemplateCache *cache =
		    ctemplate::mutable_default_template_cache();
		for (size_t i = 0; i < embedded_ntemplates; i++) {
			const struct embedded *e = &embedded_templates[i];
			if (!cache->StringToTemplateCache(e->name,
			    reinterpret_cast<const char *>(e->data), e->len,
			    kStrip)) {
				fprintf(stderr, "cocreate: template %s does not "
				    "parse\n", e->name);
				return -1;
			}
		}
		cache->Freeze();
		return 0;
	} catch (...) {
		fprintf(stderr, "cocreate: templates: out of memory\n");
		return -1;
	}
}

void
tmpl_shutdown(void)
{
	try {
		ctemplate::mutable_default_template_cache()->ClearCache();
	} catch (...) {
	}
}

// Returns 1 when a template of that name was compiled in.
int
tmpl_exists(const char *name)
{
	for (size_t i = 0; i < embedded_ntemplates; i++)
		if (std::string(embedded_templates[i].name) == name)
			return 1;
	return 0;
}

// Returns a new, empty dictionary that the caller frees with
// tmpl_dict_free(), or NULL when memory runs out.  Sub-dictionaries made
// with tmpl_section() and tmpl_include() belong to it.
struct tmpl_dict *
tmpl_dict_new(void)
{
	try {
		return C(new ctemplate::TemplateDictionary("page"));
	} catch (...) {
		return NULL;
	}
}

void
tmpl_dict_free(struct tmpl_dict *d)
{
	delete D(d);
}

// Sets a variable; the value is copied.  A NULL dictionary is ignored so
// that a failed allocation upstream does not have to be checked twice.
void
tmpl_setn(struct tmpl_dict *d, const char *key, const char *val, size_t len)
{
	if (d == NULL || val == NULL)
		return;
	try {
		D(d)->SetValue(K(key), ctemplate::TemplateString(val, len));
	} catch (...) {
	}
}

void
tmpl_set(struct tmpl_dict *d, const char *key, const char *val)
{
	if (val != NULL)
		tmpl_setn(d, key, val, std::char_traits<char>::length(val));
}

void
tmpl_set_int(struct tmpl_dict *d, const char *key, long long v)
{
	char	 s[32];

	snprintf(s, sizeof(s), "%lld", v);
	tmpl_set(d, key, s);
}

// Sets a formatted value of any length (titles of 200 CJK characters are
// 600 bytes and must not be cut in the middle of a character).
void
tmpl_setf(struct tmpl_dict *d, const char *key, const char *fmt, ...)
{
	struct buf	 b = { NULL, 0, 0 };
	va_list		 ap;
	int		 rc;

	va_start(ap, fmt);
	rc = buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (rc == 0)
		tmpl_setn(d, key, b.data, b.len);
	buf_free(&b);
}

// Sets a value seen by this dictionary and every template it includes.
void
tmpl_set_global(struct tmpl_dict *d, const char *key, const char *val)
{
	if (d == NULL || val == NULL)
		return;
	try {
		D(d)->SetTemplateGlobalValue(K(key), val);
	} catch (...) {
	}
}

void
tmpl_show(struct tmpl_dict *d, const char *section)
{
	if (d == NULL)
		return;
	try {
		D(d)->ShowSection(K(section));
	} catch (...) {
	}
}

// Adds one repetition of a section and returns its dictionary (owned by d),
// or NULL.
struct tmpl_dict *
tmpl_section(struct tmpl_dict *d, const char *section)
{
	if (d == NULL)
		return NULL;
	try {
		return C(D(d)->AddSectionDictionary(K(section)));
	} catch (...) {
		return NULL;
	}
}

// Fills the include marker {{>marker}} with the template called filename
// and returns the dictionary for it (owned by d), or NULL.
struct tmpl_dict *
tmpl_include(struct tmpl_dict *d, const char *marker, const char *filename)
{
	if (d == NULL)
		return NULL;
	try {
		ctemplate::TemplateDictionary *sub =
		    D(d)->AddIncludeDictionary(K(marker));
		sub->SetFilename(filename);
		return C(sub);
	} catch (...) {
		return NULL;
	}
}

// Expands the named template with d and appends the output to out.
// Returns 0, or -1 when the template is unknown or memory runs out (out may
// then hold part of the page; callers discard it).
int
tmpl_render(const char *name, const struct tmpl_dict *d, struct buf *out)
{
	if (d == NULL)
		return -1;
	try {
		BufEmitter e(out);
		bool ok = ctemplate::mutable_default_template_cache()->
		    ExpandNoLoad(name, kStrip,
		    reinterpret_cast<const ctemplate::TemplateDictionary *>(d),
		    NULL, &e);
		return ok && !e.failed() ? 0 : -1;
	} catch (...) {
		return -1;
	}
}

}  // extern "C"
