// The C API over Google ctemplate: the only C++ in cocreate.
//
// Templates are compiled into the binary (see the Makefile's embed step),
// loaded into ctemplate's cache once at start-up, and the cache is frozen
// before the workers fork, so every worker shares the parsed templates and
// expansion never touches the disk.  Every function catches every exception:
// C callers see NULL or -1, never an unwinding stack.

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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


// Variable, section and include names, interned: each distinct name gets
// a small number once, and dictionaries compare numbers.  The table is
// filled by content (the C code's literals and the names ctemplate asks
// for), is never freed and never close to full: a few hundred names.
struct Key {
	const char	*name;
	size_t		 len;
	unsigned	 hash;
};

const size_t kKeySlots = 4096;	// a power of two, well above the names used
Key	 keys[kKeySlots];
unsigned slot_of[kKeySlots];	// slot + 1 of key number n, for n > 0
unsigned nkeys;			// key numbers are 1..nkeys; 0 is "none"
unsigned key_no[kKeySlots];	// key number of a filled slot

unsigned
hash_name(const char *name, size_t len)
{
	unsigned	 h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	return h;
}

// Returns the number of the name, adding it when add is set; 0 when it is
// unknown (and not added) or the table is full.
unsigned
K(const char *name, size_t len, bool add)
{
	unsigned	 h = hash_name(name, len);
	size_t		 i;

	for (i = h & (kKeySlots - 1); keys[i].name != NULL;
	    i = (i + 1) & (kKeySlots - 1))
		if (keys[i].hash == h && keys[i].len == len &&
		    std::char_traits<char>::compare(keys[i].name, name, len) == 0)
			return key_no[i];
	if (!add || nkeys + 1 >= kKeySlots / 2)
		return 0;
	char *copy = static_cast<char *>(malloc(len + 1));
	if (copy == NULL)
		return 0;
	std::char_traits<char>::copy(copy, name, len);
	copy[len] = '\0';
	keys[i].name = copy;
	keys[i].len = len;
	keys[i].hash = h;
	key_no[i] = ++nkeys;
	slot_of[nkeys] = (unsigned)i + 1;
	return nkeys;
}

// The same names come back by the same pointers (the C code's literals,
// the text of the frozen templates): a small cache by address answers
// most lookups with one comparison of the text, without hashing it.  The
// text is compared too (a buffer on the stack can hold another name at
// the same address), against a copy in the entry itself: following the
// key's own copy cost a cache miss or two a lookup, and a page makes
// thousands (Kp and its memcmp were an eighth of an agency page's time).
struct Seen {
	const char	*ptr;
	unsigned	 len;
	unsigned	 key;		// 0: not a name in the table ...
	unsigned	 gen;		// ... when it had nkeys names
	char		 text[20];	// a copy of the name, when it fits
};
const unsigned kSeenBits = 12;
const size_t kSeenSlots = (size_t)1 << kSeenBits;
Seen	 seen[kSeenSlots];
static_assert(sizeof(Seen::text) <= 24, "same_short() compares 24 bytes at most");

// Whether the len bytes at a and b are the same, len at most 24: two or
// three loads each, overlapping, none past either end; a call to memcmp
// for names of a few bytes was most of a lookup's cost.
inline bool
same_short(const char *a, const char *b, size_t len)
{
	uint64_t	 x, y, x2, y2, x3, y3;
	uint32_t	 u, v, u2, v2;

	if (len >= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		memcpy(&x2, a + len - 8, 8);
		memcpy(&y2, b + len - 8, 8);
		if (len <= 16)
			return ((x ^ y) | (x2 ^ y2)) == 0;
		memcpy(&x3, a + 8, 8);
		memcpy(&y3, b + 8, 8);
		return ((x ^ y) | (x2 ^ y2) | (x3 ^ y3)) == 0;
	}
	if (len >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		memcpy(&u2, a + len - 4, 4);
		memcpy(&v2, b + len - 4, 4);
		return ((u ^ v) | (u2 ^ v2)) == 0;
	}
	return len == 0 || (a[0] == b[0] && a[len / 2] == b[len / 2] &&
	    a[len - 1] == b[len - 1]);
}

