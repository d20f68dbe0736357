import type { BillingInterval } from '../../api/CheckoutApi';
import { formatLengths } from '../../format/formatLengths';
import { createPlural } from '../createPlural';
import type { PluralForms } from '../createPlural';
import type { Count, FormExtrasMessages, Messages } from '../messages';

// "Tú", as Spanish-language checkouts address their customers.
const perInterval: Record<BillingInterval, string> = { day: 'al día', week: 'a la semana', month: 'al mes', year: 'al año' };
const everyInterval: Record<BillingInterval, string> = { day: 'cada día', week: 'cada semana', month: 'cada mes', year: 'cada año' };
const plural = createPlural('es');
const intervalForms: Record<BillingInterval, PluralForms> = {
  day: { one: 'día', other: 'días' },
  week: { one: 'semana', other: 'semanas' },
  month: { one: 'mes', other: 'meses' },
  year: { one: 'año', other: 'años' },
};
/** A period of several intervals: "cada 3 meses". */
const everyPeriod = (interval: BillingInterval, count: Count) => `cada ${count.text} ${plural(count, intervalForms[interval])}`;
const perPeriod = (interval: BillingInterval, count: Count) => (count.value === 1 ? perInterval[interval] : everyPeriod(interval, count));
const credits = (count: Count) => `${count.text} ${plural(count, { one: 'crédito', many: 'de créditos', other: 'créditos' })}`;
const seats = (count: Count) => `${count.text} ${plural(count, { one: 'licencia', many: 'de licencias', other: 'licencias' })}`;
const tryAnotherCard = 'Prueba con otra tarjeta.';
const checkConnection = 'Comprueba tu conexión e inténtalo de nuevo.';
const startAgain = 'Vuelve a empezar desde el sitio web del comercio.';

