'use strict';
// Every page type of cocreate, and how a browser gets to it: the list that
// the accessibility, layout and screenshot tests walk.

/* Sends the form with "submit" and waits for it to come back with errors. */
async function submitWithErrors(page) {
	await Promise.all([page.waitForURL('**/proposals'),
	    page.click('button[name=action][value=submit]')]);
	await page.waitForSelector('.banner.error');
}

/* [{name, url, staff?, then?}]: staff is the account to log in as; then
 * brings the page into the state to check (the form with errors). */
function pageTypes(seed) {
	const p = seed.proposal, d = seed.draft, m = seed.meeting;
	return [
		{ name: 'home', url: '/' },
		{ name: 'commitments', url: '/commitments' },
		{ name: 'item', url: '/commitments/1' },
		{ name: 'agencies', url: '/agencies' },
		{ name: 'agency', url: '/agencies/ndc' },
		{ name: 'proposals', url: '/proposals' },
		{ name: 'form', url: '/proposals/new' },
		{ name: 'form-errors', url: '/proposals/new', then: submitWithErrors },
		{ name: 'form-errors-milestones', url: '/proposals/new', then: async (page) => {
			// A milestone with dates but no deliverable, ending before it
			// starts.
			await page.fill('#ms-s-1', '2026-06-30');
			await page.fill('#ms-e-1', '2026-06-01');
			await submitWithErrors(page);
		} },
		{ name: 'edit', url: `/proposals/${d.id}/edit?token=${d.token}` },
		{ name: 'proposal', url: `/proposals/${p.id}` },
		{ name: 'print', url: `/proposals/${p.id}/print` },
		{ name: 'proposal-history', url: `/proposals/${p.id}/history` },
		{ name: 'responses', url: '/responses' },
		{ name: 'search', url: `/search?q=${encodeURIComponent('逐字紀錄')}` },
		{ name: 'process', url: '/process' },
		{ name: 'meetings', url: '/meetings' },
		{ name: 'meeting', url: `/meetings/${m.id}` },
		{ name: 'meeting-history', url: `/meetings/${m.id}/history` },
		{ name: 'login', url: '/login' },
		{ name: 'not-found', url: '/proposals/999999', status: 404 },
		{ name: 'admin', url: '/admin', staff: 'organizer' },
		{ name: 'admin-proposals', url: '/admin/proposals', staff: 'organizer' },
		{ name: 'admin-proposal', url: `/admin/proposals/${p.id}`, staff: 'organizer' },
		{ name: 'admin-meetings', url: '/admin/meetings', staff: 'organizer' },
		{ name: 'admin-meeting-new', url: '/admin/meetings/new', staff: 'agency' },
		{ name: 'admin-meeting-edit', url: `/admin/meetings/${m.id}/edit`, staff: 'organizer' },
		{ name: 'admin-comments', url: '/admin/comments', staff: 'organizer' },
		{ name: 'admin-users', url: '/admin/users', staff: 'organizer' },
		{ name: 'admin-deadline', url: '/admin/deadline', staff: 'organizer' },
	];
}

module.exports = { pageTypes };