// A name longer than a cache entry holds, or not in the cache: looked up
// in (or added to) the table, and remembered.  Out of line, so that a hit
// saves and restores no registers (their pushes and pops were a third of
// a lookup).
__attribute__((noinline)) unsigned
KpSlow(Seen *e, const char *name, size_t len, bool add)
{
	unsigned key;

	if (len > sizeof(e->text) && e->ptr == name && e->len == len &&
	    e->key != 0 && std::char_traits<char>::compare(
	    keys[slot_of[e->key] - 1].name, name, len) == 0)
		return e->key;
	key = K(name, len, add);
	if (key != 0 || len <= sizeof(e->text)) {
		e->ptr = name;
		e->len = (unsigned)len;
		e->key = key;
		e->gen = nkeys;
		if (len <= sizeof(e->text))
			std::char_traits<char>::copy(e->text, name, len);
	}
	return key;
}

inline unsigned
Kp(const char *name, size_t len, bool add)
{
	// Fibonacci hashing of the address: names a few bytes apart in a
	// template's text fall in different slots.
	Seen	*e = &seen[(uint64_t)reinterpret_cast<uintptr_t>(name) *
		    0x9E3779B97F4A7C15ull >> (64 - kSeenBits)];

	// A name no dictionary has (a form's error variables on a page
	// without errors) is remembered as unknown until the table grows.
	if (e->ptr == name && e->len == len && len <= sizeof(e->text) &&
	    (e->key != 0 || e->gen == nkeys) &&
	    same_short(e->text, name, len))
		return e->key;
	return KpSlow(e, name, len, add);
}

unsigned
K(const char *name)
{
	return Kp(name, std::char_traits<char>::length(name), true);
}

// The memory of one page's dictionaries: chunks handed out by a pointer
// bump and freed all at once.  A few freed chunks are kept for the next
// page, so a page costs no malloc at all once the worker is warm.
struct Chunk {
	Chunk	*next;
	size_t	 size;
	// the memory follows
};

const size_t kChunk = 32768;
Chunk	*spare;			// freed chunks of kChunk bytes
int	 nspare;
const int kMaxSpare = 8;

struct Arena {
	Chunk	*head;
	char	*p, *end;

	void *Alloc(size_t n)
	{
		n = (n + 15) & ~(size_t)15;
		if ((size_t)(end - p) < n && !Grow(n))
			return NULL;
		void *r = p;
		p += n;
		return r;
	}

	bool Grow(size_t n)
	{
		size_t	 size = kChunk;
		Chunk	*c;

		if (n + sizeof(Chunk) + 16 > size)
			size = n + sizeof(Chunk) + 16;
		if (size == kChunk && spare != NULL) {
			c = spare;
			spare = c->next;
			nspare--;
		} else if ((c = static_cast<Chunk *>(malloc(size))) == NULL)
			return false;
		c->size = size;
		c->next = head;
		head = c;
		p = reinterpret_cast<char *>(c) + ((sizeof(Chunk) + 15) & ~(size_t)15);
		end = reinterpret_cast<char *>(c) + size;
		return true;
	}

	void Release()
	{
		while (head != NULL) {
			Chunk *c = head;
			head = c->next;
			if (c->size == kChunk && nspare < kMaxSpare) {
				c->next = spare;
				spare = c;
				nspare++;
			} else
				free(c);
		}
		p = end = NULL;
	}
};

class Dict;

// A variable: key number and value (in the arena, NUL-terminated).
struct Var {
	unsigned	 key;
	unsigned	 len;
	const char	*val;
};

// The dictionaries of a section or an include marker, in order.
struct List {
	unsigned	 key;
	unsigned	 n, cap;
	Dict		**dicts;
};

