{{%AUTOESCAPE context="HTML"}}
<p class="crumbs"><a href="/admin">管理 <span lang="en">Admin</span></a></p>
<h1>帳號管理 <span lang="en" class="en">Staff accounts</span></h1>
{{#CREATED_USER}}<div class="banner ok" role="status"><p>已新增帳號 <strong>{{LOGIN}}</strong>。密碼只會顯示這一次，請安全地交給對方： <span lang="en">Account {{LOGIN}} added. The password is shown only this once; hand it over safely:</span></p>
<p><label for="new-password">密碼 <span lang="en">Password</span></label><input id="new-password" class="link" type="text" readonly value="{{PASSWORD}}"></p></div>{{/CREATED_USER}}
{{#ERROR}}<div class="banner error" role="alert"><p>{{ZH}} <span lang="en">{{EN}}</span></p></div>{{/ERROR}}
<table><thead><tr><th scope="col">帳號 <span lang="en">Login</span></th><th scope="col">角色 <span lang="en">Role</span></th><th scope="col">建立 <span lang="en">Created</span></th></tr></thead>
<tbody>{{#USER}}<tr><td>{{LOGIN}}{{#DISABLED}}（已停用 <span lang="en">disabled</span>）{{/DISABLED}}</td><td>{{#ORGANIZER}}主辦單位 <span lang="en">organizer</span>{{/ORGANIZER}}{{#AGENCY}}部會 <span lang="en">agency</span>：{{AGENCY_NAME}}{{/AGENCY}}</td><td>{{CREATED}}</td></tr>{{/USER}}</tbody></table>
<h2>新增帳號 <span lang="en">Add an account</span></h2>
<form method="post" action="/admin/users">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field"><label for="u-login">帳號（小寫英數及 . _ -） <span lang="en">Login (a-z, 0-9, . _ -)</span></label><input id="u-login" name="login" type="text" value="{{F_LOGIN}}"></div>
<fieldset class="field"><legend>角色 <span lang="en">Role</span></legend>
<label><input type="radio" name="role" value="agency"{{#ROLE_AGENCY}} checked{{/ROLE_AGENCY}}> 部會承辦人 <span lang="en">agency staff</span></label>
<label><input type="radio" name="role" value="organizer"{{#ROLE_ORGANIZER}} checked{{/ROLE_ORGANIZER}}> 主辦單位 <span lang="en">organizer</span></label></fieldset>
<div class="field"><label for="u-agency">部會（部會承辦人必選） <span lang="en">Agency (for agency staff)</span></label>
<select id="u-agency" name="agency"><option value="">（無 none）</option>{{#AGENCY_OPTION}}<option value="{{SLUG}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}} {{NAME_EN}}</option>{{/AGENCY_OPTION}}</select></div>
<button type="submit" class="primary">新增並產生密碼 <span lang="en">Add and generate a password</span></button>
</form>
<p class="help">停用帳號請用命令列：<code>cocreate user disable --db PATH --login NAME</code> <span lang="en">To disable an account use the command line.</span></p>
