{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/admin">管理 <span lang="en">Admin</span></a> › <a href="/admin/proposals">提案處理 <span lang="en">Proposals</span></a> › #{{ID}}</p>
<h1>{{TITLE}}</h1>
<p><a href="/proposals/{{ID}}">公開頁面 <span lang="en">Public page</span></a> · 狀態 <span lang="en">status</span>：{{STATUS_ZH}} <span lang="en">{{STATUS_EN}}</span></p>
{{#ANSWERED_OK}}<div class="banner ok" role="status"><p>回應已公開。 <span lang="en">The response is published.</span></p></div>{{/ANSWERED_OK}}
{{#ROUTED_OK}}<div class="banner ok" role="status"><p>已改分派。 <span lang="en">Routed.</span></p></div>{{/ROUTED_OK}}
{{#CSRF_FAILED}}<div class="banner error" role="alert"><p><strong>尚未儲存。</strong>安全驗證已過期，內容都還在，請再按一次。 <span lang="en"><strong>Not saved yet.</strong> The security check expired; press the button again.</span></p></div>{{/CSRF_FAILED}}
{{#NOT_ANSWERABLE}}<div class="banner error" role="alert"><p><strong>回應尚未儲存：</strong>只能回應已送出的提案，這件提案已不是（可能剛被撤回）。您寫的內容在下方，可複製保存。 <span lang="en"><strong>Not saved:</strong> only submitted proposals can be answered, and this one no longer is (it may just have been withdrawn). Your text is below to copy.</span></p>
<label for="kept-response">您寫的回應 <span lang="en">Your response</span></label><textarea id="kept-response" readonly rows="6">{{KEPT_RESPONSE:pre_escape}}</textarea></div>{{/NOT_ANSWERABLE}}
{{#ANSWER_ERRORS}}<div class="banner error" role="alert"><p><strong>回應尚未儲存</strong>，請修正標示的欄位。 <span lang="en"><strong>Not saved yet:</strong> please correct the marked fields.</span></p></div>{{/ANSWER_ERRORS}}
{{#BUSY}}<div class="banner error" role="alert"><p><strong>尚未儲存。</strong>系統暫時無法寫入，請稍後再試。 <span lang="en"><strong>Not saved yet.</strong> Try again in a moment.</span></p></div>{{/BUSY}}
{{>FIELDS}}
{{#ROUTING}}<section><h2>分派受理機關 <span lang="en">Route to an agency</span></h2>
<form method="post" action="/admin/proposals/{{ID}}/route">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="route-agency">受理機關 <span lang="en">Agency</span></label>
<select id="route-agency" name="agency"{{#AGENCY_ERR}} aria-invalid="true" aria-describedby="route-err"{{/AGENCY_ERR}}>{{#AGENCY_OPTION}}<option value="{{SLUG}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}} {{NAME_EN}}</option>{{/AGENCY_OPTION}}</select>
{{#AGENCY_ERR}}<p class="err" id="route-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/AGENCY_ERR}}
<button type="submit">分派 <span lang="en">Route</span></button>
</form></section>{{/ROUTING}}
<h2>歷程 <span lang="en">History</span></h2>
<ul class="history">{{#ROUTED}}<li>{{AT}}：{{BY}} 將受理機關由 {{FROM}} 改為 {{TO}} <span lang="en">routed from {{FROM}} to {{TO}}</span></li>{{/ROUTED}}</ul>
{{>ANSWERS}}
{{#ANSWERABLE}}<section><h2>回應 <span lang="en">Answer</span></h2>
<p class="help">回應會公開在提案頁與機關頁，並保留每一次修改。 <span lang="en">The response is public on the proposal and agency pages; every change is kept.</span></p>
<form class="answer-form" method="post" action="/admin/proposals/{{ID}}/answer" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#E_STATUS}} has-err{{/E_STATUS}}"><label for="a-status">處理結果 <span lang="en">Outcome</span></label>
<select id="a-status" name="status"{{#E_STATUS}} aria-invalid="true" aria-describedby="a-status-err"{{/E_STATUS}}><option value="">（請選擇 choose）</option>{{#STATUS_OPTION}}<option value="{{NAME}}"{{#SELECTED}} selected{{/SELECTED}}>{{ZH}} {{EN}}</option>{{/STATUS_OPTION}}</select>
{{#E_STATUS}}<p class="err" id="a-status-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_STATUS}}</div>
<div class="field{{#E_ITEM}} has-err{{/E_ITEM}}"><label for="a-item">納入的承諾事項（併入時必選） <span lang="en">Item it fed into (required when merged)</span></label>
<select id="a-item" name="item"{{#E_ITEM}} aria-invalid="true" aria-describedby="a-item-err"{{/E_ITEM}}><option value="">（無 none）</option>{{#ITEM_OPTION}}<option value="{{ID}}"{{#SELECTED}} selected{{/SELECTED}}>{{NO}} {{TITLE}}</option>{{/ITEM_OPTION}}</select>
{{#E_ITEM}}<p class="err" id="a-item-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_ITEM}}</div>
<div class="field{{#E_RESPONSE}} has-err{{/E_RESPONSE}}"><label for="a-response">理由說明（Markdown） <span lang="en">Reasoned response (Markdown)</span></label>
<textarea id="a-response" name="response" rows="8"{{#E_RESPONSE}} aria-invalid="true" aria-describedby="a-response-err"{{/E_RESPONSE}}>{{A_RESPONSE:pre_escape}}</textarea>
{{#E_RESPONSE}}<p class="err" id="a-response-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/E_RESPONSE}}</div>
<button type="submit" class="primary">公開回應 <span lang="en">Publish the response</span></button>
</form></section>{{/ANSWERABLE}}