// Small arrays that grow by doubling inside the arena.
template <typename T> struct Vec {
	T		*v;
	unsigned	 n, cap;

	T *Add(Arena *a)
	{
		if (n == cap) {
			unsigned c = cap ? cap * 2 : 4;
			T *nv = static_cast<T *>(a->Alloc(c * sizeof(T)));
			if (nv == NULL)
				return NULL;
			if (n > 0)
				memcpy(nv, v, n * sizeof(T));
			v = nv;
			cap = c;
		}
		return &v[n++];
	}
};

// One page's dictionary tree, as ctemplate reads it while expanding:
// variables are looked up in the dictionary, then its parents (not across
// an include), then the page's template-global values, as ctemplate's own
// TemplateDictionary does.  What differs is the cost: no std::map, no
// std::string, no name made up for every section, nothing freed one by
// one; a page of 50 comments fills and frees in a fraction of the time.
class Dict : public ctemplate::TemplateDictionaryInterface {
 public:
	Dict(Dict *parent, Dict *root) : parent_(parent),
	    root_(root ? root : this), filename_(NULL)
	{
		memset(&vars_, 0, sizeof(vars_));
		memset(&sections_, 0, sizeof(sections_));
		memset(&includes_, 0, sizeof(includes_));
		memset(&globals_, 0, sizeof(globals_));
		memset(&arena_, 0, sizeof(arena_));
	}

	// The root owns the arena and the template-global values.
	static Dict *NewRoot()
	{
		Arena	 a;

		memset(&a, 0, sizeof(a));
		void *m = a.Alloc(sizeof(Dict));
		if (m == NULL) {
			a.Release();
			return NULL;
		}
		Dict *d = new (m) Dict(NULL, NULL);
		d->arena_ = a;
		return d;
	}

	void FreeRoot()
	{
		Arena a = arena_;	// the root itself lives in it
		a.Release();
	}

	Arena *arena() { return &root_->arena_; }

	bool Set(Vec<Var> *vs, unsigned key, const char *val, size_t len)
	{
		char *copy;

		if (key == 0 || len > 0xffffffffu ||
		    (copy = static_cast<char *>(arena()->Alloc(len + 1))) == NULL)
			return false;
		memcpy(copy, val, len);
		copy[len] = '\0';
		for (unsigned i = 0; i < vs->n; i++)
			if (vs->v[i].key == key) {
				vs->v[i].val = copy;
				vs->v[i].len = (unsigned)len;
				return true;
			}
		Var *v = vs->Add(arena());
		if (v == NULL)
			return false;
		v->key = key;
		v->len = (unsigned)len;
		v->val = copy;
		return true;
	}

	bool SetValue(unsigned key, const char *val, size_t len)
	{
		return Set(&vars_, key, val, len);
	}

	bool SetGlobal(unsigned key, const char *val, size_t len)
	{
		return root_->Set(&root_->globals_, key, val, len);
	}

	static List *Find(const Vec<List> *ls, unsigned key)
	{
		for (unsigned i = 0; i < ls->n; i++)
			if (ls->v[i].key == key)
				return &ls->v[i];
		return NULL;
	}

	// Adds a dictionary to the list key of ls; parent is NULL for an
	// include (no lookups across files).
	Dict *AddTo(Vec<List> *ls, unsigned key, Dict *parent)
	{
		List	*l;

		if (key == 0)
			return NULL;
		if ((l = Find(ls, key)) == NULL) {
			if ((l = ls->Add(arena())) == NULL)
				return NULL;
			memset(l, 0, sizeof(*l));
			l->key = key;
		}
		if (l->n == l->cap) {
			unsigned c = l->cap ? l->cap * 2 : 4;
			Dict **nd = static_cast<Dict **>(
			    arena()->Alloc(c * sizeof(Dict *)));
			if (nd == NULL)
				return NULL;
			if (l->n > 0)
				memcpy(nd, l->dicts, l->n * sizeof(Dict *));
			l->dicts = nd;
			l->cap = c;
		}
		void *m = arena()->Alloc(sizeof(Dict));
		if (m == NULL)
			return NULL;
		Dict *d = new (m) Dict(parent, root_);
		l->dicts[l->n++] = d;
		return d;
	}

	Dict *AddSection(unsigned key)
	{
		return AddTo(&sections_, key, this);
	}

