import { z } from 'zod';
import { defineTemplate } from './template.js';

/** Sent from the management API to check a tenant's mail setup end to end. */
export const testMessage = defineTemplate({
  data: z.object({}).strict(),
  texts: {
    en: (_d, { brand }) => ({
      subject: `Test message from ${brand}`,
      heading: 'Your email setup works',
      paragraphs: [`This test message shows that ${brand} can send you email.`],
      notes: [],
    }),
    de: (_d, { brand }) => ({
      subject: `Testnachricht von ${brand}`,
      heading: 'Ihr E-Mail-Versand funktioniert',
      paragraphs: [`Diese Testnachricht zeigt, dass ${brand} Ihnen E-Mails senden kann.`],
      notes: [],
    }),
    fr: (_d, { brand }) => ({
      subject: `Message de test de ${brand}`,
      heading: "Votre configuration d'e-mail fonctionne",
      paragraphs: [`Ce message de test montre que ${brand} peut vous envoyer des e-mails.`],
      notes: [],
    }),
    es: (_d, { brand }) => ({
      subject: `Mensaje de prueba de ${brand}`,
      heading: 'Tu configuración de correo funciona',
      paragraphs: [`Este mensaje de prueba muestra que ${brand} puede enviarte correos.`],
      notes: [],
    }),
    ja: (_d, { brand }) => ({
      subject: `${brand}からのテストメッセージ`,
      heading: 'メール送信の設定は正常です',
      paragraphs: [`このテストメッセージは、${brand}からメールを送信できることを示しています。`],
      notes: [],
    }),
  },
});
