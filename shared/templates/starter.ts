/**
 * The starter library: what a new team gets on day one. Each template has a Dutch and an English
 * text, written separately (the Dutch in the je/jij tone Dutch webcare teams use, the English as a
 * UK/US care team writes), with a short variant for X, Bluesky and Mastodon, a formal one for
 * e-mail where the tone changes, and a WhatsApp template message where a follow-up may fall
 * outside the 24-hour window. The signature ("^JV") is added by the composer per channel, so the
 * bodies end without one.
 */
import type {
  Template,
  TemplateCategory,
  TemplateLang,
  TemplateTone,
  TemplateVariant,
  VariantStyle,
} from './model.ts';

type Bodies = Partial<Record<VariantStyle, string>>;

interface Spec {
  code: string;
  category: TemplateCategory;
  tone: TemplateTone;
  title: Record<TemplateLang, string>;
  keywords: string[];
  nl: Bodies;
  en: Bodies;
  /** WhatsApp approved template names, when the template has `whatsapp` bodies. */
  whatsapp?: string;
}

const SPECS: Spec[] = [
  {
    code: 'ontvangen',
    category: 'greeting',
    tone: 'neutral',
    title: { nl: 'Bericht ontvangen, we kijken ernaar', en: 'Got your message, looking into it' },
    keywords: ['ontvangen', 'eerste reactie', 'received', 'first response', 'looking into it'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, dank je voor je bericht! We duiken er meteen in en laten je zo snel mogelijk weten hoe het zit.',
      short:
        'Hoi {{customer.firstName | "daar"}}, dank je! We duiken er meteen in en laten het je zo snel mogelijk weten.',
      formal:
        'Beste {{customer.name}},\n\nDank je voor je bericht. We hebben het goed ontvangen en zoeken het voor je uit. Je hoort uiterlijk binnen twee werkdagen van ons.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, thanks for getting in touch! We\'re looking into this now and will come back to you as soon as we can.',
      short:
        'Hi {{customer.firstName | "there"}}, thanks for reaching out! We\'re looking into it and will be back with you shortly.',
      formal:
        'Dear {{customer.name}},\n\nThank you for your message. We have received it and are looking into it for you. You will hear from us within two working days.',
    },
  },
  {
    code: 'sorry',
    category: 'apology',
    tone: 'empathetic',
    title: { nl: 'Excuses, algemeen', en: 'Apology, general' },
    keywords: ['excuses', 'sorry', 'vervelend', 'apology', 'frustrating'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, wat vervelend om te lezen, en sorry dat het zo gelopen is. Dit is niet hoe we het willen. Vertel je ons wat er precies gebeurde? Dan zoeken we het samen uit.',
      short:
        'Hoi {{customer.firstName | "daar"}}, balen dat dit zo gelopen is, sorry! Vertel je ons wat er precies gebeurde? Dan zoeken we het uit.',
    },
    en: {
      default:
        "Hi {{customer.firstName | \"there\"}}, I'm really sorry to hear this. That's not the experience we want you to have. Could you tell us a bit more about what happened? We'll get it sorted.",
      short:
        'Hi {{customer.firstName | "there"}}, really sorry about this, that\'s not good enough. Can you tell us what happened? We\'ll sort it out.',
    },
  },
  {
    code: 'wachttijd',
    category: 'apology',
    tone: 'empathetic',
    title: { nl: 'Sorry voor het lange wachten op ons', en: 'Sorry for the wait on our side' },
    keywords: [
      'wachten',
      'lang',
      'geen reactie',
      'niemand reageert',
      'geen antwoord',
      'wait',
      'no reply',
      'no answer',
      'slow response',
    ],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, sorry dat je zo lang op een reactie hebt moeten wachten. Dat had sneller gemoeten. Ik pak het nu voor je op.',
      short:
        'Hoi {{customer.firstName | "daar"}}, sorry voor het lange wachten, dat had sneller gemoeten. Ik pak het nu voor je op!',
      formal:
        'Beste {{customer.name}},\n\nExcuses dat je zo lang op een antwoord hebt moeten wachten; dat had sneller gemoeten. Ik heb je vraag nu zelf opgepakt en kom er vandaag bij je op terug.',
    },
    en: {
      default:
        "Hi {{customer.firstName | \"there\"}}, sorry you've had to wait so long for a reply, that's on us. I'm picking this up for you right now.",
      short: 'Hi {{customer.firstName | "there"}}, sorry for the long wait, that\'s on us. I\'m on it now.',
      formal:
        "Dear {{customer.name}},\n\nPlease accept our apologies for the long wait; you should have heard from us sooner. I've taken your case on personally and will get back to you today.",
    },
  },
  {
    code: 'vertraging',
    category: 'delay',
    tone: 'empathetic',
    title: { nl: 'Bestelling vertraagd', en: 'Order delayed' },
    keywords: ['vertraging', 'bestelling', 'later', 'pakket', 'levering', 'delay', 'order', 'late', 'parcel'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, vervelend dat je bestelling nog niet binnen is. Het is op dit moment erg druk bij de bezorgers, waardoor het iets langer duurt. Stuur je ons je ordernummer in een DM? Dan kijk ik waar je pakket nu is.',
      short:
        'Hoi {{customer.firstName | "daar"}}, balen dat je pakket er nog niet is. Stuur je je ordernummer via DM? Dan kijk ik waar het nu is.',
      formal:
        'Beste {{customer.name}},\n\nHet spijt ons dat je bestelling later komt dan verwacht. Door drukte bij onze bezorgpartner loopt de levering vertraging op. Ik heb je zending nagekeken en je ontvangt vandaag een mail met de actuele bezorgdatum.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, sorry your order hasn\'t arrived yet. Our couriers are really busy at the moment, so things are taking a little longer. If you DM us your order number, I\'ll check where your parcel is.',
      short:
        'Hi {{customer.firstName | "there"}}, sorry your parcel\'s running late. DM us your order number and I\'ll track it down for you.',
      formal:
        "Dear {{customer.name}},\n\nWe're sorry your order is taking longer than expected. Our delivery partner is experiencing delays. I've checked your shipment and you'll receive an e-mail today with the updated delivery date.",
    },
  },
  {
    code: 'zoek',
    category: 'delivery',
    tone: 'empathetic',
    title: { nl: 'Pakket kwijt of niet bezorgd', en: 'Parcel missing' },
    keywords: [
      'kwijt',
      'niet bezorgd',
      'zoek',
      'bezorgd maar niet ontvangen',
      'missing',
      'lost',
      'not delivered',
    ],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, wat een gedoe, sorry! Als je pakket als bezorgd staat maar je het niet hebt, zoeken we dat voor je uit met de bezorger. Stuur je ons een DM met je ordernummer en postcode? Dan starten we direct een onderzoek.',
      short:
        'Hoi {{customer.firstName | "daar"}}, sorry! We zoeken het uit met de bezorger. Stuur je ordernummer en postcode even via DM?',
    },
    en: {
      default:
        "Hi {{customer.firstName | \"there\"}}, sorry about this! If your parcel shows as delivered but you haven't got it, we'll chase it with the courier. Please DM us your order number and postcode and we'll open an investigation straight away.",
      short:
        'Hi {{customer.firstName | "there"}}, sorry! We\'ll chase the courier for you. Could you DM us your order number and postcode?',
    },
  },
  {
    code: 'storing',
    category: 'outage',
    tone: 'empathetic',
    title: { nl: 'Storing bekend, we werken eraan', en: 'Known outage, working on it' },
    keywords: ['storing', 'werkt niet', 'plat', 'eruit', 'outage', 'down', 'not working', 'service'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, klopt, er is op dit moment een storing. Onze technici zijn ermee bezig en we doen er alles aan om het zo snel mogelijk op te lossen. Sorry voor het ongemak! Zodra we meer weten, laten we het hier weten.',
      short:
        'Hoi {{customer.firstName | "daar"}}, klopt, er is een storing. Onze technici werken eraan. Sorry voor het ongemak, we houden je op de hoogte!',
    },
    en: {
      default:
        "Hi {{customer.firstName | \"there\"}}, you're right, we're having an outage at the moment. Our engineers are working on it and we're doing everything we can to get it fixed fast. Sorry for the disruption, we'll post an update here as soon as we know more.",
      short:
        'Hi {{customer.firstName | "there"}}, yes, there\'s an outage right now and our engineers are on it. Sorry for the hassle, we\'ll keep you posted.',
    },
  },
  {
    code: 'storing-update',
    category: 'outage',
    tone: 'neutral',
    title: { nl: 'Update: storing duurt langer', en: 'Update: outage taking longer' },
    keywords: ['update', 'storing', 'nog steeds', 'duurt lang', 'still down', 'outage', 'update'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, de storing is helaas nog niet verholpen. We snappen dat dit heel vervelend is. Onze monteurs werken er nog steeds hard aan; de verwachting is dat alles vanavond weer werkt. We houden je op de hoogte.',
      short:
        'Hoi {{customer.firstName | "daar"}}, de storing is helaas nog niet opgelost. We werken er hard aan en verwachten dat het vanavond weer werkt.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, unfortunately the outage isn\'t fixed yet, and we know how frustrating that is. Our engineers are still working on it and we expect everything to be back up this evening. We\'ll keep you updated.',
      short:
        'Hi {{customer.firstName | "there"}}, sorry, it\'s not fixed yet. Our engineers are still on it and we expect it back this evening.',
    },
  },
  {
    code: 'opgelost',
    category: 'outage',
    tone: 'neutral',
    title: { nl: 'Storing opgelost', en: 'Outage resolved' },
    keywords: ['opgelost', 'werkt weer', 'verholpen', 'resolved', 'fixed', 'back up'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, goed nieuws: de storing is verholpen en alles zou weer moeten werken. Merk je nog iets? Herstart dan even je modem of app, en laat het ons weten als het daarna nog niet goed gaat.',
      short:
        'Hoi {{customer.firstName | "daar"}}, de storing is verholpen! Werkt het bij jou nog niet? Herstart even je modem of app en laat het ons weten.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, good news: the outage has been fixed and everything should be working again. Still having trouble? Try restarting your router or the app, and let us know if that doesn\'t do it.',
      short:
        'Hi {{customer.firstName | "there"}}, the issue\'s been fixed! Still not working for you? Restart your router or app and let us know.',
    },
  },
  {
    code: 'refund',
    category: 'refund',
    tone: 'neutral',
    title: { nl: 'Terugbetaling is in gang gezet', en: 'Refund on its way' },
    keywords: ['terugbetaling', 'geld terug', 'terugstorten', 'refund', 'money back', 'reimburse'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, ik heb de terugbetaling voor je in gang gezet. Het bedrag staat binnen 5 werkdagen op je rekening. Sorry voor het ongemak!',
      short:
        'Hoi {{customer.firstName | "daar"}}, de terugbetaling is in gang gezet. Binnen 5 werkdagen staat het geld op je rekening.',
      formal:
        'Beste {{customer.name}},\n\nIk heb de terugbetaling voor je in gang gezet. Het bedrag wordt binnen 5 werkdagen teruggestort op de rekening waarmee je hebt betaald. Excuses voor het ongemak.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, I\'ve processed your refund. You should see the money back in your account within 5 working days. Sorry for the trouble!',
      short:
        'Hi {{customer.firstName | "there"}}, your refund\'s been processed and should reach your account within 5 working days.',
      formal:
        'Dear {{customer.name}},\n\nI have processed your refund. The amount will be returned to the account you paid with within 5 working days. We apologise for the inconvenience.',
    },
  },
  {
    code: 'refund-termijn',
    category: 'refund',
    tone: 'neutral',
    title: { nl: 'Waar blijft mijn geld? (termijn)', en: 'Where is my refund? (timing)' },
    keywords: ['geld', 'nog niet terug', 'terugbetaling', 'hoe lang', 'refund', 'not received', 'how long'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, een terugbetaling duurt na goedkeuring maximaal 5 werkdagen, afhankelijk van je bank. Zie je het daarna nog niet? Stuur ons dan een DM, dan zoeken we het voor je na.',
      short:
        'Hoi {{customer.firstName | "daar"}}, een terugbetaling duurt max. 5 werkdagen, afhankelijk van je bank. Daarna nog niks? Stuur ons een DM!',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, once approved, refunds take up to 5 working days to show, depending on your bank. If it\'s still not there after that, drop us a DM and we\'ll look into it.',
      short:
        'Hi {{customer.firstName | "there"}}, refunds take up to 5 working days depending on your bank. Still nothing after that? DM us!',
    },
  },
  {
    code: 'dubbel',
    category: 'billing',
    tone: 'empathetic',
    title: { nl: 'Dubbel afgeschreven', en: 'Charged twice' },
    keywords: [
      'dubbel',
      'twee keer afgeschreven',
      'factuur',
      'rekening',
      'charged twice',
      'double charge',
      'two charges',
      'card',
      'bill',
      'invoice',
    ],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, vervelend dat er twee keer is afgeschreven! Dat zoeken we voor je uit. Stuur je ons een DM met je klantnummer en de datum van de afschrijving? Dan zorgen we dat je het teveel betaalde terugkrijgt.',
      short:
        'Hoi {{customer.firstName | "daar"}}, vervelend! Stuur je klantnummer en de datum van de afschrijving via DM? Dan krijg je het teveel betaalde terug.',
    },
    en: {
      default:
        "Hi {{customer.firstName | \"there\"}}, sorry you've been charged twice! We'll sort that out. Could you DM us your account number and the date of the payment? We'll make sure the extra amount comes back to you.",
      short:
        'Hi {{customer.firstName | "there"}}, sorry about that! DM us your account number and the payment date and we\'ll refund the double charge.',
    },
  },
  {
    code: 'dm',
    category: 'dm',
    tone: 'neutral',
    title: { nl: 'Naar DM', en: 'Move to DM' },
    keywords: ['dm', 'privé', 'persoonlijk', 'gegevens', 'private message', 'details'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, daar kijken we graag even persoonlijk naar. Stuur je ons een DM met je klantnummer? Deel je gegevens liever niet hier, dan blijven ze privé.',
      short:
        'Hoi {{customer.firstName | "daar"}}, daar kijken we graag persoonlijk naar. Stuur je ons een DM met je klantnummer?',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, we\'d like to look into this with you personally. Could you send us a DM with your account number? Please don\'t share your details here so they stay private.',
      short:
        'Hi {{customer.firstName | "there"}}, we\'d love to look into this for you. Could you DM us your account number?',
    },
  },
  {
    code: 'dm-order',
    category: 'dm',
    tone: 'neutral',
    title: { nl: 'Naar DM met ordernummer', en: 'Move to DM with order number' },
    keywords: ['dm', 'ordernummer', 'bestelling', 'order number', 'order'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, dat willen we natuurlijk voor je oplossen. Stuur je ons een DM met je ordernummer en het e-mailadres waarmee je hebt besteld? Dan kijken we direct met je mee.',
      short:
        'Hoi {{customer.firstName | "daar"}}, dat lossen we graag op! Stuur je ordernummer en e-mailadres via DM? Dan kijken we direct mee.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, we\'ll get this sorted for you. Can you DM us your order number and the e-mail address you ordered with? We\'ll take a look straight away.',
      short:
        'Hi {{customer.firstName | "there"}}, let\'s get this sorted! DM us your order number and e-mail address and we\'ll take a look.',
    },
  },
  {
    code: 'dm-check',
    category: 'dm',
    tone: 'neutral',
    title: { nl: 'We hebben je een DM gestuurd', en: "We've sent you a DM" },
    keywords: ['dm', 'bericht gestuurd', 'privébericht', 'sent you a dm', 'inbox'],
    whatsapp: 'followup_dm',
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, we hebben je een privébericht gestuurd. Kijk je even in je inbox?',
      short: 'Hoi {{customer.firstName | "daar"}}, we hebben je een DM gestuurd. Kijk je even?',
      whatsapp:
        'Hoi {{customer.firstName | "daar"}}, we hebben nog een vraag over je melding bij {{brand.name}}. Reageer op dit bericht, dan helpen we je verder.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, we\'ve sent you a private message. Could you check your inbox?',
      short: 'Hi {{customer.firstName | "there"}}, we\'ve sent you a DM, could you take a look?',
      whatsapp:
        'Hi {{customer.firstName | "there"}}, we have a follow-up question about your request with {{brand.name}}. Reply to this message and we will help you further.',
    },
  },
  {
    code: 'bedankt',
    category: 'thanks',
    tone: 'cheerful',
    title: { nl: 'Bedankt voor het compliment', en: 'Thanks for the kind words' },
    keywords: [
      'compliment',
      'top',
      'super',
      'blij',
      'tevreden',
      'dank jullie',
      'thanks',
      'great',
      'happy',
      'love',
      'amazing',
    ],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, wat leuk om te lezen! Dank je wel, we geven het compliment door aan het team. 😊',
      short: 'Wat leuk, {{customer.firstName | "dank je"}}! We geven het compliment door aan het team 😊',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, that\'s so nice to hear! Thank you, we\'ll pass your kind words on to the team. 😊',
      short: 'Aw, thanks {{customer.firstName | "so much"}}! We\'ll pass that on to the team 😊',
    },
  },
  {
    code: 'feedback',
    category: 'thanks',
    tone: 'neutral',
    title: { nl: 'Bedankt voor je feedback of idee', en: 'Thanks for the feedback or idea' },
    keywords: ['feedback', 'idee', 'suggestie', 'tip', 'idea', 'suggestion'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, dank je voor je tip! Ik heb je idee doorgestuurd naar het team dat hierover gaat. We kunnen niets beloven, maar ze lezen alles.',
      short:
        'Dank je voor de tip, {{customer.firstName | "echt"}}! Ik heb je idee doorgezet naar het team dat erover gaat.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, thanks for the suggestion! I\'ve passed your idea on to the team that looks after this. We can\'t promise anything, but they read every one.',
      short: 'Thanks for the idea, {{customer.firstName | "really"}}! I\'ve passed it on to the team.',
    },
  },
  {
    code: 'review-blij',
    category: 'review',
    tone: 'cheerful',
    title: { nl: 'Reactie op positieve review', en: 'Reply to a positive review' },
    keywords: ['review', 'sterren', 'positief', 'recensie', 'stars', 'positive'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, wat fijn dat je zo tevreden bent! Bedankt dat je de tijd nam om een review te schrijven. We zien je graag snel weer.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, we\'re so glad you had a great experience! Thanks for taking the time to leave a review. We hope to see you again soon.',
    },
  },
  {
    code: 'review-sorry',
    category: 'review',
    tone: 'empathetic',
    title: { nl: 'Reactie op negatieve review', en: 'Reply to a negative review' },
    keywords: ['review', 'slecht', 'teleurgesteld', 'ster', 'negative review', 'disappointed', 'one star'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, wat jammer dat je ervaring niet goed was, en dank je dat je het eerlijk laat weten. We willen graag begrijpen wat er misging en het rechtzetten. Wil je ons mailen via de klantenservice onder vermelding van deze review? Dan nemen we persoonlijk contact met je op.',
    },
    en: {
      default:
        "Hi {{customer.firstName | \"there\"}}, we're sorry your experience fell short, and thank you for telling us honestly. We'd like to understand what went wrong and put it right. Could you e-mail our customer service team and mention this review? We'll get back to you personally.",
    },
  },
  {
    code: 'review-mix',
    category: 'review',
    tone: 'neutral',
    title: { nl: 'Reactie op gemengde review', en: 'Reply to a mixed review' },
    keywords: ['review', 'gemengd', 'verbeterpunt', 'mixed', 'improve'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, bedankt voor je review! Fijn dat veel goed ging, en goed dat je ook laat weten wat beter kan. We nemen je punten mee in ons team.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, thanks for your review! Glad a lot of it went well, and thanks for telling us what we can do better. We\'ll take your points on board.',
    },
  },
  {
    code: 'crisis',
    category: 'crisis',
    tone: 'formal',
    title: { nl: 'Crisis: eerste reactie (holding statement)', en: 'Crisis: holding line' },
    keywords: ['crisis', 'holding', 'we zoeken het uit', 'onderzoek', 'statement', 'investigating'],
    nl: {
      default:
        'We weten van de berichten hierover en nemen dit zeer serieus. We zoeken op dit moment uit wat er precies is gebeurd. Zodra we meer weten, delen we dat hier. Dank voor je geduld.',
      short:
        'We weten ervan en nemen dit zeer serieus. We zoeken uit wat er is gebeurd en delen hier meer zodra we het weten.',
      formal:
        'Beste {{customer.name}},\n\nWe zijn op de hoogte van de berichten hierover en nemen dit zeer serieus. Op dit moment zoeken we uit wat er precies is gebeurd. Zodra we meer weten, informeren we je. Dank voor je geduld.',
    },
    en: {
      default:
        "We're aware of the reports about this and are taking it very seriously. We're investigating what happened right now and will share more here as soon as we can. Thank you for your patience.",
      short:
        "We're aware of this and taking it very seriously. We're looking into what happened and will share more here as soon as we can.",
      formal:
        'Dear {{customer.name}},\n\nWe are aware of the reports about this and are taking them very seriously. We are currently investigating what happened and will update you as soon as we know more. Thank you for your patience.',
    },
  },
  {
    code: 'crisis-update',
    category: 'crisis',
    tone: 'formal',
    title: { nl: 'Crisis: update', en: 'Crisis: update' },
    keywords: ['crisis', 'update', 'verklaring', 'website', 'statement', 'update'],
    nl: {
      default:
        'Een update: we hebben uitgezocht wat er is gebeurd en hebben maatregelen genomen. Alle informatie en wat dit voor jou betekent, vind je op onze website. Heb je nog vragen? Stuur ons een DM.',
      short:
        'Update: we weten wat er is gebeurd en hebben maatregelen genomen. Alles over wat dit voor jou betekent staat op onze website.',
    },
    en: {
      default:
        "An update: we've found out what happened and have taken action. You'll find all the details, and what it means for you, on our website. Any questions? Send us a DM.",
      short:
        'Update: we know what happened and have taken action. Details, and what it means for you, are on our website.',
    },
  },
  {
    code: 'veiligheid',
    category: 'crisis',
    tone: 'formal',
    title: { nl: 'Veiligheid of gezondheid: direct contact', en: 'Safety or health: contact now' },
    keywords: [
      'veiligheid',
      'gevaarlijk',
      'ziek',
      'allergie',
      'brand',
      'safety',
      'dangerous',
      'ill',
      'allergic',
    ],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, dit nemen we heel serieus. Gebruik het product voorlopig niet. Stuur je ons direct een DM met je telefoonnummer? Dan belt een collega van ons kwaliteitsteam je vandaag nog.',
      short:
        'Hoi {{customer.firstName | "daar"}}, dit nemen we heel serieus. Gebruik het product niet en stuur ons je telefoonnummer via DM, we bellen je vandaag.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, we take this very seriously. Please stop using the product for now. Could you DM us your phone number? Someone from our quality team will call you today.',
      short:
        'Hi {{customer.firstName | "there"}}, we take this very seriously. Please stop using it and DM us your number, we\'ll call you today.',
    },
  },
  {
    code: 'doorgezet',
    category: 'info',
    tone: 'neutral',
    title: { nl: 'Doorgezet naar een specialist', en: 'Passed to a specialist' },
    keywords: ['doorgezet', 'specialist', 'collega', 'afdeling', 'escalate', 'specialist', 'team'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, ik heb je vraag doorgezet naar een specialist van ons team. Die neemt binnen twee werkdagen contact met je op. Je hoeft zelf niets te doen.',
      short:
        'Hoi {{customer.firstName | "daar"}}, ik heb je vraag doorgezet naar een specialist. Je hoort binnen twee werkdagen van ons!',
      formal:
        'Beste {{customer.name}},\n\nIk heb je vraag doorgezet naar een specialist. Die neemt binnen twee werkdagen contact met je op. Je hoeft zelf niets te doen.',
    },
    en: {
      default:
        "Hi {{customer.firstName | \"there\"}}, I've passed your question on to one of our specialists. They'll be in touch within two working days, and there's nothing you need to do in the meantime.",
      short:
        'Hi {{customer.firstName | "there"}}, I\'ve passed this to a specialist. You\'ll hear from us within two working days!',
      formal:
        'Dear {{customer.name}},\n\nI have passed your question on to one of our specialists, who will contact you within two working days. There is nothing you need to do in the meantime.',
    },
  },
  {
    code: 'meer-info',
    category: 'info',
    tone: 'neutral',
    title: { nl: 'Meer informatie nodig', en: 'Need more information' },
    keywords: ['informatie', 'screenshot', 'foutmelding', 'details', 'more info', 'error message'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, ik help je graag verder! Kun je iets meer vertellen? Bijvoorbeeld welke foutmelding je ziet, of een screenshot sturen? Dan kan ik gerichter zoeken.',
      short:
        'Hoi {{customer.firstName | "daar"}}, ik help je graag! Welke foutmelding zie je? Een screenshot helpt ook.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, happy to help! Could you tell me a bit more, for example which error message you see, or send a screenshot? That\'ll help me narrow it down.',
      short:
        'Hi {{customer.firstName | "there"}}, happy to help! Which error do you see? A screenshot helps too.',
    },
  },
  {
    code: 'contact',
    category: 'info',
    tone: 'neutral',
    title: { nl: 'Contact en openingstijden', en: 'Contact and opening hours' },
    keywords: ['bellen', 'telefoon', 'openingstijden', 'bereikbaar', 'call', 'phone', 'opening hours'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, onze klantenservice is op werkdagen bereikbaar van 8.00 tot 20.00 uur en op zaterdag van 9.00 tot 17.00 uur. Hier via DM helpen we je ook graag, zeven dagen per week.',
      short:
        'Hoi {{customer.firstName | "daar"}}, bellen kan op werkdagen van 8-20 uur en za van 9-17 uur. Via DM helpen we je 7 dagen per week!',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, our customer service team is available on weekdays from 8am to 8pm and on Saturdays from 9am to 5pm. You can also DM us here, seven days a week.',
      short:
        'Hi {{customer.firstName | "there"}}, you can call us weekdays 8am-8pm and Sat 9am-5pm, or DM us here 7 days a week!',
    },
  },
  {
    code: 'privacy',
    category: 'dm',
    tone: 'neutral',
    title: { nl: 'Deel geen gegevens openbaar', en: "Don't share details in public" },
    keywords: ['privacy', 'gegevens', 'openbaar', 'verwijderen', 'personal data', 'public', 'delete'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, voor je eigen privacy: haal je bericht met je gegevens liever weg? Stuur ze ons via een DM, dan helpen we je daar verder.',
      short:
        'Hoi {{customer.firstName | "daar"}}, haal je bericht met je gegevens liever weg en stuur ze via DM? Dan helpen we je daar verder.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, for your own privacy, could you delete the post with your details? Send them to us by DM instead and we\'ll help you from there.',
      short:
        'Hi {{customer.firstName | "there"}}, for your privacy, please delete that post and DM us your details instead. We\'ll help from there.',
    },
  },
  {
    code: 'niet-wij',
    category: 'info',
    tone: 'neutral',
    title: { nl: 'Niet van ons (andere partij)', en: 'Not us (another company)' },
    keywords: ['andere partij', 'niet van ons', 'verkoper', 'marketplace', 'third party', 'seller', 'not us'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, vervelend! Deze bestelling loopt via een andere verkoper, dus daar kunnen wij helaas niet in kijken. De verkoper kan je het snelst helpen; hun contactgegevens staan in je orderbevestiging.',
      short:
        'Hoi {{customer.firstName | "daar"}}, deze bestelling loopt via een andere verkoper. Hun contactgegevens staan in je orderbevestiging.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, sorry about that! This order was placed with another seller, so unfortunately we can\'t see it. The seller can help you fastest; their contact details are in your order confirmation.',
      short:
        'Hi {{customer.firstName | "there"}}, this order\'s with another seller. Their contact details are in your order confirmation.',
    },
  },
  {
    code: 'klacht',
    category: 'apology',
    tone: 'formal',
    title: { nl: 'Formele klacht ontvangen', en: 'Formal complaint received' },
    keywords: ['klacht', 'formeel', 'klachtenprocedure', 'complaint', 'formal', 'procedure'],
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, we hebben je klacht goed ontvangen en nemen hem serieus. Een collega van het klachtenteam neemt binnen vijf werkdagen contact met je op.',
      formal:
        'Beste {{customer.name}},\n\nWe hebben je klacht in goede orde ontvangen onder nummer {{conversation.id}}. We nemen die serieus: een collega van ons klachtenteam neemt binnen vijf werkdagen contact met je op. Mocht je in de tussentijd nog iets willen aanvullen, dan kun je op deze mail reageren.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, we\'ve received your complaint and we take it seriously. Someone from our complaints team will contact you within five working days.',
      formal:
        'Dear {{customer.name}},\n\nWe have received your complaint, reference {{conversation.id}}, and we take it seriously. A member of our complaints team will contact you within five working days. If you would like to add anything in the meantime, simply reply to this e-mail.',
    },
  },
  {
    code: 'terugbellen',
    category: 'info',
    tone: 'neutral',
    title: { nl: 'We bellen je terug', en: "We'll call you back" },
    keywords: ['terugbellen', 'bellen', 'afspraak', 'call back', 'callback', 'phone'],
    whatsapp: 'callback_planned',
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, ik heb een terugbelverzoek voor je ingepland. Een collega belt je morgen tussen 9.00 en 12.00 uur. Past dat niet? Laat het even weten.',
      whatsapp:
        'Hoi {{customer.firstName | "daar"}}, zoals afgesproken belt {{brand.name}} je terug. Past het moment niet? Reageer op dit bericht, dan plannen we het opnieuw.',
    },
    en: {
      default:
        'Hi {{customer.firstName | "there"}}, I\'ve booked a call back for you. One of my colleagues will ring you tomorrow between 9am and 12pm. If that doesn\'t suit, just let me know.',
      whatsapp:
        'Hi {{customer.firstName | "there"}}, as agreed, {{brand.name}} will call you back. If the time does not suit you, reply to this message and we will reschedule.',
    },
  },
  {
    code: 'geen-reactie',
    category: 'closing',
    tone: 'neutral',
    title: { nl: 'Geen reactie meer, we sluiten af', en: 'No reply, closing' },
    keywords: ['geen reactie', 'afsluiten', 'sluiten', 'no reply', 'closing'],
    whatsapp: 'closing_no_reply',
    nl: {
      default:
        'Hoi {{customer.firstName | "daar"}}, we hebben een tijdje niets van je gehoord, dus we gaan ervan uit dat het gelukt is. Toch nog hulp nodig? Stuur ons gerust weer een bericht.',
      short:
        'Hoi {{customer.firstName | "daar"}}, we hebben niets meer gehoord, dus we gaan ervan uit dat het gelukt is. Toch nog hulp nodig? Laat het weten!',
      whatsapp:
        'Hoi {{customer.firstName | "daar"}}, we hebben een tijdje niets van je gehoord en sluiten je vraag bij {{brand.name}} af. Toch nog hulp nodig? Reageer op dit bericht.',
    },
    en: {
      default:
        "Hi {{customer.firstName | \"there\"}}, we haven't heard back from you for a while, so we'll assume it's sorted. Still need help? Just send us another message.",
      short:
        "Hi {{customer.firstName | \"there\"}}, we haven't heard back so we'll assume it's sorted. Still need help? Just let us know!",
      whatsapp:
        'Hi {{customer.firstName | "there"}}, we have not heard from you for a while, so we are closing your request with {{brand.name}}. Still need help? Reply to this message.',
    },
  },
  {
    code: 'afsluiten',
    category: 'closing',
    tone: 'cheerful',
    title: { nl: 'Fijn dat het gelukt is', en: 'Glad it worked out' },
    keywords: ['gelukt', 'opgelost', 'fijn', 'afsluiten', 'sorted', 'glad', 'closing'],
    nl: {
      default:
        'Fijn dat het gelukt is, {{customer.firstName | "en bedankt voor je geduld"}}! Mocht er nog iets zijn, dan weet je ons te vinden. Fijne dag!',
      short: 'Top dat het gelukt is! Als er nog iets is, weet je ons te vinden. Fijne dag!',
    },
    en: {
      default:
        'Great to hear it\'s sorted, {{customer.firstName | "and thanks for bearing with us"}}! If there\'s anything else, you know where to find us. Have a lovely day!',
      short: "Glad that's sorted! If there's anything else, you know where we are. Have a great day!",
    },
  },
];

/** Builds the starter templates (pure; `now` stamps createdAt/updatedAt). */
export function starterTemplates(now: number): Template[] {
  return SPECS.map((spec) => {
    const variants: TemplateVariant[] = [];
    for (const lang of ['nl', 'en'] as const) {
      for (const [style, body] of Object.entries(spec[lang]) as Array<[VariantStyle, string]>) {
        const variant: TemplateVariant = { lang, style, body };
        if (style === 'whatsapp')
          variant.whatsapp = {
            name: spec.whatsapp ?? spec.code.replace(/-/g, '_'),
            language: lang === 'nl' ? 'nl' : 'en',
          };
        variants.push(variant);
      }
    }
    return {
      id: `starter-${spec.code}`,
      shortCode: spec.code,
      title: spec.title,
      category: spec.category,
      tone: spec.tone,
      keywords: spec.keywords,
      variants,
      owner: 'starter',
      usageCount: 0,
      lastUsedAt: null,
      createdAt: now,
      updatedAt: now,
    };
  });
}
