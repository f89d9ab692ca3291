{{%AUTOESCAPE context="HTML"}}
<h1>工作人員登入 <span lang="en" class="en">Staff login</span></h1>
<p>供主辦單位及各部會承辦人使用。民眾提案不需要帳號。 <span lang="en">For organizers and agency staff. Citizens need no account to propose.</span></p>
{{#FAILED}}<div class="banner error" role="alert"><p>帳號或密碼不正確。 <span lang="en">Wrong login or password.</span></p></div>{{/FAILED}}
{{#THROTTLED}}<div class="banner error" role="alert"><p>登入失敗次數太多，請 15 分鐘後再試。 <span lang="en">Too many failed attempts; try again in 15 minutes.</span></p></div>{{/THROTTLED}}
{{#CSRF_FAILED}}<div class="banner error" role="alert"><p>安全驗證已過期，請再登入一次。 <span lang="en">The security check expired; please log in again.</span></p></div>{{/CSRF_FAILED}}
<form class="login" method="post" action="/login">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<div class="field"><label for="login">帳號 <span lang="en">Login</span></label>
<input id="login" name="login" type="text" value="{{LOGIN}}" autocomplete="username" spellcheck="false"></div>
<div class="field"><label for="password">密碼 <span lang="en">Password</span></label>
<input id="password" name="password" type="password" autocomplete="current-password"></div>
<div class="actions"><button type="submit" class="primary">登入 <span lang="en">Log in</span></button></div>
</form>
