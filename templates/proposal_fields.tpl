{{%AUTOESCAPE context="HTML"}}
<dl class="meta">
<dt>提案類型 <span lang="en">Kind</span></dt><dd>{{KIND_ZH}} <span lang="en">{{KIND_EN}}</span>{{#TARGET}}：<a href="/commitments/{{ID}}">{{NO}} {{TITLE}}</a>{{/TARGET}}</dd>
{{#ADDRESSED}}<dt>受理機關 <span lang="en">Addressed to</span></dt><dd><a href="/agencies/{{SLUG}}">{{NAME}}</a> <span lang="en">{{NAME_EN}}</span></dd>{{/ADDRESSED}}
<dt>送出時間 <span lang="en">Submitted</span></dt><dd><time datetime="{{SUBMITTED_ISO}}">{{SUBMITTED_ROC}} {{SUBMITTED}}</time></dd>
<dt>最後更新 <span lang="en">Last updated</span></dt><dd><time datetime="{{UPDATED_ISO}}">{{UPDATED}}</time> · 第 {{REVISION}} 版 <span lang="en">version {{REVISION}}</span></dd>
</dl>
<table class="ndc">
<tr><th scope="row"><span class="no">{{TITLE_NO}}</span> {{TITLE_LABEL_ZH}} <span lang="en">{{TITLE_LABEL_EN}}</span></th><td>{{TITLE}}</td></tr>
<tr><th scope="row"><span class="no">{{LEAD_AGENCY_NO}}</span> {{LEAD_AGENCY_LABEL_ZH}} <span lang="en">{{LEAD_AGENCY_LABEL_EN}}</span></th><td>{{#LEAD_AGENCY}}<a href="/agencies/{{SLUG}}">{{NAME}}</a> <span lang="en">{{NAME_EN}}</span>{{/LEAD_AGENCY}}{{LEAD_AGENCY_OTHER}}</td></tr>
<tr><th scope="row"><span class="no">{{PROBLEM_NO}}</span> {{PROBLEM_LABEL_ZH}} <span lang="en">{{PROBLEM_LABEL_EN}}</span></th><td class="prose">{{PROBLEM:pre_escape}}</td></tr>
<tr><th scope="row"><span class="no">{{COMMITMENT_NO}}</span> {{COMMITMENT_LABEL_ZH}} <span lang="en">{{COMMITMENT_LABEL_EN}}</span></th><td class="prose">{{COMMITMENT:pre_escape}}</td></tr>
<tr><th scope="row"><span class="no">{{CONTRIBUTION_NO}}</span> {{CONTRIBUTION_LABEL_ZH}} <span lang="en">{{CONTRIBUTION_LABEL_EN}}</span></th><td class="prose">{{CONTRIBUTION:pre_escape}}</td></tr>
<tr><th scope="row"><span class="no">{{RELEVANCE_NO}}</span> {{RELEVANCE_LABEL_ZH}} <span lang="en">{{RELEVANCE_LABEL_EN}}</span></th><td><p class="tags">{{#VALUE}}<span class="tag v-{{NAME}}">☑ {{ZH}} <span lang="en">{{EN}}</span></span> {{/VALUE}}</p><div class="prose">{{RELEVANCE:pre_escape}}</div></td></tr>
<tr><th scope="row"><span class="no">{{SUBMITTER_NO}}</span> {{SUBMITTER_LABEL_ZH}} <span lang="en">{{SUBMITTER_LABEL_EN}}</span></th><td>{{SUBMITTER}}</td></tr>
<tr><th scope="row"><span class="no">{{PHONE_NO}}</span> {{PHONE_LABEL_ZH}} <span lang="en">{{PHONE_LABEL_EN}}</span></th><td>{{#CONTACT_HIDDEN}}<span class="muted">不公開 <span lang="en">private</span></span>{{/CONTACT_HIDDEN}}{{#CONTACT}}電話 <span lang="en">phone</span>：{{PHONE}}<br>電子郵件 <span lang="en">e-mail</span>：{{EMAIL}} <span class="muted">（不公開 <span lang="en">private</span>）</span>{{/CONTACT}}</td></tr>
</table>
{{#HAS_MILESTONES}}<h2>里程碑 <span lang="en">Milestones</span></h2>
<table class="milestones"><thead><tr><th scope="col">交付成果 <span lang="en">Deliverable</span></th><th scope="col">開始 <span lang="en">Start</span></th><th scope="col">結束 <span lang="en">End</span></th></tr></thead>
<tbody>{{#MS_ROW}}<tr><td>{{DELIVERABLE}}</td><td>{{START}}</td><td>{{END}}</td></tr>{{/MS_ROW}}</tbody></table>{{/HAS_MILESTONES}}
