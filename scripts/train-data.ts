// Builds the labelled nl/en complaint set from hand-written building blocks (this file) and the
// hand-written examples in data/handwritten/*.tsv. Deterministic (seeded). See docs/analysis.md.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { mulberry32 } from '../shared/demo/random.ts';

export interface Example {
  text: string;
  /** 1 = complaint, 0 = not a complaint. */
  label: 0 | 1;
  lang: 'nl' | 'en';
  /** Which frame or file produced it; the split holds out whole frames. */
  source: string;
  split: 'train' | 'test';
}

/** Mulberry32: small seeded PRNG so that the set is identical on every machine. */
export const rng = mulberry32;

type Lang = 'nl' | 'en';
type Sector = 'telecom' | 'energy' | 'bank' | 'airline' | 'retail' | 'food' | 'transport' | 'insurance';

const BRANDS: Record<Lang, Record<Sector, string[]>> = {
  nl: {
    telecom: ['@KPN', '@Ziggo', '@vodafoneNL', '@Odido', '@tele2nl', '@simyo', '@DeltaFiber'],
    energy: ['@Eneco', '@Vattenfall_NL', '@Essent', '@GreenchoiceNL', '@Budget_Energie', '@Liander'],
    bank: ['@ING_news', '@ABNAMRO', '@Rabobank', '@bunq', '@SNSbank', '@ASNBank'],
    airline: ['@KLM', '@transavia', '@Schiphol', '@Corendon', '@TUI_NL'],
    retail: [
      '@bol',
      '@coolblue',
      '@albertheijn',
      '@Jumbo',
      '@HEMA',
      '@MediaMarkt_NL',
      '@ikeanederland',
      '@PostNL',
      '@DHLParcel_NL',
      '@Zalando',
    ],
    food: [
      '@Thuisbezorgd',
      '@ubereats_nl',
      '@Deliveroo_NL',
      '@Picnic',
      '@flinknl',
      '@dominos_nl',
      '@McDonaldsNL',
    ],
    transport: [
      '@NS_online',
      '@GVB_Amsterdam',
      '@RET',
      '@HTM_Reisinfo',
      '@Arriva_NL',
      '@Connexxion',
      '@9292',
    ],
    insurance: ['@CentraalBeheer', '@Zilveren_Kruis', '@Nationale_NL', '@InShared', '@FBTO', '@VGZ'],
  },
  en: {
    telecom: [
      '@Verizon',
      '@ATT',
      '@TMobile',
      '@VodafoneUK',
      '@EE',
      '@BTCare',
      '@comcast',
      '@Sky',
      '@virginmedia',
      '@O2',
    ],
    energy: ['@BritishGas', '@EDFEnergy', '@OctopusEnergy', '@PGE4Me', '@ConEdison', '@ScottishPower'],
    bank: [
      '@Barclays',
      '@HSBC_UK',
      '@Chase',
      '@WellsFargo',
      '@Monzo',
      '@bankofamerica',
      '@NatWest_Help',
      '@CapitalOne',
    ],
    airline: [
      '@united',
      '@Delta',
      '@AmericanAir',
      '@British_Airways',
      '@Ryanair',
      '@easyJet',
      '@SouthwestAir',
      '@JetBlue',
      '@AirCanada',
    ],
    retail: [
      '@amazon',
      '@Walmart',
      '@Target',
      '@BestBuy',
      '@Argos',
      '@Tesco',
      '@asda',
      '@UPS',
      '@FedEx',
      '@RoyalMail',
      '@USPS',
      '@Apple',
      '@Nike',
    ],
    food: [
      '@DoorDash',
      '@UberEats',
      '@Deliveroo',
      '@JustEatUK',
      '@Grubhub',
      '@Dominos',
      '@Starbucks',
      '@McDonalds',
      '@ChipotleTweets',
    ],
    transport: [
      '@TfL',
      '@NetworkRail',
      '@Amtrak',
      '@MTA',
      '@Uber',
      '@lyft',
      '@SouthernRailUK',
      '@LNER',
      '@Greyhound',
    ],
    insurance: ['@Allstate', '@StateFarm', '@GEICO', '@Aviva', '@AdmiralUK', '@Progressive'],
  },
};

