{{%AUTOESCAPE context="HTML"}}
<h1>搜尋 <span lang="en" class="en">Search</span></h1>
{{#Q_TOO_LONG}}<div class="banner error" role="alert"><p>搜尋的字太長：最多 100 字，請縮短後再試。 <span lang="en">The words are too long: 100 characters at most; shorten them and try again.</span></p></div>{{/Q_TOO_LONG}}
{{#Q_TOO_MANY}}<div class="banner error" role="alert"><p>搜尋的詞太多：最多 8 個。 <span lang="en">Too many words: 8 at most.</span></p></div>{{/Q_TOO_MANY}}
<form class="filters" method="get" action="/search" role="search">
<div class="wide"><label for="s-q">關鍵字 <span lang="en">Words</span></label><input id="s-q" name="q" type="search" maxlength="100" value="{{Q}}"></div>
<div><label for="s-kind">類別 <span lang="en">Kind</span></label><select id="s-kind" name="kind"><option value="">全部 all</option>{{#KIND_OPTION}}<option value="{{KIND}}"{{#SELECTED}} selected{{/SELECTED}}>{{ZH}} {{EN}}</option>{{/KIND_OPTION}}</select></div>
<div><label for="s-agency">機關 <span lang="en">Agency</span></label><select id="s-agency" name="agency"><option value="">全部 all</option>{{#AGENCY_OPTION}}<option value="{{SLUG}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}} {{NAME_EN}}</option>{{/AGENCY_OPTION}}</select></div>
<div><label for="s-value">核心價值 <span lang="en">OGP value</span></label><select id="s-value" name="value"><option value="">全部 all</option>
<option value="transparency"{{#V_TRANSPARENCY}} selected{{/V_TRANSPARENCY}}>透明 transparency</option>
<option value="participation"{{#V_PARTICIPATION}} selected{{/V_PARTICIPATION}}>公共參與 participation</option>
<option value="accountability"{{#V_ACCOUNTABILITY}} selected{{/V_ACCOUNTABILITY}}>課責 accountability</option></select></div>
<div><label for="s-status">回應狀態 <span lang="en">Answer</span></label><select id="s-status" name="status"><option value="">全部 all</option>{{#STATUS_OPTION}}<option value="{{STATUS}}"{{#SELECTED}} selected{{/SELECTED}}>{{ZH}} {{EN}}</option>{{/STATUS_OPTION}}</select></div>
<div><button type="submit" class="primary">搜尋 <span lang="en">Search</span></button></div>
</form>
<p class="help">搜尋民間提案、承諾事項、留言及 MSF 會議議程與紀錄；中文可搜尋任意連續字詞。機關、核心價值與回應狀態只篩選提案。 <span lang="en">Searches proposals, commitment items, comments and MSF agendas and minutes; Chinese matches any run of characters. Agency, value and answer filter proposals.</span></p>
{{#NO_RESULTS}}<p class="empty">找不到符合的結果。 <span lang="en">Nothing matches.</span></p>{{/NO_RESULTS}}
{{#RESULTS}}<p class="count">共 {{TOTAL}} 筆 <span lang="en">{{TOTAL}} result(s)</span> · 第 {{PAGE}} / {{PAGES}} 頁</p>{{/RESULTS}}
{{#BY_RELEVANCE}}<p class="sort">排序 <span lang="en">Order</span>：<strong>相關程度 <span lang="en">relevance</span></strong> · <a href="{{URL}}">最新的在前 <span lang="en">newest first</span></a></p>{{/BY_RELEVANCE}}
{{#BY_NEW}}<p class="sort">排序 <span lang="en">Order</span>：<a href="{{URL}}">相關程度 <span lang="en">relevance</span></a> · <strong>最新的在前 <span lang="en">newest first</span></strong>{{#MANY}}（符合的超過 {{LIMIT}} 筆；多加幾個詞可縮小範圍。 <span lang="en">More than {{LIMIT}} match; more words narrow the search.</span>）{{/MANY}}</p>{{/BY_NEW}}
<ol class="hits">
{{#HIT}}<li><p class="kind"><span class="tag">{{KIND_ZH}} <span lang="en">{{KIND_EN}}</span></span></p>
<a class="title" href="{{URL}}">{{#TITLE}}{{#M}}<mark>{{/M}}{{TEXT}}{{#M}}</mark>{{/M}}{{/TITLE}}</a>
<p class="snippet">{{#MORE_BEFORE}}…{{/MORE_BEFORE}}{{#SNIPPET}}{{#M}}<mark>{{/M}}{{TEXT}}{{#M}}</mark>{{/M}}{{/SNIPPET}}{{#MORE_AFTER}}…{{/MORE_AFTER}}</p></li>
{{/HIT}}</ol>
<nav class="pager" aria-label="分頁 Pages">{{#PREV}}<a rel="prev" href="{{URL}}">‹ 上一頁 <span lang="en">previous</span></a>{{/PREV}} {{#NEXT}}<a rel="next" href="{{URL}}">下一頁 <span lang="en">next</span> ›</a>{{/NEXT}}</nav>
