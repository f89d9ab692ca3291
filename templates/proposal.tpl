{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/proposals">民間提案 <span lang="en">Proposals</span></a> › #{{ID}}</p>
<article class="proposal">
<h1>{{TITLE}}</h1>
{{#WITHDRAWN}}<div class="banner"><p>此提案已由提案人撤回。 <span lang="en">This proposal was withdrawn by its author.</span></p></div>{{/WITHDRAWN}}
{{#PUBLISHED}}{{>FIELDS}}
<p><a class="button" href="/proposals/{{ID}}/print">以 NDC 表單格式列印 <span lang="en">Print as the NDC form</span></a> <a href="/proposals/{{ID}}/history">版本紀錄 <span lang="en">Version history</span></a>{{#CAN_ANSWER}} <a class="button" href="/admin/proposals/{{ID}}">回應此提案 <span lang="en">Answer it</span></a>{{/CAN_ANSWER}}</p>
{{/PUBLISHED}}
</article>
{{>ANSWERS}}
{{>COMMENTS}}
