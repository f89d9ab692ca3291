{{%AUTOESCAPE context="HTML"}}
<h1>{{#NEW}}撰寫提案 <span lang="en" class="en">Write a proposal</span>{{/NEW}}{{#EXISTING}}編輯提案 #{{ID}} <span lang="en" class="en">Edit proposal #{{ID}}</span>{{/EXISTING}}</h1>
<p class="lede">依國家發展委員會「建議政府應該新增承諾事項表單」格式填寫。可以先儲存草稿，之後用私人連結繼續編輯；送出後公開於本站，並由主辦單位彙整給國發會。 <span lang="en">The National Development Council's proposal form. Save a draft and come back with your private link; once submitted, the proposal is public here and the organizers pass it to the NDC.</span></p>
{{#OPEN}}<p class="deadline">提案截止 <span lang="en">Deadline</span>：<time datetime="{{DEADLINE_ISO}}">{{DEADLINE_ROC}} {{DEADLINE}}</time>（臺北時間 <span lang="en">Taipei time</span>）· <strong>{{LEFT_ZH}}</strong> <span lang="en">{{LEFT_EN}}</span></p>{{/OPEN}}
{{#CLOSED}}<div class="banner error" role="alert"><p>提案徵集已於 <time datetime="{{DEADLINE_ISO}}">{{DEADLINE_ROC}} {{DEADLINE}}</time>（臺北時間）截止，已無法儲存或送出。您的內容仍在下方，請自行複製保存。</p><p lang="en">The call for proposals closed at {{DEADLINE}} (Taipei time); saving and submitting are no longer possible. Your text is below: copy it to keep it.</p>{{#DEADLINE_REFUSED}}<p><strong>您剛才送出的內容沒有被儲存。</strong> <span lang="en">What you just sent was not saved.</span></p>{{/DEADLINE_REFUSED}}</div>{{/CLOSED}}
{{#SAVED}}<div class="banner ok" role="status"><p><strong>草稿已儲存</strong>（{{UPDATED}}）。請把下面的私人編輯連結存起來（加入書籤或寄給自己）：之後要繼續編輯、送出都需要它，遺失了無法找回，也請勿分享給別人。</p><p lang="en"><strong>Draft saved.</strong> Keep the private edit link below (bookmark it or e-mail it to yourself): you need it to continue and to submit. It cannot be recovered if lost; do not share it.</p><p><label for="edit-link">私人編輯連結 <span lang="en">Private edit link</span></label><input id="edit-link" class="link" type="text" readonly value="{{EDIT_URL}}"></p></div>{{/SAVED}}
{{#SUBMITTED}}<div class="banner ok" role="status"><p><strong>提案已送出</strong>，並公開於 <a href="{{PUBLIC_URL}}">{{PUBLIC_URL}}</a>。截止前仍可用下面的私人連結修改或撤回。</p><p lang="en"><strong>Proposal submitted</strong> and published at the address above. Until the deadline you can still change or withdraw it with your private link.</p><p><label for="edit-link">私人編輯連結 <span lang="en">Private edit link</span></label><input id="edit-link" class="link" type="text" readonly value="{{EDIT_URL}}"></p></div>{{/SUBMITTED}}
{{#WITHDRAWN}}<div class="banner" role="status"><p><strong>提案已撤回</strong>，不再公開顯示。截止前仍可修改後再次送出。</p><p lang="en"><strong>Proposal withdrawn</strong>; it is no longer shown. You may submit it again before the deadline.</p></div>{{/WITHDRAWN}}
{{#CSRF_FAILED}}<div class="banner error" role="alert"><p><strong>內容尚未儲存。</strong>安全驗證已過期（頁面開啟太久，或瀏覽器封鎖了本站的 Cookie）。您的內容都還在，請再按一次按鈕。</p><p lang="en"><strong>Nothing was saved yet.</strong> The security check expired (the page was open a long time, or cookies are blocked for this site). Your text is all here: press the button again.</p></div>{{/CSRF_FAILED}}
{{#RATE_LIMITED}}<div class="banner error" role="alert"><p><strong>內容尚未儲存。</strong>這個網路位址在一小時內建立了太多提案，請稍後再試；您的內容都還在。 <span lang="en"><strong>Nothing was saved yet.</strong> Too many proposals were created from this address in the last hour; try again later. Your text is all here.</span></p></div>{{/RATE_LIMITED}}
{{#BUSY}}<div class="banner error" role="alert"><p><strong>內容尚未儲存。</strong>系統暫時無法寫入，您的內容都還在，請稍候再按一次。</p><p lang="en"><strong>Nothing was saved yet.</strong> The system cannot store it right now; your text is all here. Please try again in a moment.</p></div>{{/BUSY}}
{{#ACTION_UNKNOWN}}<div class="banner error" role="alert"><p><strong>尚未儲存：</strong>請按表單下方的「儲存草稿」或「送出」按鈕。您的內容都在下方。 <span lang="en"><strong>Not saved:</strong> press one of the form's buttons, Save draft or Submit. Your text is all below.</span></p></div>{{/ACTION_UNKNOWN}}
{{#HAS_ERRORS}}<div class="banner error" role="alert" id="errors"><p><strong>有 {{NERRORS}} 處需要修正</strong>，內容尚未儲存： <span lang="en"><strong>{{NERRORS}} field(s) need attention</strong>; nothing was saved yet:</span></p>
<ul>{{#ERROR}}<li><a href="#{{FIELD}}">{{LABEL_ZH}} <span lang="en">{{LABEL_EN}}</span></a>：{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></li>{{/ERROR}}</ul></div>{{/HAS_ERRORS}}
{{#EXISTING}}<p class="state">{{#IS_DRAFT}}狀態：草稿（未公開） <span lang="en">Status: draft (not public)</span>{{/IS_DRAFT}}{{#IS_SUBMITTED}}狀態：已送出 <span lang="en">Status: submitted</span> · <a href="{{PUBLIC_URL}}">公開頁面 <span lang="en">public page</span></a>{{/IS_SUBMITTED}}{{#IS_WITHDRAWN}}狀態：已撤回 <span lang="en">Status: withdrawn</span>{{/IS_WITHDRAWN}} · 第 {{REVISION}} 版 <span lang="en">version {{REVISION}}</span> · <a href="{{PUBLIC_URL}}/print?token={{TOKEN}}">列印表單 <span lang="en">print the form</span></a></p>{{/EXISTING}}

<form class="ndc" method="post" action="{{ACTION_URL}}" novalidate{{#NEW}} data-autosave{{/NEW}}{{#IS_DRAFT}} data-autosave{{/IS_DRAFT}}>
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#EXISTING}}<input type="hidden" name="token" value="{{TOKEN}}">{{/EXISTING}}

<fieldset class="field{{#KIND_ERR}} has-err{{/KIND_ERR}}">
<legend>提案類型 <span lang="en">Kind of proposal</span></legend>
<p class="help" id="kind-help">刪除或新增都可以提出；修改或刪除時請選擇草案中的事項。 <span lang="en">You may propose to add a commitment, or to modify or delete one of the draft's items.</span></p>
<div class="choices">
<label><input type="radio" id="kind" name="kind" value="add"{{#KIND_ADD}} checked{{/KIND_ADD}} aria-describedby="kind-help{{#KIND_ERR}} kind-err{{/KIND_ERR}}"> 新增承諾事項 <span lang="en">add a commitment</span></label>
<label><input type="radio" name="kind" value="modify"{{#KIND_MODIFY}} checked{{/KIND_MODIFY}} aria-describedby="kind-help{{#KIND_ERR}} kind-err{{/KIND_ERR}}"> 修改承諾事項 <span lang="en">modify an item</span></label>
<label><input type="radio" name="kind" value="delete"{{#KIND_DELETE}} checked{{/KIND_DELETE}} aria-describedby="kind-help{{#KIND_ERR}} kind-err{{/KIND_ERR}}"> 刪除承諾事項 <span lang="en">delete an item</span></label>
</div>
{{#KIND_ERR}}<p class="err" id="kind-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/KIND_ERR}}
</fieldset>

<div class="field{{#TARGET_ITEM_ERR}} has-err{{/TARGET_ITEM_ERR}}">
<label for="target_item">對象承諾事項 <span lang="en">Item to modify or delete</span></label>
<p class="help" id="target_item-help">修改或刪除時必選；新增時可選填相關事項。 <span lang="en">Required to modify or delete; optional when adding.</span></p>
<select id="target_item" name="target_item" aria-describedby="target_item-help{{#TARGET_ITEM_ERR}} target_item-err{{/TARGET_ITEM_ERR}}"{{#TARGET_ITEM_ERR}} aria-invalid="true"{{/TARGET_ITEM_ERR}}>
<option value="">（不適用 none）</option>
{{#ITEM_GROUP}}<optgroup label="{{LABEL}}">
{{#ITEM_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NO}} {{TITLE}}（{{LEAD_NAME}}）</option>
{{/ITEM_OPTION}}</optgroup>
{{/ITEM_GROUP}}</select>
{{#TARGET_ITEM_ERR}}<p class="err" id="target_item-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/TARGET_ITEM_ERR}}
</div>

<div class="field{{#TITLE_ERR}} has-err{{/TITLE_ERR}}">
<label for="title"><span class="no">{{TITLE_NO}}</span> {{TITLE_LABEL_ZH}} <span lang="en">{{TITLE_LABEL_EN}}</span> <span class="req">必填 <span lang="en">required</span></span></label>
<input id="title" name="title" type="text" value="{{TITLE}}" aria-describedby="title-count{{#TITLE_ERR}} title-err{{/TITLE_ERR}}"{{#TITLE_ERR}} aria-invalid="true"{{/TITLE_ERR}} data-max="{{TITLE_MAX}}">
<p class="count" id="title-count">上限 {{TITLE_MAX}} 字，目前 <span class="n">{{TITLE_COUNT}}</span> 字 <span lang="en">at most {{TITLE_MAX}} characters</span></p>
{{#TITLE_ERR}}<p class="err" id="title-err">{{MSG_ZH}} {{LIMIT_ZH}} <span lang="en">{{MSG_EN}} {{LIMIT_EN}}</span></p>{{/TITLE_ERR}}
</div>

<fieldset class="field{{#LEAD_AGENCY_ERR}} has-err{{/LEAD_AGENCY_ERR}}{{#LEAD_AGENCY_OTHER_ERR}} has-err{{/LEAD_AGENCY_OTHER_ERR}}">
<legend><span class="no">{{LEAD_AGENCY_NO}}</span> {{LEAD_AGENCY_LABEL_ZH}} <span lang="en">{{LEAD_AGENCY_LABEL_EN}}</span> <span class="req">必填 <span lang="en">required</span></span></legend>
<p class="help" id="lead_agency-help">{{LEAD_AGENCY_GUIDE_ZH}} <span lang="en">{{LEAD_AGENCY_GUIDE_EN}}</span></p>
<label for="lead_agency">部會 <span lang="en">Agency</span></label>
<select id="lead_agency" name="lead_agency" aria-describedby="lead_agency-help{{#LEAD_AGENCY_ERR}} lead_agency-err{{/LEAD_AGENCY_ERR}}"{{#LEAD_AGENCY_ERR}} aria-invalid="true"{{/LEAD_AGENCY_ERR}}>
<option value="">（請選擇，或在下一欄填寫其他機關 choose one, or type another agency below）</option>
{{#AGENCY_OPTION}}<option value="{{SLUG}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}（{{NAME_EN}}）</option>
{{/AGENCY_OPTION}}</select>
{{#LEAD_AGENCY_ERR}}<p class="err" id="lead_agency-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/LEAD_AGENCY_ERR}}
<label for="lead_agency_other">其他機關 <span lang="en">Another agency</span></label>
<input id="lead_agency_other" name="lead_agency_other" type="text" value="{{LEAD_AGENCY_OTHER}}" aria-describedby="lead_agency_other-count{{#LEAD_AGENCY_OTHER_ERR}} lead_agency_other-err{{/LEAD_AGENCY_OTHER_ERR}}"{{#LEAD_AGENCY_OTHER_ERR}} aria-invalid="true"{{/LEAD_AGENCY_OTHER_ERR}} data-max="{{LEAD_AGENCY_OTHER_MAX}}">
<p class="count" id="lead_agency_other-count">上限 {{LEAD_AGENCY_OTHER_MAX}} 字，目前 <span class="n">{{LEAD_AGENCY_OTHER_COUNT}}</span> 字 <span lang="en">at most {{LEAD_AGENCY_OTHER_MAX}} characters</span></p>
{{#LEAD_AGENCY_OTHER_ERR}}<p class="err" id="lead_agency_other-err">{{MSG_ZH}} {{LIMIT_ZH}} <span lang="en">{{MSG_EN}} {{LIMIT_EN}}</span></p>{{/LEAD_AGENCY_OTHER_ERR}}
</fieldset>

<div class="field{{#PROBLEM_ERR}} has-err{{/PROBLEM_ERR}}">
<label for="problem"><span class="no">{{PROBLEM_NO}}</span> {{PROBLEM_LABEL_ZH}} <span lang="en">{{PROBLEM_LABEL_EN}}</span> <span class="req">必填 <span lang="en">required</span></span></label>
<p class="help" id="problem-help">{{PROBLEM_GUIDE_ZH}} <span lang="en">{{PROBLEM_GUIDE_EN}}</span></p>
<textarea id="problem" name="problem" rows="8" aria-describedby="problem-help problem-count{{#PROBLEM_ERR}} problem-err{{/PROBLEM_ERR}}"{{#PROBLEM_ERR}} aria-invalid="true"{{/PROBLEM_ERR}} data-max="{{PROBLEM_MAX}}">{{PROBLEM:pre_escape}}</textarea>
<p class="count" id="problem-count">上限 {{PROBLEM_MAX}} 字，目前 <span class="n">{{PROBLEM_COUNT}}</span> 字 <span lang="en">at most {{PROBLEM_MAX}} characters</span></p>
{{#PROBLEM_ERR}}<p class="err" id="problem-err">{{MSG_ZH}} {{LIMIT_ZH}} <span lang="en">{{MSG_EN}} {{LIMIT_EN}}</span></p>{{/PROBLEM_ERR}}
</div>

<div class="field{{#COMMITMENT_ERR}} has-err{{/COMMITMENT_ERR}}">
<label for="commitment"><span class="no">{{COMMITMENT_NO}}</span> {{COMMITMENT_LABEL_ZH}} <span lang="en">{{COMMITMENT_LABEL_EN}}</span> <span class="req">必填 <span lang="en">required</span></span></label>
<p class="help" id="commitment-help">{{COMMITMENT_GUIDE_ZH}} <span lang="en">{{COMMITMENT_GUIDE_EN}}</span></p>
<textarea id="commitment" name="commitment" rows="8" aria-describedby="commitment-help commitment-count{{#COMMITMENT_ERR}} commitment-err{{/COMMITMENT_ERR}}"{{#COMMITMENT_ERR}} aria-invalid="true"{{/COMMITMENT_ERR}} data-max="{{COMMITMENT_MAX}}">{{COMMITMENT:pre_escape}}</textarea>
<p class="count" id="commitment-count">上限 {{COMMITMENT_MAX}} 字，目前 <span class="n">{{COMMITMENT_COUNT}}</span> 字 <span lang="en">at most {{COMMITMENT_MAX}} characters</span></p>
{{#COMMITMENT_ERR}}<p class="err" id="commitment-err">{{MSG_ZH}} {{LIMIT_ZH}} <span lang="en">{{MSG_EN}} {{LIMIT_EN}}</span></p>{{/COMMITMENT_ERR}}
</div>

<div class="field{{#CONTRIBUTION_ERR}} has-err{{/CONTRIBUTION_ERR}}">
<label for="contribution"><span class="no">{{CONTRIBUTION_NO}}</span> {{CONTRIBUTION_LABEL_ZH}} <span lang="en">{{CONTRIBUTION_LABEL_EN}}</span> <span class="req">必填 <span lang="en">required</span></span></label>
<textarea id="contribution" name="contribution" rows="6" aria-describedby="contribution-count{{#CONTRIBUTION_ERR}} contribution-err{{/CONTRIBUTION_ERR}}"{{#CONTRIBUTION_ERR}} aria-invalid="true"{{/CONTRIBUTION_ERR}} data-max="{{CONTRIBUTION_MAX}}">{{CONTRIBUTION:pre_escape}}</textarea>
<p class="count" id="contribution-count">上限 {{CONTRIBUTION_MAX}} 字，目前 <span class="n">{{CONTRIBUTION_COUNT}}</span> 字 <span lang="en">at most {{CONTRIBUTION_MAX}} characters</span></p>
{{#CONTRIBUTION_ERR}}<p class="err" id="contribution-err">{{MSG_ZH}} {{LIMIT_ZH}} <span lang="en">{{MSG_EN}} {{LIMIT_EN}}</span></p>{{/CONTRIBUTION_ERR}}
</div>

<fieldset class="field{{#VALUE_ERR}} has-err{{/VALUE_ERR}}{{#RELEVANCE_ERR}} has-err{{/RELEVANCE_ERR}}">
<legend><span class="no">{{RELEVANCE_NO}}</span> {{RELEVANCE_LABEL_ZH}} <span lang="en">{{RELEVANCE_LABEL_EN}}</span> <span class="req">必填 <span lang="en">required</span></span></legend>
<p class="help" id="value-help">{{RELEVANCE_GUIDE_ZH}} <span lang="en">{{RELEVANCE_GUIDE_EN}}</span></p>
<div class="choices" id="value">
<label><input type="checkbox" name="value" value="transparency"{{#VALUE_TRANSPARENCY}} checked{{/VALUE_TRANSPARENCY}} aria-describedby="value-help{{#VALUE_ERR}} value-err{{/VALUE_ERR}}"> 透明 <span lang="en">transparency</span></label>
<label><input type="checkbox" name="value" value="participation"{{#VALUE_PARTICIPATION}} checked{{/VALUE_PARTICIPATION}} aria-describedby="value-help{{#VALUE_ERR}} value-err{{/VALUE_ERR}}"> 公共參與 <span lang="en">civic participation</span></label>
<label><input type="checkbox" name="value" value="accountability"{{#VALUE_ACCOUNTABILITY}} checked{{/VALUE_ACCOUNTABILITY}} aria-describedby="value-help{{#VALUE_ERR}} value-err{{/VALUE_ERR}}"> 課責 <span lang="en">accountability</span></label>
</div>
{{#VALUE_ERR}}<p class="err" id="value-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/VALUE_ERR}}
<label for="relevance">說明 <span lang="en">Explanation</span></label>
<textarea id="relevance" name="relevance" rows="6" aria-describedby="value-help relevance-count{{#RELEVANCE_ERR}} relevance-err{{/RELEVANCE_ERR}}"{{#RELEVANCE_ERR}} aria-invalid="true"{{/RELEVANCE_ERR}} data-max="{{RELEVANCE_MAX}}">{{RELEVANCE:pre_escape}}</textarea>
<p class="count" id="relevance-count">上限 {{RELEVANCE_MAX}} 字，目前 <span class="n">{{RELEVANCE_COUNT}}</span> 字 <span lang="en">at most {{RELEVANCE_MAX}} characters</span></p>
{{#RELEVANCE_ERR}}<p class="err" id="relevance-err">{{MSG_ZH}} {{LIMIT_ZH}} <span lang="en">{{MSG_EN}} {{LIMIT_EN}}</span></p>{{/RELEVANCE_ERR}}
</fieldset>

<div class="field{{#SUBMITTER_ERR}} has-err{{/SUBMITTER_ERR}}">
<label for="submitter"><span class="no">{{SUBMITTER_NO}}</span> {{SUBMITTER_LABEL_ZH}} <span lang="en">{{SUBMITTER_LABEL_EN}}</span> <span class="req">必填 <span lang="en">required</span></span></label>
<p class="help" id="submitter-help">會公開顯示。 <span lang="en">Shown publicly.</span></p>
<input id="submitter" name="submitter" type="text" value="{{SUBMITTER}}" autocomplete="name" aria-describedby="submitter-help submitter-count{{#SUBMITTER_ERR}} submitter-err{{/SUBMITTER_ERR}}"{{#SUBMITTER_ERR}} aria-invalid="true"{{/SUBMITTER_ERR}} data-max="{{SUBMITTER_MAX}}">
<p class="count" id="submitter-count">上限 {{SUBMITTER_MAX}} 字，目前 <span class="n">{{SUBMITTER_COUNT}}</span> 字 <span lang="en">at most {{SUBMITTER_MAX}} characters</span></p>
{{#SUBMITTER_ERR}}<p class="err" id="submitter-err">{{MSG_ZH}} {{LIMIT_ZH}} <span lang="en">{{MSG_EN}} {{LIMIT_EN}}</span></p>{{/SUBMITTER_ERR}}
</div>

<fieldset class="field private{{#PHONE_ERR}} has-err{{/PHONE_ERR}}{{#EMAIL_ERR}} has-err{{/EMAIL_ERR}}">
<legend><span class="no">{{PHONE_NO}}</span> {{PHONE_LABEL_ZH}} <span lang="en">{{PHONE_LABEL_EN}}</span> <span class="req">至少一項 <span lang="en">at least one</span></span></legend>
<p class="help" id="contact-help">{{PHONE_GUIDE_ZH}} <span lang="en">{{PHONE_GUIDE_EN}}</span></p>
<label for="phone">電話 <span lang="en">Phone</span></label>
<input id="phone" name="phone" type="tel" value="{{PHONE}}" autocomplete="tel" aria-describedby="contact-help{{#PHONE_ERR}} phone-err{{/PHONE_ERR}}"{{#PHONE_ERR}} aria-invalid="true"{{/PHONE_ERR}}>
{{#PHONE_ERR}}<p class="err" id="phone-err">{{MSG_ZH}} {{LIMIT_ZH}} <span lang="en">{{MSG_EN}} {{LIMIT_EN}}</span></p>{{/PHONE_ERR}}
<label for="email">電子郵件 <span lang="en">E-mail</span></label>
<input id="email" name="email" type="email" value="{{EMAIL}}" autocomplete="email" aria-describedby="contact-help{{#EMAIL_ERR}} email-err{{/EMAIL_ERR}}"{{#EMAIL_ERR}} aria-invalid="true"{{/EMAIL_ERR}}>
{{#EMAIL_ERR}}<p class="err" id="email-err">{{MSG_ZH}} {{LIMIT_ZH}} <span lang="en">{{MSG_EN}} {{LIMIT_EN}}</span></p>{{/EMAIL_ERR}}
<label class="check"><input type="checkbox" name="send_link" value="1"{{#SEND_LINK}} checked{{/SEND_LINK}}> 把私人編輯連結寄到這個電子郵件（送出時另附提案內容） <span lang="en">E-mail me my private edit link (and a copy of the text when I submit)</span></label>
</fieldset>

<fieldset class="field milestones">
<legend>（選填）里程碑 <span lang="en">(Optional) milestones</span></legend>
<p class="help" id="ms-help">可驗證的交付成果與時程，讓承諾事項容易追蹤。 <span lang="en">Verifiable deliverables and dates make the commitment easy to track.</span></p>
{{#MS_ROW}}<div class="ms-row">
<label for="ms-d-{{N}}">交付成果 {{N}} <span lang="en">Deliverable {{N}}</span></label><input id="ms-d-{{N}}" name="ms_deliverable" type="text" value="{{DELIVERABLE}}" aria-describedby="ms-help{{#MS_DELIVERABLE_ERR}} ms-err{{/MS_DELIVERABLE_ERR}}">
<label for="ms-s-{{N}}">開始 <span lang="en">Start</span></label><input id="ms-s-{{N}}" name="ms_start" type="date" value="{{START}}"{{#MS_START_ERR}} aria-describedby="ms-start-err"{{/MS_START_ERR}}>
<label for="ms-e-{{N}}">結束 <span lang="en">End</span></label><input id="ms-e-{{N}}" name="ms_end" type="date" value="{{END}}"{{#MS_END_ERR}} aria-describedby="ms-end-err"{{/MS_END_ERR}}>
</div>{{/MS_ROW}}
{{#MS_DELIVERABLE_ERR}}<p class="err" id="ms-err">交付成果：{{MSG_ZH}} <span lang="en">Deliverable: {{MSG_EN}}</span></p>{{/MS_DELIVERABLE_ERR}}
{{#MS_START_ERR}}<p class="err" id="ms-start-err">開始日期：{{MSG_ZH}} <span lang="en">Start: {{MSG_EN}}</span></p>{{/MS_START_ERR}}
{{#MS_END_ERR}}<p class="err" id="ms-end-err">結束日期：{{MSG_ZH}} <span lang="en">End: {{MSG_EN}}</span></p>{{/MS_END_ERR}}
</fieldset>

{{#READINESS}}<section class="readiness" aria-labelledby="ready-h">
<h2 id="ready-h">OGP 準備度檢查 <span lang="en">OGP readiness check</span></h2>
<p>以下建議不會阻擋送出，但能讓提案更容易被採納： <span lang="en">These do not stop you from submitting, but they make the proposal easier to adopt:</span></p>
<ul>{{#READY_CHECK}}<li><a href="#{{FIELD}}">{{ZH}}</a> <span lang="en">{{EN}}</span></li>{{/READY_CHECK}}</ul>
</section>{{/READINESS}}
{{#READY_OK}}<p class="ready-ok">✓ OGP 準備度檢查：沒有發現問題。 <span lang="en">OGP readiness check: nothing to improve found.</span></p>{{/READY_OK}}

{{#BUTTONS}}<div class="actions">
<button type="submit" name="action" value="save">儲存草稿 <span lang="en">Save draft</span></button>
<button type="submit" name="action" value="submit" class="primary">送出提案 <span lang="en">Submit</span></button>
</div>
<p class="help">儲存草稿不會公開；送出前會檢查必填欄位。 <span lang="en">A saved draft is not public; submitting checks the required fields.</span></p>{{/BUTTONS}}
{{#BUTTONS_SUBMITTED}}<div class="actions">
<button type="submit" name="action" value="submit" class="primary">儲存修改 <span lang="en">Save changes</span></button>
<button type="submit" name="action" value="withdraw" class="danger">撤回提案 <span lang="en">Withdraw</span></button>
</div>{{/BUTTONS_SUBMITTED}}
</form>
