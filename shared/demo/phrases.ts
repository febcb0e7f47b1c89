import type { DemoIndustry, DemoTopic } from './brands.ts';

/** Key of a bank that replaces the generic one for one industry, e.g. `food.delivery`. */
export type IndustryTopic = `${DemoIndustry}.${DemoTopic}`;

/**
 * Sentence templates of the demo inbox, written for this project (not taken from any dataset).
 * Placeholders in braces are filled per conversation so that follow-ups mention the same order,
 * city or amount: {brand} {handle} {order} {city} {product} {days} {weeks} {hours} {minutes}
 * {amount} {time} {first} {agent} {ticket} {station} {customerNo}.
 */
export type Lang = 'nl' | 'en';
type Bank = Readonly<Record<Lang, readonly string[]>>;

export const COMPLAINT_OPENERS: Readonly<Record<DemoTopic, Bank>> = {
  outage: {
    nl: [
      'Al sinds {time} geen internet in {city}. Thuiswerken lukt zo echt niet. Wanneer is dit opgelost?',
      'Weer storing?? Dit is de derde keer deze maand dat alles eruit ligt in {city}',
      'Hoi {brand}, mijn {product} doet helemaal niks meer, lampje knippert oranje. Modem al 3x opnieuw opgestart',
      'Storing in {city}? Geen tv en geen internet sinds vanochtend, en jullie storingspagina zegt dat alles werkt 🙄',
      'Echt belachelijk, al {days} dagen om de haverklap geen verbinding. Ik betaal wel gewoon de volle prijs',
      'kunnen jullie even kijken wat er aan de hand is in {city}? hele straat zit zonder internet',
      'Internet valt steeds weg, elke avond rond {time}. Netflix kijken is onmogelijk. Wat is hier aan de hand?',
      'Mobiel bereik is al {days} dagen waardeloos hier in {city}, bellen lukt alleen buiten 😤',
      'Sinds gisteravond {time} geen internet meer. Kinderen moeten huiswerk maken, ik moet werken. Graag snel actie',
      'Wat is er aan de hand met jullie netwerk vandaag? 4G doet niks in heel {city}',
      'Jullie storingspagina geeft een foutmelding. Kan het nog gekker? Geen internet hier in {city}',
      'Elke dag rond {time} valt de tv uit. Elke. Dag.',
    ],
    en: [
      'No internet since {time} in {city}. I work from home, this is a real problem. Any ETA?',
      'Is there an outage in {city}? Everything has been down all morning and your status page says all good',
      'Third outage this month. My {product} keeps dropping the connection every evening around {time}',
      'Hi {brand}, my internet has been cutting out for {days} days now. Restarted the router a dozen times, nothing helps',
      'Paying full price for a connection that works half the time. Seriously considering switching',
      'whole street in {city} is offline again… any update??',
      'Internet down since last night. Working from home is impossible like this. Please sort it out',
      'Mobile data completely dead in {city} for {hours} hours now',
    ],
  },
  billing: {
    nl: [
      'Waarom is mijn {product} ineens {amount} hoger? Daar is niks over gecommuniceerd',
      'Ik word dubbel gefactureerd deze maand, twee keer {amount} afgeschreven. Graag terugstorten',
      'Mijn contract is al {weeks} weken opgezegd en toch weer een incasso van {amount}. Hoe dan?',
      'Ik snap echt niks van mijn rekening. Klantnummer {customerNo}, kunnen jullie even kijken?',
      'Al 3 keer gebeld over een verkeerde factuur en elke keer krijg ik een ander antwoord. Wie kan me nou eens helpen',
      'Er staat een bedrag van {amount} op mijn factuur voor iets wat ik nooit heb afgenomen',
      'Jullie hebben {amount} afgeschreven terwijl mijn termijnbedrag veel lager is. Wat is dit nou weer',
      'Ik krijg al {weeks} weken geen factuur meer per mail, maar wel aanmaningen. Hoe kan dat?',
      'Aanmaning ontvangen met {amount} extra kosten terwijl ik gewoon op tijd betaald heb. Belachelijk',
    ],
    en: [
      'Why did my bill go up by {amount}? Nobody told me anything about a price change',
      "I've been charged twice this month ({amount} each). Please refund the duplicate",
      'Cancelled {weeks} weeks ago and you still took {amount} from my account. How?',
      'Can someone explain my invoice? Customer number {customerNo}. It makes no sense at all',
      'Got a reminder with {amount} in fees even though I paid on time. Not ok',
    ],
  },
  meter: {
    nl: [
      'Mijn slimme meter geeft al {weeks} weken geen standen door, en nu krijg ik een schatting van {amount} per maand??',
      'Meterstanden doorgegeven via de app maar ze staan er niet in. Nu is mijn termijnbedrag verdubbeld',
      'Monteur zou de {product} vervangen tussen 8 en 12, niemand gekomen. Vrije ochtend voor niks genomen',
    ],
    en: [
      "My smart meter hasn't sent any readings for {weeks} weeks and now you estimate {amount} a month?",
      'Submitted my meter readings in the app but they never showed up. Now my monthly amount doubled',
    ],
  },
  delivery: {
    nl: [
      'Bestelling {order} zou gisteren geleverd worden, nog steeds niks. Track & trace zegt al {days} dagen "onderweg"',
      'Waar blijft mijn {product}? Besteld op maandag, "morgen in huis" zeiden jullie. Niet dus',
      'Pakket {order} staat als bezorgd maar ik heb niks ontvangen. Buren ook niet. Wat nu?',
      'Bezorger heeft mijn pakket gewoon in de regen laten staan 🙃 doos helemaal doorweekt',
      'Bestelling {order}: levering weer verschoven. Derde keer nu. Ik ben er echt klaar mee',
      'Pakket ligt al {days} dagen bij een afhaalpunt in {city} waar ik nooit voor gekozen heb',
      'Bezorger heeft een briefje achtergelaten dat ik niet thuis was. Ik was de hele dag thuis!!',
      'Track & trace van {order} doet het niet, ik zie helemaal niks. Waar is mijn {product}?',
    ],
    en: [
      'Order {order} was supposed to arrive yesterday. Tracking has said "in transit" for {days} days',
      'Where is my {product}? Ordered Monday with next-day delivery. Still nothing',
      'Package {order} marked as delivered but it never arrived. Neighbours have nothing either',
      'Delivery rescheduled for the third time. Honestly done with this',
      'The courier left a note saying I was not home. I was home all day',
      'Tracking link for {order} is broken. Where is my {product}?',
    ],
  },
  damaged: {
    nl: [
      'Mijn {product} kwam kapot aan, doos was helemaal ingedeukt. Bestelnummer {order}',
      'Verkeerd artikel ontvangen bij {order}. Ik had een {product} besteld, geen telefoonhoesje 😂',
    ],
    en: [
      'My {product} arrived broken, box was completely crushed. Order {order}',
      'Received the wrong item for {order}. I ordered a {product}, not a phone case',
    ],
  },
  refund: {
    nl: [
      'Al {weeks} weken wachten op mijn terugbetaling van {amount}. Retour is gewoon bij jullie aangekomen',
      'Jullie zouden {amount} terugstorten binnen 5 werkdagen. We zijn nu {days} dagen verder. Nog niks',
      'Hoe vraag ik geld terug voor de {product}? Formulier op de site geeft steeds een foutmelding',
      'Terugbetaling afgewezen zonder uitleg. Bestelling {order}, gewoon binnen 14 dagen teruggestuurd',
      'Retourlabel werkt niet en de chat verwijst me naar de mail. Op mijn mail krijg ik geen antwoord',
      'Ik heb {amount} teruggekregen in plaats van het volledige bedrag. Waar is de rest?',
    ],
    en: [
      'Still waiting for my refund of {amount}, {weeks} weeks now. You received the return ages ago',
      'You promised the refund within 5 business days. It has been {days} days',
      'Refund request rejected with no explanation. Order {order}, returned within 14 days',
    ],
  },
  rude_staff: {
    nl: [
      'Zo onbeschoft behandeld door jullie medewerker aan de telefoon. Gewoon opgehangen terwijl ik nog aan het praten was',
      'Chat medewerker deed net alsof ik dom was. Ik vroeg gewoon om uitleg over mijn rekening',
    ],
    en: [
      'Your phone agent was incredibly rude and hung up on me mid-sentence',
      'Chat support treated me like an idiot for asking a simple question about my bill',
    ],
  },
  app_crash: {
    nl: [
      'App crasht steeds bij het inloggen sinds de laatste update. Telefoon al opnieuw opgestart',
      'Kan niet betalen in de app, krijg steeds "er ging iets mis". Nu al {hours} uur',
      'Na de update is de app echt onbruikbaar. Wit scherm en dan weer terug naar home',
      'app doet het weer niet... kan mijn {product} niet eens bekijken',
      'Inloggen lukt niet meer, krijg steeds een foutcode. Opnieuw installeren helpt niks',
      'Waarom moet ik na elke update opnieuw inloggen? En nu lukt het niet eens meer',
    ],
    en: [
      'App keeps crashing on login since the last update. Already reinstalled',
      'Can\'t pay in the app, just "something went wrong" for {hours} hours now',
      'The new update made the app unusable. White screen, then it closes',
      'App logs me out every single time and now it will not let me back in',
    ],
  },
  delay: {
    nl: [
      'Alweer {minutes} minuten vertraging met de {product}. Elke dag hetzelfde liedje',
      'Trein naar {city} gewoon geschrapt zonder melding. Sta hier in de kou op {station}',
      'Waarom staat er "op tijd" in de app terwijl de trein er al {minutes} minuten niet is?',
      'Derde keer deze week mijn aansluiting gemist op {station}. Te laat op werk, weer',
      'Overvol, geen airco, {minutes} minuten stilgestaan. Top service {brand} 👏',
      'Waarom rijden er maar 2 bakken in de spits? Staan als sardientjes in de {product}',
      'Bus kwam gewoon niet. Volgende pas over een half uur. Te laat voor mijn afspraak in {city}',
    ],
    en: [
      '{minutes} minute delay on the {product} again. Every single day',
      'Train to {city} cancelled without any announcement. Standing in the cold at {station}',
      'Missed my connection at {station} for the third time this week',
      'Packed like sardines, no AC and we have been stuck outside {station} for {minutes} minutes',
    ],
  },
  installation: {
    nl: [
      'Monteur zou vandaag tussen 8 en 13 uur komen voor de aansluiting. Niemand gekomen, niet gebeld',
      'Al {weeks} weken wachten op de installatie van mijn {product}. Steeds een nieuwe datum',
      'Verhuisd naar {city}, internet zou op de verhuisdatum werken. {days} dagen later nog steeds niks',
    ],
    en: [
      'Engineer was supposed to come today between 8 and 1. Nobody showed up, nobody called',
      'Waiting {weeks} weeks for my {product} installation. New date every time',
    ],
  },
};

