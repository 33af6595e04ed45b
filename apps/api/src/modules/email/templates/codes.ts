import { z } from 'zod';
import { minutes } from './layout.js';
import { defineTemplate, ZCode, ZExpiresInMinutes, ZLink } from './template.js';

const ZCodeData = z.object({ code: ZCode, expiresInMinutes: ZExpiresInMinutes }).strict();
/** A sign-up's code, and the link that verifies the address in one click (from any device). */
const ZVerifyData = ZCodeData.extend({ link: ZLink.optional() }).strict();

/**
 * Confirms an email address at sign-up with a code typed into the login page or, when there is
 * one, a link opened on any device.
 */
export const verifyEmailCode = defineTemplate({
  data: ZVerifyData,
  texts: {
    en: (d, { brand, locale }) => ({
      subject: `Verify your email address for ${brand}`,
      heading: 'Verify your email address',
      paragraphs: [
        d.link
          ? 'Enter this code on the sign-up page, or use the button below, to confirm your email address:'
          : 'Enter this code to confirm your email address:',
      ],
      code: d.code,
      ...(d.link ? { action: { label: 'Verify email address', url: d.link } } : {}),
      notes: [
        d.link
          ? `The code and the link expire in ${minutes(locale, d.expiresInMinutes)}.`
          : `The code expires in ${minutes(locale, d.expiresInMinutes)}.`,
        'If you did not ask for it, you can ignore this message.',
      ],
    }),
    de: (d, { brand, locale }) => ({
      subject: `Bestätigen Sie Ihre E-Mail-Adresse für ${brand}`,
      heading: 'Bestätigen Sie Ihre E-Mail-Adresse',
      paragraphs: [
        d.link
          ? 'Geben Sie diesen Code auf der Registrierungsseite ein oder nutzen Sie die Schaltfläche unten, um Ihre E-Mail-Adresse zu bestätigen:'
          : 'Geben Sie diesen Code ein, um Ihre E-Mail-Adresse zu bestätigen:',
      ],
      code: d.code,
      ...(d.link ? { action: { label: 'E-Mail-Adresse bestätigen', url: d.link } } : {}),
      notes: [
        d.link
          ? `Der Code und der Link laufen in ${minutes(locale, d.expiresInMinutes)} ab.`
          : `Der Code läuft in ${minutes(locale, d.expiresInMinutes)} ab.`,
        'Falls Sie ihn nicht angefordert haben, können Sie diese Nachricht ignorieren.',
      ],
    }),
    fr: (d, { brand, locale }) => ({
      subject: `Confirmez votre adresse e-mail pour ${brand}`,
      heading: 'Confirmez votre adresse e-mail',
      paragraphs: [
        d.link
          ? 'Saisissez ce code sur la page d’inscription, ou utilisez le bouton ci-dessous, pour confirmer votre adresse e-mail :'
          : 'Saisissez ce code pour confirmer votre adresse e-mail :',
      ],
      code: d.code,
      ...(d.link ? { action: { label: 'Confirmer l’adresse e-mail', url: d.link } } : {}),
      notes: [
        d.link
          ? `Le code et le lien expirent dans ${minutes(locale, d.expiresInMinutes)}.`
          : `Le code expire dans ${minutes(locale, d.expiresInMinutes)}.`,
        "Si vous ne l'avez pas demandé, vous pouvez ignorer ce message.",
      ],
    }),
    es: (d, { brand, locale }) => ({
      subject: `Verifica tu dirección de correo para ${brand}`,
      heading: 'Verifica tu dirección de correo',
      paragraphs: [
        d.link
          ? 'Introduce este código en la página de registro, o usa el botón de abajo, para confirmar tu dirección de correo:'
          : 'Introduce este código para confirmar tu dirección de correo:',
      ],
      code: d.code,
      ...(d.link ? { action: { label: 'Verificar la dirección de correo', url: d.link } } : {}),
      notes: [
        d.link
          ? `El código y el enlace caducan en ${minutes(locale, d.expiresInMinutes)}.`
          : `El código caduca en ${minutes(locale, d.expiresInMinutes)}.`,
        'Si no lo has solicitado, puedes ignorar este mensaje.',
      ],
    }),
    ja: (d, { brand, locale }) => ({
      subject: `${brand}のメールアドレスを確認してください`,
      heading: 'メールアドレスの確認',
      paragraphs: [
        d.link
          ? '登録ページで次のコードを入力するか、下のボタンを使って、メールアドレスを確認してください：'
          : '次のコードを入力して、メールアドレスを確認してください：',
      ],
      code: d.code,
      ...(d.link ? { action: { label: 'メールアドレスを確認', url: d.link } } : {}),
      notes: [
        d.link
          ? `コードとリンクの有効期限は${minutes(locale, d.expiresInMinutes)}です。`
          : `このコードの有効期限は${minutes(locale, d.expiresInMinutes)}です。`,
        'お心当たりがない場合は、このメールを無視してください。',
      ],
    }),
  },
});

/** Passwordless sign-in: a code typed into the login page. */
export const signInCode = defineTemplate({
  data: ZCodeData,
  texts: {
    en: (d, { brand, locale }) => ({
      subject: `Your sign-in code for ${brand}`,
      heading: `Sign in to ${brand}`,
      paragraphs: ['Enter this code to sign in:'],
      code: d.code,
      notes: [
        `The code expires in ${minutes(locale, d.expiresInMinutes)}.`,
        'If you did not try to sign in, you can ignore this message.',
      ],
    }),
    de: (d, { brand, locale }) => ({
      subject: `Ihr Anmeldecode für ${brand}`,
      heading: `Bei ${brand} anmelden`,
      paragraphs: ['Geben Sie diesen Code ein, um sich anzumelden:'],
      code: d.code,
      notes: [
        `Der Code läuft in ${minutes(locale, d.expiresInMinutes)} ab.`,
        'Falls Sie sich nicht anmelden wollten, können Sie diese Nachricht ignorieren.',
      ],
    }),
    fr: (d, { brand, locale }) => ({
      subject: `Votre code de connexion à ${brand}`,
      heading: `Connexion à ${brand}`,
      paragraphs: ['Saisissez ce code pour vous connecter :'],
      code: d.code,
      notes: [
        `Le code expire dans ${minutes(locale, d.expiresInMinutes)}.`,
        "Si vous n'avez pas essayé de vous connecter, vous pouvez ignorer ce message.",
      ],
    }),
    es: (d, { brand, locale }) => ({
      subject: `Tu código de inicio de sesión para ${brand}`,
      heading: `Inicia sesión en ${brand}`,
      paragraphs: ['Introduce este código para iniciar sesión:'],
      code: d.code,
      notes: [
        `El código caduca en ${minutes(locale, d.expiresInMinutes)}.`,
        'Si no has intentado iniciar sesión, puedes ignorar este mensaje.',
      ],
    }),
    ja: (d, { brand, locale }) => ({
      subject: `${brand}のサインインコード`,
      heading: `${brand}にサインイン`,
      paragraphs: ['次のコードを入力してサインインしてください：'],
      code: d.code,
      notes: [
        `このコードの有効期限は${minutes(locale, d.expiresInMinutes)}です。`,
        'サインインを試みていない場合は、このメールを無視してください。',
      ],
    }),
  },
});