	void ShowSection(unsigned key)
	{
		if (key != 0 && Find(&sections_, key) == NULL)
			AddTo(&sections_, key, this);
	}

	Dict *AddInclude(unsigned key, const char *filename)
	{
		size_t	 n = std::char_traits<char>::length(filename);
		char	*f = static_cast<char *>(arena()->Alloc(n + 1));

		if (f == NULL)
			return NULL;
		memcpy(f, filename, n + 1);
		Dict *d = AddTo(&includes_, key, NULL);
		if (d != NULL)
			d->filename_ = f;
		return d;
	}

 protected:
	// The iterator ctemplate asks for, and deletes, for every section
	// and include it expands: taken from a free list, not malloc.
	class Iter : public ctemplate::TemplateDictionaryInterface::Iterator {
	 public:
		Iter(Dict *const *b, Dict *const *e) : b_(b), e_(e) {}
		bool HasNext() const override { return b_ != e_; }
		const ctemplate::TemplateDictionaryInterface &Next() override
		{
			return **b_++;
		}
		static void *operator new(size_t n)
		{
			if (free_ != NULL) {
				void *p = free_;
				free_ = *static_cast<void **>(p);
				return p;
			}
			return ::operator new(n);
		}
		static void operator delete(void *p)
		{
			*static_cast<void **>(p) = free_;
			free_ = p;
		}
	 private:
		Dict *const	*b_;
		Dict *const	*e_;
		static void	*free_;
	};

	static unsigned Key(const ctemplate::TemplateString &s)
	{
		return Kp(s.data(), s.size(), false);
	}

	ctemplate::TemplateString GetValue(
	    const ctemplate::TemplateString &variable) const override
	{
		unsigned key = Key(variable);

		if (key != 0) {
			for (const Dict *d = this; d != NULL; d = d->parent_)
				for (unsigned i = 0; i < d->vars_.n; i++)
					if (d->vars_.v[i].key == key)
						return ctemplate::TemplateString(
						    d->vars_.v[i].val,
						    d->vars_.v[i].len);
			const Vec<Var> *g = &root_->globals_;
			for (unsigned i = 0; i < g->n; i++)
				if (g->v[i].key == key)
					return ctemplate::TemplateString(
					    g->v[i].val, g->v[i].len);
		}
		// ctemplate's two built-in values.
		if (variable.size() == 8 &&
		    memcmp(variable.data(), "BI_SPACE", 8) == 0)
			return ctemplate::TemplateString(" ", 1);
		if (variable.size() == 10 &&
		    memcmp(variable.data(), "BI_NEWLINE", 10) == 0)
			return ctemplate::TemplateString("\n", 1);
		return ctemplate::TemplateString("", 0);
	}

	const List *FindUp(unsigned key, bool include) const
	{
		const List *l;

		if (key == 0)
			return NULL;
		for (const Dict *d = this; d != NULL; d = d->parent_)
			if ((l = Find(include ? &d->includes_ : &d->sections_,
			    key)) != NULL)
				return l;
		return NULL;
	}

	bool IsHiddenSection(
	    const ctemplate::TemplateString &name) const override
	{
		return FindUp(Key(name), false) == NULL;
	}

	bool IsUnhiddenSection(
	    const ctemplate::TemplateString &name) const override
	{
		return !IsHiddenSection(name);
	}

	bool IsHiddenTemplate(
	    const ctemplate::TemplateString &name) const override
	{
		return FindUp(Key(name), true) == NULL;
	}

	const char *GetIncludeTemplateName(
	    const ctemplate::TemplateString &variable,
	    int dictnum) const override
	{
		const List *l = FindUp(Key(variable), true);

		if (l == NULL || dictnum < 0 || (unsigned)dictnum >= l->n ||
		    l->dicts[dictnum]->filename_ == NULL)
			return "";
		return l->dicts[dictnum]->filename_;
	}

	Iterator *CreateIter(const List *l) const
	{
		if (l == NULL)
			return new Iter(NULL, NULL);
		return new Iter(l->dicts, l->dicts + l->n);
	}

