/** The languages every template is written in; anything else falls back (see resolveEmailLocale). */
export const EMAIL_LOCALES = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type EmailLocale = (typeof EMAIL_LOCALES)[number];

/**
 * The first candidate whose language we write, by its primary subtag (`de-CH` → `de`); English when
 * none is. Callers pass the requested locale, then the tenant's default.
 */
export function resolveEmailLocale(...candidates: Array<string | null | undefined>): EmailLocale {
  for (const candidate of candidates) {
    const language = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    const match = EMAIL_LOCALES.find((locale) => locale === language);
    if (match) return match;
  }
  return 'en';
}

/**
 * What a template says, as plain strings: the layout escapes every one of them, so no value from
 * the data (a name, an organization) can inject markup. Templates never write HTML.
 */
export interface EmailContent {
  subject: string;
  heading: string;
  paragraphs: string[];
  /** A one-time code, shown large. */
  code?: string;
  /** A button (and the URL spelled out, for clients that hide buttons). */
  action?: { label: string; url: string };
  /** Smaller print after the code or button: expiry, "not you?". */
  notes: string[];
}

/** Strings every message shares, per locale. */
const COMMON: Record<EmailLocale, { linkHint: string; footer: (brand: string) => string }> = {
  en: {
    linkHint: 'If the button does not work, open this address:',
    footer: (brand) => `This message was sent by ${brand}. Please do not reply to it.`,
  },
  de: {
    linkHint: 'Falls die Schaltfläche nicht funktioniert, öffnen Sie diese Adresse:',
    footer: (brand) => `Diese Nachricht wurde von ${brand} gesendet. Bitte antworten Sie nicht darauf.`,
  },
  fr: {
    linkHint: 'Si le bouton ne fonctionne pas, ouvrez cette adresse :',
    footer: (brand) => `Ce message vous a été envoyé par ${brand}. Merci de ne pas y répondre.`,
  },
  es: {
    linkHint: 'Si el botón no funciona, abre esta dirección:',
    footer: (brand) => `Este mensaje lo ha enviado ${brand}. Por favor, no respondas a él.`,
  },
  ja: {
    linkHint: 'ボタンが機能しない場合は、次のアドレスを開いてください：',
    footer: (brand) => `このメールは${brand}から送信されました。返信しないでください。`,
  },
};

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes for HTML text and (quoted) attribute values alike. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/** One line: a header must not be split (nodemailer encodes it, but a stray newline reads oddly). */
export const oneLine = (value: string): string => value.replace(/[\r\n\t]+/g, ' ').trim();

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif";

/** The HTML and plain-text bodies of `content`, branded with `brand` (the tenant's name). */
export function renderLayout(content: EmailContent, locale: EmailLocale, brand: string): RenderedEmail {
  const common = COMMON[locale];
  const footer = common.footer(brand);
  const p = (text: string, style = '') =>
    `<p style="margin:0 0 16px;line-height:1.5;${style}">${escapeHtml(text)}</p>`;
  const html = [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(oneLine(content.subject))}</title></head>`,
    `<body style="margin:0;padding:24px 0;background:#f4f4f5;font-family:${FONT};color:#18181b">`,
    '<div style="max-width:480px;margin:0 auto;padding:32px 24px;background:#ffffff;border-radius:8px">',
    p(brand, 'font-size:14px;color:#52525b;font-weight:600'),
    `<h1 style="margin:0 0 16px;font-size:20px">${escapeHtml(content.heading)}</h1>`,
    ...content.paragraphs.map((text) => p(text)),
    content.code === undefined
      ? ''
      : p(content.code, 'font-size:32px;font-weight:700;letter-spacing:6px;font-family:monospace'),
    content.action === undefined
      ? ''
      : [
          `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;`,
          'padding:12px 20px;background:#18181b;color:#ffffff;text-decoration:none;border-radius:6px">',
          `${escapeHtml(content.action.label)}</a></p>`,
          `<p style="margin:0 0 16px;font-size:12px;color:#52525b">${escapeHtml(common.linkHint)}<br>`,
          `<a href="${escapeHtml(content.action.url)}">${escapeHtml(content.action.url)}</a></p>`,
        ].join(''),
    ...content.notes.map((text) => p(text, 'font-size:14px;color:#52525b')),
    '<hr style="border:none;border-top:1px solid #e4e4e7;margin:24px 0">',
    p(footer, 'font-size:12px;color:#71717a'),
    '</div></body></html>',
  ].join('\n');
  const text = [
    brand,
    '',
    content.heading,
    '',
    ...content.paragraphs.flatMap((line) => [line, '']),
    ...(content.code === undefined ? [] : [`    ${content.code}`, '']),
    ...(content.action === undefined ? [] : [`${content.action.label}: ${content.action.url}`, '']),
    ...content.notes.flatMap((line) => [line, '']),
    '-- ',
    footer,
    '',
  ].join('\n');
  return { subject: oneLine(content.subject), text, html };
}

/** "15 minutes", "15 Minuten", "15 分"… in the message's language. */
export const minutes = (locale: EmailLocale, count: number): string =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(count);

/** A moment in the message's language, in UTC (we do not know the reader's time zone). */
export const dateTime = (locale: EmailLocale, iso: string): string =>
  `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))} UTC`;