/** Openers that fit one industry better than the generic ones (food is not a parcel, a train has a conductor). */
export const INDUSTRY_OPENERS: Partial<Readonly<Record<IndustryTopic, Bank>>> = {
  'food.delivery': {
    nl: [
      'Al {minutes} minuten aan het wachten op mijn eten, app zegt dat de bezorger er al is. Niemand hier',
      'Eten kwam {minutes} minuten te laat en was ijskoud. Niet te eten zo',
      'Bestelling {order} staat al een half uur op "bijna bij je". Bezorger rijdt rondjes door {city} volgens de kaart 🙃',
      'Waar blijft mijn {product}? Besteld om {time}, nu nog steeds niks',
    ],
    en: [
      "Been waiting {minutes} minutes for my food, the app says the driver is here. Nobody's here",
      'Food arrived {minutes} minutes late and stone cold',
      'Order {order} has said "almost there" for half an hour',
    ],
  },
  'food.damaged': {
    nl: [
      'Halve bestelling ontbreekt: geen {product} en geen drinken. Wel gewoon alles betaald natuurlijk',
      'Saus over de hele tas heen, {product} niet meer te eten. Zo jammer',
      'Verkeerde bestelling gekregen. Ik had {product} besteld, dit is iets heel anders',
    ],
    en: [
      'Half my order is missing: no {product}, no drinks. Paid for everything of course',
      'Wrong order delivered. I ordered {product}, this is something else entirely',
    ],
  },
  'food.refund': {
    nl: [
      'Bestelling {order} is nooit gekomen en ik heb nog steeds geen {amount} terug',
      'Hoe krijg ik mijn geld terug voor de {product}? Kwam koud en half aan',
    ],
    en: ['Order {order} never arrived and I still have not got my {amount} back'],
  },
  'food.rude_staff': {
    nl: [
      'Bezorger schold me uit omdat ik niet snel genoeg de deur opendeed. Dit kan echt niet',
      'Jullie bezorger reed over de stoep en werd boos toen ik er wat van zei',
    ],
    en: ['The driver shouted at me because I took 30 seconds to get to the door. Not acceptable'],
  },
  'transport.rude_staff': {
    nl: [
      'De conducteur in de {product} was ronduit onbeschoft tegen een oudere dame. Schaam je',
      'Boete gekregen omdat de kaartautomaat op {station} stuk was. Conducteur wilde niet eens luisteren',
    ],
    en: [
      'The conductor on the {product} was downright rude to an elderly lady',
      'Got fined because the ticket machine at {station} was broken. The conductor would not even listen',
    ],
  },
  'transport.refund': {
    nl: [
      'Geld terug bij vertraging aangevraagd voor de {product}, {weeks} weken later nog geen reactie',
      'Mijn aanvraag voor geld terug is afgewezen terwijl de trein {minutes} minuten te laat was',
    ],
    en: ['Claimed delay compensation for the {product} {weeks} weeks ago, no reply yet'],
  },
  'energy.outage': {
    nl: [
      'Stroomstoring in {city} sinds {time}. Weten jullie al hoe lang het gaat duren?',
      'Alweer stroom uitgevallen hier in {city}, de vriezer begint te ontdooien',
    ],
    en: ['Power cut in {city} since {time}. Any idea how long it will take?'],
  },
};

