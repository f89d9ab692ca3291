{{%AUTOESCAPE context="HTML"}}
<article id="comment-{{ID}}">
<p class="by"><strong>{{NAME}}</strong>{{#AFFILIATION}}（{{TEXT}}）{{/AFFILIATION}} · <a href="#comment-{{ID}}"><time datetime="{{CREATED_ISO}}">{{CREATED}}</time></a></p>
{{#VISIBLE}}<div class="md">{{BODY_HTML:none}}</div>
<div class="tools">{{#REPORTED}}<span class="flag">已被檢舉 {{N}} 次 <span lang="en">reported {{N}} time(s)</span></span> {{/REPORTED}}{{#REPORT_SENT}}<span class="flag ok" role="status">已通知管理者，謝謝。 <span lang="en">Reported to the organizers. Thank you.</span></span> {{/REPORT_SENT}}<button type="submit" class="link" form="report-form" formaction="/comments/{{ID}}/report">檢舉不當內容 <span lang="en">Report</span></button>
{{#CAN_HIDE}}<form class="inline moderate" method="post" action="/admin/comments/{{ID}}/hide"><input type="hidden" name="csrf" value="{{CSRF}}"><label for="reason-{{ID}}">隱藏理由（公開） <span lang="en">Public reason</span></label> <input id="reason-{{ID}}" name="reason" type="text"> <button type="submit" class="danger">隱藏 <span lang="en">Hide</span></button></form>{{/CAN_HIDE}}</div>{{/VISIBLE}}
{{#HIDDEN}}<p class="hidden-note">此留言已由 {{BY}} 於 {{AT}} 隱藏。理由：{{REASON}} <span lang="en">Hidden by {{BY}} at {{AT}}. Reason: {{REASON}}</span></p>
{{#CAN_UNHIDE}}<form class="inline" method="post" action="/admin/comments/{{ID}}/unhide"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link">取消隱藏 <span lang="en">Unhide</span></button></form>{{/CAN_UNHIDE}}{{/HIDDEN}}
</article>