/** Problems per sector; `{}` of questions ("why is ...") come from ISSUES_Q. */
const ISSUES: Record<Lang, Record<Sector, string[]>> = {
  nl: {
    telecom: [
      'mijn internet ligt eruit',
      'geen bereik in heel Utrecht',
      'de wifi valt om de 5 minuten weg',
      'mijn tv-ontvanger doet het niet',
      'ik word dubbel gefactureerd',
      'mijn nummerbehoud is mislukt',
      'de monteur is niet komen opdagen',
      'internetstoring in de hele wijk',
      'mijn modem knippert rood',
      'ik heb geen 4G meer sinds de update',
      'jullie app geeft alleen maar foutmeldingen',
      'mijn glasvezel is nog steeds niet aangesloten',
    ],
    energy: [
      'mijn voorschot is ineens verdubbeld',
      'de jaarafrekening klopt niet',
      'er is twee keer afgeschreven',
      'de meterstanden zijn verkeerd doorgegeven',
      'mijn terugleververgoeding is niet uitbetaald',
      'we zitten zonder stroom',
      'de slimme meter werkt niet',
      'mijn overstap is niet verwerkt',
      'ik krijg een boete terwijl ik netjes heb opgezegd',
    ],
    bank: [
      'ik kan niet inloggen in de app',
      'mijn pas is geblokkeerd',
      'er is geld van mijn rekening verdwenen',
      'mijn betaling is niet aangekomen',
      'de app crasht bij elke overboeking',
      'ik ben opgelicht en jullie doen niks',
      'mijn rekening is zonder reden bevroren',
      'iDEAL werkt niet',
      'mijn hypotheekaanvraag ligt al weken stil',
      'pinnen lukt niet',
    ],
    airline: [
      'mijn vlucht is geannuleerd',
      'mijn koffer is kwijt',
      'de vlucht heeft 5 uur vertraging',
      'ik ben omgeboekt zonder overleg',
      'mijn compensatie is nooit uitbetaald',
      'het inchecken werkt niet',
      'we staan al 2 uur in de rij bij de security',
      'mijn bagage is beschadigd',
      'de stoelen die ik betaald heb zijn weggegeven',
    ],
    retail: [
      'mijn pakket is niet bezorgd',
      'ik heb de verkeerde maat gekregen',
      'mijn bestelling is kwijt',
      'het product was kapot bij aankomst',
      'mijn retour is nooit verwerkt',
      'de bezorger heeft niet eens aangebeld',
      'pakket staat al een week op "onderweg"',
      'mijn geld is nog steeds niet teruggestort',
      'de wasmachine is na 2 maanden al stuk gegaan',
      'de kassa rekende de aanbieding niet goed',
    ],
    food: [
      'mijn bestelling kwam ijskoud aan',
      'de helft van mijn bestelling ontbreekt',
      'de bezorger is er na een uur nog niet',
      'ik kreeg het verkeerde eten',
      'mijn bestelling is geannuleerd zonder reden',
      'er zat een haar in mijn eten',
      'ik heb betaald maar nooit eten gekregen',
      'de boodschappen waren over de datum',
    ],
    transport: [
      'de trein is weer vertraagd',
      'mijn ov-chipkaart werkt niet',
      'de bus reed gewoon door',
      'trein uitgevallen en geen vervangend vervoer',
      'ik sta al 40 minuten op het perron',
      'de airco in de trein is kapot',
      'de app geeft verkeerde vertrektijden',
      'ik moest een boete betalen terwijl het poortje stuk was',
      'de tram is overvol en er rijdt er maar één',
    ],
    insurance: [
      'mijn schadeclaim is afgewezen',
      'de uitbetaling duurt al maanden',
      'mijn premie is zomaar verhoogd',
      'niemand behandelt mijn declaratie',
      'ik word van het kastje naar de muur gestuurd',
      'mijn polis is zonder bericht opgezegd',
    ],
  },
  en: {
    telecom: [
      'my internet is down',
      'no signal anywhere in town',
      'the wifi keeps dropping every 5 minutes',
      'my cable box is not working',
      'I got billed twice this month',
      'my number transfer failed',
      'the technician never showed up',
      'there is an outage in my whole area',
      'my router keeps blinking red',
      'no 4G since the update',
      'your app only shows errors',
      'my fibre still is not connected',
    ],
    energy: [
      'my direct debit doubled overnight',
      'my bill is completely wrong',
      'you charged me twice',
      'my meter readings are wrong',
      'my refund was never paid',
      'we have no power',
      'the smart meter stopped working',
      'my switch was never processed',
      'I got an exit fee after I cancelled properly',
    ],
    bank: [
      'I can not log in to the app',
      'my card got blocked',
      'money disappeared from my account',
      'my payment never arrived',
      'the app crashes on every transfer',
      'I was scammed and you do nothing',
      'my account was frozen for no reason',
      'online banking is down',
      'my mortgage application has been stuck for weeks',
      'my card keeps getting declined',
    ],
    airline: [
      'my flight got cancelled',
      'you lost my luggage',
      'the flight is 5 hours delayed',
      'I was rebooked without asking',
      'my compensation was never paid',
      'online check in does not work',
      'we have been stuck on the tarmac for 2 hours',
      'my bag arrived damaged',
      'the seats I paid for were given away',
      'my connection was missed because of your delay',
    ],
    retail: [
      'my package was never delivered',
      'I got the wrong size',
      'my order is lost',
      'the item arrived broken',
      'my return was never processed',
      'the driver did not even knock',
      'tracking has said "out for delivery" for a week',
      'I still have not got my refund',
      'the washing machine broke after 2 months',
      'I was charged full price for a sale item',
    ],
    food: [
      'my order arrived cold',
      'half my order is missing',
      'the driver is an hour late',
      'I got the wrong food',
      'my order was cancelled for no reason',
      'there was a hair in my food',
      'I paid but never got my food',
      'the groceries were out of date',
    ],
    transport: [
      'the train is delayed again',
      'my oyster card is not working',
      'the bus just drove past me',
      'train cancelled and no replacement bus',
      'I have been waiting on the platform for 40 minutes',
      'the AC on this train is broken',
      'the app shows the wrong times',
      'I got fined because the ticket machine was broken',
      'the tube is packed and only one train running',
    ],
    insurance: [
      'my claim was denied',
      'the payout is taking months',
      'my premium went up for no reason',
      'nobody is handling my claim',
      'I keep getting passed from one department to another',
      'my policy was cancelled without notice',
    ],
  },
};

