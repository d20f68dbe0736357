import type { BillingInterval } from '../../api/CheckoutApi';
import { formatLengths } from '../../format/formatLengths';
import { createPlural } from '../createPlural';
import type { PluralForms } from '../createPlural';
import type { Count, FormExtrasMessages, Messages } from '../messages';

// French typography puts a no-break space before a colon; "\u00a0" keeps it from starting a line.
const intervalNames: Record<BillingInterval, string> = { day: 'jour', week: 'semaine', month: 'mois', year: 'an' };
const plural = createPlural('fr');
const intervalForms: Record<BillingInterval, PluralForms> = {
  day: { one: 'jour', other: 'jours' },
  week: { one: 'semaine', other: 'semaines' },
  month: { one: 'mois', other: 'mois' },
  year: { one: 'an', other: 'ans' },
};
/** A period of several intervals: "tous les 3 mois", "toutes les 2 semaines". */
const everyPeriod = (interval: BillingInterval, count: Count) =>
  `${interval === 'week' ? 'toutes' : 'tous'} les ${count.text} ${plural(count, intervalForms[interval])}`;
const perPeriod = (interval: BillingInterval, count: Count) =>
  count.value === 1 ? `par ${intervalNames[interval]}` : everyPeriod(interval, count);
const credits = (count: Count) => `${count.text} ${plural(count, { one: 'crédit', many: 'de crédits', other: 'crédits' })}`;
const seats = (count: Count) => `${count.text} ${plural(count, { one: 'licence', many: 'de licences', other: 'licences' })}`;
const tryAnotherCard = 'Essayez avec une autre carte.';
const checkConnection = 'Vérifiez votre connexion et réessayez.';
const startAgain = 'Recommencez depuis le site du marchand.';

