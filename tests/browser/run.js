#!/usr/bin/env node
'use strict';
/*
 * Browser tests of cocreate: Debian's chromium, driven by playwright-core,
 * against the real binary behind the real nginx.
 *
 * Usage: node tests/browser/run.js [--bin ./cocreate] [-k SUBSTRING] [--keep]
 *                                  [--docs]
 *
 * Starts the app and nginx as `make run` does (deploy/run.sh) with a fresh
 * STATE in a temporary directory on a free port of 127.0.0.1, adds staff
 * accounts, seeds a proposal, a draft, a comment and a meeting over HTTP,
 * runs every test of tests/browser/test_*.js (sorted by file, then in file
 * order), stops everything and ends with one line
 * "N passed, N failed, N skipped" (exit status 1 when any failed).
 * Screenshots go to tests/browser/out/ (ignored by git); --docs also writes
 * the README's screenshots to docs/.  Never downloads a browser.  A test
 * still running after BROWSER_TEST_TIMEOUT seconds (90), or whose browser
 * left a call unanswered, runs once more in a new browser, then fails.
 */

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

const fs = require('fs');
const path = require('path');
const { Server } = require('./lib/server');
const H = require('./lib/helpers');

const CHROMIUM = '/usr/bin/chromium';
const TEST_TIMEOUT_MS = Number(process.env.BROWSER_TEST_TIMEOUT || 90) * 1000;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function parseArgs(argv) {
	const a = { bin: './cocreate', select: null, keep: false, docs: false };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--bin')
			a.bin = argv[++i];
		else if (argv[i] === '-k')
			a.select = argv[++i];
		else if (argv[i] === '--keep')
			a.keep = true;
		else if (argv[i] === '--docs')
			a.docs = true;
		else {
			console.error(`run.js: unknown argument ${argv[i]}`);
			process.exit(2);
		}
	}
	return a;
}

/* Every test of test_*.js: [{label, run}]; a file exports an array of
 * {name, run(ctx)}. */
function discover(select) {
	const tests = [];
	for (const f of fs.readdirSync(__dirname).filter((n) => /^test_.*\.js$/.test(n)).sort()) {
		let list;
		try {
			list = require(path.join(__dirname, f));
		} catch (e) {
			tests.push({ label: `${f}::import`, run: () => { throw e; } });
			continue;
		}
		for (const t of list) {
			const label = `${f}::${t.name}`;
			if (select === null || label.includes(select))
				tests.push({ label, run: t.run });
		}
	}
	return tests;
}

function short(e) {
	const msg = (e && e.message) || String(e);
	return msg.split('\n').slice(0, 12).join('\n    ');
}

/* Chromium from Debian; Playwright gives each launch a fresh, temporary
 * user-data-dir. */