export const QUESTIONS: Readonly<Record<DemoIndustry, Bank>> = {
  telecom: {
    nl: [
      'Hoi! Kan ik mijn {product} ook meenemen naar mijn nieuwe adres in {city}?',
      'Hoe lang duurt het overstappen van mijn oude provider naar jullie? En blijft mijn nummer hetzelfde?',
      'Vraagje: wat is het verschil tussen het Alles-in-1 pakket en losse glasvezel?',
      'Kan ik mijn abonnement tijdelijk pauzeren? Ik ben {weeks} weken in het buitenland',
      'Hoe stel ik de wifi op mijn {product} zo in dat de kinderen er na 22:00 niet meer op kunnen?',
    ],
    en: [
      'Hi! Can I take my {product} with me when I move to {city}?',
      'How long does switching from my current provider take? Do I keep my number?',
      'Is there a way to pause my subscription while I travel for {weeks} weeks?',
    ],
  },
  energy: {
    nl: [
      'Hoe kan ik mijn termijnbedrag aanpassen? Ik heb zonnepanelen laten leggen',
      'Wanneer krijg ik mijn jaarafrekening? Vorig jaar was die er al in maart',
      'Klopt het dat de terugleververgoeding omlaag gaat? Wat betekent dat voor mij?',
      'Ik ga verhuizen naar {city}, kan ik mijn contract meenemen?',
    ],
    en: [
      'How do I change my monthly payment? We just installed solar panels',
      'When will I get my annual statement?',
      "I'm moving to {city}, can I take my contract with me?",
    ],
  },
  webshop: {
    nl: [
      'Is de {product} binnenkort weer op voorraad?',
      'Kan ik mijn bestelling {order} nog wijzigen? Verkeerde kleur gekozen',
      'Leveren jullie ook op zaterdag in {city}?',
      'Hoe lang is de garantie op de {product}?',
      'Kan ik mijn pakket ook bij een afhaalpunt laten bezorgen?',
    ],
    en: [
      'Will the {product} be back in stock soon?',
      'Can I still change order {order}? Picked the wrong colour',
      'How long is the warranty on the {product}?',
    ],
  },
  transport: {
    nl: [
      'Geldt mijn dalurenabonnement ook op feestdagen?',
      'Rijden er morgen treinen tussen {station} en {city}? Ik hoorde iets over werkzaamheden',
      'Kan ik mijn fiets meenemen in de {product}?',
      'Ik ben vergeten uit te checken op {station}, hoe krijg ik mijn geld terug?',
    ],
    en: [
      'Are there trains between {station} and {city} tomorrow? Heard about engineering works',
      'Can I bring my bike on the {product}?',
      'Forgot to check out at {station}, how do I get my money back?',
    ],
  },
  food: {
    nl: [
      'Bezorgen jullie ook na 23:00 in {city}?',
      'Kan ik zien of de {product} glutenvrij is? Staat niet in de app',
      'Hoe werkt die kortingscode precies? Ik krijg steeds "ongeldig"',
    ],
    en: [
      'Do you deliver after 11pm in {city}?',
      'Is the {product} gluten free? The app does not say',
      'How does the discount code work? It keeps saying invalid',
    ],
  },
};

