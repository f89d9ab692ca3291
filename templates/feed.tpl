{{%AUTOESCAPE context="XML"}}<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-Hant-TW">
<title>開放政府國家行動方案 共創：提案、會議與回應</title>
<subtitle>Open Government co-creation: proposals, MSF meetings and answers</subtitle>
<id>{{ORIGIN}}/feed.atom</id>
<link rel="self" type="application/atom+xml" href="{{ORIGIN}}/feed.atom"/>
<link rel="alternate" type="text/html" href="{{ORIGIN}}/"/>
<updated>{{UPDATED}}</updated>
<author><name>cocreate</name></author>
{{#ENTRY}}<entry>
<title>{{TITLE}}</title>
<id>{{ID}}</id>
<link rel="alternate" type="text/html" href="{{URL}}"/>
<published>{{PUBLISHED}}</published>
<updated>{{UPDATED}}</updated>
<summary>{{SUMMARY}}</summary>
</entry>
{{/ENTRY}}</feed>
