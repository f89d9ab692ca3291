{{%AUTOESCAPE context="HTML"}}<!DOCTYPE html>
<html lang="zh-Hant-TW">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE_ZH}} · {{TITLE_EN}} | 開放政府共創 cocreate</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<script src="/static/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">跳到主要內容 <span lang="en">Skip to content</span></a>
<header class="site">
<div class="wrap">
<a class="brand" href="/"><span class="mark" aria-hidden="true">OGP</span> 開放政府國家行動方案 共創 <span lang="en" class="en">Open Government co-creation</span></a>
<form class="site-search" method="get" action="/search" role="search" aria-label="全站搜尋 Site search"><input name="q" type="search" maxlength="100" aria-label="搜尋 Search" placeholder="搜尋 Search"><button type="submit">搜尋 <span lang="en">Search</span></button></form>
<nav aria-label="主選單 Main menu">
<ul>
<li><a href="/commitments">承諾事項 <span lang="en" class="en">Commitments</span></a></li>
<li><a href="/proposals">民間提案 <span lang="en" class="en">Proposals</span></a></li>
<li><a href="/agencies">部會 <span lang="en" class="en">Agencies</span></a></li>
<li><a href="/meetings">MSF 會議 <span lang="en" class="en">Meetings</span></a></li>
<li><a class="button primary" href="/proposals/new">撰寫提案 <span lang="en" class="en">Write a proposal</span></a></li>
{{#STAFF}}<li><a href="/admin">管理 <span lang="en" class="en">Admin</span></a></li>
<li class="who">{{LOGIN}}{{#ORGANIZER}}（主辦單位 <span lang="en">organizer</span>）{{/ORGANIZER}}{{#AGENCY}}（{{NAME}}）{{/AGENCY}}
<form class="inline" method="post" action="/logout"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="link">登出 <span lang="en">Log out</span></button></form></li>{{/STAFF}}
</ul>
</nav>
</div>
</header>
<main id="main" class="wrap">
{{>BODY}}
</main>
<footer class="site">
<div class="wrap">
<p>本站協助民間依國家發展委員會格式，共同擬定臺灣開放政府國家行動方案（2020–2024）。 <span lang="en">cocreate helps citizens and agencies co-create Taiwan's Open Government National Action Plan in the NDC's format.</span></p>
<p>時間皆為臺北時間（UTC+8）。 <span lang="en">Times are Taipei time (UTC+8).</span></p>
</div>
</footer>
{{#REPORT_FORM}}<form id="report-form" method="post" hidden><input type="hidden" name="csrf" value="{{CSRF}}"></form>{{/REPORT_FORM}}
</body>
</html>