export const PRAISE: Bank = {
  nl: [
    'Wat een snelle hulp van {agent}! Binnen 10 minuten opgelost. Top 👍',
    'Eindelijk een klantenservice die gewoon doet wat ze belooft. Dankjewel {brand}!',
    'Shoutout naar {brand}, ze hebben mijn probleem echt serieus genomen. Zo hoort het',
    'Ik was echt boos, maar {agent} heeft het netjes opgelost. Chapeau',
    'Goed geholpen via de chat, duidelijke uitleg. Zo kan het dus ook',
  ],
  en: [
    'Huge thanks to {agent} for sorting this out in ten minutes. Great service!',
    'Finally a support team that does what it promises. Thanks {brand}!',
    'Was ready to cancel but {agent} fixed everything in one go. Respect',
  ],
};

/** Praise that only fits one industry; mixed in with the generic praise. */
export const INDUSTRY_PRAISE: Readonly<Record<DemoIndustry, Bank>> = {
  telecom: {
    nl: ['Nieuwe {product} vandaag geïnstalleerd, werkt perfect. Monteur was heel netjes'],
    en: ['New {product} installed today, works perfectly. The engineer was great'],
  },
  energy: {
    nl: ['Fijn dat de terugbetaling van de jaarafrekening zo snel op mijn rekening stond 👍'],
    en: ['Annual statement refund arrived quickly, thanks'],
  },
  webshop: {
    nl: ['Vanochtend besteld, vanavond al in huis. Hoe dan 😄'],
    en: ['Ordered this morning, delivered tonight. Impressive'],
  },
  transport: {
    nl: [
      'Trein precies op tijd en nog een zitplaats ook. Wonderen bestaan 😄',
      'Complimenten aan de conducteur van de {product}, zo behulpzaam',
    ],
    en: ['Train on time and I even got a seat. Miracles happen'],
  },
  food: {
    nl: ['Complimenten aan de bezorger van vanavond, super vriendelijk en alles nog warm 😋'],
    en: ['Shoutout to the driver tonight, super friendly and the food was still hot'],
  },
};

export const FOLLOWUPS_IMPATIENT: Bank = {
  nl: [
    'Hallo?? Al {hours} uur geen reactie',
    'Nog steeds niks gehoord. Lezen jullie dit eigenlijk wel?',
    'En? Ik wacht nog steeds.',
    'Dit duurt echt veel te lang. Ik wil nu gewoon een oplossing',
    'Nog steeds hetzelfde probleem hoor. Wanneer gaat er iets gebeuren?',
    'Zo, nu al {days} dagen verder en nog steeds niet opgelost. Ik ga opzeggen als dit zo doorgaat',
    'Ik heb al 3 keer gebeld en iedereen zegt wat anders. Wie kan me nou gewoon helpen?',
    'Jullie zouden vandaag terugbellen. Niemand gebeld.',
    'Moet ik het soms via Twitter doen om geholpen te worden?',
  ],
  en: [
    'Hello?? No reply for {hours} hours',
    'Still nothing. Is anyone actually reading this?',
    'Still the same problem. When is something going to happen?',
    "It's been {days} days. If this isn't fixed I'm cancelling",
    'You said someone would call me back today. Nobody called',
    'Third time explaining the same thing to a different person. Is there a case number or not?',
  ],
};

/** Customer follow-ups that give details; generic ones fit every topic. */
export const FOLLOWUPS_INFO: Bank = {
  nl: [
    'Heb ik gedaan, maar nog steeds hetzelfde',
    'Ok, DM gestuurd',
    'Screenshot staat hierboven',
    'Klantnummer is {customerNo}',
  ],
  en: [
    'Did that already, still the same',
    'Ok, sent you a DM',
    'Screenshot is above',
    'Customer number is {customerNo}',
  ],
};

