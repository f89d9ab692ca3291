{{%AUTOESCAPE context="HTML"}}
<h1>民間提案 <span lang="en" class="en">Proposals</span></h1>
{{#Q_TOO_LONG}}<div class="banner error" role="alert"><p>搜尋的字太長：最多 100 字，請縮短後再試。 <span lang="en">The words are too long: 100 characters at most; shorten them and try again.</span></p></div>{{/Q_TOO_LONG}}
<form class="filters" method="get" action="/proposals">
<div><label for="f-agency">受理機關 <span lang="en">Agency</span></label>
<select id="f-agency" name="agency"><option value="">全部 all</option>
{{#AGENCY_OPTION}}<option value="{{SLUG}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}} {{NAME_EN}}</option>
{{/AGENCY_OPTION}}</select></div>
<div><label for="f-value">核心價值 <span lang="en">OGP value</span></label>
<select id="f-value" name="value"><option value="">全部 all</option>
<option value="transparency"{{#V_TRANSPARENCY}} selected{{/V_TRANSPARENCY}}>透明 transparency</option>
<option value="participation"{{#V_PARTICIPATION}} selected{{/V_PARTICIPATION}}>公共參與 participation</option>
<option value="accountability"{{#V_ACCOUNTABILITY}} selected{{/V_ACCOUNTABILITY}}>課責 accountability</option>
</select></div>
<div><label for="f-q">關鍵字 <span lang="en">Words</span></label>
<input id="f-q" name="q" type="search" maxlength="100" value="{{Q}}"></div>
<div><button type="submit">篩選 <span lang="en">Filter</span></button>{{#FILTERED}} <a href="/proposals">清除 <span lang="en">clear</span></a>{{/FILTERED}}</div>
</form>
<p class="count">共 {{TOTAL}} 件 <span lang="en">{{TOTAL}} proposal(s)</span> · 第 {{PAGE}} / {{PAGES}} 頁 <span lang="en">page {{PAGE}} of {{PAGES}}</span></p>
{{>PROPOSALS}}
<nav class="pager" aria-label="分頁 Pages">{{#PREV}}<a rel="prev" href="{{URL}}">‹ 上一頁 <span lang="en">previous</span></a>{{/PREV}} {{#NEXT}}<a rel="next" href="{{URL}}">下一頁 <span lang="en">next</span> ›</a>{{/NEXT}}</nav>
