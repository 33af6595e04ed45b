import { z } from 'zod';
import { minutes } from './layout.js';
import { defineTemplate, ZExpiresInMinutes, ZLink } from './template.js';

/** Forgot password: a link to the hosted reset page. */
export const passwordResetLink = defineTemplate({
  data: z.object({ link: ZLink, expiresInMinutes: ZExpiresInMinutes }).strict(),
  texts: {
    en: (d, { brand, locale }) => ({
      subject: `Reset your ${brand} password`,
      heading: 'Reset your password',
      paragraphs: ['Someone asked to reset the password of your account. Choose a new one here:'],
      action: { label: 'Choose a new password', url: d.link },
      notes: [
        `The link expires in ${minutes(locale, d.expiresInMinutes)}.`,
        'If you did not ask for it, ignore this message: your password stays as it is.',
      ],
    }),
    de: (d, { brand, locale }) => ({
      subject: `Setzen Sie Ihr Passwort für ${brand} zurück`,
      heading: 'Passwort zurücksetzen',
      paragraphs: [
        'Jemand hat angefordert, das Passwort Ihres Kontos zurückzusetzen. Wählen Sie hier ein neues:',
      ],
      action: { label: 'Neues Passwort wählen', url: d.link },
      notes: [
        `Der Link läuft in ${minutes(locale, d.expiresInMinutes)} ab.`,
        'Falls Sie das nicht angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.',
      ],
    }),
    fr: (d, { brand, locale }) => ({
      subject: `Réinitialisez votre mot de passe ${brand}`,
      heading: 'Réinitialisez votre mot de passe',
      paragraphs: [
        'Quelqu’un a demandé la réinitialisation du mot de passe de votre compte. Choisissez-en un nouveau ici :',
      ],
      action: { label: 'Choisir un nouveau mot de passe', url: d.link },
      notes: [
        `Le lien expire dans ${minutes(locale, d.expiresInMinutes)}.`,
        "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.",
      ],
    }),
    es: (d, { brand, locale }) => ({
      subject: `Restablece tu contraseña de ${brand}`,
      heading: 'Restablece tu contraseña',
      paragraphs: ['Alguien ha pedido restablecer la contraseña de tu cuenta. Elige una nueva aquí:'],
      action: { label: 'Elegir una contraseña nueva', url: d.link },
      notes: [
        `El enlace caduca en ${minutes(locale, d.expiresInMinutes)}.`,
        'Si no lo has pedido, ignora este mensaje: tu contraseña no cambia.',
      ],
    }),
    ja: (d, { brand, locale }) => ({
      subject: `${brand}のパスワードの再設定`,
      heading: 'パスワードの再設定',
      paragraphs: [
        'アカウントのパスワード再設定がリクエストされました。こちらから新しいパスワードを設定してください：',
      ],
      action: { label: '新しいパスワードを設定', url: d.link },
      notes: [
        `このリンクの有効期限は${minutes(locale, d.expiresInMinutes)}です。`,
        'お心当たりがない場合は、このメールを無視してください。パスワードは変更されません。',
      ],
    }),
  },
});

/** After too many failed passwords: the account is locked for a while; a reset link when there is one. */
export const accountLocked = defineTemplate({
  data: z.object({ lockedForMinutes: ZExpiresInMinutes, resetLink: ZLink.optional() }).strict(),
  texts: {
    en: (d, { brand, locale }) => ({
      subject: `Your ${brand} account is temporarily locked`,
      heading: 'Your account is temporarily locked',
      paragraphs: [
        `After several failed sign-in attempts, your account is locked for ${minutes(locale, d.lockedForMinutes)}.`,
      ],
      ...(d.resetLink ? { action: { label: 'Reset your password', url: d.resetLink } } : {}),
      notes: ['If this was not you, someone may be trying to guess your password: choose a new one.'],
    }),
    de: (d, { brand, locale }) => ({
      subject: `Ihr Konto bei ${brand} ist vorübergehend gesperrt`,
      heading: 'Ihr Konto ist vorübergehend gesperrt',
      paragraphs: [
        `Nach mehreren fehlgeschlagenen Anmeldeversuchen ist Ihr Konto für ${minutes(locale, d.lockedForMinutes)} gesperrt.`,
      ],
      ...(d.resetLink ? { action: { label: 'Passwort zurücksetzen', url: d.resetLink } } : {}),
      notes: [
        'Falls Sie das nicht waren, versucht womöglich jemand, Ihr Passwort zu erraten: Wählen Sie ein neues.',
      ],
    }),
    fr: (d, { brand, locale }) => ({
      subject: `Votre compte ${brand} est temporairement verrouillé`,
      heading: 'Votre compte est temporairement verrouillé',
      paragraphs: [
        `Après plusieurs tentatives de connexion échouées, votre compte est verrouillé pendant ${minutes(locale, d.lockedForMinutes)}.`,
      ],
      ...(d.resetLink ? { action: { label: 'Réinitialiser le mot de passe', url: d.resetLink } } : {}),
      notes: [
        "Si ce n'était pas vous, quelqu'un essaie peut-être de deviner votre mot de passe : choisissez-en un nouveau.",
      ],
    }),
    es: (d, { brand, locale }) => ({
      subject: `Tu cuenta de ${brand} está bloqueada temporalmente`,
      heading: 'Tu cuenta está bloqueada temporalmente',
      paragraphs: [
        `Tras varios intentos fallidos de inicio de sesión, tu cuenta está bloqueada durante ${minutes(locale, d.lockedForMinutes)}.`,
      ],
      ...(d.resetLink ? { action: { label: 'Restablecer la contraseña', url: d.resetLink } } : {}),
      notes: ['Si no has sido tú, puede que alguien intente adivinar tu contraseña: elige una nueva.'],
    }),
    ja: (d, { brand, locale }) => ({
      subject: `${brand}のアカウントが一時的にロックされました`,
      heading: 'アカウントが一時的にロックされました',
      paragraphs: [
        `サインインに複数回失敗したため、アカウントは${minutes(locale, d.lockedForMinutes)}ロックされます。`,
      ],
      ...(d.resetLink ? { action: { label: 'パスワードを再設定', url: d.resetLink } } : {}),
      notes: [
        'お心当たりがない場合、第三者がパスワードを推測しようとしている可能性があります。新しいパスワードを設定してください。',
      ],
    }),
  },
});
