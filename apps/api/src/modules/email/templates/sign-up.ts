import { z } from 'zod';
import { defineTemplate } from './template.js';

/**
 * Someone tried to sign up with an address that already has an account. The sign-up page answers
 * as if the account were new (no user enumeration), so only the mailbox's owner learns it, and is
 * pointed at signing in or resetting the password; no code is sent, so the sign-up cannot finish.
 */
export const signUpExistingAccount = defineTemplate({
  data: z.object({}).strict(),
  texts: {
    en: (_d, { brand }) => ({
      subject: `You already have a ${brand} account`,
      heading: 'You already have an account',
      paragraphs: [
        `Someone just tried to create a ${brand} account with this email address, but it already has one.`,
        'To continue, sign in with your password. If you have forgotten it, reset it from the sign-in page.',
      ],
      notes: ['If this was not you, you can ignore this message: nothing has changed in your account.'],
    }),
    de: (_d, { brand }) => ({
      subject: `Sie haben bereits ein Konto bei ${brand}`,
      heading: 'Sie haben bereits ein Konto',
      paragraphs: [
        `Gerade wollte jemand mit dieser E-Mail-Adresse ein Konto bei ${brand} anlegen, doch es gibt bereits eines.`,
        'Melden Sie sich mit Ihrem Passwort an. Falls Sie es vergessen haben, setzen Sie es auf der Anmeldeseite zurück.',
      ],
      notes: [
        'Falls Sie das nicht waren, können Sie diese Nachricht ignorieren: An Ihrem Konto hat sich nichts geändert.',
      ],
    }),
    fr: (_d, { brand }) => ({
      subject: `Vous avez déjà un compte ${brand}`,
      heading: 'Vous avez déjà un compte',
      paragraphs: [
        `Quelqu’un vient d’essayer de créer un compte ${brand} avec cette adresse e-mail, mais elle en a déjà un.`,
        'Pour continuer, connectez-vous avec votre mot de passe. Si vous l’avez oublié, réinitialisez-le depuis la page de connexion.',
      ],
      notes: ["Si ce n'était pas vous, vous pouvez ignorer ce message : rien n'a changé dans votre compte."],
    }),
    es: (_d, { brand }) => ({
      subject: `Ya tienes una cuenta de ${brand}`,
      heading: 'Ya tienes una cuenta',
      paragraphs: [
        `Alguien acaba de intentar crear una cuenta de ${brand} con esta dirección de correo, pero ya tiene una.`,
        'Para continuar, inicia sesión con tu contraseña. Si la has olvidado, restablécela desde la página de inicio de sesión.',
      ],
      notes: ['Si no has sido tú, puedes ignorar este mensaje: tu cuenta no ha cambiado.'],
    }),
    ja: (_d, { brand }) => ({
      subject: `${brand}のアカウントはすでに登録されています`,
      heading: 'アカウントはすでに登録されています',
      paragraphs: [
        `このメールアドレスで${brand}のアカウントを作成しようとする操作がありましたが、このアドレスにはすでにアカウントがあります。`,
        '続けるには、パスワードでサインインしてください。パスワードを忘れた場合は、サインインページから再設定できます。',
      ],
      notes: ['お心当たりがない場合は、このメールを無視してください。アカウントには何も変更されていません。'],
    }),
  },
});
