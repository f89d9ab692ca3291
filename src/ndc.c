/*
 * The NDC form (建議政府應該新增承諾事項表單): its numbered fields, labels and
 * guidance, in the form's order.  The web form, the public page, the
 * printed form and the ODT export all take their labels from here.
 */
#include <stddef.h>

#include "extern.h"

const struct ndc_field ndc_fields[] = {
	{ KEY_TITLE, "名稱", "Title", NULL, NULL },
	{ KEY_LEAD_AGENCY, "建議主政機關", "Suggested lead agency",
	  "從下列部會中選擇，或自行填寫。",
	  "Choose one of the agencies, or type another." },
	{ KEY_PROBLEM, "承諾事項將涉及的公共問題", "The public problem",
	  "將涉及的社會、經濟、政治及環境相關問題，盡可能提供確切的背景資料、"
	  "事實及統計數據以資佐證。",
	  "The social, economic, political and environmental problems it "
	  "concerns; give precise background, facts and statistics where "
	  "you can." },
	{ KEY_COMMITMENT, "承諾事項之描述", "The commitment",
	  "描述承諾事項的內容、可預期的成果以及總目標。",
	  "Describe what the commitment is, the results expected and its "
	  "overall goal." },
	{ KEY_CONTRIBUTION, "承諾事項本身對於解決這些公共問題有何貢獻與助益？",
	  "How it helps solve the problem", NULL, NULL },
	{ KEY_RELEVANCE, "承諾事項與 OGP 的核心價值（透明、公共參與、課責）的相關性",
	  "Relevance to OGP values",
	  "勾選一項或多項核心價值，並逐項說明相關性。",
	  "Tick one or more of transparency, civic participation and "
	  "accountability, and explain each one you tick." },
	{ KEY_SUBMITTER, "填表人/機關/團體", "Submitter / agency / group",
	  NULL, NULL },
	{ KEY_PHONE, "聯絡方式（電話及電子郵件）", "Contact: phone and e-mail",
	  "不公開：只有主辦單位及受理機關看得到。",
	  "Private: shown only to the organizers and the agency addressed." },
};

const size_t ndc_nfields = sizeof(ndc_fields) / sizeof(ndc_fields[0]);

