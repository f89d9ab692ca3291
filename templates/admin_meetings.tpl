{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/admin">管理 <span lang="en">Admin</span></a></p>
<h1>會議通知 <span lang="en" class="en">Meeting notices</span></h1>
<p><a class="button primary" href="/admin/meetings/new">新增會議通知 <span lang="en">New notice</span></a></p>
{{#NONE}}<p class="empty">還沒有會議通知。 <span lang="en">No notices yet.</span></p>{{/NONE}}
<table><thead><tr><th scope="col">時間 <span lang="en">When</span></th><th scope="col">會議 <span lang="en">Meeting</span></th><th scope="col">機關 <span lang="en">Agency</span></th><th scope="col">狀態 <span lang="en">State</span></th><th scope="col">動作 <span lang="en">Action</span></th></tr></thead>
<tbody>
{{#UPCOMING}}<tr><td>{{STARTS}}</td><td><a href="/meetings/{{ID}}">{{TITLE}}</a></td><td>{{AGENCY_NAME}}</td><td>即將舉行 <span lang="en">upcoming</span>{{#CANCELLED}}、已取消 <span lang="en">cancelled</span>{{/CANCELLED}}{{#SHORT_NOTICE}}、公告未滿 14 天 <span lang="en">short notice</span>{{/SHORT_NOTICE}}</td><td><a href="/admin/meetings/{{ID}}/edit">編輯 <span lang="en">edit</span></a></td></tr>
{{/UPCOMING}}{{#PAST}}<tr><td>{{STARTS}}</td><td><a href="/meetings/{{ID}}">{{TITLE}}</a></td><td>{{AGENCY_NAME}}</td><td>已舉行 <span lang="en">past</span>{{#HAS_MINUTES}}、有紀錄 <span lang="en">minutes</span>{{/HAS_MINUTES}}{{#CANCELLED}}、已取消 <span lang="en">cancelled</span>{{/CANCELLED}}</td><td><a href="/admin/meetings/{{ID}}/edit">編輯、紀錄 <span lang="en">edit, minutes</span></a></td></tr>
{{/PAST}}</tbody></table>