export const TOPIC_FOLLOWUPS_INFO: Partial<Readonly<Record<DemoTopic, Bank>>> = {
  outage: {
    nl: [
      'Het gaat om {city}, sinds {time} ongeveer',
      'Ja modem is al opnieuw opgestart, maakt niks uit',
      'Postcode en huisnummer staan in je DM',
    ],
    en: ['It is in {city}, since about {time}', 'Yes, restarted the router, no difference'],
  },
  delivery: {
    nl: [
      'Bestelnummer is {order}. Ik hoor het graag',
      'Track & trace staat nog steeds op "onderweg"',
      'Ik ben de hele dag thuis geweest, niemand aangebeld',
    ],
    en: [
      'Order number is {order}',
      'Tracking still says "in transit"',
      'I was home all day, nobody rang the bell',
    ],
  },
  damaged: {
    nl: ['Foto gestuurd via DM', 'Bestelnummer is {order}'],
    en: ['Sent the photo via DM', 'Order number is {order}'],
  },
  refund: {
    nl: [
      'Retour is op {days} november bij jullie aangekomen volgens de track & trace',
      'Het gaat om {amount}',
    ],
    en: ['Tracking says you received the return {days} days ago', 'It is {amount}'],
  },
  billing: {
    nl: ['Mijn klantnummer is {customerNo}', 'Het gaat om de afschrijving van {amount}'],
    en: ['My customer number is {customerNo}', 'It is about the {amount} charge'],
  },
  meter: {
    nl: ['Meterstanden staan in de bijlage', 'Het gaat om de {product}'],
    en: ['Meter readings are attached'],
  },
  app_crash: {
    nl: ['iPhone 13, nieuwste versie van de app', 'Samsung, app net opnieuw geïnstalleerd'],
    en: ['iPhone 13, latest app version', 'Pixel 7, just reinstalled'],
  },
  delay: {
    nl: ['Het ging om de trein van {time} vanaf {station}', 'Ticket heb ik nog, zal ik dat sturen?'],
    en: ['It was the {time} train from {station}'],
  },
  installation: {
    nl: ['Afspraaknummer is {ticket}', 'Ik ben er morgen de hele dag'],
    en: ['Appointment number is {ticket}'],
  },
  rude_staff: {
    nl: ['Het was gisteren rond {time}', 'Naam weet ik niet meer, het was rond {time}'],
    en: ['It was yesterday around {time}'],
  },
};

export const QUESTION_FOLLOWUPS: Bank = {
  nl: [
    'Dank! En hoe lang duurt dat dan ongeveer?',
    'Ok, en kost dat extra?',
    'Helder. Moet ik daar nog iets voor invullen?',
  ],
  en: [
    'Thanks! How long does that take?',
    'Ok, does that cost extra?',
    'Clear. Do I need to fill anything in?',
  ],
};

export const THANKS: Bank = {
  nl: [
    'Top, bedankt!',
    'Ok dankjewel voor de snelle reactie',
    'Fijn, dank je wel {agent}!',
    'Helder, dank voor de uitleg',
    'Super, dat is opgelost. Bedankt 👍',
  ],
  en: ['Great, thanks!', 'Thanks for the quick reply', 'Perfect, thanks {agent}!', 'Sorted, thank you'],
};

export const AGENT_ACK: Readonly<Record<DemoTopic, Bank>> = {
  outage: {
    nl: [
      'Hoi {first}, vervelend dat je zonder internet zit! Er is op dit moment een storing in {city}, onze monteurs zijn ermee bezig. Ik houd je op de hoogte.',
      'Wat balen, {first}. Kun je me je postcode en huisnummer sturen in een DM? Dan check ik of er bij jou een storing is.',
      'Sorry voor het ongemak! Ik zie een verstoring in jouw regio. De verwachting is dat alles rond {time} weer werkt.',
    ],
    en: [
      "Hi {first}, sorry you're without internet! There's an outage in {city} right now and our engineers are on it. I'll keep you posted.",
      "That's annoying, {first}. Could you DM me your postcode and house number so I can check your line?",
    ],
  },
  billing: {
    nl: [
      'Hoi {first}, ik begrijp dat dit vervelend is. Stuur je je klantnummer even via een DM? Dan duik ik in je factuur.',
      'Dank voor je bericht! Ik zie inderdaad een dubbele afschrijving. Ik zet de terugbetaling van {amount} voor je in gang.',
      'Hoi {first}, de verhoging komt door de jaarlijkse indexatie. Ik stuur je in een DM een overzicht van wat er precies veranderd is.',
    ],
    en: [
      'Hi {first}, I understand the frustration. Could you DM me your customer number so I can look into your invoice?',
      'Thanks for flagging! I can see the double charge. I have started the refund of {amount} for you.',
    ],
  },
  meter: {
    nl: [
      'Hoi {first}, vervelend! Ik heb een storingsmelding voor je meter aangemaakt ({ticket}). Je termijnbedrag zet ik terug tot die is opgelost.',
    ],
    en: [
      "Hi {first}, sorry about that! I've logged a fault for your meter ({ticket}) and reset your monthly amount until it's fixed.",
    ],
  },
  delivery: {
    nl: [
      'Hoi {first}, wat vervelend dat je bestelling er nog niet is. Ik heb navraag gedaan bij de vervoerder, je hoort vandaag nog van ons.',
      'Sorry {first}! Ik zie dat je pakket op het sorteercentrum is blijven liggen. Het gaat morgen alsnog mee met de bezorger.',
      'Balen! Kun je je bestelnummer even sturen? Dan kijk ik meteen waar het misgaat.',
    ],
    en: [
      "Hi {first}, sorry your order hasn't arrived yet. I've asked the carrier for an update and will get back to you today.",
      'Sorry {first}! Your parcel got stuck at the depot. It will go out with tomorrow’s delivery.',
    ],
  },
  damaged: {
    nl: [
      'Oei, dat is niet de bedoeling! Stuur je een foto van de schade? Dan regel ik een vervangend exemplaar.',
    ],
    en: ["Oh no, that shouldn't happen! Could you send a photo of the damage? I'll arrange a replacement."],
  },
  refund: {
    nl: [
      'Hoi {first}, ik heb je terugbetaling van {amount} met voorrang laten verwerken. Binnen 2 werkdagen staat het op je rekening.',
      'Sorry voor het wachten! Ik zie dat je retour binnen is. Ik zet de terugbetaling nu voor je in gang.',
    ],
    en: [
      'Hi {first}, I have prioritised your refund of {amount}. It should be in your account within 2 business days.',
      'Sorry for the wait! Your return has arrived, I am processing the refund now.',
    ],
  },
  rude_staff: {
    nl: [
      'Hoi {first}, dit hoort niet zo te gaan en het spijt me echt. Ik geef je feedback door aan de teamleider. Mag ik je in een DM nog wat vragen stellen?',
    ],
    en: [
      "Hi {first}, that's not how it should go and I'm really sorry. I'm passing this on to the team lead. May I ask a few questions via DM?",
    ],
  },
  app_crash: {
    nl: [
      'Vervelend {first}! We kennen het probleem, er komt vandaag een update. Tot die tijd werkt inloggen via de website wel.',
      'Dank voor je melding! Welke telefoon en versie van de app gebruik je? Dan geef ik het door aan ons app-team.',
    ],
    en: [
      'Sorry {first}! We know about the issue and a fix ships today. Until then you can log in on the website.',
      'Thanks for reporting! Which phone and app version are you on? I will pass it to our app team.',
    ],
  },
  delay: {
    nl: [
      'Hoi {first}, sorry voor de vertraging. Er is een seinstoring bij {station}. Je kunt geld terug vragen via ons formulier, ik stuur je de link in een DM.',
      'Vervelend dat je je aansluiting hebt gemist! De vertraging kwam door een defecte trein. Geld terug bij vertraging kun je binnen 3 maanden aanvragen.',
    ],
    en: [
      'Hi {first}, sorry for the delay. There is a signal failure near {station}. You can claim compensation via our form, I will DM you the link.',
    ],
  },
  installation: {
    nl: [
      'Hoi {first}, sorry dat de monteur niet is gekomen! Ik heb een nieuwe afspraak met voorrang ingepland. Je krijgt vandaag een bevestiging per mail.',
    ],
    en: [
      "Hi {first}, sorry the engineer didn't show up! I've booked a priority appointment, you will get a confirmation by email today.",
    ],
  },
};

