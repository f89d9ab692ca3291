'use strict';
// Accessibility of every page type: axe-core with no serious or critical
// violation (colour contrast included), a label on every field, lang
// attributes; errors tied to their fields; the form by keyboard alone.

const assert = require('assert');
const { pageTypes } = require('./lib/pages');
const { unlabelled, proposalText } = require('./lib/helpers');

/* What is wrong with the page's lang attributes: the document is zh-Hant-TW,
 * English is marked lang="en", and no other language is claimed. */
async function langProblems(page) {
	return page.evaluate(() => {
		const bad = [];
		const html = document.documentElement.getAttribute('lang');
		if (html !== 'zh-Hant-TW')
			bad.push(`<html lang="${html}">, expected zh-Hant-TW`);
		for (const el of document.querySelectorAll('[lang]'))
			if (el.lang !== 'zh-Hant-TW' && el.lang !== 'en')
				bad.push(`lang="${el.lang}" on ${el.tagName.toLowerCase()}`);
		// Three English words in a row outside lang="en": the interface's
		// English without its attribute.  User content, form values and
		// option texts (which cannot hold a span) are left out.
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		const english = /[A-Za-z]{2,}(?:[ ,;:'’()-]+[A-Za-z]{1,}){2,}/;
		for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
			const m = english.exec(n.textContent);
			if (m === null)
				continue;
			const p = n.parentElement;
			if (p.closest('script, style, textarea, option, code, .md, .prose'))
				continue;
			if (p.closest('[lang]').lang !== 'en')
				bad.push(`English without lang="en" in ${p.tagName.toLowerCase()}: "${m[0]}"`);
		}
		return bad;
	});
}

/* Every error message is tied to a field (aria-describedby) and every
 * invalid field to its message. */
async function errorProblems(page) {
	return page.evaluate(() => {
		const bad = [];
		const controls = [...document.querySelectorAll('input, select, textarea')];
		const describedBy = (el) => (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
		const errs = [...document.querySelectorAll('main .err')];
		if (errs.length === 0)
			bad.push('no error messages on the page');
		for (const e of errs) {
			if (!e.id)
				bad.push(`an error without an id: "${e.textContent.trim()}"`);
			else if (!controls.some((c) => describedBy(c).includes(e.id)))
				bad.push(`#${e.id} is no field's aria-describedby`);
		}
		for (const c of document.querySelectorAll('[aria-invalid="true"]')) {
			const ids = describedBy(c);
			if (!ids.some((id) => { const e = document.getElementById(id); return e && e.classList.contains('err'); }))
				bad.push(`invalid #${c.id} has no error in its aria-describedby (${ids.join(' ')})`);
			for (const id of ids)
				if (!document.getElementById(id))
					bad.push(`#${c.id}: aria-describedby names a missing #${id}`);
		}
		// The summary at the top links to fields that exist.
		for (const a of document.querySelectorAll('#errors a[href^="#"]'))
			if (!document.getElementById(a.getAttribute('href').slice(1)))
				bad.push(`the error summary links to a missing ${a.getAttribute('href')}`);
		return bad;
	});
}

function pageTest(pt) {
	return {
		name: `page ${pt.name}: axe (serious, critical), labels, lang`,
		run: async (ctx) => {
			const types = pageTypes(ctx.seed);
			const t = types.find((x) => x.name === pt.name);
			const page = await ctx.page({ staff: t.staff || null });
			const r = await page.goto(t.url);
			assert.strictEqual(r.status(), t.status || 200, `GET ${t.url}: ${r.status()}`);
			if (t.then)
				await t.then(page);
			const problems = [];
			const axe = await ctx.axe(page);
			problems.push(...axe.lines.map((l) => `axe: ${l}`));
			ctx.results.axe[t.name] = { serious: axe.bad.length, all: axe.all.map((v) => `${v.id} (${v.impact})`),
			    undecided: axe.undecidedAt };
			if (!axe.contrastPassed)
				problems.push('axe: the color-contrast rule did not pass on any text');
			problems.push(...(await unlabelled(page)).map((x) => `no label: ${x}`));
			problems.push(...await langProblems(page));
			if (t.name.startsWith('form-errors'))
				problems.push(...await errorProblems(page));
			assert.deepStrictEqual(problems, [], `${t.url}:\n${problems.join('\n')}`);
		},
	};
}

/* The NDC form, filled and submitted with the keyboard only: Tab, typing,
 * Space for radios and checkboxes, Enter on the submit button.  Every stop
 * shows where the focus is. */
async function keyboardOnly(ctx, js) {
	const page = await ctx.page({ js });
	const t = proposalText((js ? '鍵盤有JS' : '鍵盤無JS') + ctx.again);
	await page.goto('/proposals/new');
	// The stops the form should have, in its own order.
	const fields = await page.evaluate(() => {
		const out = [];
		for (const e of document.querySelector('form.ndc').elements) {
			if (e.type === 'hidden' || e.disabled || e.tagName === 'FIELDSET' || e.tagName === 'OUTPUT')
				continue;
			const key = e.type === 'checkbox' || e.tagName === 'BUTTON' ? `${e.name}=${e.value}` : e.name;
			if (e.type === 'radio' && out[out.length - 1] === key)
				continue;	// a radio group is one stop
			out.push(key);
		}
		return out;
	});
	const order = [];
	const unseen = [];
	const typed = { title: t.title, problem: t.problem, commitment: t.commitment,
	    contribution: t.contribution, relevance: t.relevance, submitter: t.submitter,
	    phone: t.phone, email: t.email };
	let submitted = false;
	for (let i = 0; i < 120 && !submitted; i++) {
		await page.keyboard.press('Tab');
		const a = await page.evaluate(() => {
			const e = document.activeElement;
			const s = getComputedStyle(e);
			return { tag: e.tagName.toLowerCase(), type: e.type || '', name: e.name || '',
			    value: e.value || '', id: e.id, inForm: !!e.closest('form.ndc'),
			    checked: !!e.checked,
			    // Inside a date field, Chromium may focus the field's own
			    // calendar button (the field is then not :focus); the
			    // browser draws that ring itself.
			    focusShown: (s.outlineStyle !== 'none' && s.outlineWidth !== '0px') ||
				(/^(date|datetime-local|month)$/.test(e.type) && !e.matches(':focus')) };
		});
		if (!a.focusShown)
			unseen.push(`${a.tag}#${a.id}[name=${a.name}]`);
		if (!a.inForm)
			continue;
		order.push(a.type === 'checkbox' || a.tag === 'button' ? `${a.name}=${a.value}` : a.name);
		if (a.name === 'kind') {
			// The group is one stop; the arrow keys would move within it.
			if (!a.checked)
				await page.keyboard.press('Space');
		} else if (a.name === 'lead_agency') {
			await page.keyboard.press('ArrowDown');
		} else if (a.name === 'value' && (a.value === 'transparency' || a.value === 'participation')) {
			await page.keyboard.press('Space');
		} else if (typed[a.name] !== undefined) {
			await page.keyboard.type(typed[a.name]);
		} else if (a.tag === 'button' && a.value === 'submit') {
			await Promise.all([page.waitForURL(/submitted=1/), page.keyboard.press('Enter')]);
			submitted = true;
		}
	}
	assert(submitted, `the submit button was never reached; focus went through ${order.join(', ')}`);
	// The focus follows the fields as they stand in the form (a date
	// field's parts count as one stop), the NDC's fields in their order.
	const stops = order.filter((x, i) => x !== order[i - 1]);
	assert.deepStrictEqual(stops, fields.slice(0, fields.indexOf('action=submit') + 1),
	    `the focus order does not follow the form: ${stops.join(' ')} | ${fields.join(' ')}`);
	const ndc = ['kind', 'target_item', 'title', 'lead_agency', 'lead_agency_other', 'problem',
	    'commitment', 'contribution', 'value=transparency', 'value=participation',
	    'value=accountability', 'relevance', 'submitter', 'phone', 'email', 'action=save', 'action=submit'];
	assert.deepStrictEqual(stops.filter((x) => ndc.includes(x)), ndc, 'the NDC fields are out of order');
	assert.deepStrictEqual(unseen, [], 'focus not visible on some stops');
	assert.match(await page.textContent('.banner.ok'), /提案已送出/);
	assert.strictEqual(await page.inputValue('#title'), t.title);
	assert.strictEqual(await page.inputValue('#problem'), t.problem);
	assert.notStrictEqual(await page.inputValue('#lead_agency'), '');
	assert(await page.isChecked('input[name=value][value=participation]'));
	assert(!await page.isChecked('input[name=value][value=accountability]'));
}

module.exports = [
	...pageTypes({ proposal: {}, draft: {}, meeting: {} }).map(pageTest),
	{ name: 'the NDC form by keyboard alone (JavaScript on)', run: (ctx) => keyboardOnly(ctx, true) },
	{ name: 'the NDC form by keyboard alone (JavaScript off)', run: (ctx) => keyboardOnly(ctx, false) },
];
