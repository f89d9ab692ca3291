{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="{{BACK}}">← 回到頁面 <span lang="en">Back</span></a></p>
<h1>{{#PROPOSAL}}版本紀錄 <span lang="en" class="en">Version history</span>{{/PROPOSAL}}{{#MEETING}}會議通知修改紀錄 <span lang="en" class="en">Changes to the meeting notice</span>{{/MEETING}}</h1>
<table class="versions"><thead><tr><th scope="col">版本 <span lang="en">Version</span></th><th scope="col">時間 <span lang="en">Saved</span></th><th scope="col">動作 <span lang="en">Action</span></th></tr></thead>
<tbody>{{#REV}}<tr><td>{{N}}</td><td><time datetime="{{AT_ISO}}">{{AT}}</time></td><td>{{ACTION_ZH}} <span lang="en">{{ACTION}}</span>{{#BY}} · {{LOGIN}}{{/BY}}</td></tr>{{/REV}}</tbody></table>
<form class="filters" method="get" action="{{SELF}}">{{#TOKEN_FIELD}}<input type="hidden" name="token" value="{{TOKEN}}">{{/TOKEN_FIELD}}
<div><label for="h-from">比較版本 <span lang="en">Compare version</span></label><input id="h-from" name="from" type="number" min="1" value="{{FROM}}"></div>
<div><label for="h-to">與版本 <span lang="en">with version</span></label><input id="h-to" name="to" type="number" min="1" value="{{TO}}"></div>
<div><button type="submit">比較 <span lang="en">Compare</span></button></div>
</form>
<h2>第 {{FROM}} 版與第 {{TO}} 版的差異 <span lang="en">Changes from version {{FROM}} to {{TO}}</span></h2>
<p class="help"><ins>新增的文字</ins> <del>刪除的文字</del> <span lang="en"><ins>added</ins> <del>removed</del></span></p>
<dl class="diff">
{{>DIFF}}</dl>
{{>ANSWERS}}
{{#ANSWER_CHANGES}}<section class="answer-changes" id="answer-changes">
<h2>回應的修改 <span lang="en">Changes between the responses</span></h2>
{{#ANSWER_CHANGE}}<div class="answer-change">
<h3>第 {{FROM}} 次回應與第 {{TO}} 次回應的差異 <span lang="en">Changes from response {{FROM}} to {{TO}}</span></h3>
<p class="meta">{{AGENCY}} · {{BY}} · <time datetime="{{AT_ISO}}">{{AT}}</time></p>
<dl class="diff">
{{>DIFF}}</dl>
</div>
{{/ANSWER_CHANGE}}</section>{{/ANSWER_CHANGES}}
