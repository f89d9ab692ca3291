{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/agencies">部會 <span lang="en">Agencies</span></a> › {{NAME}}</p>
<h1>{{FULL_NAME}} <span lang="en" class="en-block">{{NAME_EN}}</span></h1>
<section>
<h2>承諾事項 <span lang="en">Commitment items</span></h2>
{{#NO_ITEMS}}<p class="empty">此機關在草案中沒有列名的事項。 <span lang="en">This agency has no items in the draft.</span></p>{{/NO_ITEMS}}
<ul class="items">
{{#ITEM}}<li><a href="/commitments/{{ID}}"><span class="no">{{NO}}</span> {{TITLE}}</a> {{#LEAD}}<span class="role lead">主政 <span lang="en">lead</span></span>{{/LEAD}}{{#CO}}<span class="role co">協辦 <span lang="en">co-agency</span>（主政：{{LEAD_NAME}}）</span>{{/CO}} <span class="status">{{STATUS_ZH}} <span lang="en">{{STATUS_EN}}</span></span></li>
{{/ITEM}}</ul>
</section>
<section>
<h2>向此機關提出的提案 <span lang="en">Proposals addressed to this agency</span></h2>
{{>PROPOSALS}}
</section>
