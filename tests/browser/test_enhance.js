'use strict';
// static/app.js: the live character counters (code points, as the server
// counts), autosave of drafts every 30 seconds and on leaving the page (never
// of a submitted proposal), and the Markdown preview of comments.  The
// clock is Playwright's fake one, so 30 seconds take no time.

const assert = require('assert');
const { execFileSync } = require('child_process');
const { EDIT_RE } = require('./lib/helpers');

/* How many proposals the database holds (sqlite3, read-only). */
function proposalCount(ctx) {
	return Number(execFileSync('sqlite3', ['-readonly', ctx.server.db,
	    'SELECT count(*) FROM proposals'], { encoding: 'utf8', timeout: 10e3 }).trim());
}

/* Resolves when cond() is true; throws after ms. */
async function until(cond, ms = 5000) {
	const end = Date.now() + ms;
	while (!cond()) {
		if (Date.now() > end)
			throw new Error(`timed out after ${ms} ms waiting for ${cond}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/* Resolves when fn, run in the page, returns true; polled from Node, since
 * the page's own timers (which Playwright's in-page waits use) are fake. */
async function inPage(page, fn, ms = 10000) {
	const end = Date.now() + ms;
	while (!(await page.evaluate(fn))) {
		if (Date.now() > end)
			throw new Error(`timed out after ${ms} ms waiting in the page for ${fn}`);
		await sleep(50);
	}
}

/* The POSTs a page sends, beacons included. */
function posts(page) {
	const seen = [];
	page.on('request', (r) => {
		if (r.method() === 'POST')
			seen.push(new URL(r.url()).pathname);
	});
	return seen;
}

async function counters(ctx) {
	const page = await ctx.page();
	await page.goto('/proposals/new');
	const n = (id) => page.textContent(`#${id}-count .n`);
	await page.fill('#title', '臺灣𠀋開放');          // 𠀋 is one character, two UTF-16 units
	assert.strictEqual(await n('title'), '5');
	await page.fill('#problem', '  第一行\n第二行  \n');  // trimmed, as the server stores it
	assert.strictEqual(await n('problem'), '7');
	await page.fill('#title', '字'.repeat(201));
	assert.strictEqual(await n('title'), '201');
	assert(await page.locator('#title-count.over').count() === 1, 'no "over" mark past the limit');
	assert.match(await page.textContent('#title-count'), /超過 1 字/);
	await page.fill('#title', '字'.repeat(200));
	assert.strictEqual(await page.locator('#title-count.over').count(), 0);
	// The comment box gets a counter too.
	await page.goto(`/proposals/${ctx.seed.proposal.id}`);
	await page.fill('#c-body', '好𠀋');
	assert.strictEqual(await page.textContent('#comment-form .count .n'), '2');
}

/* The counts app.js computes equal the server's for stored text. */
async function countersMatchServer(ctx) {
	const url = `/proposals/${ctx.seed.proposal.id}/edit?token=${ctx.seed.proposal.token}`;
	const read = async (js) => {
		const page = await ctx.page({ js });
		await page.goto(url);
		return page.$$eval('.count .n', (els) => els.map((e) => `${e.closest('.count').id}=${e.textContent}`));
	};
	const server = await read(false), client = await read(true);
	assert(server.length >= 7, `only ${server.length} counters`);
	assert.deepStrictEqual(client, server);
}

async function autosaveNew(ctx) {
	const before = proposalCount(ctx);
	const page = await ctx.page();
	await page.clock.install({ time: new Date() });
	const sent = posts(page);
	await page.goto('/proposals/new');
	assert.strictEqual(await page.locator('form.ndc[data-autosave]').count(), 1);

	// Nothing typed: nothing saved.
	await page.clock.fastForward(31e3);
	assert.deepStrictEqual(sent, []);

	await page.fill('#title', '自動儲存測試：公開採購評選委員名單');
	await page.fill('#problem', '評選委員名單在決標後才公開。');
	await page.clock.fastForward(30e3);
	await inPage(page, () => /已儲存 \d\d:\d\d/.test(document.querySelector('.autosave').textContent));
	assert.match(await page.textContent('.autosave'), /saved at \d\d:\d\d/);
	assert.strictEqual(await page.getAttribute('.autosave [lang]', 'lang'), 'en');
	const m = EDIT_RE.exec(page.url());
	assert(m, `the address is not the edit link: ${page.url()}`);
	assert(!page.url().includes('saved=1'));
	const [, id, token] = m;
	assert.strictEqual(await page.getAttribute('form.ndc', 'action'), `/proposals/${id}`);
	assert.strictEqual(await page.inputValue('form.ndc input[name=token]'), token);
	assert.strictEqual(await page.inputValue('#edit-link'), `${ctx.base}/proposals/${id}/edit?token=${token}`);
	assert.strictEqual(proposalCount(ctx), before + 1);

	// A second change: the same draft is updated.
	await page.fill('#commitment', '決標前公開評選委員名單與利益迴避聲明。');
	await page.clock.fastForward(30e3);
	await until(() => sent.length >= 2);
	await inPage(page, () => document.querySelector('.autosave').className === 'autosave ok');
	assert.deepStrictEqual(sent, ['/proposals', `/proposals/${id}`]);
	assert.strictEqual(proposalCount(ctx), before + 1, 'a second proposal was made');

	// Unchanged for 30 s: no request.
	await page.clock.fastForward(30e3);
	assert.strictEqual(sent.length, 2);

	// Leaving the page: the last change goes with a beacon.
	await page.fill('#contribution', '讓評選過程可受公眾檢驗。');
	await page.goto('/');
	const check = await ctx.page();
	const url = `/proposals/${id}/edit?token=${token}`;
	let got = '';
	for (let i = 0; i < 40 && got === ''; i++) {
		await check.goto(url);
		got = await check.inputValue('#contribution');
		if (got === '')
			await sleep(100);
	}
	assert.strictEqual(got, '讓評選過程可受公眾檢驗。', 'the change made before leaving was not saved');
	assert.strictEqual(await check.inputValue('#commitment'), '決標前公開評選委員名單與利益迴避聲明。');
	assert.match(await check.textContent('p.state'), /草稿/);
	assert.strictEqual(proposalCount(ctx), before + 1);
}

/* After an autosave, the buttons send to the draft it made; pressing one
 * sends no beacon behind it. */
async function buttonsAfterAutosave(ctx) {
	const before = proposalCount(ctx);
	const page = await ctx.page();
	await page.clock.install({ time: new Date() });
	const sent = posts(page);
	await page.goto('/proposals/new');
	await page.fill('#title', '自動儲存後按下儲存草稿');
	await page.clock.fastForward(30e3);
	await inPage(page, () => document.querySelector('.autosave').className === 'autosave ok');
	const id = EDIT_RE.exec(page.url())[1];
	await page.fill('#problem', '按鈕送出的內容。');
	await Promise.all([page.waitForURL(/saved=1/), page.click('button[name=action][value=save]')]);
	assert.match(page.url(), new RegExp(`/proposals/${id}/edit`));
	assert.strictEqual(await page.inputValue('#problem'), '按鈕送出的內容。');
	await sleep(300);
	assert.deepStrictEqual(sent, ['/proposals', `/proposals/${id}`]);
	assert.strictEqual(proposalCount(ctx), before + 1);
}

/* "Save draft" pressed while the first autosave is still under way: the
 * button waits for it and saves the same draft, not a second one. */
async function buttonDuringAutosave(ctx) {
	const before = proposalCount(ctx);
	const page = await ctx.page();
	await page.clock.install({ time: new Date() });
	const sent = posts(page);
	let release;
	const held = new Promise((r) => { release = r; });
	await page.route('**/proposals', async (route) => {
		if (route.request().resourceType() === 'fetch')
			await held;	// the autosave, answered late
		await route.continue();
	});
	await page.goto('/proposals/new');
	await page.fill('#title', '慢速網路下的自動儲存');
	await page.clock.fastForward(30e3);
	await until(() => sent.length === 1);
	await page.fill('#problem', '按下按鈕時自動儲存尚未完成。');
	await page.click('button[name=action][value=save]');
	await sleep(200);
	assert.deepStrictEqual(sent, ['/proposals'], 'the button did not wait for the autosave');
	release();
	await page.waitForURL(/saved=1/);
	const id = EDIT_RE.exec(page.url())[1];
	assert.deepStrictEqual(sent, ['/proposals', `/proposals/${id}`]);
	assert.strictEqual(await page.inputValue('#problem'), '按下按鈕時自動儲存尚未完成。');
	assert.strictEqual(proposalCount(ctx), before + 1, 'a second proposal was made');
}

/* A submitted proposal is never autosaved: saving it would submit again. */
async function noAutosaveSubmitted(ctx) {
	const { id, token } = ctx.seed.proposal;
	const url = `/proposals/${id}/edit?token=${token}`;
	const page = await ctx.page();
	await page.clock.install({ time: new Date() });
	const sent = posts(page);
	await page.goto(url);
	assert.match(await page.textContent('p.state'), /已送出/);
	const version = /第 (\d+) 版/.exec(await page.textContent('p.state'))[1];
	assert.strictEqual(await page.locator('form.ndc[data-autosave]').count(), 0);
	assert.strictEqual(await page.locator('.autosave').count(), 0);
	await page.fill('#problem', '這段修改沒有按下儲存。');
	await page.clock.fastForward(65e3);
	await page.goto('/');
	await sleep(300);
	assert.deepStrictEqual(sent, [], 'a submitted proposal was sent without a button');
	const check = await ctx.page();
	await check.goto(url);
	assert.strictEqual(/第 (\d+) 版/.exec(await check.textContent('p.state'))[1], version);
	assert.notStrictEqual(await check.inputValue('#problem'), '這段修改沒有按下儲存。');
}

async function preview(ctx) {
	const page = await ctx.page();
	const sent = posts(page);
	await page.goto(`/proposals/${ctx.seed.proposal.id}`);
	const count = await page.locator('ol.thread article').count();
	await page.fill('#c-body', '**粗體** 與 [連結](https://example.org/a) <script>alert(1)</script> [壞](javascript:alert(1))\n\n- 一\n- 二');
	await page.click('#comment-form button.preview-button');
	const box = page.locator('#comment-form .preview-box');
	await box.locator('.preview strong').waitFor();
	assert.strictEqual((await box.locator('.preview strong').textContent()).trim(), '粗體');
	assert.strictEqual(await box.locator('.preview li').count(), 2);
	assert.strictEqual(await box.locator('a[href="https://example.org/a"]').count(), 1);
	assert.strictEqual(await box.locator('script').count(), 0, 'a script element in the preview');
	assert.strictEqual(await box.locator('a[href^="javascript"]').count(), 0, 'a javascript: link in the preview');
	assert.match(await box.textContent(), /預覽/);
	assert.deepStrictEqual(sent, ['/preview']);
	await page.reload();
	assert.strictEqual(await page.locator('ol.thread article').count(), count, 'the preview posted a comment');
	// "Reply" sets the one form to answer that comment, without a reload;
	// the preview works there too, and cancelling clears the parent.
	const link = page.locator('ol.thread a.reply-link').first();
	const to = (await link.getAttribute('href')).match(/^\?reply=(\d+)#comment-form$/)[1];
	await link.click();
	assert.strictEqual(await page.inputValue('#comment-form input[name=parent]'), to);
	await page.locator('#comment-form .replying').waitFor();
	assert.strictEqual(await page.evaluate(() => document.activeElement.id), 'c-body');
	await page.fill('#c-body', '回覆 *斜體*');
	await page.click('#comment-form button.preview-button');
	await page.locator('#comment-form .preview em', { hasText: '斜體' }).waitFor();
	await page.click('#comment-form .replying a.cancel-reply');
	assert.strictEqual(await page.inputValue('#comment-form input[name=parent]'), '');
	assert.strictEqual(await page.locator('#comment-form .replying').count(), 0);
}

/* Without JavaScript the form has none of it, and still works (the flows
 * prove the rest). */
async function withoutJs(ctx) {
	const page = await ctx.page({ js: false });
	await page.goto('/proposals/new');
	assert.strictEqual(await page.locator('.autosave, .preview-button').count(), 0);
	assert.strictEqual(await page.textContent('#title-count .n'), '0');
	await page.goto(`/proposals/${ctx.seed.proposal.id}`);
	assert.strictEqual(await page.locator('.preview-button').count(), 0);
}

/* A form refused and shown again: the focus on the banner that says why. */
async function focusOnRefusal(ctx) {
	const page = await ctx.page({ js: true });
	await page.goto('/proposals/new');
	await page.fill('#title', '只有標題');
	await Promise.all([page.waitForLoadState('load'), page.waitForURL('**/proposals'),
	    page.click('button[name=action][value=submit]')]);
	await inPage(page, () => document.activeElement != null &&
	    document.activeElement.matches('.banner.error[role=alert]'));
	const text = await page.evaluate(() => document.activeElement.textContent);
	assert(/尚未/.test(text), `the focused banner says ${text}`);
	assert.strictEqual(await page.inputValue('#title'), '只有標題');
}

module.exports = [
	{ name: 'counters count characters (code points) live, and mark the limit', run: counters },
	{ name: 'counters: app.js counts stored text as the server does', run: countersMatchServer },
	{ name: 'autosave: a new draft after 30 s, updated after 30 s more, nothing unchanged, a beacon on leaving', run: autosaveNew },
	{ name: 'autosave: the buttons then save the same draft, with no beacon behind them', run: buttonsAfterAutosave },
	{ name: 'autosave: a button pressed during the first autosave saves the same draft', run: buttonDuringAutosave },
	{ name: 'autosave: never for a submitted proposal', run: noAutosaveSubmitted },
	{ name: 'preview: comments and replies rendered by the server, safely, without posting', run: preview },
	{ name: 'without JavaScript: no autosave, no preview button, counts from the server', run: withoutJs },
	{ name: 'a refused form shown again: the focus on the banner that says why', run: focusOnRefusal },
];
