{{%AUTOESCAPE context="HTML"}}
<h1>共創過程健康度 <span lang="en" class="en-block">Health of the co-creation process</span></h1>
<p>依 OGP 參與及共創標準檢視各部會：多元利害關係人論壇至少每六個月召開一次、會議至少提前 14 天公告、會後 14 天內公開紀錄，並對每一件提案給予附理由的回應。 <span lang="en">Each agency against OGP's participation and co-creation standards: a multi-stakeholder forum at least every six months, meetings announced at least 14 days ahead, minutes within 14 days, and a reasoned response to every proposal.</span></p>
{{#HAS_FLAGS}}<p class="banner error">有 {{FLAGS}} 項未達標準（標示 ⚠）。 <span lang="en">{{FLAGS}} standard(s) not met (marked ⚠).</span></p>{{/HAS_FLAGS}}
{{#ALL_MET}}<p class="banner ok">目前所有標準皆已達成。 <span lang="en">Every standard is met so far.</span></p>{{/ALL_MET}}
<div class="table-scroll"><table class="process">
<thead><tr>
<th scope="col">部會 <span lang="en">Agency</span></th>
<th scope="col">距上次 MSF（天） <span lang="en">Days since the last MSF</span></th>
<th scope="col">提前 14 天公告 <span lang="en">Announced 14 days ahead</span></th>
<th scope="col">14 天內公開紀錄 <span lang="en">Minutes within 14 days</span></th>
<th scope="col">已回應提案 <span lang="en">Proposals answered</span></th>
<th scope="col">回應天數中位數 <span lang="en">Median days to answer</span></th>
</tr></thead>
<tbody>
{{#AGENCY}}<tr><th scope="row"><a href="/agencies/{{SLUG}}">{{NAME}}</a></th>
<td>{{#HELD}}{{SINCE}}{{/HELD}}{{#NEVER_HELD}}尚未召開 <span lang="en">none held</span>{{/NEVER_HELD}}{{#NO_DATA}}—{{/NO_DATA}}{{#FORUM_LATE}} <span class="flag short" title="論壇應至少每 {{FORUM_DAYS}} 天召開">⚠ 未達 <span lang="en">not met</span></span>{{/FORUM_LATE}}</td>
<td>{{AHEAD}}</td>
<td>{{MINUTES}}</td>
<td>{{ANSWERED}}{{#UNANSWERED}} <span class="flag short">⚠ 未全數回應 <span lang="en">not all answered</span></span>{{/UNANSWERED}}</td>
<td>{{MEDIAN}}</td></tr>
{{/AGENCY}}{{#UNROUTED}}<tr id="unrouted"><th scope="row">未分派 <span lang="en">Unrouted</span></th>
<td>—</td>
<td>—</td>
<td>—</td>
<td>{{ANSWERED}}{{#UNANSWERED}} <span class="flag short">⚠ 未全數回應 <span lang="en">not all answered</span></span>{{/UNANSWERED}}</td>
<td>{{MEDIAN}}</td></tr>
{{/UNROUTED}}</tbody>
</table></div>
<p class="help">「—」表示尚無資料。已取消的會議不計入。「未分派」是建議主政機關為自填、尚未分派給部會的提案。 <span lang="en">"—" means no data yet. Cancelled meetings are not counted. "Unrouted": proposals whose suggested lead agency was typed in and that no one has routed to an agency yet.</span></p>
