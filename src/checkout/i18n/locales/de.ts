import type { BillingInterval } from '../../api/CheckoutApi';
import { formatLengths } from '../../format/formatLengths';
import { createPlural } from '../createPlural';
import type { PluralForms } from '../createPlural';
import type { Count, FormExtrasMessages, Messages } from '../messages';

// Formal "Sie", as German checkouts address their customers.
const intervalNames: Record<BillingInterval, string> = { day: 'Tag', week: 'Woche', month: 'Monat', year: 'Jahr' };
const everyInterval: Record<BillingInterval, string> = { day: 'jeden Tag', week: 'jede Woche', month: 'jeden Monat', year: 'jedes Jahr' };
const plural = createPlural('de');
const intervalForms: Record<BillingInterval, PluralForms> = {
  day: { one: 'Tag', other: 'Tage' },
  week: { one: 'Woche', other: 'Wochen' },
  month: { one: 'Monat', other: 'Monate' },
  year: { one: 'Jahr', other: 'Jahre' },
};
/** A period of several intervals: "alle 3 Monate". */
const everyPeriod = (interval: BillingInterval, count: Count) => `alle ${count.text} ${plural(count, intervalForms[interval])}`;
const perPeriod = (interval: BillingInterval, count: Count) =>
  count.value === 1 ? `pro ${intervalNames[interval]}` : everyPeriod(interval, count);
const credits = (count: Count) => `${count.text} ${plural(count, { one: 'Credit', other: 'Credits' })}`;
const seats = (count: Count) => `${count.text} ${plural(count, { one: 'Nutzerlizenz', other: 'Nutzerlizenzen' })}`;
const tryAnotherCard = 'Bitte versuchen Sie es mit einer anderen Karte.';
const checkConnection = 'Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.';
const startAgain = 'Beginnen Sie bitte erneut auf der Website des Händlers.';

