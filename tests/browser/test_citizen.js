'use strict';
// A citizen, in a browser, with and without JavaScript: fills the whole NDC
// form in Chinese, saves a draft, closes the page, comes back with the
// private edit link, finishes and submits, finds the proposal in the list
// and comments on it.

const assert = require('assert');
const { proposalText } = require('./lib/helpers');

async function citizenFlow(ctx, js) {
	const tag = (js ? '有JS' : '無JS') + ctx.again;
	const t = proposalText(tag);
	let page = await ctx.page({ js });

	// The home page leads to the form; the deadline is on both.
	await page.goto('/');
	assert.match(await page.textContent('.deadline-box'), /提案截止/);
	await Promise.all([page.waitForURL('**/proposals/new'), page.click('.hero a.button.big')]);
	assert.match(await page.textContent('p.deadline'), /提案截止.*民國/);

	// The first part of the form, then "save draft".
	await page.check('input[name=kind][value=add]');
	await page.fill('#title', t.title);
	await page.selectOption('#lead_agency', 'moe');
	await page.fill('#problem', t.problem);
	await page.fill('#commitment', t.commitment);
	await page.fill('#contribution', t.contribution);
	await page.check('input[name=value][value=transparency]');
	await page.fill('#submitter', t.submitter);
	await Promise.all([page.waitForURL(/\/proposals\/\d+\/edit\?token=.*saved=1/),
	    page.click('button[name=action][value=save]')]);
	const banner = await page.textContent('.banner.ok');
	assert.match(banner, /草稿已儲存/, 'no "draft saved" banner');
	const link = await page.inputValue('#edit-link');
	assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/proposals\/\d+\/edit\?token=[A-Za-z0-9_-]{20,}$/,
	    `the edit link is ${link}`);
	const id = Number(/\/proposals\/(\d+)\//.exec(link)[1]);
	await page.close();

	// Later, in another browser session: only the link.
	page = await ctx.page({ js });
	await page.goto(link);
	assert.match(await page.textContent('p.state'), /草稿/);
	assert.strictEqual(await page.inputValue('#title'), t.title);
	assert.strictEqual(await page.inputValue('#problem'), t.problem, 'the problem text changed');
	assert.strictEqual(await page.inputValue('#commitment'), t.commitment);
	assert.strictEqual(await page.inputValue('#contribution'), t.contribution);
	assert.strictEqual(await page.inputValue('#lead_agency'), 'moe');
	assert(await page.isChecked('input[name=kind][value=add]'));
	assert(await page.isChecked('input[name=value][value=transparency]'));
	assert.strictEqual(await page.inputValue('#submitter'), t.submitter);

	// Finish and submit.
	await page.check('input[name=value][value=participation]');
	await page.fill('#relevance', t.relevance);
	await page.fill('#phone', t.phone);
	await page.fill('#email', t.email);
	await Promise.all([page.waitForURL(/submitted=1/),
	    page.click('button[name=action][value=submit]')]);
	assert.match(await page.textContent('.banner.ok'), /提案已送出/);
	assert.match(await page.textContent('p.state'), /已送出/);

	// Find it in the list of proposals, and open it.
	await page.goto('/proposals');
	const item = page.locator('ul.proposals li', { hasText: t.title });
	assert.strictEqual(await item.count(), 1, 'the proposal is not listed once in /proposals');
	await Promise.all([page.waitForURL(`**/proposals/${id}`), item.locator('a.title').click()]);
	assert.strictEqual((await page.textContent('h1')).trim(), t.title);
	const body = await page.textContent('main');
	assert(body.includes('預期成果：一年內完成所有部會的公開作業。'), 'the commitment text is not shown');
	assert(body.includes(t.submitter));
	assert(!body.includes(t.phone) && !body.includes(t.email), 'contact details on the public page');
	assert.strictEqual(await page.locator('table.ndc .tag.v-participation').count(), 1);

	// Comment on it (with a look at the preview when there is JavaScript).
	const comment = `同意${tag}，**逐字紀錄**應在會後兩週內公開。`;
	await page.fill('#c-name', `王大明${tag}`);
	await page.fill('#c-affiliation', '公民團體');
	await page.fill('#c-body', comment);
	const preview = page.locator('#comment-form button.preview-button');
	if (js) {
		await preview.click();
		await page.locator('#comment-form .preview strong', { hasText: '逐字紀錄' }).waitFor();
	} else {
		assert.strictEqual(await preview.count(), 0, 'a preview button without JavaScript');
	}
	await Promise.all([page.waitForURL(`**/proposals/${id}**`),
	    page.click('#comment-form button[type=submit].primary')]);
	const posted = page.locator('ol.thread article', { hasText: `王大明${tag}` });
	assert.strictEqual(await posted.count(), 1, 'the comment is not shown');
	assert.strictEqual((await posted.locator('.md strong').textContent()).trim(), '逐字紀錄',
	    'the comment\'s Markdown is not rendered');

	// Report it: the button submits the page's one report form.
	await Promise.all([page.waitForURL(/[?]reported=\d+#comment-\d+$/),
	    posted.locator('button[formaction$="/report"]').click()]);
	const sent = page.locator('ol.thread article', { hasText: `王大明${tag}` }).locator('[role=status]');
	assert.match(await sent.textContent(), /已通知管理者/, 'no word that the report was sent');
}

module.exports = [
	{ name: 'citizen drafts, returns, submits, finds and comments (JavaScript on)',
	    run: (ctx) => citizenFlow(ctx, true) },
	{ name: 'citizen drafts, returns, submits, finds and comments (JavaScript off)',
	    run: (ctx) => citizenFlow(ctx, false) },
];