const DURATIONS: Record<Lang, string[]> = {
  nl: [
    '',
    '',
    '',
    ' al 3 dagen',
    ' sinds maandag',
    ' al 2 weken',
    ' voor de derde keer deze maand',
    ', alweer',
    ' en dat nu al een week',
    ' sinds gisteren',
    ' al ruim een maand',
  ],
  en: [
    '',
    '',
    '',
    ' for 3 days now',
    ' since Monday',
    ' for 2 weeks',
    ' for the third time this month',
    ' again',
    ' and it has been a week',
    ' since yesterday',
    ' for over a month',
  ],
};

const TAILS: Record<Lang, string[]> = {
  nl: [
    '',
    '',
    '.',
    '!',
    '!!',
    ' 😡',
    ' 🙄',
    '. Echt belachelijk.',
    '. Wat een service.',
    '. Hoe moeilijk kan het zijn?',
    '. Los dit nu eens op!',
    '. Ik ben er klaar mee.',
    '. Niemand reageert.',
    '. Schandalig.',
    '. Balen.',
    ' #fail',
    '. Al 3 keer gebeld, niks opgelost.',
    '. En de klantenservice hangt gewoon op.',
    '. Graag een reactie.',
    '. Wat gaan jullie hieraan doen?',
  ],
  en: [
    '',
    '',
    '.',
    '!',
    '!!',
    ' 😡',
    ' 🙄',
    '. Ridiculous.',
    '. Great service.',
    '. How hard can it be?',
    '. Fix this now!',
    '. I am done.',
    '. No one is answering.',
    '. Unacceptable.',
    '. Ugh.',
    ' #fail',
    '. Called 3 times, nothing fixed.',
    '. And customer service just hangs up.',
    '. Please respond.',
    '. What are you going to do about it?',
  ],
};

