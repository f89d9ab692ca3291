{{%AUTOESCAPE context="HTML"}}
<section class="error-page">
<p class="code">{{CODE}} <span lang="en">{{STATUS_TEXT}}</span></p>
<h1>{{MESSAGE_ZH}}</h1>
<p lang="en" class="en-block">{{MESSAGE_EN}}</p>
{{#NOT_FOUND}}<p>網址可能打錯了，或這個頁面已不存在。 <span lang="en">The address may be mistyped, or the page no longer exists.</span></p>{{/NOT_FOUND}}
<p><a href="/">回到首頁 <span lang="en">Back to the home page</span></a> · <a href="/proposals">民間提案 <span lang="en">Proposals</span></a> · <a href="/commitments">承諾事項 <span lang="en">Commitments</span></a></p>
</section>