function launch(playwright) {
	return playwright.chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/* Waits for promise at most ms; resolves true when it did not settle in
 * time (its rejection is then ignored), else false, or throws its error. */
async function within(promise, ms) {
	let timer;
	const late = new Promise((resolve) => { timer = setTimeout(() => resolve(true), ms); });
	promise.catch(() => {});
	try {
		return await Promise.race([promise.then(() => false), late]);
	} finally {
		clearTimeout(timer);
	}
}

/* One line on what axe-core found over the page types checked. */
function axeSummary(axe) {
	const names = Object.keys(axe);
	if (names.length === 0)
		return;
	const serious = names.reduce((n, k) => n + axe[k].serious, 0);
	const other = {};
	for (const k of names)
		for (const v of axe[k].all)
			other[v] = (other[v] || 0) + 1;
	const list = Object.entries(other).map(([v, n]) => `${v} on ${n}`).join(', ');
	const undecided = names.flatMap((k) => axe[k].undecided.map((u) => `${k} ${u}`));
	console.log(`axe-core: ${names.length} page types, ${serious} serious or critical violations` +
	    `; all violations: ${list || 'none'}; colour contrast undecided on ${undecided.length} elements` +
	    (undecided.length ? ` (${undecided.slice(0, 5).join('; ')})` : ''));
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const started = Date.now();
	let passed = 0, failed = 0, skipped = 0;
	const finish = () => {
		console.log(`run time ${((Date.now() - started) / 1000).toFixed(1)} s`);
		console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
		process.exitCode = failed ? 1 : 0;
	};

	if (!fs.existsSync(CHROMIUM)) {
		console.log(`FAIL run.js::start: ${CHROMIUM} is missing (make deps installs Debian's chromium)`);
		failed++;
		return finish();
	}
	let playwright;
	try {
		playwright = require('playwright-core');
	} catch (e) {
		console.log('FAIL run.js::start: playwright-core is not installed (npm ci in tests/browser)');
		failed++;
		return finish();
	}
	fs.mkdirSync(H.OUT, { recursive: true });
	for (const f of fs.readdirSync(H.OUT).filter((n) => n.startsWith('FAILED-')))
		fs.unlinkSync(path.join(H.OUT, f));
	if (args.docs)
		process.env.COCREATE_DOCS = path.resolve(__dirname, '..', '..', 'docs');

	const tests = discover(args.select);
	const results = { axe: {} };
	const server = new Server(args.bin, { keep: args.keep });
	let browser = null;
	try {
		let base, data;
		try {
			server.init();
			for (const who of Object.values(H.STAFF))
				server.addUser(who.login, who.role, who.agency, who.password);
			base = await server.start();
			browser = await launch(playwright);
			data = await H.seed(playwright, base);
		} catch (e) {
			console.log(`FAIL run.js::start: ${short(e)}`);
			console.log(server.logs());
			failed++;
			return;
		}
		for (let i = 0, attempt = 1; i < tests.length; i++) {
			const t = tests[i];
			const ctx = new H.TestContext({ browser, playwright, base, server, seed: data,
			    name: t.label, results, attempt });
			const t0 = Date.now();
			let err = null;
			let hung = false;
			try {
				// A test that hangs is stopped after TEST_TIMEOUT_MS
				// instead of holding up the suite.
				hung = await within(t.run(ctx), TEST_TIMEOUT_MS);
				if (hung)
					err = new Error(`timed out after ${TEST_TIMEOUT_MS / 1000} s`);
				else if (ctx.problems.length)
					err = new Error(ctx.problems.join('\n'));
			} catch (e) {
				err = e;
				hung = /did not finish in/.test(e.message);
			}
			if (hung && attempt === 1) {
				// Chromium, rarely, leaves a call unanswered: once, the
				// test runs again in a new browser.  A failed assertion
				// is never retried.
				console.log(`note: ${t.label}: ${short(err)}; again in a new browser`);
				await within(ctx.failureShots(), 20e3);
				await within(ctx.close(), 20e3);
				await within(browser.close(), 20e3);
				browser = await launch(playwright);
				attempt = 2;
				i--;
				continue;
			}
			attempt = 1;
			if (err instanceof H.Skip) {
				skipped++;
				console.log(`skip ${t.label}: ${err.message}`);
			} else if (err) {
				failed++;
				console.log(`FAIL ${t.label}: ${short(err)}`);
				await within(ctx.failureShots(), 20e3);
			} else {
				passed++;
				const dt = (Date.now() - t0) / 1000;
				console.log(`ok   ${t.label}${dt >= 2 ? ` (${dt.toFixed(1)} s)` : ''}`);
			}
			// A browser that does not close a context in time, or ran a
			// test that hung, is replaced for the next test.
			if (await within(ctx.close(), 20e3) || hung) {
				console.log(`note: a new browser after ${t.label}`);
				await within(browser.close(), 20e3);
				browser = await launch(playwright);
			}
		}
	} finally {
		if (browser)
			await within(browser.close(), 20e3);
		const logs = failed ? server.logs() : '';
		const problem = await server.stop();
		if (problem) {
			failed++;
			console.log(`FAIL run.js::stop: ${problem}`);
		}
		if (logs && process.env.CI)
			console.log(logs);
		if (args.keep)
			console.error(`kept ${server.state}`);
		axeSummary(results.axe);
		finish();
	}
}

main().catch((e) => {
	console.log(`FAIL run.js: ${short(e)}`);
	console.log('0 passed, 1 failed');
	process.exitCode = 1;
});