const THREATS: Record<Lang, string[]> = {
  nl: [
    'Ik ga overstappen.',
    'Ik zeg mijn abonnement op.',
    'Volgende stap is de Geschillencommissie.',
    'Ik stap naar de Consumentenbond.',
    'Dit gaat naar Radar.',
    'Ik schakel een advocaat in.',
    'Ik ga naar de pers.',
    'Nooit meer!',
    'Tijd voor een klacht bij de ACM.',
    'Kassa moet dit weten.',
  ],
  en: [
    'I am switching providers.',
    'Cancelling my account.',
    'I will be contacting my lawyer.',
    'Taking this to the press.',
    'Never again!',
    'Reporting you to the BBB.',
    'I will be filing a complaint with the regulator.',
    'Small claims court it is.',
    'Everyone needs to know about this.',
    'Done with you, switching to a competitor.',
  ],
};

const OPENERS: Record<Lang, string[]> = {
  nl: [
    '',
    '',
    'Hallo ',
    'Hoi ',
    'Hé ',
    'Beste ',
    'Serieus ',
    'Nou ',
    'Lekker dan, ',
    'Ongelofelijk, ',
    'Pfff ',
    'Ik snap het niet, ',
  ],
  en: [
    '',
    '',
    'Hi ',
    'Hey ',
    'Seriously ',
    'Wow ',
    'So ',
    'Great, ',
    'Unbelievable. ',
    'Ugh ',
    'Honestly ',
    'Can someone explain why ',
  ],
};

/** Complaint frames. {B} brand, {I} issue, {D} duration, {T} tail, {X} threat, {O} opener. */
const COMPLAINT_FRAMES: Record<Lang, string[]> = {
  nl: [
    '{O}{B} {I}{D}{T}',
    '{B} {I}{D}. {X}',
    '{O}{I}{D} {B}{T}',
    'Waarom {I_LOW}{D}? {B}',
    '{B} kunnen jullie uitleggen waarom {I_LOW}?',
    'Bedankt hoor {B}, {I_LOW}{D}. Top service 👏',
    'Goed bezig weer {B}... {I_LOW}{D}',
    '{B} {I_UP}!!!',
    'Al 45 minuten in de wacht bij {B} want {I_LOW}. {T}',
    '{B} nog steeds geen reactie op mijn mail, en {I_LOW}{T}',
    '@{NAME} ik heb het ook, {I_LOW}. {B}',
    '{B} {I}. Dit is de {N}e keer dat ik contact opneem{T}',
    'Dus {B}, {I_LOW}{D} en ik moet gewoon betalen? {X}',
    '{B} {I}{D} #{HASHNEG}',
    'Klantenservice van {B} is echt waardeloos, {I_LOW}',
    '{B} jammer, {I_LOW}{T}',
    "Weer zo'n dag: {I_LOW}. Dank je wel {B} 🙄",
    '{B} mijn moeder van 80 {MOTHER_NL}. Schaam je!',
  ],
  en: [
    '{O}{B} {I}{D}{T}',
    '{B} {I}{D}. {X}',
    '{O}{I}{D} {B}{T}',
    'Why {I_Q}{D}? {B}',
    '{B} can you explain why {I_LOW}?',
    'Thanks a lot {B}, {I_LOW}{D}. Great service 👏',
    'Well done {B}... {I_LOW}{D} 🙄',
    '{B} {I_UP}!!!',
    'On hold with {B} for 45 minutes because {I_LOW}. {T}',
    '{B} still no reply to my email, and {I_LOW}{T}',
    '@{NAME} same here, {I_LOW}. {B}',
    '{B} {I}. This is the {N}th time I have contacted you{T}',
    'So {B}, {I_LOW}{D} and I still have to pay? {X}',
    '{B} {I}{D} #{HASHNEG}',
    '{B} customer service is useless, {I_LOW}',
    '{B} not impressed, {I_LOW}{T}',
    'Love how {I_LOW} every time. Thanks {B} 🙄',
    '{B} my 80 year old mum {MOTHER_EN}. Shame on you!',
  ],
};

