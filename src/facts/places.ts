/**
 * General world knowledge about places: every country with its adjective and the words for its people,
 * capitals and large cities, US states, continents and regions. Used to give names a kind ("Oslo" is a
 * place) and to let a question about "Swedes" meet a sentence about "Swedish nationals".
 * Nothing here is specific to one story.
 */
import { fold } from '../text/analyse.js';

/** A country with the words that refer to it, its people and its things. */
export interface Demonym {
  /** Canonical name, e.g. "Sweden". */
  place: string;
  /** Other names of the same place: "UK", "Britain". */
  aliases: string[];
  /** Adjectives: "Swedish". */
  adjectives: string[];
  /** Words for its people, plural: "Swedes". */
  plural: string[];
  /** Words for one of its people: "Swede". */
  singular: string[];
}

// names (canonical first, then aliases) | adjectives | people, plural | one person
// Where the adjective doubles as the word for the people ("Swiss", "Chinese") it is repeated.
const COUNTRIES = `
Afghanistan|Afghan|Afghans|Afghan
Albania|Albanian|Albanians|Albanian
Algeria|Algerian|Algerians|Algerian
Andorra|Andorran|Andorrans|Andorran
Angola|Angolan|Angolans|Angolan
Antigua and Barbuda|Antiguan|Antiguans|Antiguan
Argentina|Argentine/Argentinian|Argentines/Argentinians|Argentine/Argentinian
Armenia|Armenian|Armenians|Armenian
Australia|Australian|Australians|Australian
Austria|Austrian|Austrians|Austrian
Azerbaijan|Azerbaijani/Azeri|Azerbaijanis/Azeris|Azerbaijani/Azeri
Bahamas/The Bahamas|Bahamian|Bahamians|Bahamian
Bahrain|Bahraini|Bahrainis|Bahraini
Bangladesh|Bangladeshi|Bangladeshis|Bangladeshi
Barbados|Barbadian|Barbadians|Barbadian
Belarus|Belarusian/Belarussian|Belarusians/Belarussians|Belarusian
Belgium|Belgian|Belgians|Belgian
Belize|Belizean|Belizeans|Belizean
Benin|Beninese|Beninese|Beninese
Bhutan|Bhutanese|Bhutanese|Bhutanese
Bolivia|Bolivian|Bolivians|Bolivian
Bosnia and Herzegovina/Bosnia|Bosnian|Bosnians|Bosnian
Botswana|Botswanan/Motswana|Batswana|Motswana
Brazil|Brazilian|Brazilians|Brazilian
Brunei|Bruneian|Bruneians|Bruneian
Bulgaria|Bulgarian|Bulgarians|Bulgarian
Burkina Faso|Burkinabe|Burkinabes|Burkinabe
Burundi|Burundian|Burundians|Burundian
Cambodia|Cambodian|Cambodians|Cambodian
Cameroon|Cameroonian|Cameroonians|Cameroonian
Canada|Canadian|Canadians|Canadian
Cape Verde/Cabo Verde|Cape Verdean|Cape Verdeans|Cape Verdean
Central African Republic|Central African|Central Africans|Central African
Chad|Chadian|Chadians|Chadian
Chile|Chilean|Chileans|Chilean
China/People's Republic of China/PRC|Chinese|Chinese|Chinese
Colombia|Colombian|Colombians|Colombian
Comoros|Comoran|Comorans|Comoran
Congo/Republic of the Congo|Congolese|Congolese|Congolese
Democratic Republic of the Congo/DRC/DR Congo|Congolese|Congolese|Congolese
Costa Rica|Costa Rican|Costa Ricans|Costa Rican
Croatia|Croatian/Croat|Croatians/Croats|Croatian/Croat
Cuba|Cuban|Cubans|Cuban
Cyprus|Cypriot|Cypriots|Cypriot
Czech Republic/Czechia|Czech|Czechs|Czech
Denmark|Danish|Danes|Dane
Djibouti|Djiboutian|Djiboutians|Djiboutian
Dominica|Dominican|Dominicans|Dominican
Dominican Republic|Dominican|Dominicans|Dominican
East Timor/Timor-Leste|Timorese|Timorese|Timorese
Ecuador|Ecuadorian|Ecuadorians|Ecuadorian
Egypt|Egyptian|Egyptians|Egyptian
El Salvador|Salvadoran|Salvadorans|Salvadoran
Equatorial Guinea|Equatoguinean|Equatoguineans|Equatoguinean
Eritrea|Eritrean|Eritreans|Eritrean
Estonia|Estonian|Estonians|Estonian
Eswatini/Swaziland|Swazi|Swazis|Swazi
Ethiopia|Ethiopian|Ethiopians|Ethiopian
Fiji|Fijian|Fijians|Fijian
Finland|Finnish|Finns|Finn
France|French|French/Frenchmen/Frenchwomen|Frenchman/Frenchwoman
Gabon|Gabonese|Gabonese|Gabonese
Gambia/The Gambia|Gambian|Gambians|Gambian
Georgia|Georgian|Georgians|Georgian
Germany|German|Germans|German
Ghana|Ghanaian|Ghanaians|Ghanaian
Greece|Greek|Greeks|Greek
Grenada|Grenadian|Grenadians|Grenadian
Guatemala|Guatemalan|Guatemalans|Guatemalan
Guinea|Guinean|Guineans|Guinean
Guinea-Bissau|Bissau-Guinean|Bissau-Guineans|Bissau-Guinean
Guyana|Guyanese|Guyanese|Guyanese
Haiti|Haitian|Haitians|Haitian
Honduras|Honduran|Hondurans|Honduran
Hungary|Hungarian|Hungarians|Hungarian
Iceland|Icelandic|Icelanders|Icelander
India|Indian|Indians|Indian
Indonesia|Indonesian|Indonesians|Indonesian
Iran|Iranian|Iranians|Iranian
Iraq|Iraqi|Iraqis|Iraqi
Ireland/Republic of Ireland|Irish|Irish/Irishmen|Irishman/Irishwoman
Israel|Israeli|Israelis|Israeli
Italy|Italian|Italians|Italian
Ivory Coast/Côte d'Ivoire|Ivorian|Ivorians|Ivorian
Jamaica|Jamaican|Jamaicans|Jamaican
Japan|Japanese|Japanese|Japanese
Jordan|Jordanian|Jordanians|Jordanian
Kazakhstan|Kazakh/Kazakhstani|Kazakhs/Kazakhstanis|Kazakh/Kazakhstani
Kenya|Kenyan|Kenyans|Kenyan
Kiribati|I-Kiribati|I-Kiribati|I-Kiribati
Kosovo|Kosovan/Kosovar|Kosovans/Kosovars|Kosovan/Kosovar
Kuwait|Kuwaiti|Kuwaitis|Kuwaiti
Kyrgyzstan|Kyrgyz|Kyrgyz|Kyrgyz
Laos|Lao/Laotian|Laotians|Laotian
Latvia|Latvian|Latvians|Latvian
Lebanon|Lebanese|Lebanese|Lebanese
Lesotho|Basotho|Basotho|Mosotho
Liberia|Liberian|Liberians|Liberian
Libya|Libyan|Libyans|Libyan
Liechtenstein|Liechtensteiner|Liechtensteiners|Liechtensteiner
Lithuania|Lithuanian|Lithuanians|Lithuanian
Luxembourg|Luxembourgish|Luxembourgers|Luxembourger
Madagascar|Malagasy|Malagasy|Malagasy
Malawi|Malawian|Malawians|Malawian
Malaysia|Malaysian|Malaysians|Malaysian
Maldives|Maldivian|Maldivians|Maldivian
Mali|Malian|Malians|Malian
Malta|Maltese|Maltese|Maltese
Marshall Islands|Marshallese|Marshallese|Marshallese
Mauritania|Mauritanian|Mauritanians|Mauritanian
Mauritius|Mauritian|Mauritians|Mauritian
Mexico|Mexican|Mexicans|Mexican
Micronesia|Micronesian|Micronesians|Micronesian
Moldova|Moldovan|Moldovans|Moldovan
Monaco|Monegasque|Monegasques|Monegasque
Mongolia|Mongolian|Mongolians/Mongols|Mongolian/Mongol
Montenegro|Montenegrin|Montenegrins|Montenegrin
Morocco|Moroccan|Moroccans|Moroccan
Mozambique|Mozambican|Mozambicans|Mozambican
Myanmar/Burma|Burmese|Burmese|Burmese
Namibia|Namibian|Namibians|Namibian
Nauru|Nauruan|Nauruans|Nauruan
Nepal|Nepalese/Nepali|Nepalese/Nepalis|Nepali
Netherlands/The Netherlands/Holland|Dutch|Dutch/Dutchmen|Dutchman/Dutchwoman
New Zealand|New Zealand|New Zealanders|New Zealander
Nicaragua|Nicaraguan|Nicaraguans|Nicaraguan
Niger|Nigerien|Nigeriens|Nigerien
Nigeria|Nigerian|Nigerians|Nigerian
North Korea/DPRK|North Korean|North Koreans|North Korean
North Macedonia/Macedonia|Macedonian|Macedonians|Macedonian
Norway|Norwegian|Norwegians|Norwegian
Oman|Omani|Omanis|Omani
Pakistan|Pakistani|Pakistanis|Pakistani
Palau|Palauan|Palauans|Palauan
Palestine|Palestinian|Palestinians|Palestinian
Panama|Panamanian|Panamanians|Panamanian
Papua New Guinea|Papua New Guinean|Papua New Guineans|Papua New Guinean
Paraguay|Paraguayan|Paraguayans|Paraguayan
Peru|Peruvian|Peruvians|Peruvian
Philippines/The Philippines|Filipino/Philippine|Filipinos|Filipino/Filipina
Poland|Polish|Poles|Pole
Portugal|Portuguese|Portuguese|Portuguese
Qatar|Qatari|Qataris|Qatari
Romania|Romanian|Romanians|Romanian
Russia/Russian Federation|Russian|Russians|Russian
Rwanda|Rwandan|Rwandans|Rwandan
Saint Kitts and Nevis|Kittitian|Kittitians|Kittitian
Saint Lucia|Saint Lucian|Saint Lucians|Saint Lucian
Saint Vincent and the Grenadines|Vincentian|Vincentians|Vincentian
Samoa|Samoan|Samoans|Samoan
San Marino|Sammarinese|Sammarinese|Sammarinese
Sao Tome and Principe|Santomean|Santomeans|Santomean
Saudi Arabia|Saudi/Saudi Arabian|Saudis|Saudi
Senegal|Senegalese|Senegalese|Senegalese
Serbia|Serbian/Serb|Serbians/Serbs|Serbian/Serb
Seychelles|Seychellois|Seychellois|Seychellois
Sierra Leone|Sierra Leonean|Sierra Leoneans|Sierra Leonean
Singapore|Singaporean|Singaporeans|Singaporean
Slovakia|Slovak|Slovaks|Slovak
Slovenia|Slovenian/Slovene|Slovenians/Slovenes|Slovenian/Slovene
Solomon Islands|Solomon Islander|Solomon Islanders|Solomon Islander
Somalia|Somali|Somalis|Somali
South Africa|South African|South Africans|South African
South Korea/Korea/Republic of Korea|South Korean/Korean|South Koreans/Koreans|South Korean/Korean
South Sudan|South Sudanese|South Sudanese|South Sudanese
Spain|Spanish|Spaniards|Spaniard
Sri Lanka|Sri Lankan|Sri Lankans|Sri Lankan
Sudan|Sudanese|Sudanese|Sudanese
Suriname|Surinamese|Surinamese|Surinamese
Sweden|Swedish|Swedes|Swede
Switzerland|Swiss|Swiss|Swiss
Syria|Syrian|Syrians|Syrian
Taiwan|Taiwanese|Taiwanese|Taiwanese
Tajikistan|Tajik|Tajiks|Tajik
Tanzania|Tanzanian|Tanzanians|Tanzanian
Thailand|Thai|Thais|Thai
Togo|Togolese|Togolese|Togolese
Tonga|Tongan|Tongans|Tongan
Trinidad and Tobago|Trinidadian|Trinidadians|Trinidadian
Tunisia|Tunisian|Tunisians|Tunisian
Turkey/Türkiye|Turkish|Turks|Turk
Turkmenistan|Turkmen|Turkmens|Turkmen
Tuvalu|Tuvaluan|Tuvaluans|Tuvaluan
Uganda|Ugandan|Ugandans|Ugandan
Ukraine|Ukrainian|Ukrainians|Ukrainian
United Arab Emirates/UAE/U.A.E.|Emirati|Emiratis|Emirati
United Kingdom/UK/U.K./Britain/Great Britain|British|Britons/British/Brits|Briton/Brit
United States/US/U.S./USA/U.S.A./United States of America|American|Americans|American
Uruguay|Uruguayan|Uruguayans|Uruguayan
Uzbekistan|Uzbek|Uzbeks|Uzbek
Vanuatu|Ni-Vanuatu|Ni-Vanuatu|Ni-Vanuatu
Vatican/Vatican City/Holy See|Vatican|Vaticans|Vatican
Venezuela|Venezuelan|Venezuelans|Venezuelan
Vietnam/Viet Nam|Vietnamese|Vietnamese|Vietnamese
Yemen|Yemeni|Yemenis|Yemeni
Zambia|Zambian|Zambians|Zambian
Zimbabwe|Zimbabwean|Zimbabweans|Zimbabwean
England|English|English/Englishmen|Englishman/Englishwoman
Scotland|Scottish/Scots|Scots|Scot
Wales|Welsh|Welsh|Welshman/Welshwoman
Northern Ireland|Northern Irish|Northern Irish|Northern Irish
Greenland|Greenlandic|Greenlanders|Greenlander
Puerto Rico|Puerto Rican|Puerto Ricans|Puerto Rican
Hong Kong|Hong Konger|Hong Kongers|Hong Konger
Tibet|Tibetan|Tibetans|Tibetan
Crimea|Crimean|Crimeans|Crimean
Chechnya|Chechen|Chechens|Chechen
Kurdistan|Kurdish|Kurds|Kurd
Europe|European|Europeans|European
Africa|African|Africans|African
Asia|Asian|Asians|Asian
North America|North American|North Americans|North American
South America|South American|South Americans|South American
Latin America|Latin American|Latin Americans|Latin American
Antarctica|Antarctic||
Oceania|Oceanian|Oceanians|Oceanian
Middle East|Middle Eastern||
Scandinavia|Scandinavian|Scandinavians|Scandinavian
Caribbean|Caribbean||
Balkans|Balkan||
Arctic|Arctic||
`;

