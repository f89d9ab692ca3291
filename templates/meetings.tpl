{{%AUTOESCAPE context="HTML"}}
<h1>多元利害關係人論壇（MSF）會議 <span lang="en" class="en-block">Multi-stakeholder forum (MSF) meetings</span></h1>
<p>各部會事先公告的 MSF 會議：時間、地點、線上連結、議程與出席專家；任何人都可報名參加，會後公開會議紀錄。 <span lang="en">Each agency's MSF meetings, announced in advance with time, place, online link, agenda and experts; open to anyone who registers, with minutes afterwards.</span></p>
<p><a href="/meetings.ics">訂閱行事曆 <span lang="en">Subscribe (iCalendar)</span></a>{{#CAN_POST}} · <a class="button" href="/admin/meetings/new">新增會議通知 <span lang="en">New notice</span></a>{{/CAN_POST}}</p>
<h2>即將舉行 <span lang="en">Upcoming</span></h2>
{{#NO_UPCOMING}}<p class="empty">目前沒有即將舉行的會議。 <span lang="en">No meetings to come.</span></p>{{/NO_UPCOMING}}
<ul class="meetings">
{{#UPCOMING}}<li{{#CANCELLED}} class="cancelled"{{/CANCELLED}}><a class="title" href="/meetings/{{ID}}">{{TITLE}}</a>
<p class="meta"><time datetime="{{STARTS_ISO}}">{{STARTS_ROC}} {{STARTS}}</time> · <a href="/agencies/{{AGENCY_SLUG}}">{{AGENCY_NAME}}</a>{{#PLACE}} · {{PLACE}}{{/PLACE}}{{#ONLINE}} · 線上 <span lang="en">online</span>{{/ONLINE}}
{{#CANCELLED}}<span class="flag cancelled">已取消 <span lang="en">cancelled</span></span>{{/CANCELLED}}{{#SHORT_NOTICE}} <span class="flag short">公告未滿 14 天 <span lang="en">short notice</span></span>{{/SHORT_NOTICE}}</p></li>
{{/UPCOMING}}</ul>
<h2>已舉行 <span lang="en">Past</span></h2>
{{#NO_PAST}}<p class="empty">還沒有舉行過的會議。 <span lang="en">No meetings held yet.</span></p>{{/NO_PAST}}
<ul class="meetings">
{{#PAST}}<li{{#CANCELLED}} class="cancelled"{{/CANCELLED}}><a class="title" href="/meetings/{{ID}}">{{TITLE}}</a>
<p class="meta"><time datetime="{{STARTS_ISO}}">{{STARTS_ROC}} {{STARTS}}</time> · <a href="/agencies/{{AGENCY_SLUG}}">{{AGENCY_NAME}}</a>
{{#HAS_MINUTES}}· <span class="flag ok">已公開紀錄 <span lang="en">minutes published</span></span>{{/HAS_MINUTES}}{{#CANCELLED}}<span class="flag cancelled">已取消 <span lang="en">cancelled</span></span>{{/CANCELLED}}{{#SHORT_NOTICE}} <span class="flag short">公告未滿 14 天 <span lang="en">short notice</span></span>{{/SHORT_NOTICE}}</p></li>
{{/PAST}}</ul>