const QUESTIONS: Record<Lang, string[]> = {
  nl: [
    'hoe kan ik mijn adres wijzigen?',
    'wanneer komt de nieuwe bundel uit?',
    'kan ik online een afspraak maken?',
    'zijn jullie morgen ook open?',
    'hoe lang is de levertijd naar België?',
    'kan ik mijn abonnement ook met een maand verlengen?',
    'hebben jullie ook een studentenkorting?',
    'waar vind ik mijn factuur in de app?',
    'hoe zet ik automatisch betalen aan?',
    'is dit product ook in het zwart te krijgen?',
    'mag ik mijn hond meenemen in de trein?',
    'tot hoe laat kan ik vandaag bestellen?',
    'geldt de aanbieding ook in de webshop?',
    'werkt jullie app ook op een tablet?',
    'hoe kan ik een tweede pas aanvragen?',
  ],
  en: [
    'how do I change my address?',
    'when is the new plan coming out?',
    'can I book an appointment online?',
    'are you open tomorrow?',
    'how long is delivery to Canada?',
    'can I extend my plan by one month?',
    'do you have a student discount?',
    'where do I find my invoice in the app?',
    'how do I turn on autopay?',
    'does this come in black?',
    'can I bring my dog on the train?',
    'what is the cut off time for orders today?',
    'is the deal valid online too?',
    'does your app work on tablets?',
    'how do I order a second card?',
  ],
};

const PRAISE: Record<Lang, string[]> = {
  nl: [
    'top geholpen door {NAME}, bedankt!',
    'super snel geleverd, echt top 👍',
    'wat een fijne service, binnen 10 minuten opgelost',
    'complimenten voor de medewerker aan de telefoon vandaag',
    'bedankt voor de snelle reactie!',
    'alles netjes opgelost, dankjewel',
    'jullie nieuwe app is echt een verbetering',
    'heerlijke pizza gisteren, komen zeker terug',
    'eindelijk glasvezel en het werkt perfect',
    'de trein was precies op tijd vandaag, chapeau',
    'mijn koffer was er binnen een dag weer, dank jullie wel!',
    'ik ben heel blij met mijn nieuwe telefoon ❤️',
  ],
  en: [
    'huge thanks to {NAME} for sorting my issue!',
    'super fast delivery, love it 👍',
    'great service, fixed in 10 minutes',
    'shout out to the agent on the phone today',
    'thanks for the quick reply!',
    'all sorted now, thank you',
    'the new app is a real improvement',
    'amazing pizza last night, will order again',
    'finally got fibre and it works perfectly',
    'train was right on time today, well done',
    'got my bag back within a day, thank you so much!',
    'really happy with my new phone ❤️',
  ],
};

const NEUTRAL: Record<Lang, string[]> = {
  nl: [
    'Net de nieuwe telefoon van {B} besteld, benieuwd!',
    'Wie gaat er mee naar de opening van {B} in Utrecht?',
    'RT {B}: Win een jaar gratis boodschappen! Doe mee via de link url',
    'Ik zit in de trein van {B} naar Groningen, iemand een tip voor een lunchplek?',
    '{B} is vandaag gesponsord op het festival, leuk gedaan',
    'Lees hier het kwartaalbericht van {B} https://t.co/x1',
    'Goedemorgen! Koffie van {B} bij het ontbijt ☕',
    'Mijn broer werkt sinds kort bij {B}',
    '{B} staat in de top 10 van beste werkgevers',
    'Wat een rotweer vandaag. Gelukkig brengt {B} mijn boodschappen',
    'Vanavond pizza bestellen bij {B} of toch zelf koken?',
    'Iemand ervaring met de zakelijke rekening van {B}?',
    '{B} organiseert zaterdag een open dag',
    'Haha die reclame van {B} is echt grappig',
    'Geen klachten over {B}, altijd alles netjes geregeld',
    'Ik lees overal dat {B} storing heeft maar bij mij werkt alles gewoon prima',
    'Mijn collega zei "{B} is waardeloos" maar ik heb nergens last van',
    '{B} bedankt, het probleem van vorige week is helemaal opgelost!',
    'Ik ga niet opzeggen hoor {B}, jullie zijn prima',
    'Niet slecht {B}, de nieuwe bundel is echt goedkoper',
    'Nooit problemen gehad met {B} in 10 jaar',
  ],
  en: [
    'Just ordered the new phone from {B}, excited!',
    'Who is going to the {B} store opening downtown?',
    'RT {B}: Win a year of free groceries! Enter via the link url',
    'On the {B} train to Boston, any lunch tips?',
    '{B} sponsoring the festival today, nice',
    'Read the quarterly update from {B} https://t.co/x1',
    'Good morning! {B} coffee with breakfast ☕',
    'My brother just started working at {B}',
    '{B} made the top 10 best employers list',
    'What awful weather today. Glad {B} delivers my groceries',
    'Ordering from {B} tonight or cooking myself?',
    'Anyone have experience with the {B} business account?',
    '{B} is hosting an open day on Saturday',
    'Haha that {B} ad is hilarious',
    'No complaints about {B}, always sorted quickly',
    'Everyone says {B} is down but mine works fine',
    'My coworker said "{B} is the worst" but I have never had an issue',
    "Thanks {B}, last week's problem is completely fixed now!",
    'I am not cancelling {B}, you guys are fine',
    'Not bad {B}, the new plan is actually cheaper',
    'Never had a problem with {B} in 10 years',
  ],
};

