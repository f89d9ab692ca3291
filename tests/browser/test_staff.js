'use strict';
// Staff in a browser, with and without JavaScript: an agency posts an MSF
// meeting notice; an organizer hides a comment with a public reason (and,
// once /admin/export.csv exists, downloads the CSV).

const assert = require('assert');
const fs = require('fs');
const { httpClient, csrfOf, postForm, meetingTimes, apiLogin, STAFF } = require('./lib/helpers');

async function agencyFlow(ctx, js) {
	const tag = (js ? '有JS' : '無JS') + ctx.again;
	const title = `青年政策參與 MSF 第一次會議（${tag}）`;
	const page = await ctx.page({ js });

	await ctx.login(page, 'agency');
	await page.goto('/admin');
	await Promise.all([page.waitForURL('**/admin/meetings'), page.click('a[href="/admin/meetings"]')]);
	await Promise.all([page.waitForURL('**/admin/meetings/new'), page.click('a[href="/admin/meetings/new"]')]);

	const agency = await page.inputValue('#agency');
	assert(agency === '' || agency === 'moe', `the agency field holds ${agency}`);
	await page.selectOption('#agency', 'moe');
	await page.fill('#title', title);
	await page.locator('.choices.items label', { hasText: '2-2' }).locator('input').check();
	const [starts, ends] = meetingTimes(21);
	await page.fill('#starts_at', starts);
	await page.fill('#ends_at', ends);
	await page.fill('#place', '教育部 5 樓大禮堂（臺北市中正區中山南路 5 號）');
	await page.fill('#online_url', 'https://example.org/moe-live');
	await page.fill('#agenda', '1. 青年政策參與現況報告\n2. **開放討論**\n3. 臨時動議');
	await page.fill('#experts', '李教授, 政治大學公共行政學系\n張執行長, 青年團體聯盟');
	await page.fill('#capacity', '40');
	await Promise.all([page.waitForURL(/\/meetings\/\d+/), page.click('button[name=action][value=save]')]);
	assert.strictEqual((await page.textContent('h1')).trim(), title);
	const main = await page.textContent('main');
	assert(main.includes('教育部 5 樓大禮堂'), 'the place is not shown');
	assert(main.includes('李教授'), 'the experts are not shown');
	assert.strictEqual((await page.textContent('.md strong')).trim(), '開放討論');
	const id = Number(/\/meetings\/(\d+)/.exec(page.url())[1]);

	// The notice is public on /meetings and on the agency's portal.
	const visitor = await ctx.page({ js });
	await visitor.goto('/meetings');
	const li = visitor.locator('ul.meetings li', { hasText: title });
	assert.strictEqual(await li.count(), 1, 'the notice is not on /meetings');
	assert.strictEqual(await li.locator(`a[href="/meetings/${id}"]`).count(), 1);
	await visitor.goto('/agencies/moe');
	assert.strictEqual(await visitor.locator('ul.meetings li', { hasText: title }).count(), 1,
	    'the notice is not on the agency portal');

	// Cancelling cannot be undone: with JavaScript the button asks first,
	// and saying no leaves the meeting as it was.
	await page.goto(`/admin/meetings/${id}/edit`);
	const cancel = 'button[name=action][value=cancel]';
	if (js) {
		let asked = '';
		page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
		await page.click(cancel);
		await page.goto(`/meetings/${id}`);
		assert(asked.includes('確定要取消'), `no question before cancelling: ${asked}`);
		assert(!(await page.textContent('main')).includes('此會議已取消'), 'cancelled after saying no');
		await page.goto(`/admin/meetings/${id}/edit`);
		page.once('dialog', (d) => d.accept());
	}
	await Promise.all([page.waitForURL(new RegExp(`/meetings/${id}$`)), page.click(cancel)]);
	assert((await page.textContent('main')).includes('此會議已取消'), 'not cancelled');
}

/* A fresh comment on the seeded proposal, posted over HTTP. */
async function postComment(ctx, text) {
	const api = await httpClient(ctx.playwright, ctx.base);
	const url = `/proposals/${ctx.seed.proposal.id}`;
	const csrf = await csrfOf(api, url);
	const r = await postForm(api, `${url}/comments`, [['csrf', csrf], ['parent', ''],
	    ['name', '推銷員'], ['affiliation', ''], ['body', text]]);
	assert.strictEqual(r.status(), 303, `POST ${url}/comments: ${r.status()}`);
	await api.dispose();
}

