import type { BillingInterval } from '../../api/CheckoutApi';
import { formatLengths } from '../../format/formatLengths';
import type { Count, FormExtrasMessages, Messages } from '../messages';

// Japanese has one plural form ("other" only in Intl.PluralRules), so counts need no choosing here.
const intervalNames: Record<BillingInterval, string> = { day: '日', week: '週', month: '月', year: '年' };
/** After a number: "3か月", "2週間". */
const countedIntervals: Record<BillingInterval, string> = { day: '日', week: '週間', month: 'か月', year: '年' };
const period = (interval: BillingInterval, count: Count) => (count.value === 1 ? intervalNames[interval] : `${count.text}${countedIntervals[interval]}`);
const credits = (count: Count) => `${count.text} クレジット`;
const seats = (count: Count) => `${count.text} ライセンス`;
const tryAnotherCard = '別のカードをお試しください。';
const checkConnection = 'インターネット接続を確認して、もう一度お試しください。';
const startAgain = '販売者のサイトから、もう一度やり直してください。';

export const messages: Messages & FormExtrasMessages = {
  documentTitle: (merchantName) => (merchantName ? `お支払い – ${merchantName}` : 'お支払い'),
  loading: 'お支払い画面を読み込んでいます…',
  checkoutEyebrow: 'お支払い',
  signedInAs: (name, maskedEmail) => `${name} 様としてログイン中 · ${maskedEmail}`,
  pricePerInterval: (price, interval, count) => `${price}/${period(interval, count)}`,
  includedCredits: (count) => `${credits(count)}付き`,
  seatsTimesPrice: (count, unitPrice) => `${seats(count)} × ${unitPrice}`,
  bundleCredits: credits,
  firstPayment: (amount) => `初回のお支払い：${amount}（2 回目以降はプラン料金）`,
  term: { starts: (date) => `${date} 開始（本日のお支払いはありません）`, ends: (date) => `${date} 終了` },
  fields: {
    email: 'メールアドレス',
    name: '氏名',
    cardNumber: 'カード番号',
    expiry: '有効期限 (MM/YY)',
    cvc: 'セキュリティコード',
    country: '国・地域',
  },
  placeholders: { cardNumber: '1234 1234 1234 1234', expiry: 'MM/YY', cvc: 'CVC', country: '国・地域を選択' },
  emailLocked: (merchantName) => `このメールアドレスは ${merchantName} によって設定されています。`,
  cardBrands: { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', diners: 'Diners Club', jcb: 'JCB', unionpay: 'UnionPay' },
  errors: {
    emailInvalid: 'name@example.com のような形式でメールアドレスを入力してください。',
    nameRequired: '氏名を入力してください。',
    cardNumberInvalid: '13〜19 桁のカード番号を入力してください。',
    expiryInvalid: '有効期限を MM/YY の形式で入力してください。',
    expiryInPast: 'このカードは有効期限が切れています。',
    cvcInvalid: '3 桁または 4 桁のセキュリティコードを入力してください。',
    countryRequired: '国・地域を選択してください。',
    cardNumberLength: (brand, lengths) => `${brand} のカード番号は ${formatLengths(lengths, 'ja')} 桁です。`,
    cardNumberMistyped: 'このカード番号は無効です。入力ミスがないかご確認ください。',
    cvcLength: (digits) => `${digits} 桁のセキュリティコードを入力してください。`,
    expiryTooFar: '有効期限の年をご確認ください。先の日付すぎます。',
    cardDetailsIncomplete: 'カード情報をすべて入力してください。',
  },
  payButton: (amount) => `${amount} を支払う`,
  paymentUnreachable: `決済サービスに接続できませんでした。${checkConnection}`,
  breakdown: {
    label: '料金の詳細',
    subtotal: '小計',
    discount: (description) => `割引 (${description})`,
    tax: '税金',
    totalDueToday: '本日のお支払い金額',
    thenOn: (amount, date) => `以降、${date} に ${amount}`,
    explain: '計算方法を見る',
    explanationHeading: '合計金額の内訳',
    // One form for any count; only the first payment alone has a word of its own.
    describeDiscount: (off, payments) => (payments ? (payments.value === 1 ? `初回 ${off} オフ` : `最初の ${payments.text} 回 ${off} オフ`) : `毎回 ${off} オフ`),
  },
  explanation: {
    subtotalSeats: (count, unitPrice, subtotal) => `小計：${seats(count)} × 1 ライセンスあたり ${unitPrice} = ${subtotal}`,
    subtotalPlan: (planName, price, interval, count) => `小計：${planName}（${price}／${period(interval, count)}）`,
    subtotalBundle: (bundleName, price) => `小計：${bundleName}（1 回限りのご購入、${price}）`,
    subtotalCustom: (amount) => `小計：${amount}（初回のお支払いのみの特別価格。2 回目以降はプラン料金です）`,
    discountOnce: (code, amount) => `割引：コード ${code} により、初回のお支払いのみ ${amount} 割引されます。`,
    discountForever: (code, amount) => `割引：コード ${code} により、本日 ${amount} 割引され、以降の更新時にも適用されます。`,
    discountRepeating: (code, amount, payments) => `割引：コード ${code} により、本日から最初の ${payments.text} 回のお支払いがそれぞれ ${amount} 割引されます。`,
    taxIncluded: (amount, rate, taxName) =>
      rate ? `税：価格には ${rate} の${taxName ?? '税'}（${amount}）が含まれています。` : `税：価格には ${amount} の税が含まれています。`,
    taxAdded: (amount, rate, taxName) => (rate ? `税：${rate} の${taxName ?? '税'}（${amount}）が加算されます。` : `税：${amount} が加算されます。`),
    total: (amount) => `本日のお支払い：${amount}`,
    firstCharge: (amount, date) => `初回のお支払い：ご利用開始日の ${date} に ${amount}`,
    termEnds: (date) => `ご契約は ${date} に終了します。`,
    next: (amount, date, interval, count) =>
      `次回の請求：${date} に ${amount}、以降は${count.value === 1 ? `毎${intervalNames[interval]}` : `${period(interval, count)}ごと`}。`,
  },
  creditBalance: { now: '現在のクレジット残高', after: '購入後の残高' },
  savedCard: {
    payWith: (last4) => `•••• ${last4} で支払う`,
    useAnotherCard: '別のカードを使用する',
    useSavedCard: (last4) => `保存済みのカード •••• ${last4} を使用する`,
  },
  declines: {
    card_declined: `カードが承認されませんでした。${tryAnotherCard}`,
    insufficient_funds: `カードの残高が不足しています。${tryAnotherCard}`,
    expired_card: `カードの有効期限が切れています。${tryAnotherCard}`,
    authentication_required: '銀行からこの支払いの確認を求められましたが、確認されませんでした。もう一度お試しいただくか、別のカードをご利用ください。',
    test_mode_live_card: 'これはテスト用カードです。この決済は本番の支払いです。実際のカードをご利用ください。',
    live_payments_unavailable: 'この決済ではまだカード払いをご利用いただけません。料金は請求されていません。',
  },
  promotion: {
    label: 'プロモーションコード',
    apply: '適用',
    remove: '削除',
    applied: (code) => `コード ${code} を適用しました`,
    notApplicable: (code) => `コード ${code} はこのプランには適用されません。`,
    empty: 'プロモーションコードを入力してください。',
  },
  seats: {
    label: 'ライセンス数',
    fewer: 'ライセンスを 1 つ減らす',
    more: 'ライセンスを 1 つ増やす',
    range: (min, max) => `${min.text}〜${seats(max)}`,
  },
  plans: { legend: 'プラン', option: (name, price) => `${name} · ${price}` },
  updateFailed: `お支払い内容を更新できませんでした。${checkConnection}`,
  processing: '処理しています…',
  challenge: '銀行で支払いを確認してください',
  confirming: 'お支払いを確認しています。数秒かかる場合があります。このページを開いたままにしてください。',
  secureNote: 'カード情報は安全に送信され、販売者に共有されることはありません。',
  cancelAndReturn: (merchantName) => `キャンセルして ${merchantName} に戻る`,
  returnTo: (merchantName) => `${merchantName} に戻る`,
  success: {
    heading: 'お支払いが完了しました',
    subscription: (planName, price) => `${planName}（${price}）のお申し込みが完了しました。`,
    subscriptionStarting: (planName, date) => `${planName}のお申し込みが完了しました。ご利用開始日は ${date} です。`,
    creditBundle: (bundleName, count) => `${bundleName}: ${credits(count)}がアカウントに追加されました。`,
    nextCharge: (amount, date) => `次回のお支払いは ${date} に ${amount} です。`,
    done: '完了',
    returning: (merchantName) => `${merchantName} に戻ります…`,
  },
  screens: {
    notFramed: {
      heading: '販売者のサイトからお支払い画面を開いてください',
      body: 'このページは販売者のウェブサイトに埋め込まれた状態でのみ動作します。販売者のサイトに戻って続行してください。',
    },
    expired: {
      heading: 'このお支払いは有効期限が切れています',
      body: `このお支払い画面は有効期限が切れています。${startAgain}`,
    },
    completed: {
      heading: 'このお支払いはすでに完了しています',
      body: 'このお支払いはすでに完了しています。再度請求されることはありません。',
    },
    notFound: {
      heading: 'お支払い画面が見つかりません',
      body: `このお支払い画面が見つかりませんでした。${startAgain}`,
    },
    unreachable: {
      heading: 'お支払い画面を読み込めませんでした',
      body: checkConnection,
    },
    unavailable: {
      heading: 'このお支払い画面はご利用いただけません',
      body: `このお支払いページに問題が発生しています。${startAgain}`,
    },
  },
  retry: '再試行',
  serverErrors: {
    email_locked: 'このメールアドレスは販売者によって設定されているため、変更できません。',
    promotion_code_not_found: 'このプロモーションコードは存在しません。入力ミスがないかご確認ください。',
    promotion_code_expired: 'このプロモーションコードは有効期限が切れています。',
    promotion_code_exhausted: 'このプロモーションコードは利用上限に達しました。',
    total_changed: 'チェックアウトを開いた後に合計金額が変更されました。請求は行われていません。新しい合計金額をご確認のうえ、もう一度お支払いください。',
    promotion_code_not_applicable: 'このプロモーションコードはこのプランには適用されません。',
    promotion_codes_not_allowed: 'このお支払いではプロモーションコードをご利用いただけません。',
    already_subscribed: 'このプランはすでにご契約中です。',
    subscription_required: 'クレジットパックのご購入には、対応するプランの有効なご契約が必要です。',
  },
  closeCheckout: 'チェックアウトを閉じる',
};
