{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/commitments">承諾事項 <span lang="en">Commitments</span></a> › <a href="/commitments#c{{COMMITMENT_ID}}">承諾事項{{COMMITMENT_ID}} {{COMMITMENT_TITLE}}</a></p>
<article class="item">
<h1><span class="no">{{NO}}</span> {{TITLE}} <span lang="en" class="en-block">{{TITLE_EN}}</span></h1>
<dl class="meta">
<dt>主政機關 <span lang="en">Lead agency</span></dt><dd><a href="/agencies/{{LEAD_SLUG}}">{{LEAD_NAME}}</a> <span lang="en">{{LEAD_NAME_EN}}</span></dd>
<dt>主(協)辦機關 <span lang="en">Agencies of the commitment</span></dt><dd>{{#AGENCY}}<a href="/agencies/{{SLUG}}">{{NAME}}</a>{{#AGENCY_separator}}、{{/AGENCY_separator}}{{/AGENCY}}</dd>
<dt>狀態 <span lang="en">Status</span></dt><dd><span class="status s-{{STATUS}}">{{STATUS_ZH}} <span lang="en">{{STATUS_EN}}</span></span></dd>
</dl>
<h2>內容 <span lang="en">Text of the draft</span></h2>
<div class="prose">{{BODY:pre_escape}}</div>
<p class="actions"><a class="button" href="/proposals/new?kind=modify&amp;target_item={{ID}}">建議修改 <span lang="en">Propose a change</span></a> <a class="button" href="/proposals/new?kind=delete&amp;target_item={{ID}}">建議刪除 <span lang="en">Propose deleting it</span></a></p>
</article>
<section>
<h2>針對此事項的提案 <span lang="en">Proposals on this item</span></h2>
{{#NO_PROPOSALS}}<p class="empty">還沒有人針對此事項提案。 <span lang="en">No proposals on this item yet.</span></p>{{/NO_PROPOSALS}}
<ul class="proposals">
{{#PROPOSAL}}<li><a class="title" href="/proposals/{{ID}}">{{TITLE}}</a>
<p class="meta">{{KIND_ZH}} · {{SUBMITTER}} · <time datetime="{{SUBMITTED_ISO}}">{{SUBMITTED}}</time></p></li>
{{/PROPOSAL}}</ul>
</section>
{{>COMMENTS}}