async function organizerHides(ctx, js) {
	const tag = (js ? '有JS' : '無JS') + ctx.again;
	const text = `限時優惠！點此購買減肥茶（廣告 ${tag}）`;
	const reason = `廣告，與提案無關（${tag}）`;
	await postComment(ctx, text);
	const page = await ctx.page({ js });
	await ctx.login(page, 'organizer');

	if (js) {
		// At /admin/comments.
		await page.goto('/admin');
		await Promise.all([page.waitForURL('**/admin/comments'), page.click('a[href="/admin/comments"]')]);
		const row = page.locator('table.moderation tbody tr', { hasText: text });
		assert.strictEqual(await row.count(), 1, 'the comment is not listed once at /admin/comments');
		await row.locator('input[name=reason]').fill(reason);
		await Promise.all([page.waitForNavigation(), row.locator('button.danger').click()]);
		await page.goto('/admin/comments');
		const after = page.locator('table.moderation tbody tr', { hasText: reason });
		assert.strictEqual(await after.count(), 1, 'the hidden comment and its reason are not listed');
		assert.match(await after.textContent(), /已隱藏/);
		assert.strictEqual(await after.locator('form[action$="/unhide"]').count(), 1);
	} else {
		// On the proposal's own page.
		await page.goto(`/proposals/${ctx.seed.proposal.id}`);
		const art = page.locator('ol.thread article', { hasText: text });
		assert.strictEqual(await art.count(), 1, 'the comment is not on the page');
		await art.locator('form.moderate input[name=reason]').fill(reason);
		await Promise.all([page.waitForNavigation(), art.locator('form.moderate button').click()]);
	}

	// The public sees who hid it and why, and not the text.
	const visitor = await ctx.page({ js });
	await visitor.goto(`/proposals/${ctx.seed.proposal.id}`);
	const main = await visitor.textContent('main');
	assert(!main.includes(text), 'the hidden comment is still shown');
	const note = visitor.locator('.hidden-note', { hasText: reason });
	assert.strictEqual(await note.count(), 1, 'no public note with the reason');
	assert.match(await note.textContent(), new RegExp(STAFF.organizer.login));
}

/* TODO(issue: exports): the CSV download belongs to another issue.  Until
 * /admin/export.csv answers, the test is reported as skipped. */
async function organizerCsv(ctx, js) {
	const api = await httpClient(ctx.playwright, ctx.base);
	await apiLogin(api, STAFF.organizer);
	const probe = await api.get('/admin/export.csv');
	await api.dispose();
	if (probe.status() === 404)
		ctx.skip('TODO: GET /admin/export.csv answers 404 (the export issue is not built yet)');
	assert.strictEqual(probe.status(), 200, `GET /admin/export.csv: ${probe.status()}`);

	const page = await ctx.page({ js });
	await ctx.login(page, 'organizer');
	await page.goto('/admin');
	const link = page.locator('a[href="/admin/export.csv"]');
	assert(await link.count() >= 1, 'no link to /admin/export.csv on /admin');
	const [download] = await Promise.all([page.waitForEvent('download'), link.first().click()]);
	const file = await download.path();
	const csv = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
	const lines = csv.split(/\r?\n/).filter((l) => l !== '');
	assert(lines.length >= 2, 'the CSV has no rows');
	assert(csv.includes(ctx.seed.proposal.title), 'the seeded proposal is not in the CSV');
}

module.exports = [
	{ name: 'agency logs in and posts an MSF notice (JavaScript on)', run: (ctx) => agencyFlow(ctx, true) },
	{ name: 'agency logs in and posts an MSF notice (JavaScript off)', run: (ctx) => agencyFlow(ctx, false) },
	{ name: 'organizer hides a comment with a reason at /admin/comments (JavaScript on)',
	    run: (ctx) => organizerHides(ctx, true) },
	{ name: 'organizer hides a comment with a reason on the page (JavaScript off)',
	    run: (ctx) => organizerHides(ctx, false) },
	{ name: 'organizer downloads the CSV (JavaScript on)', run: (ctx) => organizerCsv(ctx, true) },
	{ name: 'organizer downloads the CSV (JavaScript off)', run: (ctx) => organizerCsv(ctx, false) },
];
