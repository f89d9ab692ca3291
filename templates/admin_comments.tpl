{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/admin">管理 <span lang="en">Admin</span></a></p>
<h1>留言管理 <span lang="en" class="en">Moderate comments</span></h1>
<p>被檢舉的留言排在最前面。隱藏留言時須寫下公開的理由，頁面上會顯示由誰、為何隱藏。 <span lang="en">Reported comments come first. Hiding needs a public reason; the page shows who hid it and why.</span></p>
{{#CSRF_FAILED}}<div class="banner error" role="alert"><p><strong>尚未隱藏。</strong>安全驗證已過期，您寫的理由還在下方，請再按一次。 <span lang="en"><strong>Not hidden yet.</strong> The security check expired; your reason is below: press the button again.</span></p></div>{{/CSRF_FAILED}}
{{#REASON_ERR}}<div class="banner error" role="alert"><p><strong>尚未隱藏：</strong>請寫下公開的理由（500 字以內）。 <span lang="en"><strong>Not hidden:</strong> give a public reason (at most 500 characters).</span></p></div>{{/REASON_ERR}}
<table class="moderation"><thead><tr><th scope="col">#</th><th scope="col">留言 <span lang="en">Comment</span></th><th scope="col">狀態 <span lang="en">State</span></th><th scope="col">動作 <span lang="en">Action</span></th></tr></thead>
<tbody>
{{#COMMENT}}<tr><td><a href="{{URL}}#comment-{{ID}}">{{ID}}</a></td><td><strong>{{NAME}}</strong> · {{CREATED}} · {{TARGET}}<div class="prose excerpt">{{BODY:pre_escape}}</div></td>
<td>{{#REPORTED}}被檢舉 {{N}} 次 <span lang="en">reported {{N}}×</span>{{/REPORTED}}{{#HIDDEN}}已隱藏：{{REASON}} <span lang="en">hidden</span>{{/HIDDEN}}</td>
<td>{{#VISIBLE}}<form method="post" action="/admin/comments/{{ID}}/hide"><input type="hidden" name="csrf" value="{{CSRF}}"><label for="reason-{{ID}}">理由 <span lang="en">Reason</span></label><input id="reason-{{ID}}" name="reason" type="text" maxlength="500" required value="{{REASON_TYPED}}"{{#REASON_INVALID}} aria-invalid="true"{{/REASON_INVALID}}><button type="submit" class="danger">隱藏 <span lang="en">Hide</span></button></form>{{/VISIBLE}}
{{#HIDDEN}}<form method="post" action="/admin/comments/{{ID}}/unhide"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">取消隱藏 <span lang="en">Unhide</span></button></form>{{/HIDDEN}}</td></tr>
{{/COMMENT}}</tbody></table>