export const INDUSTRY_ACK: Partial<Readonly<Record<IndustryTopic, Bank>>> = {
  'food.delivery': {
    nl: [
      'Hoi {first}, sorry! Ik zie dat de bezorger vertraging heeft. Ik heb de bezorgkosten en {amount} tegoed op je account gezet.',
      'Balen dat je eten zo laat is! Ik heb contact met het restaurant en de bezorger, je hoort zo van me.',
    ],
    en: [
      "Hi {first}, sorry! Your driver is running late. I've refunded the delivery fee and added {amount} credit to your account.",
    ],
  },
  'food.damaged': {
    nl: [
      'Sorry {first}! Ik heb de ontbrekende items gecrediteerd, {amount} staat binnen 3 werkdagen op je rekening.',
    ],
    en: ['Sorry {first}! I have credited the missing items, {amount} will be back within 3 business days.'],
  },
  'energy.outage': {
    nl: [
      'Hoi {first}, de netbeheerder is bezig met een storing in {city}. De verwachting is dat de stroom rond {time} terug is.',
    ],
    en: [
      'Hi {first}, the grid operator is working on a fault in {city}. Power should be back around {time}.',
    ],
  },
};

export const AGENT_QUESTION_REPLY: Bank = {
  nl: [
    'Hoi {first}, goeie vraag! Dat kan zeker. Ik stuur je in een DM de stappen.',
    'Dank voor je vraag! Dat kan via Mijn {brand} onder "Instellingen". Lukt het niet, laat het even weten.',
    'Hoi {first}, ja dat klopt. Meer info vind je op onze site onder Veelgestelde vragen.',
  ],
  en: [
    "Hi {first}, good question! Yes, that's possible. I'll DM you the steps.",
    'Thanks for asking! You can do that in My {brand} under "Settings". Let me know if it doesn\'t work.',
  ],
};

export const AGENT_PRAISE_REPLY: Bank = {
  nl: [
    'Wat leuk om te horen, {first}! Ik geef je compliment door aan het team 😊',
    'Dank je wel voor je lieve bericht! Fijne dag nog.',
  ],
  en: [
    'Lovely to hear, {first}! I will pass your compliment on to the team 😊',
    'Thank you so much for the kind words! Have a great day.',
  ],
};

/** Agent replies while the case is still being worked on. */
export const AGENT_PROGRESS: Bank = {
  nl: [
    'Ik heb het doorgezet naar onze specialisten ({ticket}). Zodra ik meer weet hoor je van me.',
    'Helaas duurt het iets langer dan verwacht. Ik houd het voor je in de gaten en laat morgen van me horen.',
    'Dank je! Ik zoek het voor je uit en kom er vandaag nog bij je op terug.',
  ],
  en: [
    "I've escalated this to our specialists ({ticket}). I'll update you as soon as I know more.",
    "Thanks! I'm looking into it and will get back to you today.",
  ],
};

