{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/meetings">MSF 會議 <span lang="en">Meetings</span></a> › <a href="/agencies/{{AGENCY_SLUG}}">{{AGENCY_NAME}}</a></p>
<article class="meeting">
<h1>{{TITLE}}</h1>
{{#CANCELLED}}<div class="banner error"><p><strong>此會議已取消。</strong> <span lang="en"><strong>This meeting has been cancelled.</strong></span></p></div>{{/CANCELLED}}
{{#ENTERED_AFTER}}<p class="flag short">此會議在舉行之後才登錄公告，事前沒有公告。 <span lang="en">Entered only after it began: it was not announced beforehand.</span></p>{{/ENTERED_AFTER}}
{{#SHORT_NOTICE}}<p class="flag short">公告時間距會議不足 14 天（OGP 建議至少提前兩週公告）。 <span lang="en">Short notice: announced less than 14 days before the meeting (OGP asks for two weeks).</span></p>{{/SHORT_NOTICE}}
<dl class="meta">
<dt>主辦機關 <span lang="en">Agency</span></dt><dd><a href="/agencies/{{AGENCY_SLUG}}">{{AGENCY_NAME}}</a> <span lang="en">{{AGENCY_NAME_EN}}</span></dd>
<dt>時間 <span lang="en">When</span></dt><dd><time datetime="{{STARTS_ISO}}">{{STARTS_ROC}} {{STARTS}}</time> – <time datetime="{{ENDS_ISO}}">{{ENDS}}</time>（臺北時間 <span lang="en">Taipei time</span>）</dd>
{{#PLACE}}<dt>地點 <span lang="en">Place</span></dt><dd>{{TEXT}}</dd>{{/PLACE}}
{{#ONLINE}}<dt>線上參與／直播 <span lang="en">Online / livestream</span></dt><dd><a href="{{URL}}" rel="noopener nofollow">{{URL}}</a></dd>{{/ONLINE}}
<dt>議題 <span lang="en">Commitment items</span></dt><dd>{{#NO_ITEMS}}未指定 <span lang="en">none named</span>{{/NO_ITEMS}}{{#ITEM}}<a href="/commitments/{{ID}}">{{NO}} {{TITLE}}</a>{{#ITEM_separator}}、{{/ITEM_separator}}{{/ITEM}}</dd>
<dt>公告時間 <span lang="en">Announced</span></dt><dd><time datetime="{{PUBLISHED_ISO}}">{{PUBLISHED}}</time>（更新 <span lang="en">updated</span> {{UPDATED}}）</dd>
</dl>
<p><a href="/meetings.ics">加入行事曆 <span lang="en">Add to calendar</span></a> · <a href="/meetings/{{ID}}/history">修改紀錄 <span lang="en">Changes</span></a>{{#STAFF_TOOLS}} · <a class="button" href="/admin/meetings/{{ID}}/edit">編輯 <span lang="en">Edit</span></a>{{/STAFF_TOOLS}}</p>
<h2>議程 <span lang="en">Agenda</span></h2>
{{#AGENDA}}<div class="md">{{AGENDA_HTML:none}}</div>{{/AGENDA}}{{#NO_AGENDA}}<p class="empty">尚未公布議程。 <span lang="en">No agenda published yet.</span></p>{{/NO_AGENDA}}
<h2>出席專家 <span lang="en">Experts</span></h2>
{{#NO_EXPERTS}}<p class="empty">尚未公布出席專家。 <span lang="en">No experts listed yet.</span></p>{{/NO_EXPERTS}}
<ul class="experts">{{#EXPERT}}<li>{{NAME}}{{#AFFILIATION}}（{{TEXT}}）{{/AFFILIATION}}</li>{{/EXPERT}}</ul>
<p class="help">對專家名單有建議？請在下方留言。 <span lang="en">Suggestions for the expert list? Comment below.</span></p>
{{#REGISTRATION}}<h2 id="registration">報名參加 <span lang="en">Register to attend</span></h2>
{{#JUST_REGISTERED}}<div class="banner ok" role="status"><p>報名完成，謝謝！ <span lang="en">You are registered. Thank you!</span></p></div>{{/JUST_REGISTERED}}
{{#REG_CSRF}}<div class="banner error" role="alert"><p>報名尚未完成：安全驗證已過期，請再按一次報名。 <span lang="en">Not registered yet: the security check expired; press Register again.</span></p></div>{{/REG_CSRF}}
{{#REG_ERRORS}}<div class="banner error" role="alert"><p>報名尚未完成，請修正標示的欄位。 <span lang="en">Not registered yet: please correct the marked fields.</span></p></div>{{/REG_ERRORS}}
{{#REG_REFUSED_CLOSED}}<div class="banner error" role="alert"><p>報名未完成：此會議已不開放報名。 <span lang="en">Not registered: registration for this meeting is closed.</span></p></div>{{/REG_REFUSED_CLOSED}}
{{#REG_REFUSED_FULL}}<div class="banner error" role="alert"><p>報名未完成：名額剛好額滿。 <span lang="en">Not registered: the last place was just taken.</span></p></div>{{/REG_REFUSED_FULL}}
{{#REG_DUPLICATE}}<div class="banner" role="status"><p>這個電子郵件已經報名過了。 <span lang="en">This e-mail address is registered already.</span></p></div>{{/REG_DUPLICATE}}
{{#PLACES}}<p>名額 {{CAPACITY}}，已報名 {{REGISTERED}}，尚餘 {{LEFT}}。報名者姓名與單位僅工作人員可見；電子郵件不公開。 <span lang="en">{{LEFT}} of {{CAPACITY}} places left. Names and affiliations are seen by staff only; e-mail stays private.</span></p>{{/PLACES}}
{{#REG_FULL}}<p class="empty">名額已滿。 <span lang="en">The meeting is full.</span></p>{{/REG_FULL}}
{{#REG_CLOSED}}<p class="empty">報名已截止。 <span lang="en">Registration is closed.</span></p>{{/REG_CLOSED}}
{{#REG_FORM}}<form class="register" method="post" action="/meetings/{{ID}}/register#registration" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#NAME_ERR}} has-err{{/NAME_ERR}}"><label for="r-name">姓名 <span lang="en">Name</span> <span class="req">必填 <span lang="en">required</span></span></label><input id="r-name" name="name" type="text" value="{{NAME}}" autocomplete="name"{{#NAME_ERR}} aria-invalid="true" aria-describedby="r-name-err"{{/NAME_ERR}}>{{#NAME_ERR}}<p class="err" id="r-name-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/NAME_ERR}}</div>
<div class="field{{#AFFILIATION_ERR}} has-err{{/AFFILIATION_ERR}}"><label for="r-affiliation">單位（選填） <span lang="en">Affiliation (optional)</span></label><input id="r-affiliation" name="affiliation" type="text" value="{{AFFILIATION}}" autocomplete="organization"{{#AFFILIATION_ERR}} aria-invalid="true" aria-describedby="r-affiliation-err"{{/AFFILIATION_ERR}}>{{#AFFILIATION_ERR}}<p class="err" id="r-affiliation-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/AFFILIATION_ERR}}</div>
<div class="field{{#EMAIL_ERR}} has-err{{/EMAIL_ERR}}"><label for="r-email">電子郵件 <span lang="en">E-mail</span> <span class="req">必填 <span lang="en">required</span></span></label><input id="r-email" name="email" type="email" value="{{EMAIL}}" autocomplete="email"{{#EMAIL_ERR}} aria-invalid="true" aria-describedby="r-email-err"{{/EMAIL_ERR}}>{{#EMAIL_ERR}}<p class="err" id="r-email-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/EMAIL_ERR}}</div>
<button type="submit" class="primary">報名 <span lang="en">Register</span></button>
</form>{{/REG_FORM}}{{/REGISTRATION}}
{{#STAFF_TOOLS}}<h2>報名名單（僅工作人員可見） <span lang="en">Registrations (staff only)</span></h2>
<table><thead><tr><th scope="col">姓名 <span lang="en">Name</span></th><th scope="col">單位 <span lang="en">Affiliation</span></th><th scope="col">電子郵件（不公開） <span lang="en">E-mail (private)</span></th><th scope="col">時間 <span lang="en">At</span></th></tr></thead>
<tbody>{{#REGISTRANT}}<tr><td>{{NAME}}</td><td>{{AFFILIATION}}</td><td>{{EMAIL}}</td><td>{{AT}}</td></tr>{{/REGISTRANT}}</tbody></table>{{/STAFF_TOOLS}}
<h2>會議紀錄 <span lang="en">Minutes</span></h2>
{{#MINUTES}}<div class="md">{{MINUTES_HTML:none}}</div>{{/MINUTES}}
{{#MINUTES_LATER}}<p class="empty">會議結束後公開紀錄。 <span lang="en">The minutes are published after the meeting.</span></p>{{/MINUTES_LATER}}
{{#NO_MINUTES}}<p class="empty">會議已取消，沒有紀錄。 <span lang="en">The meeting was cancelled: no minutes.</span></p>{{/NO_MINUTES}}
{{#MINUTES_PENDING}}<p class="empty">會議紀錄尚未公開。 <span lang="en">Minutes not published yet.</span></p>{{/MINUTES_PENDING}}
{{#RECORDING}}<p>錄影 <span lang="en">Recording</span>：<a href="{{URL}}" rel="noopener nofollow">{{URL}}</a></p>{{/RECORDING}}
</article>
{{>COMMENTS}}
