{{%AUTOESCAPE context="HTML"}}
<h1>回應登錄簿 <span lang="en" class="en-block">Reasoned-response register</span></h1>
<p>每一件民間提案、受理機關、處理結果、納入的承諾事項，以及理由。OGP 共創標準要求政府公開對每一項建議的回應。 <span lang="en">Every proposal, the agency it is addressed to, the outcome, the commitment item it fed into, and the reason: OGP's co-creation standards ask governments to publish a reasoned response to every contribution.</span></p>
<p>共 {{TOTAL}} 件，已回應 {{ANSWERED}} 件；第 {{PAGE}} / {{PAGES}} 頁，新的在前。 <span lang="en">{{ANSWERED}} of {{TOTAL}} answered; page {{PAGE}} of {{PAGES}}, newest first.</span> · <a href="/proposals.csv">開放資料 CSV <span lang="en">open data (CSV)</span></a> · <a href="/proposals.json">JSON</a></p>
{{#NONE}}<p class="empty">目前沒有提案。 <span lang="en">No proposals yet.</span></p>{{/NONE}}
<table class="register">
<thead><tr><th scope="col">#</th><th scope="col">提案 <span lang="en">Proposal</span></th><th scope="col">受理機關 <span lang="en">Agency</span></th><th scope="col">結果 <span lang="en">Outcome</span></th><th scope="col">理由 <span lang="en">Reason</span></th></tr></thead>
<tbody>
{{#ROW}}<tr><td>{{ID}}</td><td><a href="/proposals/{{ID}}">{{TITLE}}</a></td><td><a href="/agencies/{{AGENCY_SLUG}}">{{AGENCY}}</a></td>
<td>{{#ANSWER}}<span class="answer-status s-{{STATUS}}">{{ZH}} <span lang="en">{{EN}}</span></span>{{#ITEM}}<br>→ {{NO}} {{TITLE}}{{/ITEM}}{{/ANSWER}}{{#UNANSWERED}}<span class="flag short">尚未回應 <span lang="en">not answered yet</span></span>{{/UNANSWERED}}</td>
<td>{{#ANSWER}}<div class="md">{{RESPONSE_HTML:none}}</div><p class="meta">{{BY}} · {{AT}}</p>{{/ANSWER}}</td></tr>
{{/ROW}}</tbody>
</table>
<nav class="pager" aria-label="分頁 Pages">{{#PREV}}<a rel="prev" href="{{URL}}">‹ 上一頁 <span lang="en">previous</span></a>{{/PREV}} {{#NEXT}}<a rel="next" href="{{URL}}">下一頁 <span lang="en">next</span> ›</a>{{/NEXT}}</nav>
