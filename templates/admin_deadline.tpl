{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/admin">管理 <span lang="en">Admin</span></a></p>
<h1>提案截止時間 <span lang="en" class="en">Deadline</span></h1>
{{#SAVED}}<div class="banner ok" role="status"><p>已更新截止時間。 <span lang="en">Deadline updated.</span></p></div>{{/SAVED}}
<p>目前 <span lang="en">Now</span>：{{DEADLINE_ROC}} {{DEADLINE}}（{{LEFT_ZH}} <span lang="en">{{LEFT_EN}}</span>）</p>
<form method="post" action="/admin/deadline" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#ERROR}} has-err{{/ERROR}}"><label for="deadline">截止時間（臺北時間） <span lang="en">Deadline (Taipei time)</span></label>
<input id="deadline" name="deadline" type="datetime-local" value="{{VALUE}}"{{#ERROR}} aria-invalid="true" aria-describedby="deadline-err"{{/ERROR}}>
{{#ERROR}}<p class="err" id="deadline-err">請用「年-月-日 時:分」格式。 <span lang="en">Use year-month-day hour:minute.</span></p>{{/ERROR}}</div>
<button type="submit" class="primary">儲存 <span lang="en">Save</span></button>
</form>
