import { analyseParagraph } from '../src/text/analyse.js';
import fs from 'node:fs';
const cases: Array<[string, string]> = [
 ['corpora/2011-weiner-denies-sending-photo/new-york-times.txt', 'Ms. Cordova'],
 ['corpora/2015-hillary-clinton-releases-tax-returns/new-york-times.txt', 'Dr. Lisa Bardack'],
 ['corpora/2015-hillary-clinton-releases-tax-returns/new-york-times.txt', 'Mr. Clinton earned'],
 ['corpora/2013-jesse-jackson-jr-pleads-guilty/huffpost.txt', 'U.S. District Judge Robert L. Wilkins'],
 ['corpora/2017-flynn-pleads-guilty/new-york-times.txt', 'Michael T. Flynn'],
 ['corpora/2017-flynn-pleads-guilty/new-york-times.txt', 'James B. Comey'],
 ['corpora/2019-roger-stone-indicted/new-york-times.txt', 'Roger J. Stone Jr.'],
 ['corpora/2019-roger-stone-indicted/new-york-times.txt', 'Stephen K. Bannon'],
 ['corpora/2018-cesar-sayoc-arrested-pipe-bombs/new-york-times.txt', 'C.I.A. director'],
 ['corpora/2018-cesar-sayoc-arrested-pipe-bombs/fox-news.txt', 'U.S. postal facility'],
 ['corpora/2018-cesar-sayoc-arrested-pipe-bombs/huffpost.txt', 'Rep. Maxine Waters'],
 ['corpora/2018-cesar-sayoc-arrested-pipe-bombs/huffpost.txt', 'Sen. Kamala Harris'],
 ['corpora/2016-pelosi-reelected-house-minority-leader/fox-news.txt', 'Nov. 8'],
 ['corpora/2014-cantor-defeated-by-brat/new-york-times.txt', '.” He will face'],
 ['corpora/2014-cantor-defeated-by-brat/huffpost.txt', '$5.4 million'],
 ['corpora/2015-hillary-clinton-releases-tax-returns/new-york-times.txt', '$1.865 million'],
 ['corpora/2013-jesse-jackson-jr-pleads-guilty/new-york-times.txt', 'Rev. Jesse L. Jackson'],
 ['corpora/2013-jesse-jackson-jr-pleads-guilty/new-york-times.txt', 'Gov. Rod R. Blagojevich'],
 ['corpora/2019-roger-stone-indicted/huffpost.txt', '.” He told The Washington Post'],
 ['seeds/002_908e0902c3c14349.txt', '9.5 million'],
 ['seeds/001_1d8d43ee444401ba.txt', 'he posted on X.'],
 ['corpora/2018-cesar-sayoc-arrested-pipe-bombs/huffpost.txt', 'Sen. Cory Booker'],
];
for (const [f, n] of cases) {
  const p = fs.readFileSync('/work/shared/' + f, 'utf8').split(/\r?\n/).find(l => l.includes(n));
  console.log('===', f, n);
  if (!p) { console.log('  MISSING'); continue; }
  for (const s of analyseParagraph(p)) console.log('  |', s.text);
}
