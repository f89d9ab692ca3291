{{%AUTOESCAPE context="HTML"}}
<section class="comments"{{#IS_COMMENT}} id="comments"{{/IS_COMMENT}}>
{{#IS_COMMENT}}<h2>留言 <span lang="en">Comments</span>（{{COUNT}}）</h2>{{/IS_COMMENT}}{{#IS_REVIEW}}<h3>檢視意見 <span lang="en">Reviews</span>（{{COUNT}}）</h3>{{/IS_REVIEW}}
{{#EARLIER}}<p class="earlier">顯示最新的 {{SHOWN}} 則討論，共 {{THREADS}} 則。<a href="{{URL}}">看全部留言</a> <span lang="en">The latest {{SHOWN}} of {{THREADS}} threads. <a href="{{URL}}">See every comment</a></span></p>{{/EARLIER}}
{{#NONE}}<p class="empty">還沒有留言。 <span lang="en">No comments yet.</span></p>{{/NONE}}
<ol class="thread">
{{#COMMENT}}<li class="comment">{{>ONE}}
{{#REPLIES}}<ol class="replies">{{#REPLY}}<li class="comment reply">{{>ONE}}</li>{{/REPLY}}</ol>{{/REPLIES}}
{{#CAN_REPLY}}<p class="reply"><a class="reply-link" href="?reply={{ID}}#{{FORM_ID}}">回覆 <span lang="en">Reply</span></a></p>{{/CAN_REPLY}}
</li>
{{/COMMENT}}</ol>
<div class="comment-entry" id="{{FORM_ID}}-entry">
{{#CSRF_FAILED}}<div class="banner error" role="alert"><p><strong>留言尚未送出。</strong>安全驗證已過期，您的內容還在下方，請再按一次送出。 <span lang="en"><strong>Not posted yet.</strong> The security check expired; your text is below: press the button again.</span></p></div>{{/CSRF_FAILED}}
{{#CLOSED_REFUSED}}<div class="banner error" role="alert"><p><strong>留言尚未送出：</strong>意見徵集已截止。您的內容還在下方，可自行複製保存。 <span lang="en"><strong>Not posted:</strong> the consultation has closed. Your text is below to copy.</span></p></div>{{/CLOSED_REFUSED}}
{{#PARENT_GONE}}<div class="banner error" role="alert"><p><strong>留言尚未送出：</strong>要回覆的留言不在這裡。您的內容還在下方，可改為一般留言送出。 <span lang="en"><strong>Not posted:</strong> the comment replied to is not here. Your text is below; post it as a comment of its own.</span></p></div>{{/PARENT_GONE}}
{{#REVIEW_REFUSED}}<div class="banner error" role="alert"><p><strong>檢視意見尚未送出：</strong>期中檢視目前未開放。您的內容還在下方，可自行複製保存。 <span lang="en"><strong>Not posted:</strong> the mid-term review is not open now. Your text is below to copy.</span></p></div>{{/REVIEW_REFUSED}}
{{#HAS_ERRORS}}<div class="banner error" role="alert"><p><strong>留言尚未送出</strong>，請修正標示的欄位。 <span lang="en"><strong>Not posted yet:</strong> please correct the marked fields.</span></p></div>{{/HAS_ERRORS}}
{{#RATE_LIMITED}}<div class="banner error" role="alert"><p><strong>留言尚未送出。</strong>這個網路位址在一小時內留言太多次，請稍後再試；您的內容還在下方。 <span lang="en"><strong>Not posted yet.</strong> Too many comments from this address in the last hour; try again later. Your text is below.</span></p></div>{{/RATE_LIMITED}}
{{#BUSY}}<div class="banner error" role="alert"><p><strong>留言尚未送出。</strong>系統暫時無法儲存，請稍後再試；您的內容還在下方。 <span lang="en"><strong>Not posted yet.</strong> The system cannot store it right now; your text is below.</span></p></div>{{/BUSY}}
{{#CLOSED}}<p class="empty">{{#IS_COMMENT}}意見徵集已截止，不再接受留言。 <span lang="en">The consultation has closed; comments are closed.</span>{{/IS_COMMENT}}{{#IS_REVIEW}}期中檢視目前未開放。 <span lang="en">The mid-term review is not open now.</span>{{/IS_REVIEW}}</p>{{/CLOSED}}
{{#KEPT}}<div class="kept"><p>您剛才寫的內容（尚未送出），可複製保存： <span lang="en">What you wrote (not posted), to copy:</span></p>
<p><strong>{{NAME}}</strong>{{AFFILIATION}}</p>
<label for="kept-body">內容 <span lang="en">Text</span></label><textarea id="kept-body" readonly rows="4">{{BODY:pre_escape}}</textarea></div>{{/KEPT}}
{{#FORM}}<form class="comment-form" method="post" action="{{ACTION}}#{{FORM_ID}}-entry" id="{{#IS_COMMENT}}comment-form{{/IS_COMMENT}}{{#IS_REVIEW}}review-form{{/IS_REVIEW}}" novalidate>
<h3>{{#IS_COMMENT}}留言 <span lang="en">Add a comment</span>{{/IS_COMMENT}}{{#IS_REVIEW}}提出檢視意見 <span lang="en">Add a review</span>{{/IS_REVIEW}}</h3>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="parent" value="{{PARENT}}">
{{#REPLYING}}<p class="replying" role="status">回覆 <a href="#comment-{{TO}}">{{TO_NAME}}</a> 的留言 <span lang="en">Replying to {{TO_NAME}}</span> · <a class="cancel-reply" href="{{SELF}}#{{#IS_COMMENT}}comment-form{{/IS_COMMENT}}{{#IS_REVIEW}}review-form{{/IS_REVIEW}}">取消回覆 <span lang="en">Cancel</span></a></p>{{/REPLYING}}
<div class="field{{#NAME_ERR}} has-err{{/NAME_ERR}}"><label for="c-name">姓名或暱稱 <span lang="en">Name</span> <span class="req">必填 <span lang="en">required</span></span></label>
<input id="c-name" name="name" type="text" value="{{NAME}}" autocomplete="name" aria-describedby="c-name-help{{#NAME_ERR}} c-name-err{{/NAME_ERR}}"{{#NAME_ERR}} aria-invalid="true"{{/NAME_ERR}}>
<p class="help" id="c-name-help">會公開顯示，上限 {{NAME_MAX}} 字。 <span lang="en">Shown publicly; at most {{NAME_MAX}} characters.</span></p>
{{#NAME_ERR}}<p class="err" id="c-name-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/NAME_ERR}}</div>
<div class="field{{#AFFILIATION_ERR}} has-err{{/AFFILIATION_ERR}}"><label for="c-affiliation">單位（選填） <span lang="en">Affiliation (optional)</span></label>
<input id="c-affiliation" name="affiliation" type="text" value="{{AFFILIATION}}" autocomplete="organization"{{#AFFILIATION_ERR}} aria-invalid="true" aria-describedby="c-affiliation-err"{{/AFFILIATION_ERR}}>
{{#AFFILIATION_ERR}}<p class="err" id="c-affiliation-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/AFFILIATION_ERR}}</div>
<div class="field{{#BODY_ERR}} has-err{{/BODY_ERR}}"><label for="c-body">內容 <span lang="en">Comment</span> <span class="req">必填 <span lang="en">required</span></span></label>
<textarea id="c-body" name="body" rows="5" data-max="{{BODY_MAX}}" aria-describedby="c-body-help{{#BODY_ERR}} c-body-err{{/BODY_ERR}}"{{#BODY_ERR}} aria-invalid="true"{{/BODY_ERR}}>{{BODY:pre_escape}}</textarea>
<p class="help" id="c-body-help">可用 Markdown（粗體、清單、連結），上限 {{BODY_MAX}} 字。 <span lang="en">Markdown allowed (bold, lists, links); at most {{BODY_MAX}} characters.</span></p>
{{#BODY_ERR}}<p class="err" id="c-body-err">{{MSG_ZH}} <span lang="en">{{MSG_EN}}</span></p>{{/BODY_ERR}}</div>
<button type="submit" class="primary">送出留言 <span lang="en">Post comment</span></button>
</form>{{/FORM}}
</div>
</section>
