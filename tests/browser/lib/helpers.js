'use strict';
// What every browser test gets: pages in fresh browser contexts (with or
// without JavaScript, at a given width), staff login, axe-core, checks of
// labels and layout, screenshots, and data seeded over HTTP.

const assert = require('assert');
const fs = require('fs');
const path = require('path');

const OUT = path.resolve(__dirname, '..', 'out');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/* Thrown by a test that cannot run yet: reported as skipped. */
class Skip extends Error {}

/* The staff accounts the runner creates (cocreate user add). */
const STAFF = {
	organizer: { login: 'org-browser', role: 'organizer', agency: null,
	    password: 'browser-organizer-pw-2020' },
	agency: { login: 'moe-browser', role: 'agency', agency: 'moe',
	    password: 'browser-agency-pw-2020' },
};

const CSRF_RE = /<input type="hidden" name="csrf" value="([^"]*)">/;
const EDIT_RE = /\/proposals\/(\d+)\/edit\?token=([A-Za-z0-9_-]+)/;

/* Text for the NDC form, in Chinese, with line breaks in the long fields. */
function proposalText(tag) {
	return {
		title: `公開各部會政策諮詢會議之逐字紀錄（${tag}）`,
		problem: `目前各部會召開的政策諮詢會議多半只公布簡短結論，民眾無從得知討論過程。\n` +
		    `依據 2019 年的調查，超過六成的受訪者表示「看不到政府如何做決定」。`,
		commitment: `各部會於會議後十四日內公開逐字紀錄與簡報資料，並以開放格式上架至政府資料開放平臺。\n` +
		    `預期成果：一年內完成所有部會的公開作業。`,
		contribution: `讓公民能檢視決策過程，減少資訊落差，並使後續的公共討論有共同的事實基礎。`,
		relevance: `透明：公開會議紀錄。\n公共參與：民眾可依紀錄提出意見。`,
		submitter: '臺灣開放政府小組',
		phone: '02-2345-6789',
		email: 'citizen@example.org',
	};
}

/* An HTTP client with its own cookie jar (Playwright's request context). */
async function httpClient(playwright, base) {
	return playwright.request.newContext({ baseURL: base, maxRedirects: 0 });
}

async function csrfOf(api, url) {
	const r = await api.get(url);
	assert.strictEqual(r.status(), 200, `GET ${url}: ${r.status()}`);
	const m = CSRF_RE.exec(await r.text());
	assert(m, `GET ${url}: no csrf field`);
	return m[1];
}

/* POSTs a form; fields is an array of [name, value] (repeats allowed). */
async function postForm(api, url, fields) {
	const body = new URLSearchParams(fields).toString();
	return api.post(url, { data: body, headers: {
	    'Content-Type': 'application/x-www-form-urlencoded' } });
}

/* Logs a request context in as a staff member. */
async function apiLogin(api, who) {
	const csrf = await csrfOf(api, '/login');
	const r = await postForm(api, '/login', [['csrf', csrf], ['next', '/admin'],
	    ['login', who.login], ['password', who.password]]);
	assert.strictEqual(r.status(), 303, `POST /login as ${who.login}: ${r.status()}`);
}

/* A meeting's start and end, `days` ahead, as the form wants them. */
function meetingTimes(days) {
	const t = new Date(Date.now() + days * 86400e3 + 8 * 3600e3); // Taipei
	const day = t.toISOString().slice(0, 10);
	return [`${day}T14:00`, `${day}T16:30`];
}

/* Data for the page types: a submitted proposal, a draft, a meeting and a
 * comment, made over HTTP as a browser would send them. */