/** Capitals, large cities, US states and regions: places with no demonym row. */
const OTHER_PLACES = `
Kabul Tirana Algiers Luanda Yerevan Canberra Vienna Baku Manama Dhaka Minsk Brussels Sofia Phnom_Penh Ottawa
Santiago Beijing Bogota Bogotá Havana Nicosia Prague Copenhagen Cairo Tallinn Addis_Ababa Helsinki Paris Tbilisi Berlin
Accra Athens Budapest Reykjavik New_Delhi Delhi Jakarta Tehran Baghdad Dublin Jerusalem Tel_Aviv Rome Tokyo Amman Astana
Nairobi Pristina Kuwait_City Bishkek Vientiane Riga Beirut Tripoli Vilnius Luxembourg_City Valletta Mexico_City Chisinau
Chișinău Ulaanbaatar Podgorica Rabat Maputo Naypyidaw Yangon Kathmandu Amsterdam The_Hague Wellington Managua Abuja Lagos
Pyongyang Skopje Oslo Muscat Islamabad Karachi Lahore Panama_City Asuncion Asunción Lima Manila Warsaw Lisbon Doha
Bucharest Moscow Kigali Riyadh Jeddah Dakar Belgrade Freetown Bratislava Ljubljana Mogadishu Pretoria Johannesburg
Cape_Town Durban Seoul Juba Madrid Barcelona Colombo Khartoum Stockholm Bern Geneva Zurich Zürich Damascus Aleppo Taipei
Dushanbe Dodoma Dar_es_Salaam Bangkok Tunis Ankara Istanbul Ashgabat Kampala Kyiv Kiev Kharkiv Odesa Odessa Lviv
Abu_Dhabi Dubai London Manchester Birmingham Liverpool Glasgow Edinburgh Cardiff Belfast Newcastle Newcastle_upon_Tyne
Montevideo Tashkent Caracas Hanoi Ho_Chi_Minh_City Sanaa Lusaka Harare Buenos_Aires Sao_Paulo São_Paulo Rio_de_Janeiro
Brasilia Brasília Quito La_Paz Toronto Montreal Vancouver Sydney Melbourne Auckland Mumbai Bombay Kolkata Chennai Bangalore
Shanghai Hong_Kong Guangzhou Shenzhen Beijing Osaka Kyoto Singapore Kuala_Lumpur Hamburg Munich Frankfurt Cologne Milan
Naples Venice Florence Turin Marseille Lyon Nice Bordeaux Toulouse Strasbourg Rotterdam Antwerp Krakow Kraków Gdansk
Gdańsk St_Petersburg Saint_Petersburg Sevastopol Kaliningrad Minneapolis Chicago Los_Angeles San_Francisco New_York New_York_City Boston Philadelphia
Houston Dallas Austin Atlanta Miami Seattle Denver Detroit Phoenix Las_Vegas San_Diego Baltimore Cleveland Pittsburgh
St_Louis New_Orleans Nashville Memphis Portland Sacramento Orlando Tampa Jacksonville Fresno Charlotte Indianapolis
Columbus Milwaukee Kansas_City Salt_Lake_City Honolulu Anchorage Brooklyn Manhattan Queens the_Bronx Bronx Staten_Island
Washington_DC District_of_Columbia D.C. DC Washington Gaza Gaza_Strip West_Bank Ramallah Mecca Medina Tijuana Guadalajara Monterrey
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois Indiana Iowa
Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada
New_Hampshire New_Jersey New_Mexico North_Carolina North_Dakota Ohio Oklahoma Oregon Pennsylvania Rhode_Island
South_Carolina South_Dakota Tennessee Texas Utah Vermont Virginia West_Virginia Wisconsin Wyoming
Ontario Quebec Québec British_Columbia Alberta Bavaria Siberia Normandy Brittany Catalonia Flanders Wallonia
Donbas Donbass Donetsk Luhansk Kherson Zaporizhzhia Mariupol Bakhmut Transnistria Abkhazia Kashmir Punjab Xinjiang
Western_Europe Eastern_Europe Central_Europe Central_Asia East_Asia South_Asia Southeast_Asia North_Africa
West_Africa East_Africa Sub-Saharan_Africa Persian_Gulf Mediterranean Baltic Baltics Black_Sea Baltic_Sea
Atlantic Pacific Indian_Ocean Atlantic_Ocean Pacific_Ocean Amazon Sahara Himalayas Alps Urals Caucasus Sinai
Silicon_Valley Wall_Street Capitol_Hill Downing_Street
`;

