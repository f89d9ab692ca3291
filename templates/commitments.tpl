{{%AUTOESCAPE context="HTML"}}
<h1>行動方案承諾事項（國發會版） <span lang="en" class="en-block">The government's draft commitments (NDC version)</span></h1>
<p>各相關部會依據 OGP 核心精神（透明、參與、課責），規劃出我國開放政府國家行動方案 5 大承諾事項。 <span lang="en">Following OGP's values of transparency, participation and accountability, the agencies drafted 5 commitments.</span></p>
{{#COMMITMENT}}<section class="commitment" id="c{{ID}}">
<h2><span class="no">承諾事項{{ID}}</span> {{TITLE}} <span lang="en" class="en-block">{{TITLE_EN}}</span></h2>
<p class="agencies">主(協)辦機關 <span lang="en">Agencies</span>：{{#AGENCY}}<a href="/agencies/{{SLUG}}">{{NAME}}</a>{{#AGENCY_separator}}、{{/AGENCY_separator}}{{/AGENCY}}</p>
<table class="items">
<thead><tr><th scope="col">編號 <span lang="en">No.</span></th><th scope="col">事項 <span lang="en">Item</span></th><th scope="col">主政機關 <span lang="en">Lead</span></th><th scope="col">狀態 <span lang="en">Status</span></th><th scope="col">進度 <span lang="en">Progress</span></th><th scope="col">提案 <span lang="en">Proposals</span></th></tr></thead>
<tbody>
{{#ITEM}}<tr><td>{{NO}}</td><td><a href="/commitments/{{ID}}">{{TITLE}}</a> <span lang="en" class="en-block">{{TITLE_EN}}</span></td><td><span class="cell-label">主政機關 <span lang="en">Lead</span>：</span><a href="/agencies/{{LEAD_SLUG}}">{{LEAD_NAME}}</a></td><td><span class="cell-label">狀態 <span lang="en">Status</span>：</span><span class="status s-{{STATUS}}">{{STATUS_ZH}} <span lang="en">{{STATUS_EN}}</span></span></td><td><span class="cell-label">進度 <span lang="en">Progress</span>：</span>{{#PROGRESS}}{{PCT}}% <progress max="100" value="{{PCT}}">{{PCT}}%</progress>{{/PROGRESS}}{{#NO_PROGRESS}}—{{/NO_PROGRESS}}</td><td><span class="cell-label">提案 <span lang="en">Proposals</span>：</span>{{PROPOSALS}}</td></tr>
{{/ITEM}}</tbody>
</table>
</section>
{{/COMMITMENT}}
