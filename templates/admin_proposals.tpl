{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/admin">管理 <span lang="en">Admin</span></a></p>
<h1>提案處理 <span lang="en" class="en">Proposals to route and answer</span></h1>
{{#NONE}}<p class="empty">目前沒有提案。 <span lang="en">No proposals yet.</span></p>{{/NONE}}
<table><thead><tr><th scope="col">#</th><th scope="col">提案 <span lang="en">Proposal</span></th><th scope="col">受理機關 <span lang="en">Agency</span></th><th scope="col">回應 <span lang="en">Answer</span></th></tr></thead>
<tbody>
{{#PROPOSAL}}<tr><td>{{ID}}</td><td><a href="/admin/proposals/{{ID}}">{{TITLE}}</a><br><span class="meta">{{SUBMITTER}} · {{SUBMITTED}} · {{STATUS_ZH}} <span lang="en">{{STATUS_EN}}</span></span></td><td>{{AGENCY}}</td><td>{{#ANSWERED}}{{ZH}} <span lang="en">{{EN}}</span>{{/ANSWERED}}{{#UNANSWERED}}<span class="flag short">待回應 <span lang="en">to answer</span></span>{{/UNANSWERED}}</td></tr>
{{/PROPOSAL}}</tbody></table>
