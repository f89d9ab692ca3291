{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/admin">管理 <span lang="en">Admin</span></a></p>
<h1>提案截止時間 <span lang="en" class="en">Deadline</span></h1>
{{#CSRF_FAILED}}<div class="banner error" role="alert"><p><strong>尚未儲存。</strong>安全驗證已過期，請再按一次儲存。 <span lang="en"><strong>Not saved yet.</strong> The security check expired; press Save again.</span></p></div>{{/CSRF_FAILED}}
{{#SAVED}}<div class="banner ok" role="status"><p>已更新截止時間。 <span lang="en">Deadline updated.</span></p></div>{{/SAVED}}
<p>目前截止時間 <span lang="en">Current deadline</span>：{{DEADLINE_ROC}} {{DEADLINE}}（{{LEFT_ZH}} <span lang="en">{{LEFT_EN}}</span>）</p>
<form method="post" action="/admin/deadline" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#ERROR}} has-err{{/ERROR}}"><label for="deadline">截止時間（臺北時間） <span lang="en">Deadline (Taipei time)</span></label>
<input id="deadline" name="deadline" type="datetime-local" step="1" value="{{VALUE}}"{{#ERROR}} aria-invalid="true" aria-describedby="deadline-err"{{/ERROR}}>
{{#ERROR}}<p class="err" id="deadline-err">請用「年-月-日 時:分:秒」格式（秒可省略）。 <span lang="en">Use year-month-day hour:minute:second (the seconds may be left out).</span></p>{{/ERROR}}</div>
<button type="submit" class="primary">儲存 <span lang="en">Save</span></button>
</form>
<h2>期中檢視 <span lang="en">Mid-term review</span></h2>
<p>開放時，民眾可在每個承諾事項頁面提出檢視意見（與一般留言分開顯示）。 <span lang="en">While open, anyone can post a review on each commitment item, shown apart from the comments.</span></p>
<form method="post" action="/admin/review"><input type="hidden" name="csrf" value="{{CSRF}}">
<fieldset class="field"><legend>期中檢視 <span lang="en">Mid-term review</span>：{{#REVIEW_OPEN}}開放中 <span lang="en">open</span>{{/REVIEW_OPEN}}{{#REVIEW_CLOSED}}未開放 <span lang="en">closed</span>{{/REVIEW_CLOSED}}</legend>
<label><input type="radio" name="status" value="open"{{#REVIEW_OPEN}} checked{{/REVIEW_OPEN}}> 開放 <span lang="en">open</span></label>
<label><input type="radio" name="status" value="closed"{{#REVIEW_CLOSED}} checked{{/REVIEW_CLOSED}}> 關閉 <span lang="en">closed</span></label></fieldset>
<button type="submit">儲存 <span lang="en">Save</span></button></form>