export const messages: Messages & FormExtrasMessages = {
  documentTitle: (merchantName) => (merchantName ? `Bezahlung – ${merchantName}` : 'Bezahlung'),
  loading: 'Bezahlvorgang wird geladen …',
  checkoutEyebrow: 'Bezahlung',
  signedInAs: (name, maskedEmail) => `Angemeldet als ${name} · ${maskedEmail}`,
  pricePerInterval: (price, interval, count) => `${price} ${perPeriod(interval, count)}`,
  includedCredits: (count) => `Enthält ${credits(count)}`,
  seatsTimesPrice: (count, unitPrice) => `${seats(count)} × ${unitPrice}`,
  bundleCredits: credits,
  firstPayment: (amount) => `Erste Zahlung: ${amount}, danach der Preis des Tarifs`,
  term: { starts: (date) => `Beginnt am ${date}: Heute wird nichts abgebucht`, ends: (date) => `Endet am ${date}` },
  fields: {
    email: 'E-Mail-Adresse',
    name: 'Vollständiger Name',
    cardNumber: 'Kartennummer',
    expiry: 'Ablaufdatum (MM/JJ)',
    cvc: 'Sicherheitscode',
    country: 'Land',
  },
  placeholders: { cardNumber: '1234 1234 1234 1234', expiry: 'MM/JJ', cvc: 'CVC', country: 'Land auswählen' },
  emailLocked: (merchantName) => `${merchantName} hat diese E-Mail-Adresse für Sie festgelegt.`,
  cardBrands: { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', diners: 'Diners Club', jcb: 'JCB', unionpay: 'UnionPay' },
  errors: {
    emailInvalid: 'Geben Sie eine E-Mail-Adresse wie name@example.com ein.',
    nameRequired: 'Geben Sie Ihren vollständigen Namen ein.',
    cardNumberInvalid: 'Geben Sie eine Kartennummer mit 13 bis 19 Ziffern ein.',
    expiryInvalid: 'Geben Sie das Ablaufdatum im Format MM/JJ ein.',
    expiryInPast: 'Diese Karte ist abgelaufen.',
    cvcInvalid: 'Geben Sie den drei- oder vierstelligen Sicherheitscode ein.',
    countryRequired: 'Wählen Sie Ihr Land aus.',
    cardNumberLength: (brand, lengths) => `Kartennummern von ${brand} haben ${formatLengths(lengths, 'de')} Ziffern.`,
    cardNumberMistyped: 'Diese Kartennummer ist ungültig. Bitte prüfen Sie sie auf Tippfehler.',
    cvcLength: (digits) => `Geben Sie den ${digits}-stelligen Sicherheitscode ein.`,
    expiryTooFar: 'Prüfen Sie das Ablaufjahr: Es liegt zu weit in der Zukunft.',
    cardDetailsIncomplete: 'Vervollständigen Sie Ihre Kartendaten.',
  },
  payButton: (amount) => `${amount} bezahlen`,
  paymentUnreachable: `Der Zahlungsdienst ist nicht erreichbar. ${checkConnection}`,
  breakdown: {
    label: 'Preisdetails',
    subtotal: 'Zwischensumme',
    discount: (description) => `Rabatt (${description})`,
    tax: 'Steuern',
    totalDueToday: 'Heute fällig',
    thenOn: (amount, date) => `Danach ${amount} am ${date}`,
    explain: 'Wie wird das berechnet?',
    explanationHeading: 'So setzt sich Ihr Gesamtbetrag zusammen',
    describeDiscount: (off, payments) =>
      `${off} auf ${payments ? plural(payments, { one: 'die erste Zahlung', other: `die ersten ${payments.text} Zahlungen` }) : 'jede Zahlung'}`,
  },
  explanation: {
    subtotalSeats: (count, unitPrice, subtotal) => `Zwischensumme: ${seats(count)} × ${unitPrice} pro Nutzerlizenz = ${subtotal}.`,
    subtotalPlan: (planName, price, interval, count) => `Zwischensumme: ${planName} für ${price} ${perPeriod(interval, count)}.`,
    subtotalBundle: (bundleName, price) => `Zwischensumme: ${bundleName}, ein einmaliger Kauf für ${price}.`,
    subtotalCustom: (amount) => `Zwischensumme: ${amount}, ein eigens festgelegter Preis nur für diese erste Zahlung; danach gilt der Preis des Tarifs.`,
    discountOnce: (code, amount) => `Rabatt: Der Code ${code} zieht ${amount} nur von dieser ersten Zahlung ab.`,
    discountForever: (code, amount) => `Rabatt: Der Code ${code} zieht heute ${amount} ab und gilt auch für jede Verlängerung.`,
    discountRepeating: (code, amount, payments) => `Rabatt: Der Code ${code} zieht ${amount} von jeder der ersten ${payments.text} Zahlungen ab, beginnend mit heute.`,
    taxIncluded: (amount, rate, taxName) =>
      rate ? `Steuern: Der Preis enthält bereits ${rate} ${taxName ?? 'Steuern'}, also ${amount}.` : `Steuern: Der Preis enthält bereits ${amount} Steuern.`,
    taxAdded: (amount, rate, taxName) =>
      rate ? `Steuern: ${rate} ${taxName ?? 'Steuern'} kommen hinzu, also ${amount}.` : `Steuern: ${amount} kommen hinzu.`,
    total: (amount) => `Heute fällig: ${amount}.`,
    firstCharge: (amount, date) => `Erste Abbuchung: ${amount} am ${date}, wenn das Abonnement beginnt.`,
    termEnds: (date) => `Das Abonnement endet am ${date}.`,
    next: (amount, date, interval, count) =>
      `Nächste Abbuchung: ${amount} am ${date}, danach ${count.value === 1 ? everyInterval[interval] : everyPeriod(interval, count)}.`,
  },
  creditBalance: { now: 'Aktuelles Guthaben', after: 'Guthaben nach dem Kauf' },
  savedCard: {
    payWith: (last4) => `Mit •••• ${last4} bezahlen`,
    useAnotherCard: 'Andere Karte verwenden',
    useSavedCard: (last4) => `Gespeicherte Karte •••• ${last4} verwenden`,
  },
  declines: {
    card_declined: `Ihre Karte wurde abgelehnt. ${tryAnotherCard}`,
    insufficient_funds: `Ihre Karte ist nicht ausreichend gedeckt. ${tryAnotherCard}`,
    expired_card: `Ihre Karte ist abgelaufen. ${tryAnotherCard}`,
    authentication_required: 'Ihre Bank hat Sie gebeten, diese Zahlung zu bestätigen, und sie wurde nicht bestätigt. Versuchen Sie es erneut oder verwenden Sie eine andere Karte.',
    test_mode_live_card: 'Dies ist eine Testkarte, und dieser Checkout nimmt echte Zahlungen an. Bitte verwenden Sie eine echte Karte.',
    live_payments_unavailable: 'Kartenzahlungen sind für diesen Checkout noch nicht verfügbar. Ihnen wurde nichts berechnet.',
  },
  promotion: {
    label: 'Gutscheincode',
    apply: 'Einlösen',
    remove: 'Entfernen',
    applied: (code) => `Gutscheincode ${code} eingelöst`,
    notApplicable: (code) => `Der Gutscheincode ${code} gilt nicht für diesen Tarif.`,
    empty: 'Geben Sie einen Gutscheincode ein.',
  },
  seats: {
    label: 'Nutzerlizenzen',
    fewer: 'Eine Nutzerlizenz entfernen',
    more: 'Eine Nutzerlizenz hinzufügen',
    range: (min, max) => `Zwischen ${min.text} und ${seats(max)}`,
  },
  plans: { legend: 'Tarif', option: (name, price) => `${name} · ${price}` },
  updateFailed: `Der Bezahlvorgang konnte nicht aktualisiert werden. ${checkConnection}`,
  processing: 'Wird verarbeitet …',
  challenge: 'Zahlung bei Ihrer Bank bestätigen',
  confirming: 'Ihre Zahlung wird bestätigt. Das kann einige Sekunden dauern; bitte lassen Sie diese Seite geöffnet.',
  secureNote: 'Ihre Kartendaten werden verschlüsselt übertragen und niemals an den Händler weitergegeben.',
  cancelAndReturn: (merchantName) => `Abbrechen und zurück zu ${merchantName}`,
  returnTo: (merchantName) => `Zurück zu ${merchantName}`,
  success: {
    heading: 'Zahlung erfolgreich',
    subscription: (planName, price) => `Sie haben ${planName} für ${price} abonniert.`,
    subscriptionStarting: (planName, date) => `Sie haben ${planName} ab dem ${date} abonniert.`,
    creditBundle: (bundleName, count) =>
      `${bundleName}: ${credits(count)} ${plural(count, { one: 'wurde', other: 'wurden' })} Ihrem Konto gutgeschrieben.`,
    nextCharge: (amount, date) => `Die nächste Abbuchung über ${amount} erfolgt am ${date}.`,
    done: 'Fertig',
    returning: (merchantName) => `Sie werden zu ${merchantName} zurückgeleitet …`,
  },
  screens: {
    notFramed: {
      heading: 'Öffnen Sie diese Bezahlseite über die Website des Händlers',
      body: 'Diese Seite funktioniert nur eingebettet in die Website des Händlers. Kehren Sie zu dessen Website zurück, um fortzufahren.',
    },
    expired: {
      heading: 'Dieser Bezahlvorgang ist abgelaufen',
      body: `Dieser Bezahlvorgang ist abgelaufen. ${startAgain}`,
    },
    completed: {
      heading: 'Dieser Bezahlvorgang ist bereits abgeschlossen',
      body: 'Dieser Bezahlvorgang ist bereits abgeschlossen. Es wurde Ihnen nichts erneut berechnet.',
    },
    notFound: {
      heading: 'Bezahlvorgang nicht gefunden',
      body: `Dieser Bezahlvorgang wurde nicht gefunden. ${startAgain}`,
    },
    unreachable: {
      heading: 'Der Bezahlvorgang konnte nicht geladen werden',
      body: checkConnection,
    },
    unavailable: {
      heading: 'Dieser Bezahlvorgang ist nicht verfügbar',
      body: `Mit dieser Bezahlseite stimmt etwas nicht. ${startAgain}`,
    },
  },
  retry: 'Erneut versuchen',
  serverErrors: {
    email_locked: 'Diese E-Mail-Adresse wurde vom Händler festgelegt und kann nicht geändert werden.',
    promotion_code_not_found: 'Diesen Gutscheincode gibt es nicht. Bitte prüfen Sie ihn auf Tippfehler.',
    promotion_code_expired: 'Dieser Gutscheincode ist abgelaufen.',
    promotion_code_exhausted: 'Dieser Gutscheincode wurde bereits vollständig eingelöst.',
    total_changed: 'Der Gesamtbetrag hat sich geändert, seit Sie den Checkout geöffnet haben. Es wurde nichts abgebucht: Prüfen Sie den neuen Betrag und zahlen Sie erneut.',
    promotion_code_not_applicable: 'Dieser Gutscheincode gilt nicht für diesen Tarif.',
    promotion_codes_not_allowed: 'Bei diesem Bezahlvorgang können keine Gutscheincodes eingelöst werden.',
    already_subscribed: 'Sie haben diesen Tarif bereits abonniert.',
    subscription_required: 'Für Credit-Pakete brauchen Sie ein aktives Abonnement des zugehörigen Tarifs.',
  },
  closeCheckout: 'Checkout schließen',
};
