import { z } from 'zod';
import { dateTime } from './layout.js';
import { defineTemplate, ZLink } from './template.js';

/** An invitation to join an organization of the tenant; the link carries the one-time token. */
export const organizationInvitation = defineTemplate({
  data: z
    .object({ organizationName: z.string().min(1).max(200), link: ZLink, expiresAt: z.iso.datetime() })
    .strict(),
  texts: {
    en: (d, { brand, locale }) => ({
      subject: `You are invited to join ${d.organizationName} on ${brand}`,
      heading: `Join ${d.organizationName}`,
      paragraphs: [`You have been invited to join ${d.organizationName} on ${brand}.`],
      action: { label: 'Accept the invitation', url: d.link },
      notes: [`The invitation expires on ${dateTime(locale, d.expiresAt)}.`],
    }),
    de: (d, { brand, locale }) => ({
      subject: `Einladung zu ${d.organizationName} bei ${brand}`,
      heading: `${d.organizationName} beitreten`,
      paragraphs: [`Sie wurden eingeladen, ${d.organizationName} bei ${brand} beizutreten.`],
      action: { label: 'Einladung annehmen', url: d.link },
      notes: [`Die Einladung läuft am ${dateTime(locale, d.expiresAt)} ab.`],
    }),
    fr: (d, { brand, locale }) => ({
      subject: `Invitation à rejoindre ${d.organizationName} sur ${brand}`,
      heading: `Rejoindre ${d.organizationName}`,
      paragraphs: [`Vous êtes invité(e) à rejoindre ${d.organizationName} sur ${brand}.`],
      action: { label: "Accepter l'invitation", url: d.link },
      notes: [`L'invitation expire le ${dateTime(locale, d.expiresAt)}.`],
    }),
    es: (d, { brand, locale }) => ({
      subject: `Invitación para unirte a ${d.organizationName} en ${brand}`,
      heading: `Únete a ${d.organizationName}`,
      paragraphs: [`Te han invitado a unirte a ${d.organizationName} en ${brand}.`],
      action: { label: 'Aceptar la invitación', url: d.link },
      notes: [`La invitación caduca el ${dateTime(locale, d.expiresAt)}.`],
    }),
    ja: (d, { brand, locale }) => ({
      subject: `${brand}の${d.organizationName}への招待`,
      heading: `${d.organizationName}に参加`,
      paragraphs: [`${brand}の${d.organizationName}に招待されました。`],
      action: { label: '招待を承諾', url: d.link },
      notes: [`この招待の有効期限は${dateTime(locale, d.expiresAt)}です。`],
    }),
  },
});