async function seed(playwright, base) {
	const api = await httpClient(playwright, base);
	const out = {};
	const t = proposalText('示例');
	const fields = [['kind', 'modify'], ['target_item', '1'], ['title', t.title],
	    ['lead_agency', 'ndc'], ['lead_agency_other', ''], ['problem', `${t.problem}（𠀋）`],
	    ['commitment', t.commitment], ['contribution', t.contribution],
	    ['value', 'transparency'], ['value', 'accountability'],
	    ['relevance', t.relevance], ['submitter', t.submitter],
	    ['phone', t.phone], ['email', t.email]];
	let csrf = await csrfOf(api, '/proposals/new');
	let r = await postForm(api, '/proposals', [['csrf', csrf], ['action', 'submit'], ...fields]);
	assert.strictEqual(r.status(), 303, `seed: POST /proposals submit: ${r.status()}`);
	let m = EDIT_RE.exec(r.headers().location);
	out.proposal = { id: Number(m[1]), token: m[2], title: t.title };

	r = await postForm(api, '/proposals', [['csrf', csrf], ['action', 'save'],
	    ['kind', 'add'], ['title', '草稿：社區參與預算的資訊公開'], ['problem', '尚在撰寫中。']]);
	assert.strictEqual(r.status(), 303, `seed: POST /proposals save: ${r.status()}`);
	m = EDIT_RE.exec(r.headers().location);
	out.draft = { id: Number(m[1]), token: m[2] };

	csrf = await csrfOf(api, `/proposals/${out.proposal.id}`);
	r = await postForm(api, `/proposals/${out.proposal.id}/comments`, [['csrf', csrf],
	    ['parent', ''], ['name', '林小姐'], ['affiliation', '社區大學'],
	    ['body', '很支持這個提案，**逐字紀錄**對地方團體特別重要。']]);
	assert.strictEqual(r.status(), 303, `seed: comment: ${r.status()}`);

	const staff = await httpClient(playwright, base);
	await apiLogin(staff, STAFF.organizer);
	csrf = await csrfOf(staff, '/admin/meetings/new');
	const [starts, ends] = meetingTimes(20);
	r = await postForm(staff, '/admin/meetings', [['csrf', csrf], ['action', 'save'],
	    ['agency', 'ndc'], ['title', '開放資料法制化 MSF 第一次會議'], ['item', '1'],
	    ['starts_at', starts], ['ends_at', ends], ['place', '國家發展委員會 B1 會議室'],
	    ['online_url', 'https://example.org/live'], ['agenda', '1. 草案說明\n2. 綜合討論'],
	    ['experts', '王教授, 臺灣大學\n陳律師, 開放文化基金會'], ['capacity', '30'],
	    ['minutes', ''], ['recording_url', '']]);
	assert.strictEqual(r.status(), 303, `seed: POST /admin/meetings: ${r.status()} ${(await r.text()).slice(0, 300)}`);
	m = /\/meetings\/(\d+)/.exec(r.headers().location);
	assert(m, `seed: meeting location ${r.headers().location}`);
	out.meeting = { id: Number(m[1]) };
	const [s2, e2] = meetingTimes(9);
	csrf = await csrfOf(staff, '/admin/meetings/new');
	r = await postForm(staff, '/admin/meetings', [['csrf', csrf], ['action', 'save'],
	    ['agency', 'moj'], ['title', '實質受益人資訊透明 MSF 諮詢會議'], ['item', '12'],
	    ['starts_at', s2], ['ends_at', e2], ['place', '法務部 2 樓簡報室'],
	    ['online_url', ''], ['agenda', '1. 實質受益人登記制度\n2. 開放資料格式'],
	    ['experts', '林研究員, 中央研究院'], ['capacity', '0'],
	    ['minutes', ''], ['recording_url', '']]);
	assert.strictEqual(r.status(), 303, `seed: second meeting: ${r.status()} ${(await r.text()).slice(0, 300)}`);
	await api.dispose();
	await staff.dispose();
	return out;
}

const staffStates = {};

/* promise, or an error naming what did not finish within ms (Playwright
 * gives these calls no time limit of their own). */
