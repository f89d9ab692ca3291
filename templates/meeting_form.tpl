{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/admin">管理 <span lang="en">Admin</span></a> › <a href="/admin/meetings">會議通知 <span lang="en">Meetings</span></a></p>
<h1>{{#NEW}}新增 MSF 會議通知 <span lang="en" class="en-block">New MSF meeting notice</span>{{/NEW}}{{#EXISTING}}編輯會議通知 #{{ID}} <span lang="en" class="en-block">Edit meeting notice</span>{{/EXISTING}}</h1>
{{#IS_CANCELLED}}<div class="banner error"><p>此會議已取消。 <span lang="en">This meeting is cancelled.</span></p></div>{{/IS_CANCELLED}}
{{#CSRF_FAILED}}<div class="banner error" role="alert"><p><strong>尚未儲存。</strong>安全驗證已過期，內容都還在，請再按一次儲存。 <span lang="en"><strong>Not saved yet.</strong> The security check expired; your text is here: press Save again.</span></p></div>{{/CSRF_FAILED}}
{{#BUSY}}<div class="banner error" role="alert"><p><strong>尚未儲存。</strong>系統暫時無法寫入，請稍後再試。 <span lang="en"><strong>Not saved yet.</strong> Please try again in a moment.</span></p></div>{{/BUSY}}
{{#HAS_ERRORS}}<div class="banner error" role="alert"><p><strong>有 {{N}} 處需要修正</strong>，尚未儲存。 <span lang="en"><strong>{{N}} field(s) need attention</strong>; not saved yet.</span></p></div>{{/HAS_ERRORS}}
<p class="help">公告時間距會議不足 14 天者會標示為「公告未滿 14 天」。時間以臺北時間填寫。 <span lang="en">Notices published less than 14 days ahead are flagged as short notice. Times are Taipei time.</span></p>
<form class="meeting-form" method="post" action="{{ACTION_URL}}" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#E_agency}} has-err{{/E_agency}}"><label for="agency">主辦機關 <span lang="en">Agency</span></label>
<select id="agency" name="agency"{{#E_agency}} aria-invalid="true" aria-describedby="agency-err"{{/E_agency}}><option value="">（請選擇 choose）</option>{{#AGENCY_OPTION}}<option value="{{SLUG}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}} {{NAME_EN}}</option>{{/AGENCY_OPTION}}</select>
{{#E_agency}}<p class="err" id="agency-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_agency}}</div>
<div class="field{{#E_title}} has-err{{/E_title}}"><label for="title">會議名稱 <span lang="en">Title</span> <span class="req">必填 <span lang="en">required</span></span></label>
<input id="title" name="title" type="text" value="{{V_title}}"{{#E_title}} aria-invalid="true" aria-describedby="title-err"{{/E_title}}>
{{#E_title}}<p class="err" id="title-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_title}}</div>
<fieldset class="field{{#E_item}} has-err{{/E_item}}"><legend>相關承諾事項 <span lang="en">Commitment items concerned</span></legend>
<div class="choices items">{{#ITEM_OPTION}}<label><input type="checkbox" name="item" value="{{ID}}"{{#CHECKED}} checked{{/CHECKED}}> {{NO}} {{TITLE}}</label>{{/ITEM_OPTION}}</div>
{{#E_item}}<p class="err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_item}}</fieldset>
<div class="field{{#E_starts_at}} has-err{{/E_starts_at}}"><label for="starts_at">開始時間 <span lang="en">Starts</span> <span class="req">必填 <span lang="en">required</span></span></label>
<input id="starts_at" name="starts_at" type="datetime-local" value="{{V_starts_at}}"{{#E_starts_at}} aria-invalid="true" aria-describedby="starts_at-err"{{/E_starts_at}}>
{{#E_starts_at}}<p class="err" id="starts_at-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_starts_at}}</div>
<div class="field{{#E_ends_at}} has-err{{/E_ends_at}}"><label for="ends_at">結束時間 <span lang="en">Ends</span> <span class="req">必填 <span lang="en">required</span></span></label>
<input id="ends_at" name="ends_at" type="datetime-local" value="{{V_ends_at}}"{{#E_ends_at}} aria-invalid="true" aria-describedby="ends_at-err"{{/E_ends_at}}>
{{#E_ends_at}}<p class="err" id="ends_at-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_ends_at}}</div>
<div class="field{{#E_place}} has-err{{/E_place}}"><label for="place">地點 <span lang="en">Place</span></label>
<input id="place" name="place" type="text" value="{{V_place}}"{{#E_place}} aria-invalid="true" aria-describedby="place-err"{{/E_place}}>
{{#E_place}}<p class="err" id="place-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_place}}</div>
<div class="field{{#E_online_url}} has-err{{/E_online_url}}"><label for="online_url">線上參與或直播網址 <span lang="en">Online or livestream link</span></label>
<input id="online_url" name="online_url" type="url" value="{{V_online_url}}"{{#E_online_url}} aria-invalid="true" aria-describedby="online_url-err"{{/E_online_url}}>
{{#E_online_url}}<p class="err" id="online_url-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_online_url}}</div>
<div class="field{{#E_agenda}} has-err{{/E_agenda}}"><label for="agenda">議程（Markdown） <span lang="en">Agenda (Markdown)</span></label>
<textarea id="agenda" name="agenda" rows="8"{{#E_agenda}} aria-invalid="true" aria-describedby="agenda-err"{{/E_agenda}}>{{V_agenda:pre_escape}}</textarea>
{{#E_agenda}}<p class="err" id="agenda-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_agenda}}</div>
<div class="field{{#E_experts}} has-err{{/E_experts}}"><label for="experts">出席專家（每行一位：姓名, 單位） <span lang="en">Experts (one per line: name, affiliation)</span></label>
<textarea id="experts" name="experts" rows="5" aria-describedby="experts-help{{#E_experts}} experts-err{{/E_experts}}"{{#E_experts}} aria-invalid="true"{{/E_experts}}>{{V_experts:pre_escape}}</textarea>
<p class="help" id="experts-help">專家名單會公開。 <span lang="en">The expert list is public.</span></p>
{{#E_experts}}<p class="err" id="experts-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_experts}}</div>
<div class="field{{#E_capacity}} has-err{{/E_capacity}}"><label for="capacity">開放報名名額（0 表示不開放） <span lang="en">Places for open registration (0: none)</span></label>
<input id="capacity" name="capacity" type="number" min="0" max="100000" value="{{V_capacity}}"{{#E_capacity}} aria-invalid="true" aria-describedby="capacity-err"{{/E_capacity}}>
{{#E_capacity}}<p class="err" id="capacity-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_capacity}}</div>
<h2>會後 <span lang="en">After the meeting</span></h2>
<div class="field{{#E_minutes}} has-err{{/E_minutes}}"><label for="minutes">會議紀錄（Markdown） <span lang="en">Minutes (Markdown)</span></label>
<textarea id="minutes" name="minutes" rows="10"{{#E_minutes}} aria-invalid="true" aria-describedby="minutes-err"{{/E_minutes}}>{{V_minutes:pre_escape}}</textarea>
{{#E_minutes}}<p class="err" id="minutes-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_minutes}}</div>
<div class="field{{#E_recording_url}} has-err{{/E_recording_url}}"><label for="recording_url">錄影網址 <span lang="en">Recording link</span></label>
<input id="recording_url" name="recording_url" type="url" value="{{V_recording_url}}"{{#E_recording_url}} aria-invalid="true" aria-describedby="recording_url-err"{{/E_recording_url}}>
{{#E_recording_url}}<p class="err" id="recording_url-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_recording_url}}</div>
<div class="actions"><button type="submit" name="action" value="save" class="primary">儲存並公告 <span lang="en">Save and publish</span></button>
{{#CAN_CANCEL}}<button type="submit" name="action" value="cancel" class="danger" data-confirm="確定要取消這場會議嗎？取消後會公開顯示「已取消」，並通知訂閱行事曆的人。 Cancel this meeting? It will show as cancelled to everyone, calendars included.">取消此會議 <span lang="en">Cancel the meeting</span></button>{{/CAN_CANCEL}}</div>
</form>
