{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/agencies">部會 <span lang="en">Agencies</span></a> › {{NAME}}</p>
<h1>{{FULL_NAME}} <span lang="en" class="en-block">{{NAME_EN}}</span></h1>
<section>
<h2>承諾事項 <span lang="en">Commitment items</span></h2>
{{#NO_ITEMS}}<p class="empty">此機關在草案中沒有列名的事項。 <span lang="en">This agency has no items in the draft.</span></p>{{/NO_ITEMS}}
<ul class="items">
{{#ITEM}}<li><a href="/commitments/{{ID}}"><span class="no">{{NO}}</span> {{TITLE}}</a> {{#LEAD}}<span class="role lead">主政 <span lang="en">lead</span></span>{{/LEAD}}{{#CO}}<span class="role co">協辦 <span lang="en">co-agency</span>（主政：{{LEAD_NAME}}）</span>{{/CO}} <span class="status">{{STATUS_ZH}} <span lang="en">{{STATUS_EN}}</span></span></li>
{{/ITEM}}</ul>
</section>
<section>
<h2>向此機關提出的提案及回應 <span lang="en">Proposals addressed to this agency, and its answers</span></h2>
<p class="count">共 {{PROPOSALS_TOTAL}} 件 <span lang="en">{{PROPOSALS_TOTAL}} in all</span>{{#MORE_PROPOSALS}} · 以下為最新 20 件，<a href="/proposals?agency={{SLUG}}">看全部 <span lang="en">see all</span></a>{{/MORE_PROPOSALS}}</p>
{{>PROPOSALS}}
</section>
<section>
<h2>MSF 會議 <span lang="en">MSF meetings</span></h2>
<p><a href="/agencies/{{SLUG}}/meetings.ics">訂閱此機關的會議行事曆 <span lang="en">Subscribe to this agency's meetings (iCalendar)</span></a></p>
<h3>即將舉行 <span lang="en">Upcoming</span></h3>
{{#NO_UPCOMING}}<p class="empty">目前沒有即將舉行的會議。 <span lang="en">No meetings to come.</span></p>{{/NO_UPCOMING}}
<ul class="meetings">
{{#UPCOMING}}<li><a class="title" href="/meetings/{{ID}}">{{TITLE}}</a>
<p class="meta"><time datetime="{{STARTS_ISO}}">{{STARTS_ROC}} {{STARTS}}</time>{{#PLACE}} · {{PLACE}}{{/PLACE}}{{#CANCELLED}} · <span class="flag cancelled">已取消 <span lang="en">cancelled</span></span>{{/CANCELLED}}{{#SHORT_NOTICE}} <span class="flag short">公告未滿 14 天 <span lang="en">short notice</span></span>{{/SHORT_NOTICE}}</p></li>
{{/UPCOMING}}</ul>
<h3>已舉行 <span lang="en">Past</span></h3>
{{#NO_PAST}}<p class="empty">還沒有舉行過的會議。 <span lang="en">No meetings held yet.</span></p>{{/NO_PAST}}
<ul class="meetings">
{{#PAST}}<li><a class="title" href="/meetings/{{ID}}">{{TITLE}}</a>
<p class="meta"><time datetime="{{STARTS_ISO}}">{{STARTS_ROC}} {{STARTS}}</time>{{#HAS_MINUTES}} · <span class="flag ok">已公開紀錄 <span lang="en">minutes</span></span>{{/HAS_MINUTES}}{{#CANCELLED}} · <span class="flag cancelled">已取消 <span lang="en">cancelled</span></span>{{/CANCELLED}}</p></li>
{{/PAST}}</ul>
</section>
<section>
<h2>MSF 專家名單 <span lang="en">Experts of its MSFs</span></h2>
{{#NO_EXPERTS}}<p class="empty">尚未公布專家名單。 <span lang="en">No expert list published yet.</span></p>{{/NO_EXPERTS}}
<ul class="experts">{{#EXPERT}}<li>{{NAME}}{{#AFFILIATION}}（{{TEXT}}）{{/AFFILIATION}} · {{MEETINGS}} 場 <span lang="en">meeting(s)</span></li>{{/EXPERT}}</ul>
{{#COMMENTS_OPEN}}<p class="help">對專家名單有建議？請在下方留言。 <span lang="en">Suggestions for the expert list? Comment below.</span></p>{{/COMMENTS_OPEN}}
</section>
{{>COMMENTS}}
