{{%AUTOESCAPE context="HTML"}}
<h1>管理 <span lang="en" class="en">Admin</span></h1>
{{#AGENCY_USER}}<p>您代表 <strong>{{NAME}}</strong>：發布 MSF 會議通知、公開紀錄，並回應向貴機關提出的提案。 <span lang="en">You act for {{NAME}}: post MSF meeting notices and minutes, and answer the proposals addressed to your agency.</span></p>{{/AGENCY_USER}}
<p class="deadline">提案截止 <span lang="en">Deadline</span>：{{DEADLINE_ROC}} {{DEADLINE}}（{{LEFT_ZH}} <span lang="en">{{LEFT_EN}}</span>）</p>
<ul class="admin-menu">
<li><a href="/admin/proposals">提案處理：分派與回應 <span lang="en">Proposals: route and answer</span></a></li>
<li><a href="/admin/meetings">MSF 會議通知與紀錄 <span lang="en">MSF meeting notices and minutes</span></a></li>
{{#ORGANIZER}}<li><a href="/admin/comments">留言管理 <span lang="en">Moderate comments</span></a></li>
<li><a href="/admin/users">帳號管理 <span lang="en">Staff accounts</span></a></li>
<li><a href="/admin/deadline">截止時間 <span lang="en">Deadline</span></a></li>{{/ORGANIZER}}
</ul>
{{#ORGANIZER}}<section>
<h2>匯出 <span lang="en">Exports</span></h2>
<p>依國發會格式交付 <span lang="en">In the NDC's format</span>：<a class="button" href="/admin/export.odt">ODT（NDC 表單，標楷體 12 pt） <span lang="en">NDC form</span></a> <a class="button" href="/admin/export.csv">CSV（含聯絡方式） <span lang="en">with contacts</span></a> <a class="button" href="/admin/export.json">JSON</a> <a href="/admin/export.csv?drafts=1">CSV 含草稿 <span lang="en">with drafts</span></a> · <a href="/admin/export-responses.csv">回應登錄簿 CSV <span lang="en">response register</span></a></p>
<p class="help">CSV 與 JSON 含提案人電話與電子郵件，僅限工作人員使用。公開資料請用 <a href="/proposals.csv">/proposals.csv</a>、<a href="/proposals.json">/proposals.json</a>。 <span lang="en">The CSV and JSON hold contacts: staff only. The public open data is at /proposals.csv and /proposals.json.</span></p>
{{#INDEX}}<p class="help" id="search-index">搜尋索引：{{WAITING}} 項變更待索引（搜尋仍會逐筆比對找到它們）。 <span lang="en">Search index: {{WAITING}} change(s) waiting (search still finds them, by a scan).</span>{{#FAULT}} <strong class="flag">索引失敗，請檢查磁碟與檔案權限：{{WHY}} <span lang="en">Indexing fails; check the disk and file permissions: {{WHY}}</span></strong>{{/FAULT}}</p>{{/INDEX}}
</section>{{/ORGANIZER}}
<section>
<h2>提案概況 <span lang="en">Proposals at a glance</span></h2>
<div class="stats">
<div><p class="n">{{N_SUBMITTED}}</p><p>已送出 <span lang="en">submitted</span></p></div>
<div><p class="n">{{N_DRAFT}}</p><p>草稿 <span lang="en">drafts</span></p></div>
<div><p class="n">{{N_WITHDRAWN}}</p><p>已撤回 <span lang="en">withdrawn</span></p></div>
</div>
<table class="compact"><caption>已送出提案，依類型及核心價值 <span lang="en">Submitted, by kind and OGP value</span></caption>
<tbody>
<tr><th scope="row">新增 <span lang="en">add</span></th><td>{{N_ADD}}</td><th scope="row">透明 <span lang="en">transparency</span></th><td>{{N_TRANSPARENCY}}</td></tr>
<tr><th scope="row">修改 <span lang="en">modify</span></th><td>{{N_MODIFY}}</td><th scope="row">公共參與 <span lang="en">participation</span></th><td>{{N_PARTICIPATION}}</td></tr>
<tr><th scope="row">刪除 <span lang="en">delete</span></th><td>{{N_DELETE}}</td><th scope="row">課責 <span lang="en">accountability</span></th><td>{{N_ACCOUNTABILITY}}</td></tr>
</tbody></table>
{{#CHART}}<figure class="chart">
<figcaption>每日送出件數（臺北時間），至截止日 <span lang="en">Submissions per day (Taipei time) up to the deadline</span> · 共 {{TOTAL}} 件，單日最多 {{MAX}} 件</figcaption>
<svg viewBox="0 0 {{W}} {{H}}" width="100%" role="img" aria-label="每日送出件數 Submissions per day" xmlns="http://www.w3.org/2000/svg">
<line x1="0" y1="{{BASE}}" x2="{{W}}" y2="{{BASE}}" stroke="#5b6472" stroke-width="1"/>
{{#BAR}}<rect x="{{X}}" y="{{Y}}" width="{{W}}" height="{{H}}" fill="#0b5f8a"><title>{{DAY}}: {{N}}</title></rect>{{#HAS}}<text x="{{TX}}" y="{{Y}}" dy="-2" font-size="10" text-anchor="middle" fill="#1d2330">{{N}}</text>{{/HAS}}{{#LABEL}}<text x="{{TX}}" y="{{BASE}}" dy="14" font-size="10" text-anchor="middle" fill="#5b6472">{{DAY}}</text>{{/LABEL}}
{{/BAR}}</svg>
<details><summary>數據表 <span lang="en">Data table</span></summary><table class="compact"><thead><tr><th scope="col">日期 <span lang="en">Day</span></th><th scope="col">件數 <span lang="en">Submissions</span></th></tr></thead><tbody>{{#BAR}}<tr><td>{{DAY}}</td><td>{{N}}</td></tr>{{/BAR}}</tbody></table></details>
</figure>{{/CHART}}
</section>
<section>
<h2>各部會 <span lang="en">By agency</span></h2>
<table class="compact"><thead><tr><th scope="col">部會 <span lang="en">Agency</span></th><th scope="col">受理提案 <span lang="en">Proposals</span></th><th scope="col">已回應 <span lang="en">Answered</span></th></tr></thead>
<tbody>{{#AGENCY}}<tr><td><a href="/agencies/{{SLUG}}">{{NAME}}</a></td><td>{{PROPOSALS}}</td><td>{{ANSWERED}}</td></tr>{{/AGENCY}}
{{#UNROUTED}}<tr id="unrouted"><td>未分派 <span lang="en">Unrouted</span></td><td>{{PROPOSALS}}</td><td>{{ANSWERED}}</td></tr>{{/UNROUTED}}</tbody></table>
<table class="compact"><thead><tr><th scope="col">部會 <span lang="en">Agency</span></th><th scope="col">已舉行 MSF <span lang="en">MSFs held</span></th><th scope="col">即將舉行 <span lang="en">Upcoming</span></th></tr></thead>
<tbody>{{#MEETINGS}}<tr><td><a href="/agencies/{{SLUG}}">{{NAME}}</a></td><td>{{HELD}}</td><td>{{UPCOMING}}</td></tr>{{/MEETINGS}}</tbody></table>
</section>
