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
<section id="tracking">
<h2>執行進度 <span lang="en">Progress of the plan</span></h2>
{{#HAS_PROGRESS}}<p class="progress-line">整體進度 <span lang="en">Overall</span>：<strong>{{PCT}}%</strong> <progress max="100" value="{{PCT}}">{{PCT}}%</progress></p>{{/HAS_PROGRESS}}
{{#NO_MILESTONES}}<p class="empty">主政機關尚未訂定里程碑。 <span lang="en">The lead agency has set no milestones yet.</span></p>{{/NO_MILESTONES}}
<table class="milestones"><thead><tr><th scope="col">里程碑 <span lang="en">Milestone</span></th><th scope="col">期間 <span lang="en">Period</span></th><th scope="col">狀態 <span lang="en">Status</span></th><th scope="col">進度 <span lang="en">Progress</span></th></tr></thead>
<tbody>{{#MILESTONE}}<tr><td>{{DELIVERABLE}}</td><td>{{STARTS}} – {{ENDS}}</td><td><span class="status ms-{{STATUS}}">{{STATUS_ZH}} <span lang="en">{{STATUS_EN}}</span></span></td><td>{{PROGRESS}}% <progress max="100" value="{{PROGRESS}}">{{PROGRESS}}%</progress></td></tr>{{/MILESTONE}}</tbody></table>
<h3>時間軸 <span lang="en">Timeline</span></h3>
{{#NO_UPDATES}}<p class="empty">尚無進度說明。 <span lang="en">No progress notes yet.</span></p>{{/NO_UPDATES}}
<ol class="timeline">{{#UPDATE}}<li><p class="meta"><time datetime="{{AT_ISO}}">{{AT}}</time> · {{AGENCY}} {{BY}}{{#ON}} · {{DELIVERABLE}}{{STATUS_ZH}}{{#PCT}} {{N}}%{{/PCT}}{{/ON}}</p><div class="md">{{NOTE_HTML:none}}</div></li>{{/UPDATE}}</ol>
{{#MILESTONE_FORM}}<form class="tracking-form" method="post" action="/admin/items/{{ID}}/milestones" novalidate>
<h3>新增里程碑 <span lang="en">Add a milestone</span></h3>
{{#CSRF_FAILED}}<p class="err">安全驗證已過期，請再送出一次。 <span lang="en">The security check expired; send again.</span></p>{{/CSRF_FAILED}}{{#HAS_ERRORS}}<p class="err">尚未儲存，請修正標示的欄位。 <span lang="en">Not saved: correct the marked fields.</span></p>{{/HAS_ERRORS}}{{#BUSY}}<p class="err">暫時無法儲存，請稍後再試。 <span lang="en">Cannot save right now; try again.</span></p>{{/BUSY}}
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field"><label for="m-deliverable">交付成果 <span lang="en">Deliverable</span></label><input id="m-deliverable" name="deliverable" type="text" value="{{V_DELIVERABLE}}"{{#E_deliverable}} aria-invalid="true" aria-describedby="m-deliverable-err"{{/E_deliverable}}>{{#E_deliverable}}<p class="err" id="m-deliverable-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_deliverable}}</div>
<div class="field"><label for="m-starts">開始日期 <span lang="en">Start</span></label><input id="m-starts" name="starts_on" type="date" value="{{V_STARTS_ON}}"{{#E_starts_on}} aria-invalid="true" aria-describedby="m-starts-err"{{/E_starts_on}}>{{#E_starts_on}}<p class="err" id="m-starts-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_starts_on}}</div>
<div class="field"><label for="m-ends">結束日期 <span lang="en">End</span></label><input id="m-ends" name="ends_on" type="date" value="{{V_ENDS_ON}}"{{#E_ends_on}} aria-invalid="true" aria-describedby="m-ends-err"{{/E_ends_on}}>{{#E_ends_on}}<p class="err" id="m-ends-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_ends_on}}</div>
<button type="submit">新增 <span lang="en">Add</span></button>
</form>{{/MILESTONE_FORM}}
{{#UPDATE_FORM}}<form class="tracking-form" method="post" action="/admin/items/{{ID}}/updates" novalidate>
<h3>更新進度 <span lang="en">Report progress</span></h3>
{{#CSRF_FAILED}}<p class="err">安全驗證已過期，請再送出一次。 <span lang="en">The security check expired; send again.</span></p>{{/CSRF_FAILED}}{{#HAS_ERRORS}}<p class="err">尚未儲存，請修正標示的欄位。 <span lang="en">Not saved: correct the marked fields.</span></p>{{/HAS_ERRORS}}{{#BUSY}}<p class="err">暫時無法儲存，請稍後再試。 <span lang="en">Cannot save right now; try again.</span></p>{{/BUSY}}
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field"><label for="u-milestone">里程碑（選填） <span lang="en">Milestone (optional)</span></label><select id="u-milestone" name="milestone"{{#E_milestone}} aria-invalid="true" aria-describedby="u-milestone-err"{{/E_milestone}}><option value="">（整體說明 general note）</option>{{#MILESTONE_OPTION}}<option value="{{ID}}">{{DELIVERABLE}}</option>{{/MILESTONE_OPTION}}</select>{{#E_milestone}}<p class="err" id="u-milestone-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_milestone}}</div>
<div class="field"><label for="u-status">里程碑狀態 <span lang="en">Milestone status</span></label><select id="u-status" name="status"{{#E_status}} aria-invalid="true"{{/E_status}}><option value="">（不變 unchanged）</option>{{#STATUS_OPTION}}<option value="{{NAME}}">{{ZH}} {{EN}}</option>{{/STATUS_OPTION}}</select></div>
<div class="field"><label for="u-progress">進度 % <span lang="en">Progress %</span></label><input id="u-progress" name="progress" type="number" min="0" max="100" value="{{V_PROGRESS}}"{{#E_progress}} aria-invalid="true" aria-describedby="u-progress-err"{{/E_progress}}>{{#E_progress}}<p class="err" id="u-progress-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_progress}}</div>
<div class="field"><label for="u-note">說明（Markdown，公開） <span lang="en">Note (Markdown, public)</span></label><textarea id="u-note" name="note" rows="4"{{#E_note}} aria-invalid="true" aria-describedby="u-note-err"{{/E_note}}>{{V_NOTE:pre_escape}}</textarea>{{#E_note}}<p class="err" id="u-note-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_note}}</div>
<button type="submit" class="primary">公開進度 <span lang="en">Publish</span></button>
</form>{{/UPDATE_FORM}}
</section>
<section id="review">
<h2>期中檢視 <span lang="en">Mid-term review</span></h2>
<p>每年一次，民間針對各承諾事項的執行提出檢視意見。{{#REVIEW_OPEN}}目前開放檢視。{{/REVIEW_OPEN}} <span lang="en">Once a year civil society reviews each commitment item.{{#REVIEW_OPEN}} The review is open now.{{/REVIEW_OPEN}}</span></p>
{{>REVIEWS}}
</section>
<section>
<h2>針對此事項的提案 <span lang="en">Proposals on this item</span></h2>
<p class="count">共 {{PROPOSALS_TOTAL}} 件 <span lang="en">{{PROPOSALS_TOTAL}} in all</span>{{#MORE_PROPOSALS}} · 以下為最新 20 件，<a href="/proposals?item={{ID}}">看全部 <span lang="en">see all</span></a>{{/MORE_PROPOSALS}}</p>
{{#NO_PROPOSALS}}<p class="empty">還沒有人針對此事項提案。 <span lang="en">No proposals on this item yet.</span></p>{{/NO_PROPOSALS}}
<ul class="proposals">
{{#PROPOSAL}}<li><a class="title" href="/proposals/{{ID}}">{{TITLE}}</a>
<p class="meta">{{KIND_ZH}} · {{SUBMITTER}} · <time datetime="{{SUBMITTED_ISO}}">{{SUBMITTED}}</time></p></li>
{{/PROPOSAL}}</ul>
</section>
{{>COMMENTS}}
