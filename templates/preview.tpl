{{%AUTOESCAPE context="HTML"}}<div class="md preview">{{BODY_HTML:none}}</div>