const NEUTRAL_FRAMES: Record<Lang, string[]> = {
  nl: [
    '{B} {Q}',
    '{O}{B} {Q}',
    'Vraagje {B}: {Q}',
    '{B} {P}',
    '{P} {B}',
    '{NEU}',
    '{B} {Q} Alvast bedankt!',
    '@{NAME} {B} {Q}',
  ],
  en: [
    '{B} {Q}',
    '{O}{B} {Q}',
    'Quick question {B}: {Q}',
    '{B} {P}',
    '{P} {B}',
    '{NEU}',
    '{B} {Q} Thanks in advance!',
    '@{NAME} {B} {Q}',
  ],
};

const NAMES = [
  'Sanne',
  'Mark',
  'Fatima',
  'Joost',
  'Emma',
  'Daan',
  'Priya',
  'Tom',
  'Noor',
  'Kevin',
  'Lisa',
  'Ahmed',
  'Sophie',
  'James',
  'Maria',
  'Chris',
];
const HASHNEG = [
  'fail',
  'klantonvriendelijk',
  'nooitmeer',
  'boycot',
  'epicfail',
  'worstservice',
  'disappointed',
  'boycott',
];
const MOTHER: Record<Lang, string[]> = {
  nl: [
    'zit al dagen zonder internet',
    'is van het kastje naar de muur gestuurd',
    'kreeg een boete van €200',
    'staat al een uur in de kou te wachten',
  ],
  en: [
    'has had no internet for days',
    'was passed around for hours',
    'got a £200 fine',
    'has been waiting in the cold for an hour',
  ],
};

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function toQuestion(issue: string, lang: Lang): string {
  if (lang === 'en') {
    const m = /^(my|the|your|you|I|we|there|no|half|online|tracking)\b/i.exec(issue);
    return m ? `is it that ${lowerFirst(issue)}` : lowerFirst(issue);
  }
  return lowerFirst(issue);
}

/** Realistic noise: lower case, missing punctuation, a URL or a picture link, typos. */
function noise(r: () => number, text: string): string {
  let t = text;
  const x = r();
  if (x < 0.15) t = t.toLowerCase();
  else if (x < 0.2) t = t.replace(/[.!]+$/, '');
  if (r() < 0.08) t += ' pic.twitter.com/abc' + Math.floor(r() * 1000);
  if (r() < 0.06) t = t.replace(/\b(\w{4,})\b/, (w) => w.slice(0, 2) + w[3] + w[2] + w.slice(4));
  return t
    .replace(/\s+/g, ' ')
    .replace(/\s([.,!?])/g, '$1')
    .trim();
}

function fill(r: () => number, frame: string, lang: Lang, sector: Sector): string {
  const brand = pick(r, BRANDS[lang][sector]);
  const issue = pick(r, ISSUES[lang][sector]);
  return frame
    .replace('{O}', pick(r, OPENERS[lang]))
    .replace(/\{B\}/g, brand)
    .replace('{I_Q}', toQuestion(issue, lang))
    .replace('{I_LOW}', lowerFirst(issue))
    .replace('{I_UP}', issue.toUpperCase())
    .replace(
      '{I}',
      issue.charAt(0).toUpperCase() === issue.charAt(0) && lang === 'en' && issue.startsWith('I ')
        ? issue
        : lowerFirst(issue),
    )
    .replace('{D}', pick(r, DURATIONS[lang]))
    .replace('{T}', pick(r, TAILS[lang]))
    .replace('{X}', pick(r, THREATS[lang]))
    .replace('{N}', String(2 + Math.floor(r() * 5)))
    .replace('{NAME}', pick(r, NAMES))
    .replace('{HASHNEG}', pick(r, HASHNEG))
    .replace('{MOTHER_NL}', pick(r, MOTHER.nl))
    .replace('{MOTHER_EN}', pick(r, MOTHER.en))
    .replace('{Q}', pick(r, QUESTIONS[lang]))
    .replace('{P}', pick(r, PRAISE[lang]).replace('{NAME}', pick(r, NAMES)))
    .replace('{NEU}', pick(r, NEUTRAL[lang]).replace(/\{B\}/g, brand));
}