export const messages: Messages & FormExtrasMessages = {
  documentTitle: (merchantName) => (merchantName ? `Paiement – ${merchantName}` : 'Paiement'),
  loading: 'Chargement du paiement…',
  checkoutEyebrow: 'Paiement',
  signedInAs: (name, maskedEmail) => `Connecté en tant que ${name} · ${maskedEmail}`,
  pricePerInterval: (price, interval, count) => `${price} ${perPeriod(interval, count)}`,
  includedCredits: (count) => `${credits(count)} inclus`,
  seatsTimesPrice: (count, unitPrice) => `${seats(count)} × ${unitPrice}`,
  bundleCredits: credits,
  firstPayment: (amount) => `Premier paiement\u00a0: ${amount}, puis le prix de la formule`,
  term: { starts: (date) => `Commence le ${date}\u00a0: rien n’est prélevé aujourd’hui`, ends: (date) => `Se termine le ${date}` },
  fields: {
    email: 'Adresse e-mail',
    name: 'Nom complet',
    cardNumber: 'Numéro de carte',
    expiry: 'Date d’expiration (MM/AA)',
    cvc: 'Code de sécurité',
    country: 'Pays',
  },
  placeholders: { cardNumber: '1234 1234 1234 1234', expiry: 'MM/AA', cvc: 'CVC', country: 'Choisissez votre pays' },
  emailLocked: (merchantName) => `${merchantName} a défini cette adresse e-mail pour vous.`,
  cardBrands: { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', diners: 'Diners Club', jcb: 'JCB', unionpay: 'UnionPay' },
  errors: {
    emailInvalid: 'Saisissez une adresse e-mail du type nom@example.com.',
    nameRequired: 'Saisissez votre nom complet.',
    cardNumberInvalid: 'Saisissez un numéro de carte de 13 à 19 chiffres.',
    expiryInvalid: 'Saisissez la date d’expiration au format MM/AA.',
    expiryInPast: 'Cette carte a expiré.',
    cvcInvalid: 'Saisissez le code de sécurité à 3 ou 4 chiffres.',
    countryRequired: 'Choisissez votre pays.',
    cardNumberLength: (brand, lengths) => `Les numéros de carte ${brand} comportent ${formatLengths(lengths, 'fr')} chiffres.`,
    cardNumberMistyped: 'Ce numéro de carte n’est pas valide. Vérifiez qu’il ne contient pas de faute de frappe.',
    cvcLength: (digits) => `Saisissez le code de sécurité à ${digits} chiffres.`,
    expiryTooFar: 'Vérifiez l’année d’expiration\u00a0: elle est trop éloignée dans le futur.',
    cardDetailsIncomplete: 'Complétez les informations de votre carte.',
  },
  payButton: (amount) => `Payer ${amount}`,
  paymentUnreachable: `Impossible de joindre le service de paiement. ${checkConnection}`,
  breakdown: {
    label: 'Détail du prix',
    subtotal: 'Sous-total',
    discount: (description) => `Remise (${description})`,
    tax: 'Taxes',
    totalDueToday: 'Total dû aujourd’hui',
    thenOn: (amount, date) => `Puis ${amount} le ${date}`,
    explain: 'Comment ce montant est-il calculé\u00a0?',
    explanationHeading: 'Comment votre total est calculé',
    describeDiscount: (off, payments) =>
      `${off} sur ${payments ? plural(payments, { one: 'le premier paiement', other: `les ${payments.text} premiers paiements` }) : 'chaque paiement'}`,
  },
  explanation: {
    subtotalSeats: (count, unitPrice, subtotal) => `Sous-total\u00a0: ${seats(count)} × ${unitPrice} par licence = ${subtotal}.`,
    subtotalPlan: (planName, price, interval, count) => `Sous-total\u00a0: ${planName} à ${price} ${perPeriod(interval, count)}.`,
    subtotalBundle: (bundleName, price) => `Sous-total\u00a0: ${bundleName}, un achat unique de ${price}.`,
    subtotalCustom: (amount) => `Sous-total\u00a0: ${amount}, un prix fixé pour ce premier paiement uniquement\u00a0; les suivants sont au prix de la formule.`,
    discountOnce: (code, amount) => `Remise\u00a0: le code ${code} déduit ${amount} de ce premier paiement uniquement.`,
    discountRepeating: (code, amount, payments) =>
      `Remise\u00a0: le code ${code} déduit ${amount} de chacun des ${payments.text} premiers paiements, à commencer par celui-ci.`,
    discountForever: (code, amount) =>
      `Remise\u00a0: le code ${code} déduit ${amount} aujourd’hui et s’applique aussi à chaque renouvellement.`,
    taxIncluded: (amount, rate, taxName) =>
      rate
        ? `Taxes\u00a0: le prix inclut déjà ${rate} de ${taxName ?? 'taxes'}, soit ${amount}.`
        : `Taxes\u00a0: le prix inclut déjà ${amount} de taxes.`,
    taxAdded: (amount, rate, taxName) =>
      rate ? `Taxes\u00a0: ${rate} de ${taxName ?? 'taxes'} s’ajoutent, soit ${amount}.` : `Taxes\u00a0: ${amount} s’ajoutent au prix.`,
    total: (amount) => `Total dû aujourd’hui\u00a0: ${amount}.`,
    firstCharge: (amount, date) => `Premier prélèvement\u00a0: ${amount} le ${date}, au début de l’abonnement.`,
    termEnds: (date) => `L’abonnement se termine le ${date}.`,
    next: (amount, date, interval, count) =>
      `Prochain prélèvement\u00a0: ${amount} le ${date}, puis ${count.value === 1 ? `chaque ${intervalNames[interval]}` : everyPeriod(interval, count)}.`,
  },
  creditBalance: { now: 'Solde de crédits', after: 'Solde après l’achat' },
  savedCard: {
    payWith: (last4) => `Payer avec •••• ${last4}`,
    useAnotherCard: 'Utiliser une autre carte',
    useSavedCard: (last4) => `Utiliser la carte enregistrée •••• ${last4}`,
  },
  declines: {
    card_declined: `Votre carte a été refusée. ${tryAnotherCard}`,
    insufficient_funds: `Le solde de votre carte est insuffisant. ${tryAnotherCard}`,
    expired_card: `Votre carte a expiré. ${tryAnotherCard}`,
    authentication_required: 'Votre banque vous a demandé de confirmer ce paiement, et il n’a pas été confirmé. Réessayez ou utilisez une autre carte.',
    test_mode_live_card: 'Ceci est une carte de test, et ce paiement est réel. Utilisez une vraie carte.',
    live_payments_unavailable: 'Les paiements par carte ne sont pas encore disponibles pour ce paiement. Vous n’avez pas été débité.',
  },
  promotion: {
    label: 'Code promo',
    apply: 'Appliquer',
    remove: 'Retirer',
    applied: (code) => `Code ${code} appliqué`,
    notApplicable: (code) => `Le code ${code} ne s’applique pas à cette formule.`,
    empty: 'Saisissez un code promo.',
  },
  seats: {
    label: 'Licences',
    fewer: 'Retirer une licence',
    more: 'Ajouter une licence',
    range: (min, max) => `De ${min.text} à ${seats(max)}`,
  },
  plans: { legend: 'Formule', option: (name, price) => `${name} · ${price}` },
  updateFailed: `Impossible de mettre à jour le paiement. ${checkConnection}`,
  processing: 'Traitement en cours…',
  challenge: 'Confirmez le paiement auprès de votre banque',
  confirming: 'Votre paiement est en cours de confirmation. Cela peut prendre quelques secondes ; gardez cette page ouverte.',
  secureNote: 'Vos données de carte sont transmises de manière sécurisée et ne sont jamais communiquées au marchand.',
  cancelAndReturn: (merchantName) => `Annuler et revenir sur ${merchantName}`,
  returnTo: (merchantName) => `Revenir sur ${merchantName}`,
  success: {
    heading: 'Paiement réussi',
    subscription: (planName, price) => `Votre abonnement ${planName} à ${price} est activé.`,
    subscriptionStarting: (planName, date) => `Votre abonnement ${planName} commencera le ${date}.`,
    creditBundle: (bundleName, count) =>
      `${bundleName}\u00a0: ${credits(count)} ${plural(count, { one: 'a été ajouté', other: 'ont été ajoutés' })} à votre compte.`,
    nextCharge: (amount, date) => `Votre prochain prélèvement de ${amount} aura lieu le ${date}.`,
    done: 'Terminé',
    returning: (merchantName) => `Retour vers ${merchantName}…`,
  },
  screens: {
    notFramed: {
      heading: 'Ouvrez ce paiement depuis le site du marchand',
      body: 'Cette page ne fonctionne qu’intégrée au site du marchand. Retournez sur son site pour continuer.',
    },
    expired: {
      heading: 'Ce paiement a expiré',
      body: `Cette session de paiement a expiré. ${startAgain}`,
    },
    completed: {
      heading: 'Ce paiement est déjà finalisé',
      body: 'Ce paiement est déjà finalisé. Aucun montant ne vous a été débité une seconde fois.',
    },
    notFound: {
      heading: 'Paiement introuvable',
      body: `Nous n’avons pas trouvé ce paiement. ${startAgain}`,
    },
    unreachable: {
      heading: 'Impossible de charger le paiement',
      body: checkConnection,
    },
    unavailable: {
      heading: 'Ce paiement n’est pas disponible',
      body: `Cette page de paiement rencontre un problème. ${startAgain}`,
    },
  },
  retry: 'Réessayer',
  serverErrors: {
    email_locked: 'Cette adresse e-mail a été définie par le marchand et ne peut pas être modifiée.',
    promotion_code_not_found: 'Ce code promo n’existe pas. Vérifiez qu’il ne contient pas de faute de frappe.',
    promotion_code_expired: 'Ce code promo a expiré.',
    promotion_code_exhausted: 'Ce code promo a déjà été entièrement utilisé.',
    total_changed: 'Le total a changé depuis l’ouverture du paiement. Rien n’a été débité : vérifiez le nouveau total, puis payez à nouveau.',
    promotion_code_not_applicable: 'Ce code promo ne s’applique pas à cette formule.',
    promotion_codes_not_allowed: 'Ce paiement n’accepte pas de code promo.',
    already_subscribed: 'Vous avez déjà un abonnement actif à cette formule.',
    subscription_required: 'Les packs de crédits nécessitent un abonnement actif à leur formule.',
  },
  closeCheckout: 'Fermer le paiement',
};
