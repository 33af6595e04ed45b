import { ZEmailTemplate } from '@latchkey/contracts';
import { describe, expect, it } from 'vitest';
import { EMAIL_LOCALES, escapeHtml, resolveEmailLocale } from './layout.js';
import { EMAIL_TEMPLATES, renderEmail } from './registry.js';

/** Valid data for every template. */
const SAMPLE_DATA: Record<keyof typeof EMAIL_TEMPLATES, object> = {
  'verify-email-code': { code: '482913', expiresInMinutes: 15 },
  'sign-up-existing-account': {},
  'sign-in-code': { code: '104729', expiresInMinutes: 10 },
  'password-reset-link': {
    link: 'https://auth.example.com/t/acme/login/reset?token=abc',
    expiresInMinutes: 30,
  },
  'account-locked': { lockedForMinutes: 15, resetLink: 'https://auth.example.com/t/acme/login/reset' },
  'organization-invitation': {
    organizationName: 'Globex',
    link: 'https://auth.example.com/t/acme/login/invitations/accept?token=lki_x',
    expiresAt: '2026-12-24T18:30:00.000Z',
  },
  'test-message': {},
};

describe('the template registry', () => {
  it('has a template for every name of the contract, written in every locale', () => {
    expect(Object.keys(EMAIL_TEMPLATES).sort()).toEqual([...ZEmailTemplate.options].sort());
    for (const template of ZEmailTemplate.options) {
      const subjects = EMAIL_LOCALES.map(
        (locale) => renderEmail(template, SAMPLE_DATA[template], { locale, brand: 'Acme' }).subject,
      );
      // Five languages, five different subjects: no locale fell back to another one's text.
      expect(new Set(subjects).size, template).toBe(EMAIL_LOCALES.length);
    }
  });
});

describe('renderEmail', () => {
  it('makes an HTML and a text body, branded, in the language asked for', () => {
    const mail = renderEmail('verify-email-code', SAMPLE_DATA['verify-email-code'], {
      locale: 'de',
      brand: 'Acme Corp',
    });
    expect(mail.subject).toBe('Bestätigen Sie Ihre E-Mail-Adresse für Acme Corp');
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="de">/);
    expect(mail.html).toContain('482913');
    expect(mail.html).toContain('15 Minuten');
    expect(mail.text).toContain('    482913');
    expect(mail.text).toContain('Der Code läuft in 15 Minuten ab.');
    expect(mail.text.split('\n')[0]).toBe('Acme Corp');
    expect(mail.text).not.toMatch(/<[a-z]/i);
    expect(mail.data).toEqual({ code: '482913', expiresInMinutes: 15 });
  });

  it('puts the verification link next to the code, in every locale, when there is one', () => {
    const link = 'https://auth.example.com/t/acme/login/verify-email?token=abc';
    for (const locale of EMAIL_LOCALES) {
      const mail = renderEmail(
        'verify-email-code',
        { code: '482913', expiresInMinutes: 10, link },
        { locale, brand: 'Acme' },
      );
      expect(mail.html, locale).toContain(`href="${link}"`);
      expect(mail.text, locale).toContain(link);
      expect(mail.text, locale).toContain('    482913');
      const codeOnly = renderEmail(
        'verify-email-code',
        { code: '482913', expiresInMinutes: 10 },
        { locale, brand: 'Acme' },
      );
      expect(codeOnly.text, locale).not.toContain('http');
      // The wording names the link only when there is one (the line after brand and heading).
      expect(codeOnly.text.split('\n')[4], locale).not.toBe(mail.text.split('\n')[4]);
    }
    expect(() =>
      renderEmail(
        'verify-email-code',
        { code: '482913', expiresInMinutes: 10, link: 'javascript:alert(1)' },
        {
          locale: 'en',
          brand: 'Acme',
        },
      ),
    ).toThrow();
  });

  it('escapes every value that reaches the HTML, and keeps the text version literal', () => {
    const hostile = '<img src=x onerror=alert(1)> & "quoted" \'single\'';
    const mail = renderEmail(
      'organization-invitation',
      { ...SAMPLE_DATA['organization-invitation'], organizationName: hostile },
      { locale: 'en', brand: '<b>Brand</b>' },
    );
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<b>Brand');
    expect(mail.html).toContain(
      '&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; &#39;single&#39;',
    );
    expect(mail.html).toContain('&lt;b&gt;Brand&lt;/b&gt;');
    expect(mail.text).toContain(`You have been invited to join ${hostile} on <b>Brand</b>.`);
    // The link is an attribute value: escaped too (& in query strings included).
    const withQuery = renderEmail(
      'password-reset-link',
      { link: 'https://x.example/reset?a=1&b="2"', expiresInMinutes: 5 },
      { locale: 'en', brand: 'X' },
    );
    expect(withQuery.html).toContain('href="https://x.example/reset?a=1&amp;b=&quot;2&quot;"');
  });

  it('keeps the subject on one line whatever the data holds', () => {
    const mail = renderEmail(
      'organization-invitation',
      { ...SAMPLE_DATA['organization-invitation'], organizationName: 'Evil\r\nBcc: victim@example.com' },
      { locale: 'en', brand: 'Acme' },
    );
    expect(mail.subject).toBe('You are invited to join Evil Bcc: victim@example.com on Acme');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('refuses data that does not fit the template', () => {
    const render = (template: keyof typeof EMAIL_TEMPLATES, data: object) => () =>
      renderEmail(template, data, { locale: 'en', brand: 'Acme' });
    expect(render('sign-in-code', { code: '12ab56', expiresInMinutes: 10 })).toThrow(/digits/);
    expect(render('sign-in-code', { code: '123456' })).toThrow();
    expect(render('password-reset-link', { link: 'javascript:alert(1)', expiresInMinutes: 5 })).toThrow();
    expect(render('password-reset-link', { link: 'ftp://x.example/', expiresInMinutes: 5 })).toThrow();
    expect(render('test-message', { extra: 1 })).toThrow();
  });

  it('shows a link both as a button and spelled out, and dates in the reader’s language (UTC)', () => {
    const mail = renderEmail('organization-invitation', SAMPLE_DATA['organization-invitation'], {
      locale: 'ja',
      brand: 'Acme',
    });
    const link = 'https://auth.example.com/t/acme/login/invitations/accept?token=lki_x';
    expect(mail.html.split(`href="${link}"`).length - 1).toBe(2);
    expect(mail.text).toContain(`招待を承諾: ${link}`);
    expect(mail.text).toContain('2026年12月24日 18:30 UTC');
  });

  it('leaves the reset button out of the lock notice when there is no link', () => {
    const mail = renderEmail('account-locked', { lockedForMinutes: 1 }, { locale: 'en', brand: 'Acme' });
    expect(mail.html).not.toContain('<a ');
    expect(mail.text).toContain('your account is locked for 1 minute.');
  });
});

describe('resolveEmailLocale', () => {
  it('takes the first candidate whose language has templates, by primary subtag, else English', () => {
    expect(resolveEmailLocale('de-CH', 'fr')).toBe('de');
    expect(resolveEmailLocale('ES', 'fr')).toBe('es');
    expect(resolveEmailLocale('ja_JP')).toBe('ja');
    expect(resolveEmailLocale('pt-BR', 'fr')).toBe('fr');
    expect(resolveEmailLocale('pt-BR', 'it')).toBe('en');
    expect(resolveEmailLocale(undefined, null)).toBe('en');
    expect(resolveEmailLocale('', 'de')).toBe('de');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and attribute values', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
