{{%AUTOESCAPE context="HTML"}}
<h1>管理 <span lang="en" class="en">Admin</span></h1>
{{#AGENCY_USER}}<p>您代表 <strong>{{NAME}}</strong>：發布 MSF 會議通知、公開紀錄，並回應向貴機關提出的提案。 <span lang="en">You act for {{NAME}}: post MSF meeting notices and minutes, and answer the proposals addressed to your agency.</span></p>{{/AGENCY_USER}}
<p>提案截止 <span lang="en">Deadline</span>：{{DEADLINE_ROC}} {{DEADLINE}}（{{LEFT_ZH}} <span lang="en">{{LEFT_EN}}</span>）</p>
<ul class="admin-menu">
<li><a href="/admin/proposals">提案處理：分派與回應 <span lang="en">Proposals: route and answer</span></a></li>
<li><a href="/admin/meetings">MSF 會議通知與紀錄 <span lang="en">MSF meeting notices and minutes</span></a></li>
{{#ORGANIZER}}<li><a href="/admin/comments">留言管理 <span lang="en">Moderate comments</span></a></li>
<li><a href="/admin/users">帳號管理 <span lang="en">Staff accounts</span></a></li>
<li><a href="/admin/deadline">截止時間 <span lang="en">Deadline</span></a></li>{{/ORGANIZER}}
</ul>
