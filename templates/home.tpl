{{%AUTOESCAPE context="HTML"}}
<section class="hero">
<h1>開放政府國家行動方案：民間提案徵集 <span lang="en" class="en-block">Proposals for Taiwan's first Open Government National Action Plan</span></h1>
<p>政府草案列出 5 項承諾、12 個事項。任何人都可以依國家發展委員會的「建議政府應該新增承諾事項表單」提出建議：新增承諾事項，或修改、刪除草案中的事項。草稿可以先儲存，之後用私人連結回來繼續寫。</p>
<p lang="en" class="en-block">The government's draft has 5 commitments of 12 items. Anyone may propose, in the National Development Council's form, to add a commitment or to modify or delete one of the draft's. Save a draft and come back to it with a private link.</p>
{{#OPEN}}<div class="deadline-box">
<p class="label">提案截止 <span lang="en">Deadline</span></p>
<p class="when"><time datetime="{{DEADLINE_ISO}}">{{DEADLINE_ROC}} <span class="nw">{{DEADLINE}}</span></time></p>
<p class="left">{{LEFT_ZH}} <span lang="en">{{LEFT_EN}}</span></p>
</div>
<p><a class="button primary big" href="/proposals/new">撰寫提案 <span lang="en">Write a proposal</span></a></p>{{/OPEN}}
{{#CLOSED}}<div class="deadline-box closed">
<p class="label">提案徵集已截止 <span lang="en">The call for proposals has closed</span></p>
<p class="when"><time datetime="{{DEADLINE_ISO}}">{{DEADLINE_ROC}} <span class="nw">{{DEADLINE}}</span></time></p>
</div>{{/CLOSED}}
</section>
<section>
<h2>政府草案：承諾事項 <span lang="en" class="en">The government's draft commitments</span></h2>
<div class="commitments">
{{#COMMITMENT}}<article class="commitment">
<h3><span class="no">承諾事項{{ID}}</span> {{TITLE}} <span lang="en" class="en-block">{{TITLE_EN}}</span></h3>
<ol class="items">
{{#ITEM}}<li><a href="/commitments/{{ID}}"><span class="no">{{NO}}</span> {{TITLE}}</a> <span class="lead">{{LEAD_NAME}}</span></li>
{{/ITEM}}</ol>
</article>
{{/COMMITMENT}}</div>
<p><a href="/commitments">看草案全文 <span lang="en">Read the full draft</span></a></p>
</section>
<section>
<h2>即將舉行的 MSF 會議 <span lang="en" class="en">Upcoming MSF meetings</span></h2>
{{#NO_UPCOMING}}<p class="empty">目前沒有即將舉行的會議。 <span lang="en">No meetings to come.</span></p>{{/NO_UPCOMING}}
<ul class="meetings">
{{#UPCOMING}}<li><a class="title" href="/meetings/{{ID}}">{{TITLE}}</a>
<p class="meta"><time datetime="{{STARTS_ISO}}">{{STARTS_ROC}} {{STARTS}}</time> · {{AGENCY_NAME}}{{#CANCELLED}} · <span class="flag cancelled">已取消 <span lang="en">cancelled</span></span>{{/CANCELLED}}{{#SHORT_NOTICE}} <span class="flag short">公告未滿 14 天 <span lang="en">short notice</span></span>{{/SHORT_NOTICE}}</p></li>
{{/UPCOMING}}</ul>
<p><a href="/meetings">所有會議 <span lang="en">All meetings</span></a> · <a href="/meetings.ics">訂閱行事曆 <span lang="en">iCalendar</span></a></p>
</section>
<section>
<h2>最新提案 <span lang="en" class="en">Latest proposals</span></h2>
{{>PROPOSALS}}
<p><a href="/proposals">所有提案 <span lang="en">All proposals</span></a></p>
</section>