export const messages: Messages & FormExtrasMessages = {
  documentTitle: (merchantName) => (merchantName ? `Pago – ${merchantName}` : 'Pago'),
  loading: 'Cargando el pago…',
  checkoutEyebrow: 'Pago',
  signedInAs: (name, maskedEmail) => `Sesión iniciada como ${name} · ${maskedEmail}`,
  pricePerInterval: (price, interval, count) => `${price} ${perPeriod(interval, count)}`,
  includedCredits: (count) => `Incluye ${credits(count)}`,
  seatsTimesPrice: (count, unitPrice) => `${seats(count)} × ${unitPrice}`,
  bundleCredits: credits,
  firstPayment: (amount) => `Primer pago: ${amount}; después, el precio del plan`,
  term: { starts: (date) => `Empieza el ${date}: hoy no se cobra nada`, ends: (date) => `Termina el ${date}` },
  fields: {
    email: 'Correo electrónico',
    name: 'Nombre completo',
    cardNumber: 'Número de tarjeta',
    expiry: 'Fecha de caducidad (MM/AA)',
    cvc: 'Código de seguridad',
    country: 'País',
  },
  placeholders: { cardNumber: '1234 1234 1234 1234', expiry: 'MM/AA', cvc: 'CVC', country: 'Elige tu país' },
  emailLocked: (merchantName) => `${merchantName} ha fijado esta dirección de correo electrónico por ti.`,
  cardBrands: { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', diners: 'Diners Club', jcb: 'JCB', unionpay: 'UnionPay' },
  errors: {
    emailInvalid: 'Introduce un correo electrónico como nombre@example.com.',
    nameRequired: 'Introduce tu nombre completo.',
    cardNumberInvalid: 'Introduce un número de tarjeta de 13 a 19 dígitos.',
    expiryInvalid: 'Introduce la fecha de caducidad con el formato MM/AA.',
    expiryInPast: 'Esta tarjeta ha caducado.',
    cvcInvalid: 'Introduce el código de seguridad de 3 o 4 dígitos.',
    countryRequired: 'Elige tu país.',
    cardNumberLength: (brand, lengths) => `Los números de tarjeta de ${brand} tienen ${formatLengths(lengths, 'es')} dígitos.`,
    cardNumberMistyped: 'Este número de tarjeta no es válido. Comprueba que no tenga erratas.',
    cvcLength: (digits) => `Introduce el código de seguridad de ${digits} dígitos.`,
    expiryTooFar: 'Comprueba el año de caducidad: está demasiado lejos en el futuro.',
    cardDetailsIncomplete: 'Completa los datos de tu tarjeta.',
  },
  payButton: (amount) => `Pagar ${amount}`,
  paymentUnreachable: `No hemos podido conectar con el servicio de pago. ${checkConnection}`,
  breakdown: {
    label: 'Detalles del precio',
    subtotal: 'Subtotal',
    discount: (description) => `Descuento (${description})`,
    tax: 'Impuestos',
    totalDueToday: 'Total a pagar hoy',
    thenOn: (amount, date) => `Después, ${amount} el ${date}`,
    explain: '¿Cómo se calcula?',
    explanationHeading: 'Cómo se calcula tu total',
    describeDiscount: (off, payments) =>
      `${off} en ${payments ? plural(payments, { one: 'el primer pago', other: `los primeros ${payments.text} pagos` }) : 'cada pago'}`,
  },
  explanation: {
    subtotalSeats: (count, unitPrice, subtotal) => `Subtotal: ${seats(count)} × ${unitPrice} por licencia = ${subtotal}.`,
    subtotalPlan: (planName, price, interval, count) => `Subtotal: ${planName} por ${price} ${perPeriod(interval, count)}.`,
    subtotalBundle: (bundleName, price) => `Subtotal: ${bundleName}, una compra única de ${price}.`,
    subtotalCustom: (amount) => `Subtotal: ${amount}, un precio fijado solo para este primer pago; los siguientes pagos tienen el precio del plan.`,
    discountOnce: (code, amount) => `Descuento: el código ${code} descuenta ${amount} solo de este primer pago.`,
    discountForever: (code, amount) => `Descuento: el código ${code} descuenta ${amount} hoy y también se aplica a cada renovación.`,
    discountRepeating: (code, amount, payments) => `Descuento: el código ${code} descuenta ${amount} de cada uno de los primeros ${payments.text} pagos, empezando hoy.`,
    taxIncluded: (amount, rate, taxName) =>
      rate
        ? `Impuestos: el precio ya incluye un ${rate} de ${taxName ?? 'impuestos'}, es decir, ${amount}.`
        : `Impuestos: el precio ya incluye ${amount} de impuestos.`,
    taxAdded: (amount, rate, taxName) =>
      rate ? `Impuestos: se añade un ${rate} de ${taxName ?? 'impuestos'}, es decir, ${amount}.` : `Impuestos: se añaden ${amount}.`,
    total: (amount) => `Total a pagar hoy: ${amount}.`,
    firstCharge: (amount, date) => `Primer cargo: ${amount} el ${date}, cuando empiece la suscripción.`,
    termEnds: (date) => `La suscripción termina el ${date}.`,
    next: (amount, date, interval, count) =>
      `Próximo cargo: ${amount} el ${date} y después ${count.value === 1 ? everyInterval[interval] : everyPeriod(interval, count)}.`,
  },
  creditBalance: { now: 'Saldo de créditos', after: 'Saldo tras la compra' },
  savedCard: {
    payWith: (last4) => `Pagar con •••• ${last4}`,
    useAnotherCard: 'Usar otra tarjeta',
    useSavedCard: (last4) => `Usar la tarjeta guardada •••• ${last4}`,
  },
  declines: {
    card_declined: `Tu tarjeta ha sido rechazada. ${tryAnotherCard}`,
    insufficient_funds: `Tu tarjeta no tiene fondos suficientes. ${tryAnotherCard}`,
    expired_card: `Tu tarjeta ha caducado. ${tryAnotherCard}`,
    authentication_required: 'Tu banco te pidió confirmar este pago y no se confirmó. Inténtalo de nuevo o usa otra tarjeta.',
    test_mode_live_card: 'Esta es una tarjeta de prueba y este pago es real. Usa una tarjeta real.',
    live_payments_unavailable: 'Los pagos con tarjeta aún no están disponibles para este pago. No se te ha cobrado nada.',
  },
  promotion: {
    label: 'Código promocional',
    apply: 'Aplicar',
    remove: 'Quitar',
    applied: (code) => `Código ${code} aplicado`,
    notApplicable: (code) => `El código ${code} no es válido para este plan.`,
    empty: 'Introduce un código promocional.',
  },
  seats: {
    label: 'Licencias',
    fewer: 'Quitar una licencia',
    more: 'Añadir una licencia',
    range: (min, max) => `De ${min.text} a ${seats(max)}`,
  },
  plans: { legend: 'Plan', option: (name, price) => `${name} · ${price}` },
  updateFailed: `No hemos podido actualizar el pago. ${checkConnection}`,
  processing: 'Procesando…',
  challenge: 'Confirma el pago con tu banco',
  confirming: 'Estamos confirmando tu pago. Puede tardar unos segundos; mantén esta página abierta.',
  secureNote: 'Los datos de tu tarjeta se envían de forma segura y nunca se comparten con el comercio.',
  cancelAndReturn: (merchantName) => `Cancelar y volver a ${merchantName}`,
  returnTo: (merchantName) => `Volver a ${merchantName}`,
  success: {
    heading: 'Pago completado',
    subscription: (planName, price) => `Te has suscrito a ${planName} por ${price}.`,
    subscriptionStarting: (planName, date) => `Te has suscrito a ${planName} a partir del ${date}.`,
    creditBundle: (bundleName, count) =>
      `${bundleName}: ${plural(count, { one: 'se ha añadido', other: 'se han añadido' })} ${credits(count)} a tu cuenta.`,
    nextCharge: (amount, date) => `Tu próximo cargo será de ${amount} el ${date}.`,
    done: 'Listo',
    returning: (merchantName) => `Volviendo a ${merchantName}…`,
  },
  screens: {
    notFramed: {
      heading: 'Abre este pago desde el sitio web del comercio',
      body: 'Esta página solo funciona integrada en el sitio web del comercio. Vuelve a su sitio para continuar.',
    },
    expired: {
      heading: 'Este pago ha caducado',
      body: `Este pago ha caducado. ${startAgain}`,
    },
    completed: {
      heading: 'Este pago ya se ha completado',
      body: 'Este pago ya se ha completado. No se te ha cobrado de nuevo.',
    },
    notFound: {
      heading: 'No se ha encontrado el pago',
      body: `No hemos encontrado este pago. ${startAgain}`,
    },
    unreachable: {
      heading: 'No hemos podido cargar el pago',
      body: checkConnection,
    },
    unavailable: {
      heading: 'Este pago no está disponible',
      body: `Algo no funciona en esta página de pago. ${startAgain}`,
    },
  },
  retry: 'Reintentar',
  serverErrors: {
    email_locked: 'El comercio ha fijado esta dirección de correo electrónico y no se puede cambiar.',
    promotion_code_not_found: 'Este código promocional no existe. Comprueba que no tenga erratas.',
    promotion_code_expired: 'Este código promocional ha caducado.',
    promotion_code_exhausted: 'Este código promocional ya se ha agotado.',
    total_changed: 'El total ha cambiado desde que abriste el pago. No se ha cobrado nada: revisa el nuevo total y vuelve a pagar.',
    promotion_code_not_applicable: 'Este código promocional no es válido para este plan.',
    promotion_codes_not_allowed: 'Este pago no admite códigos promocionales.',
    already_subscribed: 'Ya tienes una suscripción activa a este plan.',
    subscription_required: 'Los paquetes de créditos requieren una suscripción activa a su plan.',
  },
  closeCheckout: 'Cerrar el pago',
};
