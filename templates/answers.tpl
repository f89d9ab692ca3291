{{%AUTOESCAPE context="HTML"}}
<section class="answers" id="answer">
<h2>機關回應 <span lang="en">The agency's response</span></h2>
{{#NO_ANSWER}}<p class="empty">尚未回應。 <span lang="en">Not answered yet.</span></p>{{/NO_ANSWER}}
{{#CURRENT_ANSWER}}<div class="answer current">
<p class="answer-status s-{{STATUS}}"><strong>{{STATUS_ZH}}</strong> <span lang="en">{{STATUS_EN}}</span>{{#ITEM}}：<a href="/commitments/{{ID}}">{{NO}} {{TITLE}}</a>{{/ITEM}}</p>
<div class="md">{{RESPONSE_HTML:none}}</div>
<p class="meta">{{AGENCY}} · {{BY}} · <time datetime="{{AT_ISO}}">{{AT}}</time></p>
</div>{{/CURRENT_ANSWER}}
{{#HAS_OLD}}<details class="old-answers"><summary>先前的回應 <span lang="en">Earlier responses</span></summary>
{{#OLD_ANSWER}}<div class="answer">
<p class="answer-status"><strong>{{STATUS_ZH}}</strong> <span lang="en">{{STATUS_EN}}</span>{{#ITEM}}：{{NO}} {{TITLE}}{{/ITEM}}</p>
<div class="md">{{RESPONSE_HTML:none}}</div>
<p class="meta">{{AGENCY}} · {{BY}} · <time datetime="{{AT_ISO}}">{{AT}}</time></p>
</div>{{/OLD_ANSWER}}</details>{{/HAS_OLD}}
</section>
