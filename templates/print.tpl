{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="zh-Hant-TW">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · 建議政府應該新增承諾事項表單</title>
<link rel="stylesheet" href="/static/print.css">
</head>
<body>
<nav class="screen-only" aria-label="列印 Print"><a href="/proposals/{{ID}}">回到提案頁 <span lang="en">Back to the proposal</span></a> · 請用瀏覽器的列印功能（A4）。 <span lang="en">Use your browser's print (A4).</span></nav>
<header><p>我國開放政府國家行動方案建議承諾事項格式</p><p>提案編號 #{{ID}}　列印日期：{{TODAY_ROC}}</p></header>
<main>
{{#NOT_SUBMITTED}}<p class="draft-mark">（草稿，尚未送出）</p>{{/NOT_SUBMITTED}}
<h1>建議政府應該新增承諾事項表單</h1>
<table class="form">
<tr><th scope="row">提案類型</th><td>{{KIND_ZH}}{{#TARGET}}：{{NO}} {{TITLE}}{{/TARGET}}</td></tr>
<tr><th scope="row">{{TITLE_LABEL_ZH}}</th><td>{{TITLE}}</td></tr>
<tr><th scope="row">{{LEAD_AGENCY_LABEL_ZH}}</th><td>{{#LEAD_AGENCY}}{{NAME}}{{/LEAD_AGENCY}}{{LEAD_AGENCY_OTHER}}</td></tr>
<tr><th scope="row">{{PROBLEM_LABEL_ZH}}</th><td class="prose">{{PROBLEM:pre_escape}}</td></tr>
<tr><th scope="row">{{COMMITMENT_LABEL_ZH}}</th><td class="prose">{{COMMITMENT:pre_escape}}</td></tr>
<tr><th scope="row">{{CONTRIBUTION_LABEL_ZH}}</th><td class="prose">{{CONTRIBUTION:pre_escape}}</td></tr>
<tr><th scope="row">{{RELEVANCE_LABEL_ZH}}</th><td><p>{{#VALUE_BOX}}{{MARK}}{{ZH}}　{{/VALUE_BOX}}</p><div class="prose">{{RELEVANCE:pre_escape}}</div></td></tr>
<tr><th scope="row">{{SUBMITTER_LABEL_ZH}}</th><td>{{SUBMITTER}}</td></tr>
<tr><th scope="row">{{PHONE_LABEL_ZH}}</th><td>{{#CONTACT}}電話：{{PHONE}}<br>電子郵件：{{EMAIL}}{{/CONTACT}}{{#CONTACT_HIDDEN}}（不公開）{{/CONTACT_HIDDEN}}</td></tr>
</table>
<p class="note">1、請以標楷體、12號字、固定行高20點填列。</p>
</main>
</body>
</html>