function bounded(promise, ms, what) {
	let timer;
	return Promise.race([promise, new Promise((resolve, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms / 1000} s`)), ms);
	})]).finally(() => clearTimeout(timer));
}

/*
 * The context a test gets.  Pages made with page() are closed after the
 * test; any JavaScript error or CSP violation on them fails the test.
 */
class TestContext {
	constructor({ browser, playwright, base, server, seed: data, name, results, attempt = 1 }) {
		this.browser = browser;
		this.playwright = playwright;
		this.base = base;
		this.server = server;
		this.seed = data;
		this.name = name;
		this.results = results;
		// Appended to what a flow makes, so that a second attempt (after a
		// hang) finds its own data, not the first attempt's.
		this.again = attempt > 1 ? `（第${attempt}次）` : '';
		this.contexts = [];
		this.problems = [];
	}

	skip(why) { throw new Skip(why); }

	/* A page in a new browser context (own cookies).  opts: js (true),
	 * width (1280), height, clock (install a fake clock first). */
	async page({ js = true, width = 1280, height = 900, staff = null } = {}) {
		const options = {
			baseURL: this.base, javaScriptEnabled: js, locale: 'zh-TW',
			timezoneId: 'Asia/Taipei', viewport: { width, height },
			storageState: staff ? await this.staffState(staff) : undefined,
		};
		const context = await bounded(this.browser.newContext(options), 20e3, 'browser.newContext()');
		context.setDefaultTimeout(10e3);
		this.contexts.push(context);
		const page = await bounded(context.newPage(), 20e3, 'context.newPage()');
		this.watch(page);
		return page;
	}

	/* The cookies of a staff session (logged in over HTTP once per run). */
	async staffState(who) {
		const key = `${this.base} ${who}`;
		if (!staffStates[key]) {
			const api = await httpClient(this.playwright, this.base);
			await apiLogin(api, STAFF[who]);
			staffStates[key] = await api.storageState();
			await api.dispose();
		}
		return staffStates[key];
	}

	/* Fails the test on uncaught errors and console errors (a CSP
	 * violation is one) on page. */
	watch(page) {
		page.on('pageerror', (e) => this.problems.push(`page error on ${page.url()}: ${e.message}`));
		page.on('console', (msg) => {
			// The page's own status (a 404 page, a form sent back with
			// 422) is what the test asked for, not an error.
			if (msg.type() === 'error' && !(msg.text().startsWith('Failed to load resource') &&
			    msg.location().url === page.url()))
				this.problems.push(`console error on ${page.url()}: ${msg.text()}`);
		});
	}

	async close() {
		for (const c of this.contexts)
			await c.close().catch(() => {});
		this.contexts = [];
	}

	/* Every open page, as a picture, for a failed test. */
	async failureShots() {
		let i = 0;
		for (const c of this.contexts)
			for (const p of c.pages()) {
				const file = path.join(OUT, `FAILED-${this.name.replace(/[^\w-]+/g, '_')}-${i++}.png`);
				await p.screenshot({ path: file, fullPage: true }).catch(() => {});
			}
	}

	/* Logs page in at /login as STAFF[who] and checks it worked. */
	async login(page, who) {
		const s = STAFF[who];
		await page.goto('/login');
		await page.fill('#login', s.login);
		await page.fill('#password', s.password);
		await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')),
		    page.click('form.login button[type=submit]')]);
		const text = await page.textContent('header.site');
		assert(text.includes(s.login), `after login the header does not name ${s.login}`);
	}

	/* Runs axe-core on page; returns the serious and critical violations
	 * as readable lines, and all violations. */
	async axe(page) {
		const has = await page.evaluate(() => typeof window.axe !== 'undefined');
		if (!has)
			await page.evaluate(AXE_SOURCE); // evaluated by the test, not the page's CSP
		const res = await page.evaluate(() => window.axe.run(document, {
			resultTypes: ['violations'],
		}));
		const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		return {
			all: res.violations,
			// color-contrast ran and passed on some text; what it could
			// not decide (text over an image, say) is "incomplete".
			contrastPassed: res.passes.some((v) => v.id === 'color-contrast'),
			undecidedAt: res.incomplete.filter((v) => v.id === 'color-contrast').flatMap((v) =>
			    v.nodes.map((n) => `${n.target.join(' ')}: ${n.any.length ? n.any[0].message : ''}`)),
			bad,
			lines: bad.map((v) => `${v.id} (${v.impact}): ${v.help}; ` +
			    v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')),
		};
	}

	async screenshot(page, name) {
		await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
	}
}

/* The form controls of page that have no accessible label. */
async function unlabelled(page) {
	return page.evaluate(() => {
		const bad = [];
		for (const el of document.querySelectorAll('input, select, textarea')) {
			if (el.type === 'hidden')
				continue;
			const named = (el.labels && [...el.labels].some((l) => l.textContent.trim() !== '')) ||
			    (el.getAttribute('aria-label') || '').trim() !== '' ||
			    (el.getAttribute('aria-labelledby') || '').split(/\s+/).some((id) =>
				id && document.getElementById(id) && document.getElementById(id).textContent.trim());
			if (!named)
				bad.push(`${el.tagName.toLowerCase()}[name=${el.name}]#${el.id}`);
		}
		return bad;
	});
}

/* How far the page scrolls sideways (0 when it fits the viewport). */
async function sideways(page) {
	return page.evaluate(() => {
		const w = window.innerWidth;
		const over = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - w;
		const culprits = [];
		if (over > 0)
			for (const el of document.querySelectorAll('body *')) {
				const r = el.getBoundingClientRect();
				if (r.right > w + 1 && culprits.length < 5)
					culprits.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} (right ${Math.round(r.right)})`);
			}
		return { over, culprits };
	});
}

module.exports = {
	Skip, STAFF, TestContext, seed, proposalText, httpClient, csrfOf, postForm,
	apiLogin, meetingTimes, unlabelled, sideways, OUT, EDIT_RE,
};
