/*
 * cocreate: small enhancements on top of pages that work without
 * JavaScript.  No framework and no inline script (the Content-Security-Policy
 * is default-src 'self').
 *  - a live character counter beside every field with data-max, counted in
 *    characters (code points) after the server's own normalisation;
 *  - the proposal form (form[data-autosave]) saved to the server every 30
 *    seconds while something changed, and when the page is left;
 *  - a Markdown preview under comment boxes, rendered by the server;
 *  - a button that cannot be undone (data-confirm) asks first.
 */
(function () {
	'use strict';

	var AUTOSAVE_MS = 30000;
	var EDIT_RE = /\/proposals\/(\d+)\/edit\?token=([A-Za-z0-9_-]+)/;

	/* An element with Chinese text and its English beside it. */
	function bilingual(tag, zh, en) {
		var el = document.createElement(tag), span = document.createElement('span');

		span.lang = 'en';
		span.textContent = en;
		el.append(zh + ' ', span);
		return el;
	}

	/*
	 * The text as the server stores it (valid_normalise in src/valid.c):
	 * CR LF and CR become LF, C0 controls other than tab and LF and DEL are
	 * dropped, surrounding white space is trimmed, and in a one-line field
	 * a line break or a tab is a space.
	 */
	function normalise(s, multiline) {
		s = s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufffe\uffff]/g, '');
		if (!multiline)
			s = s.replace(/[\n\t]/g, ' ');
		return s.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
	}

	/* Characters as the server counts them: code points, not UTF-16 units. */
	function characters(s, multiline) {
		return Array.from(normalise(s, multiline)).length;
	}

	function pad(n) {
		return (n < 10 ? '0' : '') + n;
	}

	/* ---------------------------------------------------------- counters */

	function counter(field) {
		var max = parseInt(field.getAttribute('data-max'), 10);
		var box = field.id ? document.getElementById(field.id + '-count') : null;
		var n = box ? box.querySelector('.n') : null;
		var multiline = field.tagName === 'TEXTAREA';
		var over;

		if (!(max > 0))
			return;
		if (n === null) {
			/* A field whose template shows only the limit: add the count. */
			n = document.createElement('span');
			n.className = 'n';
			box = document.createElement('p');
			box.className = 'count';
			box.append('目前 ', n, ' 字，上限 ' + max + ' 字 ',
			    bilingual('span', '', 'characters; at most ' + max).lastChild);
			field.insertAdjacentElement('afterend', box);
		}
		over = document.createElement('span');
		over.className = 'over-by';
		box.appendChild(over);

		function update() {
			var c = characters(field.value, multiline);

			n.textContent = String(c);
			box.classList.toggle('over', c > max);
			if (c > max)
				over.replaceChildren(bilingual('strong', '超過 ' + (c - max) + ' 字',
				    (c - max) + ' too many'));
			else
				over.replaceChildren();
		}
		field.addEventListener('input', update);
		update();
	}

	/* ---------------------------------------------------------- autosave */

	function autosave(form) {
		var status, dirty = false, busy = null, leaving = false;
		var actions = form.querySelector('.actions');

		/* Not on a submitted or withdrawn proposal (saving would submit it
		 * again or turn it back into a draft), nor after the deadline. */
		if (!form.hasAttribute('data-autosave') ||
		    form.querySelector('button[name=action][value=save]') === null)
			return;

		status = document.createElement('p');
		status.className = 'autosave';
		status.setAttribute('role', 'status');
		status.textContent = '\u00a0';
		form.insertBefore(status, actions);

		function show(kind, zh, en) {
			var el = bilingual('p', zh, en);

			status.className = 'autosave ' + kind;
			status.replaceChildren.apply(status, Array.from(el.childNodes));
		}

		/* Where the form sends to (form.action would be its buttons,
		 * named "action"). */
		function target() {
			return new URL(form.getAttribute('action'), location.href).href;
		}

		function token() {
			var t = form.querySelector('input[name=token]');

			return t !== null && t.value !== '' ? t.value : null;
		}

		/* What the buttons would send, with action=save. */
		function fields() {
			var f = new URLSearchParams(new FormData(form));

			f.set('action', 'save');
			return f;
		}

		/* After the first save of a new proposal: later saves update the
		 * draft just made, and the address is its private edit link. */
		function adopt(id, tok) {
			var path = '/proposals/' + id + '/edit?token=' + tok, t, box, label, input;

			if (token() === tok)
				return;
			t = form.querySelector('input[name=token]');
			if (t === null) {
				t = document.createElement('input');
				t.type = 'hidden';
				t.name = 'token';
				form.insertBefore(t, form.firstChild);
			}
			t.value = tok;
			form.setAttribute('action', '/proposals/' + id);
			history.replaceState(null, '', path);
			if (document.getElementById('edit-link') !== null)
				return;
			box = document.createElement('div');
			box.className = 'banner ok autosave-link';
			box.appendChild(bilingual('p',
			    '草稿已自動儲存。請把私人編輯連結存起來（加入書籤或寄給自己）：之後要繼續編輯、送出都需要它，也請勿分享給別人。',
			    'Your draft was saved. Keep the private edit link (bookmark it or e-mail it to yourself): you need it to continue and to submit. Do not share it.'));
			label = bilingual('label', '私人編輯連結', 'Private edit link');
			label.htmlFor = 'edit-link';
			input = document.createElement('input');
			input.id = 'edit-link';
			input.className = 'link';
			input.type = 'text';
			input.readOnly = true;
			input.value = location.origin + path;
			box.append(label, input);
			form.insertBefore(box, status);
		}

		function save() {
			var body;

			if (busy !== null || !dirty || leaving)
				return busy;
			dirty = false;
			body = fields();
			show('saving', '儲存中…', 'saving…');
			busy = fetch(target(), {
				method: 'POST', body: body, credentials: 'same-origin',
			}).then(function (r) {
				var m = EDIT_RE.exec(r.url), now = new Date(), hm;

				if (!r.ok || !r.redirected || m === null)
					throw new Error('HTTP ' + r.status);
				adopt(m[1], m[2]);
				hm = pad(now.getHours()) + ':' + pad(now.getMinutes());
				show('ok', '已儲存 ' + hm, 'saved at ' + hm);
			}).catch(function (e) {
				dirty = true;
				show('error', '自動儲存沒有成功（' + e.message + '），請按「儲存草稿」。',
				    'Autosave failed (' + e.message + '); press Save draft.');
			}).finally(function () {
				busy = null;
			});
			return busy;
		}

		/* Leaving: a last save, only of a draft that exists (a beacon cannot
		 * follow the redirect that tells a new draft's link). */
		function beacon() {
			if (leaving || !dirty || token() === null)
				return;
			if (navigator.sendBeacon(target(), fields()))
				dirty = false;
		}

		form.addEventListener('input', function () { dirty = true; });
		form.addEventListener('change', function () { dirty = true; });
		form.addEventListener('submit', function (e) {
			var submitter = e.submitter;

			/* An autosave under way is let finish first: a first one
			 * would otherwise make a second proposal, a later one could
			 * land after the button's and bring older text back. */
			if (busy !== null) {
				e.preventDefault();
				busy.then(function () { form.requestSubmit(submitter); });
				return;
			}
			leaving = true;
		});
		/* A page shown again from the back-forward cache. */
		window.addEventListener('pageshow', function (e) {
			if (e.persisted)
				leaving = false;
		});
		window.addEventListener('pagehide', beacon);
		document.addEventListener('visibilitychange', function () {
			if (document.visibilityState === 'hidden')
				beacon();
		});
		setInterval(save, AUTOSAVE_MS);
	}

	/* ---------------------------------------------------------- preview */

	function preview(form) {
		var body = form.querySelector('textarea[name=body]');
		var csrf = form.querySelector('input[name=csrf]');
		var button, box, after;

		if (body === null || csrf === null)
			return;
		button = bilingual('button', '預覽', 'Preview');
		button.type = 'button';
		button.className = 'preview-button';
		box = document.createElement('div');
		box.className = 'preview-box';
		box.setAttribute('aria-live', 'polite');
		box.hidden = true;
		after = body.closest('.field') || body;
		after.insertAdjacentElement('afterend', button);
		button.insertAdjacentElement('afterend', box);

		button.addEventListener('click', function () {
			var f = new URLSearchParams();

			f.set('csrf', csrf.value);
			f.set('body', body.value);
			button.disabled = true;
			fetch('/preview', { method: 'POST', body: f, credentials: 'same-origin' })
			    .then(function (r) {
				if (!r.ok)
					throw new Error('HTTP ' + r.status);
				return r.text();
			}).then(function (html) {
				var label = bilingual('p', '預覽（尚未送出）', 'Preview (not posted yet)');

				label.className = 'preview-label';
				box.innerHTML = html; /* the server's renderer, as for saved comments */
				box.insertBefore(label, box.firstChild);
			}).catch(function (e) {
				box.replaceChildren(bilingual('p', '無法預覽（' + e.message + '）。',
				    'Preview failed (' + e.message + ').'));
			}).finally(function () {
				box.hidden = false;
				button.disabled = false;
			});
		});
	}

	/* ---------------------------------------------------------- reply */

	/* "Reply" is a link that reloads the page with the form set to answer
	 * the comment (?reply=N); here it sets the form without the reload. */
	function reply(link) {
		/* The comment answered, from the link itself (?reply=N). */
		var id = new URL(link.href).searchParams.get('reply');
		link.addEventListener('click', function (e) {
			var form = document.getElementById(link.hash.slice(1));
			var parent = form && form.querySelector('input[name=parent]');
			var article = id && document.getElementById('comment-' + id);
			if (!parent || !article)
				return;
			e.preventDefault();
			parent.value = id;
			var who = article.querySelector('.by strong');
			var name = who ? who.textContent : '#' + id;
			var note = form.querySelector('.replying');
			if (!note) {
				note = document.createElement('p');
				note.className = 'replying';
				note.setAttribute('role', 'status');
				parent.after(note);
			}
			var to = document.createElement('a');
			to.href = '#comment-' + id;
			to.textContent = name;
			var cancel = document.createElement('a');
			cancel.className = 'cancel-reply';
			cancel.href = location.pathname + link.hash;
			var cancelEn = document.createElement('span');
			cancelEn.lang = 'en';
			cancelEn.textContent = 'Cancel';
			cancel.append('取消回覆 ', cancelEn);
			cancel.addEventListener('click', function (ev) {
				ev.preventDefault();
				parent.value = '';
				note.remove();
			});
			var en = document.createElement('span');
			en.lang = 'en';
			en.textContent = 'Replying to ' + name;
			note.replaceChildren('回覆 ', to, ' 的留言 ', en, ' · ', cancel);
			var body = form.querySelector('textarea[name=body]');
			form.scrollIntoView({ block: 'start' });
			if (body)
				body.focus();
		});
	}

	/*
	 * A form refused and shown again: focus on its banner, so that a
	 * screen reader reads why and the keyboard starts there.
	 */
	function focusRefusal() {
		var banner = document.querySelector('main .banner.error[role=alert]');

		if (banner == null || document.activeElement !== document.body)
			return;
		banner.setAttribute('tabindex', '-1');
		banner.focus();
	}

	/* A button that cannot be undone asks first (cancelling a meeting). */
	function confirmFirst(button) {
		button.addEventListener('click', function (ev) {
			if (!window.confirm(button.getAttribute('data-confirm')))
				ev.preventDefault();
		});
	}

	/* ---------------------------------------------------------- start */

	function start() {
		document.querySelectorAll('[data-max]').forEach(counter);
		document.querySelectorAll('form.ndc').forEach(autosave);
		document.querySelectorAll('form.comment-form').forEach(preview);
		document.querySelectorAll('a.reply-link').forEach(reply);
		document.querySelectorAll('button[data-confirm]').forEach(confirmFirst);
		focusRefusal();
	}

	if (document.readyState === 'loading')
		document.addEventListener('DOMContentLoaded', start);
	else
		start();
}());
