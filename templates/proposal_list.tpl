{{%AUTOESCAPE context="HTML"}}
{{#EMPTY}}<p class="empty">目前沒有提案。 <span lang="en">No proposals yet.</span></p>{{/EMPTY}}
<ul class="proposals">
{{#PROPOSAL}}<li>
<a class="title" href="/proposals/{{ID}}">{{TITLE}}</a>
<p class="meta"><span class="kind kind-{{KIND}}">{{KIND_ZH}}{{#TARGET}} {{NO}}{{/TARGET}}</span> · 建議主政 <span lang="en">lead</span>: {{LEAD_NAME}} · {{SUBMITTER}} · <time datetime="{{SUBMITTED_ISO}}">{{SUBMITTED}}</time> · #{{ID}}</p>
{{#FULL_ANSWER}}<div class="answer"><p class="answer-status"><strong>回應：{{ZH}}</strong> <span lang="en">Answer: {{EN}}</span></p><div class="md">{{RESPONSE_HTML:none}}</div><p class="meta">{{AGENCY}} · {{BY}} · <time datetime="{{AT_ISO}}">{{AT}}</time></p></div>{{/FULL_ANSWER}}{{#NOT_ANSWERED}}<p class="meta"><span class="flag short">尚未回應 <span lang="en">not answered yet</span></span></p>{{/NOT_ANSWERED}}
<p class="tags">{{#ANSWER}}<span class="tag answer s-{{STATUS}}">回應：{{ZH}} <span lang="en">answer: {{EN}}</span></span> {{/ANSWER}}{{#HAS_TRANSPARENCY}}<span class="tag v-transparency">透明 <span lang="en">transparency</span></span> {{/HAS_TRANSPARENCY}}{{#HAS_PARTICIPATION}}<span class="tag v-participation">公共參與 <span lang="en">civic participation</span></span> {{/HAS_PARTICIPATION}}{{#HAS_ACCOUNTABILITY}}<span class="tag v-accountability">課責 <span lang="en">accountability</span></span> {{/HAS_ACCOUNTABILITY}}</p>
</li>{{/PROPOSAL}}
</ul>