const SECTORS: Sector[] = [
  'telecom',
  'energy',
  'bank',
  'airline',
  'retail',
  'food',
  'transport',
  'insurance',
];

/** Frames whose index is in this set only appear in the test split (unseen phrasings). */
const TEST_FRAMES = new Set([3, 10, 16]);
const TEST_NEUTRAL_FRAMES = new Set([2, 7]);

function generated(lang: Lang, perLang: number, r: () => number): Example[] {
  const out: Example[] = [];
  const seen = new Set<string>();
  let guard = 0;
  while (out.length < perLang && guard++ < perLang * 20) {
    const sector = pick(r, SECTORS);
    const complaint = r() < 0.5;
    const frames = complaint ? COMPLAINT_FRAMES[lang] : NEUTRAL_FRAMES[lang];
    const fi = Math.floor(r() * frames.length);
    const text = noise(r, fill(r, frames[fi] as string, lang, sector));
    if (seen.has(text)) continue;
    seen.add(text);
    const held = complaint ? TEST_FRAMES.has(fi) : TEST_NEUTRAL_FRAMES.has(fi);
    out.push({
      text,
      label: complaint ? 1 : 0,
      lang,
      source: `${complaint ? 'c' : 'n'}-frame-${fi}`,
      split: held ? 'test' : 'train',
    });
  }
  return out;
}

/** FNV-1a of a string (folds for cross-validation). */
export function fnv(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const HANDWRITTEN_DIR = join(ROOT, 'data', 'handwritten');

/** Reads a hand-written file: `label<TAB>text` per line, `#` comments. */
export function readTsv(file: string, lang: Lang, source: string, split: 'train' | 'test'): Example[] {
  const out: Example[] = [];
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    const label = line.slice(0, tab).trim();
    const text = line.slice(tab + 1).trim();
    if (tab < 0 || (label !== '0' && label !== '1')) throw new Error(`${file}: bad label in "${line}"`);
    out.push({ text, label: label === '1' ? 1 : 0, lang, source, split });
  }
  return out;
}

/**
 * Hand-written training examples: `{lang}.tsv` and the batches `{lang}-2.tsv`, `{lang}-3.tsv`, …
 * (not `{lang}-test.tsv`). All of them are training data; choices are made by cross-validation
 * over them (`npm run train -- --cv`), the held-out figure comes from the test files.
 */
export function handwrittenTrain(lang: Lang): Example[] {
  const files = readdirSync(HANDWRITTEN_DIR)
    .filter((f) => f === `${lang}.tsv` || new RegExp(`^${lang}-\\d+\\.tsv$`).test(f))
    .sort((a, b) => a.length - b.length || a.localeCompare(b));
  return files.flatMap((f) => readTsv(join(HANDWRITTEN_DIR, f), lang, `handwritten-${f}`, 'train'));
}

/**
 * The separately written held-out test files (`data/handwritten/{lang}-test.tsv`): never trained
 * on and never used to choose anything; `npm run eval` reports them as the honest figure.
 */
export function handwrittenTest(lang: Lang): Example[] {
  return readTsv(join(HANDWRITTEN_DIR, `${lang}-test.tsv`), lang, `handwritten-test-${lang}`, 'test');
}

/**
 * The training set, identical on every run: generated messages (split train/test by frame) and
 * all hand-written training files (split train). The test files are not part of it.
 */
export function buildDataset(perLang = 2500, seed = 20261124): Example[] {
  const r = rng(seed);
  return [
    ...generated('en', perLang, r),
    ...generated('nl', perLang, r),
    ...handwrittenTrain('en'),
    ...handwrittenTrain('nl'),
  ];
}