	Iterator *CreateTemplateIterator(
	    const ctemplate::TemplateString &name) const override
	{
		return CreateIter(FindUp(Key(name), true));
	}

	Iterator *CreateSectionIterator(
	    const ctemplate::TemplateString &name) const override
	{
		return CreateIter(FindUp(Key(name), false));
	}

	void DumpToString(std::string *out, int level) const override
	{
		std::string pad((size_t)level, ' ');

		for (unsigned i = 0; i < vars_.n; i++)
			*out += pad + keys[slot_of[vars_.v[i].key] - 1].name +
			    ": " + vars_.v[i].val + "\n";
		for (unsigned i = 0; i < sections_.n; i++)
			for (unsigned j = 0; j < sections_.v[i].n; j++) {
				*out += pad + "section " + keys[slot_of[
				    sections_.v[i].key] - 1].name + "\n";
				sections_.v[i].dicts[j]->DumpToString(out,
				    level + 2);
			}
		for (unsigned i = 0; i < includes_.n; i++)
			for (unsigned j = 0; j < includes_.v[i].n; j++) {
				*out += pad + "include " + keys[slot_of[
				    includes_.v[i].key] - 1].name + "\n";
				includes_.v[i].dicts[j]->DumpToString(out,
				    level + 2);
			}
	}

 private:
	Dict		*parent_;
	Dict		*root_;
	const char	*filename_;
	Vec<Var>	 vars_;
	Vec<List>	 sections_;
	Vec<List>	 includes_;
	Vec<Var>	 globals_;	// the root's only
	Arena		 arena_;	// the root's only
};

void *Dict::Iter::free_ = NULL;

Dict *
D(struct tmpl_dict *d)
{
	return reinterpret_cast<Dict *>(d);
}

struct tmpl_dict *
C(Dict *d)
{
	return reinterpret_cast<struct tmpl_dict *>(d);
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
		// Most pieces fit in the room there is: copy them here.
		if (b_->data != NULL && n < b_->cap - b_->len) {
			memcpy(b_->data + b_->len, s, n);
			b_->len += n;
			b_->data[b_->len] = '\0';
		} else if (!failed_ && buf_append(b_, s, n) == -1)
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
	return C(Dict::NewRoot());
}

void
tmpl_dict_free(struct tmpl_dict *d)
{
	if (d != NULL)
		D(d)->FreeRoot();
}

// Sets a variable; the value is copied.  A NULL dictionary is ignored so
// that a failed allocation upstream does not have to be checked twice.
void
tmpl_setn(struct tmpl_dict *d, const char *key, const char *val, size_t len)
{
	if (d == NULL || val == NULL)
		return;
	D(d)->SetValue(K(key), val, len);
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
	char			 s[24], *p = s + sizeof(s);
	unsigned long long	 u = v < 0 ? 0ULL - (unsigned long long)v :
				    (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		*--p = '-';
	tmpl_setn(d, key, p, (size_t)(s + sizeof(s) - p));
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
	D(d)->SetGlobal(K(key), val, std::char_traits<char>::length(val));
}

void
tmpl_show(struct tmpl_dict *d, const char *section)
{
	if (d != NULL)
		D(d)->ShowSection(K(section));
}

// Adds one repetition of a section and returns its dictionary (owned by d),
// or NULL.
struct tmpl_dict *
tmpl_section(struct tmpl_dict *d, const char *section)
{
	if (d == NULL)
		return NULL;
	return C(D(d)->AddSection(K(section)));
}

// Fills the include marker {{>marker}} with the template called filename
// and returns the dictionary for it (owned by d), or NULL.
struct tmpl_dict *
tmpl_include(struct tmpl_dict *d, const char *marker, const char *filename)
{
	if (d == NULL || filename == NULL)
		return NULL;
	return C(D(d)->AddInclude(K(marker), filename));
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
		    reinterpret_cast<const Dict *>(d), NULL, &e);
		return ok && !e.failed() ? 0 : -1;
	} catch (...) {
		return -1;
	}
}

}  // extern "C"
