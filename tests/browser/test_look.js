'use strict';
// The look: every page type fits a 360 px phone without sideways scrolling
// and is photographed at 1280 px and 390 px (tests/browser/out/); the
// typography; the deadline and the commitments in the first screen; the
// print stylesheet lays /proposals/{id}/print out as the NDC form on A4.

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { pageTypes } = require('./lib/pages');
const { sideways, OUT } = require('./lib/helpers');

/* The README's pictures (run.js --docs): page type, file name. */
const DOCS = [['form', 'form'], ['proposal', 'proposal'], ['agency', 'agency'], ['meetings', 'meetings']];

async function open(ctx, t, width, height = 900) {
	const page = await ctx.page({ staff: t.staff || null, width, height });
	const r = await page.goto(t.url);
	assert.strictEqual(r.status(), t.status || 200, `GET ${t.url}: ${r.status()}`);
	if (t.then)
		await t.then(page);
	return page;
}

function layoutTest(pt) {
	return {
		name: `page ${pt.name}: no sideways scroll at 360 px; screenshots at 1280 and 390 px`,
		run: async (ctx) => {
			const t = pageTypes(ctx.seed).find((x) => x.name === pt.name);
			const page = await open(ctx, t, 360, 740);
			const s = await sideways(page);
			assert.strictEqual(s.over, 0, `${t.url} at 360 px scrolls ${s.over} px sideways: ${s.culprits.join(', ')}`);
			for (const width of [1280, 390]) {
				await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
				await ctx.screenshot(page, `${t.name}-${width}`);
				const docs = DOCS.find(([n]) => n === t.name);
				if (docs && process.env.COCREATE_DOCS) {
					fs.mkdirSync(process.env.COCREATE_DOCS, { recursive: true });
					await page.screenshot({ path: path.join(process.env.COCREATE_DOCS,
					    `${docs[1]}-${width === 390 ? 'phone' : 'desktop'}.png`),
					    clip: { x: 0, y: 0, width, height: width === 390 ? 844 : 760 } });
				}
			}
			assert(fs.statSync(path.join(OUT, `${t.name}-390.png`)).size > 1000);
		},
	};
}

async function typography(ctx) {
	const page = await ctx.page();
	await page.goto('/');
	const s = await page.evaluate(() => {
		const cs = (sel) => getComputedStyle(document.querySelector(sel));
		const px = (v) => parseFloat(v);
		return {
			size: px(cs('body').fontSize), line: px(cs('main p').lineHeight),
			pSize: px(cs('main p').fontSize), family: cs('body').fontFamily,
			h1: px(cs('h1').fontSize), h2: px(cs('h2').fontSize), h3: px(cs('h3').fontSize),
		};
	});
	assert.strictEqual(s.size, 16, 'the base size is not 16 px');
	assert(s.line / s.pSize >= 1.6 && s.line / s.pSize <= 2, `line height ${s.line} px for ${s.pSize} px text`);
	assert.match(s.family, /Noto Sans CJK TC|PingFang TC|Microsoft JhengHei/, `font-family ${s.family}`);
	assert(s.h1 > s.h2 && s.h2 > s.h3 && s.h3 > s.size, `headings ${s.h1} > ${s.h2} > ${s.h3} > ${s.size} px`);
}

/* On a phone and on a desktop the deadline and the way to the commitments
 * are in the first screen of the home page, and the deadline on the form. */
async function firstScreen(ctx) {
	for (const [width, height] of [[390, 844], [1280, 800]]) {
		const page = await ctx.page({ width, height });
		await page.goto('/');
		const inView = (sel) => page.evaluate((q) => {
			const r = document.querySelector(q).getBoundingClientRect();
			return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
		}, sel);
		assert(await inView('.deadline-box'), `the deadline is below the first screen at ${width} px`);
		assert(await inView('header.site a[href="/proposals/new"]'), `no "write a proposal" in the first screen at ${width} px`);
		assert(await inView('header.site a[href="/commitments"]'), `no commitments link in the first screen at ${width} px`);
		assert.match(await page.textContent('.deadline-box'), /民國\d+年\d+月\d+日.*還有/s);
		assert.strictEqual(await page.locator('.commitments article.commitment').count(), 5);
		assert.strictEqual(await page.locator('.commitments a[href^="/commitments/"]').count(), 12);
		await page.goto('/proposals/new');
		assert(await inView('p.deadline'), `the deadline is below the first screen of the form at ${width} px`);
	}
}

/* The print page, as printed: 標楷體 12 pt, line height 20 pt, A4. */
async function printForm(ctx) {
	const page = await ctx.page();
	await page.goto(`/proposals/${ctx.seed.proposal.id}/print`);
	await page.emulateMedia({ media: 'print' });
	const s = await page.evaluate(() => {
		const cells = [...document.querySelectorAll('table.form th, table.form td, table.form .prose, .note')];
		return {
			cells: cells.map((c) => [getComputedStyle(c).fontSize, getComputedStyle(c).lineHeight]),
			family: getComputedStyle(document.querySelector('table.form td')).fontFamily,
			screenOnly: getComputedStyle(document.querySelector('.screen-only')).display,
			title: document.querySelector('h1').textContent,
			text: document.body.textContent,
		};
	});
	assert(s.cells.length >= 18, 'the form has too few cells');
	for (const [size, line] of s.cells) {
		assert.strictEqual(size, '16px', `a cell in ${size}, not 12 pt (16 px)`);
		assert(Math.abs(parseFloat(line) - 80 / 3) < 0.05, `a cell with line height ${line}, not 20 pt (26.67 px)`);
	}
	assert.match(s.family, /^"?DFKai-SB"?, "?標楷體"?/, `font-family ${s.family}`);
	assert.strictEqual(s.screenOnly, 'none', 'the screen-only note is printed');
	assert.strictEqual(s.title, '建議政府應該新增承諾事項表單');
	assert(s.text.includes(ctx.seed.proposal.title));
	const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
	fs.writeFileSync(path.join(OUT, 'print.pdf'), pdf);
	const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
	assert(boxes.length >= 1, 'no page in the PDF');
	for (const [, w, h] of boxes)
		assert(Math.abs(w - 595.3) < 2 && Math.abs(h - 841.9) < 2, `a page of ${w} × ${h} pt, not A4`);
}

/* A public page printed: no site header, menus or forms on paper. */
async function printPage(ctx) {
	const page = await ctx.page();
	await page.goto(`/proposals/${ctx.seed.proposal.id}`);
	await page.emulateMedia({ media: 'print' });
	const hidden = await page.evaluate(() => ['header.site', 'footer.site', '#comment-form', '.skip']
	    .filter((q) => document.querySelector(q) && getComputedStyle(document.querySelector(q)).display !== 'none'));
	assert.deepStrictEqual(hidden, [], 'printed although only for the screen');
	assert.notStrictEqual(await page.evaluate(() => getComputedStyle(document.querySelector('table.ndc')).display), 'none');
}

module.exports = [
	...pageTypes({ proposal: {}, draft: {}, meeting: {} }).map(layoutTest),
	{ name: 'typography: 16 px base, CJK system fonts, line height, heading sizes', run: typography },
	{ name: 'the deadline and the commitments in the first screen (390 and 1280 px)', run: firstScreen },
	{ name: 'print: /proposals/{id}/print as the NDC form (標楷體 12 pt, 20 pt lines, A4)', run: printForm },
	{ name: 'print: a proposal page prints without the site\'s menus and forms', run: printPage },
];