function splitList(s: string | undefined): string[] {
  return (s ?? '').split('/').map((x) => x.trim()).filter(Boolean);
}

const DEMONYMS: Demonym[] = COUNTRIES.trim()
  .split('\n')
  .map((line) => {
    const [names, adjectives, plural, singular] = line.split('|');
    const all = splitList(names);
    return {
      place: all[0] ?? '',
      aliases: all.slice(1),
      adjectives: splitList(adjectives),
      plural: splitList(plural),
      singular: splitList(singular),
    };
  });

/** Folded place name without dots, "the" or punctuation, so "the U.S." meets "US". */
function placeKey(s: string): string {
  return fold(s)
    .replace(/^the\s+/, '')
    .replace(/[.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const PLACE_BY_NAME = new Map<string, string>();
const COUNTRY_BY_WORD = new Map<string, Demonym>();
for (const d of DEMONYMS) {
  for (const n of [d.place, ...d.aliases]) PLACE_BY_NAME.set(placeKey(n), d.place);
  for (const w of [d.place, ...d.aliases, ...d.adjectives, ...d.plural, ...d.singular]) {
    const k = placeKey(w);
    // a word shared by two rows (Dominican, Congolese) stays with the first, better-known one
    if (!COUNTRY_BY_WORD.has(k)) COUNTRY_BY_WORD.set(k, d);
  }
}
const DEMONYM_WORDS = new Set<string>();
for (const d of DEMONYMS) for (const w of [...d.adjectives, ...d.plural, ...d.singular]) DEMONYM_WORDS.add(placeKey(w));
for (const d of DEMONYMS) for (const n of [d.place, ...d.aliases]) DEMONYM_WORDS.delete(placeKey(n));
for (const p of OTHER_PLACES.trim().split(/\s+/)) {
  const name = p.replace(/_/g, ' ');
  const k = placeKey(name);
  if (!PLACE_BY_NAME.has(k)) PLACE_BY_NAME.set(k, name);
}

/** Longest place name in words, so callers know how far to look ahead when matching multi-word places. */
export const MAX_PLACE_WORDS = Math.max(...[...PLACE_BY_NAME.keys()].map((k) => k.split(' ').length));

/**
 * The canonical name of a place written in any of its forms ("U.S." → "United States", "Britain" →
 * "United Kingdom", "Oslo" → "Oslo"), or undefined when the text is not a known place.
 */
export function canonicalPlace(text: string): string | undefined {
  return PLACE_BY_NAME.get(placeKey(text));
}

/** Whether the text names a known place (country, capital, large city, US state, region). */
export function isPlaceName(text: string): boolean {
  return PLACE_BY_NAME.has(placeKey(text));
}

/** Whether the word is an adjective or people word of a country ("Norwegian", "Swedes", "Briton"). */
export function isDemonym(text: string): boolean {
  return DEMONYM_WORDS.has(placeKey(text));
}

/**
 * The adjectives and people words of a place, from any of its names or demonyms: "Sweden", "Swedish",
 * "Swedes" and "Swede" all give the Sweden row. Undefined for places with no row (cities).
 */
export function demonymOf(text: string): Demonym | undefined {
  return COUNTRY_BY_WORD.get(placeKey(text));
}

/** The country a demonym refers to: "Swedes" → "Sweden", "Norwegians" → "Norway"; undefined otherwise. */
export function placeOfDemonym(word: string): string | undefined {
  const k = placeKey(word);
  if (!DEMONYM_WORDS.has(k)) return undefined;
  return COUNTRY_BY_WORD.get(k)?.place;
}

/**
 * Every word that points at the same country, lower-cased and folded: names, aliases, adjectives and
 * people words. Lets "How many Swedes" match "three Swedish nationals". Empty when the word is not one.
 */
export function placeFamily(word: string): string[] {
  const d = COUNTRY_BY_WORD.get(placeKey(word));
  if (!d) return [];
  return [...new Set([d.place, ...d.aliases, ...d.adjectives, ...d.plural, ...d.singular].map((w) => placeKey(w)))];
}
