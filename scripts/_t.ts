import { analyseParagraph } from '../src/text/analyse.js';
import { extractParagraphFacts } from '../src/facts/extract.js';
const p1 = '“We understand the humanitarian aim – to free people. We welcome their release, but in essence, this is a trade in human lives – people who should never have been imprisoned in the first place,” Ms Tsikhanouskaya said.';
const p2 = 'Lithuanian President Gitanas Nauseda confirmed the safe arrival of the freed prisoners across the Lithuanian border on Thursday. “No man left behind! 52 prisoners safely crossed the Lithuanian border from Belarus today, leaving behind barbed wire, barred windows and constant fear,” he posted on X.';
for (const p of [p1, p2]) { const a = analyseParagraph(p); console.log(a.length, JSON.stringify(extractParagraphFacts(a, {}).map(f => f.quotes))); }
