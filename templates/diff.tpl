{{%AUTOESCAPE context="HTML"}}
{{#FIELD}}<dt>{{LABEL_ZH}} <span lang="en">{{LABEL_EN}}</span>{{#CHANGED}} <span class="flag">已修改 <span lang="en">changed</span></span>{{/CHANGED}}</dt>
<dd class="prose">{{#SAME}}{{TEXT:pre_escape}}{{/SAME}}{{#CHANGED}}{{#SEG}}{{#INS}}<ins>{{/INS}}{{#DEL}}<del>{{/DEL}}{{TEXT:pre_escape}}{{#DEL}}</del>{{/DEL}}{{#INS}}</ins>{{/INS}}{{/SEG}}{{/CHANGED}}</dd>
{{/FIELD}}
