{{%AUTOESCAPE context="HTML"}}
<h1>部會 <span lang="en" class="en">Agencies</span></h1>
<p>草案中列名的主辦及協辦機關。 <span lang="en">The lead and co-agencies named in the draft.</span></p>
<table class="agencies">
<thead><tr><th scope="col">機關 <span lang="en">Agency</span></th><th scope="col">英文名稱 <span lang="en">English name</span></th><th scope="col">主政事項 <span lang="en">Items led</span></th></tr></thead>
<tbody>
{{#AGENCY}}<tr><td><a href="/agencies/{{SLUG}}">{{NAME}}</a></td><td lang="en">{{NAME_EN}}</td><td>{{ITEMS}}</td></tr>
{{/AGENCY}}</tbody>
</table>