/** Agent replies that solve the case, per topic. */
export const AGENT_RESOLUTION: Readonly<Record<DemoTopic, Bank>> = {
  outage: {
    nl: ['Update: de storing in {city} is verholpen. Werkt alles weer bij jou, {first}?'],
    en: ['Update: the outage in {city} has been fixed. Is everything working again, {first}?'],
  },
  billing: {
    nl: [
      'Ik heb het voor je geregeld: {amount} wordt binnen 3 werkdagen teruggestort.',
      'Je factuur is gecorrigeerd, de nieuwe staat in Mijn {brand}.',
    ],
    en: [
      'All sorted: {amount} will be refunded within 3 business days.',
      'Your invoice has been corrected, the new one is in My {brand}.',
    ],
  },
  meter: {
    nl: ['Je meter geeft weer standen door en je termijnbedrag is aangepast.'],
    en: ['Your meter is sending readings again and your monthly amount has been adjusted.'],
  },
  delivery: {
    nl: [
      'Je pakket is vandaag opnieuw verzonden, je krijgt een nieuwe track & trace per mail.',
      'Het bedrag van je bestelling wordt teruggestort, {amount} staat binnen 3 werkdagen op je rekening.',
    ],
    en: [
      'Your parcel has been reshipped today, you will get new tracking by email.',
      'We are refunding your order, {amount} will be back within 3 business days.',
    ],
  },
  damaged: {
    nl: ['Er gaat vandaag een nieuwe {product} naar je toe. De kapotte mag je houden of weggooien.'],
    en: ['A new {product} ships to you today. No need to return the broken one.'],
  },
  refund: {
    nl: ['Goed nieuws: de terugbetaling van {amount} is vandaag verwerkt.'],
    en: ['Good news: your refund of {amount} was processed today.'],
  },
  rude_staff: {
    nl: ['Ik heb je klacht met de teamleider besproken. Als excuus hebben we {amount} op je account gezet.'],
    en: [
      'I discussed your complaint with the team lead. As an apology we credited {amount} to your account.',
    ],
  },
  app_crash: {
    nl: ['De update met de oplossing staat nu in de app store. Werkt het na het bijwerken weer?'],
    en: ['The fix is now in the app store. Does it work after updating?'],
  },
  delay: {
    nl: [
      'Je aanvraag voor geld terug bij vertraging is goedgekeurd, {amount} komt deze week op je rekening.',
    ],
    en: ['Your delay compensation was approved, {amount} will be paid this week.'],
  },
  installation: {
    nl: ['De monteur komt morgen tussen 8 en 12 uur, en belt een half uur van tevoren.'],
    en: ['The engineer will come tomorrow between 8 and 12 and call half an hour ahead.'],
  },
};

export const INDUSTRY_RESOLUTION: Partial<Readonly<Record<IndustryTopic, Bank>>> = {
  'food.delivery': {
    nl: ['Ik heb het volledige bedrag van {amount} teruggestort. Eet smakelijk de volgende keer!'],
    en: ['I have refunded the full {amount}. Enjoy your next meal!'],
  },
  'food.damaged': {
    nl: ['Je krijgt {amount} terug en een kortingscode voor je volgende bestelling.'],
    en: ['You get {amount} back plus a discount code for your next order.'],
  },
  'energy.outage': {
    nl: ['De netbeheerder meldt dat de storing in {city} is opgelost. Heb je weer stroom?'],
    en: ['The grid operator reports the fault in {city} is fixed. Is your power back?'],
  },
};

export const AGENT_CLOSE: Bank = {
  nl: [
    'Graag gedaan! Fijne avond nog.',
    'Fijn dat het is opgelost! Mocht er nog iets zijn, laat het weten.',
    'Top, dan sluit ik deze af. Fijne dag!',
  ],
  en: [
    "You're welcome! Have a nice evening.",
    "Glad it's sorted! If anything else comes up, just let us know.",
    "Great, I'll close this one. Have a nice day!",
  ],
};

/** Internal notes: a Dutch team writes them in Dutch, sometimes in English. */
export const NOTES: Bank = {
  nl: [
    'Klant gebeld, terugbetaling aangevraagd',
    'Ticket {ticket} aangemaakt bij 2e lijn',
    'Klant morgen terugbellen na 10:00',
    'Let op: klant heeft al 3x gebeld deze week',
    'Compensatie aangeboden, klant akkoord',
  ],
  en: ['Called the customer, refund requested', 'Escalated to tier 2 as {ticket}'],
};

export const TOPIC_NOTES: Partial<Readonly<Record<DemoTopic, Bank>>> = {
  outage: {
    nl: ['Bekend probleem, zie storingsmelding {ticket}', 'Monteur ingepland, bevestiging verstuurd'],
    en: ['Known issue, see incident {ticket}'],
  },
  billing: {
    nl: ['Creditnota van {amount} goedgekeurd door teamleider'],
    en: ['Credit note of {amount} approved'],
  },
  delivery: { nl: ['Vervoerder gemaild, wacht op reactie'], en: ['Waiting for the carrier to reply'] },
  installation: { nl: ['Monteur ingepland, bevestiging verstuurd'], en: ['Engineer booked'] },
  refund: {
    nl: ['Terugbetaling handmatig aangemaakt in het betaalsysteem'],
    en: ['Refund created manually'],
  },
};

export const EMAIL_SUBJECTS: Readonly<Record<DemoTopic | 'question' | 'praise', Bank>> = {
  outage: {
    nl: ['Storing internet', 'Geen verbinding sinds vanochtend', 'Alweer storing'],
    en: ['Internet outage', 'No connection since this morning'],
  },
  billing: {
    nl: ['Vraag over factuur', 'Onterechte afschrijving', 'Dubbele incasso'],
    en: ['Question about my invoice', 'Incorrect charge'],
  },
  meter: {
    nl: ['Slimme meter geeft geen standen door', 'Termijnbedrag klopt niet'],
    en: ['Smart meter not sending readings'],
  },
  delivery: {
    nl: ['Bestelling {order} niet ontvangen', 'Waar blijft mijn pakket?'],
    en: ['Order {order} not received', 'Where is my parcel?'],
  },
  damaged: {
    nl: ['Beschadigd product ontvangen', 'Bestelling {order} incompleet'],
    en: ['Item arrived damaged', 'Order {order} incomplete'],
  },
  refund: {
    nl: ['Terugbetaling {order}', 'Nog steeds geen geld terug'],
    en: ['Refund for {order}', 'Still no refund'],
  },
  rude_staff: {
    nl: ['Klacht over medewerker', 'Zeer onvriendelijk behandeld'],
    en: ['Complaint about a staff member'],
  },
  app_crash: { nl: ['App werkt niet', 'Inloggen lukt niet'], en: ['App not working', 'Cannot log in'] },
  delay: {
    nl: ['Geld terug bij vertraging', 'Klacht vertraging'],
    en: ['Delay compensation', 'Complaint about delays'],
  },
  installation: {
    nl: ['Monteur niet verschenen', 'Installatie {product}'],
    en: ['Engineer did not show up'],
  },
  question: {
    nl: ['Vraag', 'Vraagje over mijn abonnement', 'Informatie'],
    en: ['Question', 'Quick question'],
  },
  praise: { nl: ['Compliment!', 'Bedankt'], en: ['Thank you!', 'Compliment'] },
};

export const EMAIL_GREETING: Bank = {
  nl: ['Beste {brand},', 'Hallo,', 'Goedemiddag,', 'Geachte heer/mevrouw,'],
  en: ['Hi,', 'Hello,', 'Dear {brand} team,'],
};
export const EMAIL_SIGNOFF: Bank = {
  nl: ['Met vriendelijke groet,', 'Groet,', 'Mvg,'],
  en: ['Kind regards,', 'Best,', 'Thanks,'],
};

export const CITIES = [
  'Amsterdam',
  'Rotterdam',
  'Utrecht',
  'Den Haag',
  'Eindhoven',
  'Groningen',
  'Tilburg',
  'Almere',
  'Breda',
  'Nijmegen',
  'Zwolle',
  'Leeuwarden',
  'Maastricht',
  'Amersfoort',
  'Haarlem',
  'Arnhem',
  'Enschede',
  'Delft',
  'Leiden',
  'Apeldoorn',
];
export const STATIONS = [
  'Utrecht Centraal',
  'Amersfoort Centraal',
  'Zwolle',
  'Leiden Centraal',
  'Schiphol Airport',
  'Gouda',
  'Hengelo',
  'Den Bosch',
  'Deventer',
  'Duivendrecht',
];

export const FIRST_NAMES_NL = [
  'Sanne',
  'Daan',
  'Lotte',
  'Bram',
  'Fleur',
  'Thijs',
  'Noor',
  'Ruben',
  'Anouk',
  'Jesse',
  'Iris',
  'Lars',
  'Femke',
  'Milan',
  'Eva',
  'Sem',
  'Roos',
  'Stijn',
  'Marieke',
  'Kees',
  'Ingrid',
  'Henk',
  'Yasmina',
  'Mohamed',
  'Fatima',
  'Dewi',
  'Joost',
  'Wilma',
  'Gerrit',
  'Esther',
  'Pieter',
  'Annelies',
];
export const LAST_NAMES_NL = [
  'de Vries',
  'Jansen',
  'van den Berg',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Kok',
  'El Amrani',
  'Yilmaz',
  'Wijaya',
  'van Dam',
  'Kuipers',
];
export const FIRST_NAMES_EN = [
  'Emma',
  'James',
  'Olivia',
  'Noah',
  'Sophie',
  'Liam',
  'Grace',
  'Oliver',
  'Chloe',
  'Ethan',
  'Hannah',
  'Jack',
  'Priya',
  'Tom',
  'Amelia',
  'Lucas',
  'Mia',
  'Daniel',
  'Zoe',
  'Ryan',
];
export const LAST_NAMES_EN = [
  'Smith',
  'Johnson',
  'Brown',
  'Taylor',
  'Wilson',
  'Davies',
  'Evans',
  'Walker',
  'Wright',
  'Thompson',
  'Clarke',
  'Patel',
  'Hughes',
  'Green',
  'Hall',
  'Wood',
];

/** Suffixes that high-reach demo authors carry in their display name (fictional outlets). */
export const PRESS_SUFFIXES = [
  '| verslaggever Dagblad Noord',
  '| journalist NieuwsNu',
  '| tech reporter The Lowland Post',
  '| consumentenrubriek Kijk & Klaag',
];
export const INFLUENCER_SUFFIXES = [
  '✨ lifestyle',
  '| mama van 3 | blogger',
  '🎮 streamer',
  '| foodie 🍜',
  '| tech & gadgets',
];

export const EMOJI_NEGATIVE = ['😡', '🙄', '😤', '🤬', '😩', '👎', '🤦‍♀️', '🤦‍♂️'];
export const EMOJI_POSITIVE = ['🙏', '👍', '😊', '❤️', '💪', '🎉'];
