import type { TMessages } from './en';

/** German. Typed by the English strings, so a missing key fails the build. */
export const de: TMessages = {
  locale: 'de',
  documentTitle: (tenant: string) => `Anmelden · ${tenant}`,
  documentTitleNoTenant: 'Anmelden',
  loading: 'Anmeldung wird geladen…',
  signIn: {
    heading: 'Anmelden',
    subheading: (tenant: string) => `um mit ${tenant} fortzufahren`,
    subheadingWithApp: (app: string, tenant: string) => `um mit deinem ${tenant}-Konto zu ${app} zu gelangen`,
    identifierLabel: 'E-Mail oder Benutzername',
    identifierRequired: 'Gib deine E-Mail-Adresse oder deinen Benutzernamen ein.',
    passwordLabel: 'Passwort',
    passwordRequired: 'Gib dein Passwort ein.',
    rememberLabel: 'Angemeldet bleiben',
    rememberHint: 'Nicht auf einem geteilten oder öffentlichen Gerät.',
    submit: 'Anmelden',
    invalidCredentials:
      'E-Mail, Benutzername oder Passwort stimmen nicht. Prüfe deine Eingaben und versuche es erneut.',
    noAccount: 'Neu hier?',
    createAccount: 'Konto erstellen',
    forgotPassword: 'Passwort vergessen?',
    emailCodeInstead: 'Stattdessen einen Code per E-Mail senden',
  },
  forgotPassword: {
    heading: 'Passwort zurücksetzen',
    lead: 'Gib die E-Mail-Adresse deines Kontos ein. Wir senden dir einen Link, um ein neues Passwort zu wählen.',
    emailLabel: 'E-Mail',
    emailRequired: 'Gib deine E-Mail-Adresse ein.',
    emailInvalid: 'Gib eine E-Mail-Adresse wie name@example.com ein.',
    submit: 'Link senden',
    sentHeading: 'Prüfe deine E-Mails',
    sent: (email: string) =>
      `Wenn zu ${email} ein Konto gehört, haben wir einen Link für ein neues Passwort gesendet. Der Link gilt 30 Minuten.`,
    notReceived: 'Keine E-Mail? Sieh im Spam-Ordner nach oder versuche es in ein paar Minuten erneut.',
    backToSignIn: 'Zurück zur Anmeldung',
  },
  emailCode: {
    heading: 'Mit einem Code anmelden',
    lead: 'Gib die E-Mail-Adresse deines Kontos ein. Wir senden dir einen 6-stelligen Code zur Anmeldung.',
    emailLabel: 'E-Mail',
    submit: 'Code senden',
    disabled: 'Die Anmeldung per E-Mail-Code ist hier nicht verfügbar. Melde dich mit deinem Passwort an.',
    usePassword: 'Stattdessen mit Passwort anmelden',
  },
  emailCodeVerify: {
    lead: (email: string) =>
      `Wenn zu ${email} ein Konto gehört, haben wir einen 6-stelligen Code gesendet. Gib ihn ein, um dich anzumelden.`,
    submit: 'Anmelden',
    otherEmail: 'Andere E-Mail-Adresse verwenden',
  },
  resetPassword: {
    heading: 'Neues Passwort wählen',
    lead: (email: string) => `Für dein Konto ${email}.`,
    checking: 'Dein Link wird geprüft…',
    passwordLabel: 'Neues Passwort',
    submit: 'Passwort ändern',
    doneHeading: 'Passwort geändert',
    done: 'Dein Passwort wurde geändert und du wurdest überall abgemeldet. Kehre zur Anwendung zurück und melde dich mit dem neuen Passwort an.',
    invalidHeading: 'Dieser Link funktioniert nicht',
    invalid:
      'Kopiere den vollständigen Link aus der E-Mail oder fordere auf der Anmeldeseite der Anwendung einen neuen an.',
    usedHeading: 'Dieser Link wurde bereits verwendet',
    used: 'Jeder Link funktioniert einmal. Wenn du dein Passwort noch ändern musst, fordere auf der Anmeldeseite einen neuen Link an.',
    expiredHeading: 'Dieser Link ist abgelaufen',
    expired: 'Links gelten 30 Minuten. Fordere auf der Anmeldeseite der Anwendung einen neuen an.',
  },
  signUp: {
    heading: 'Konto erstellen',
    lead: (app: string, tenant: string) => `um mit einem neuen ${tenant}-Konto zu ${app} zu gelangen`,
    emailLabel: 'E-Mail',
    emailRequired: 'Gib deine E-Mail-Adresse ein.',
    emailInvalid: 'Gib eine E-Mail-Adresse wie name@example.com ein.',
    passwordLabel: 'Passwort',
    passwordHint: (min: number) => `Mindestens ${min} Zeichen.`,
    passwordTooShort: (min: number) => `Verwende mindestens ${min} Zeichen.`,
    passwordTooWeak:
      'Dieses Passwort ist zu leicht zu erraten. Füge ein oder zwei Wörter hinzu oder mach es länger.',
    passwordWeakCommon:
      'Dieses Passwort wird sehr häufig verwendet. Wähle etwas Selteneres, zum Beispiel ein paar Wörter, die nichts miteinander zu tun haben.',
    passwordWeakPersonal:
      'Bilde dein Passwort nicht aus deinem Namen, deiner E-Mail-Adresse oder dem Namen dieses Dienstes.',
    passwordWeakPattern:
      'Tastaturmuster, wiederholte Zeichen und Folgen wie „abc“ oder „123“ sind leicht zu erraten. Füge ein paar Wörter hinzu, die nichts miteinander zu tun haben.',
    passwordWeakDate:
      'Daten und Jahreszahlen sind leicht zu erraten. Füge ein paar Wörter hinzu, die nichts miteinander zu tun haben.',
    passwordWeakWord:
      'Ein einzelnes Wort oder ein Name ist leicht zu erraten, auch mit ein paar Ziffern oder Sonderzeichen. Füge ein paar Wörter hinzu, die nichts miteinander zu tun haben.',
    passwordReused:
      'Du hast dieses Passwort vor Kurzem schon verwendet. Wähle eines, das du noch nicht benutzt hast.',
    givenNameLabel: 'Vorname',
    givenNameRequired: 'Gib deinen Vornamen ein.',
    familyNameLabel: 'Nachname',
    familyNameRequired: 'Gib deinen Nachnamen ein.',
    usernameLabel: 'Benutzername',
    usernameHint: 'Buchstaben, Ziffern, „.“, „_“ und „-“, beginnend mit einem Buchstaben oder einer Ziffer.',
    usernameRequired: 'Wähle einen Benutzernamen.',
    usernameInvalid:
      'Verwende 2 bis 64 Buchstaben, Ziffern, „.“, „_“ oder „-“, beginnend mit einem Buchstaben oder einer Ziffer.',
    usernameTaken: 'Dieser Benutzername ist vergeben. Wähle einen anderen.',
    phoneLabel: 'Telefonnummer',
    phoneHint: 'Mit Ländervorwahl, zum Beispiel +4915112345678.',
    phoneRequired: 'Gib deine Telefonnummer ein.',
    phoneInvalid: 'Gib die Nummer mit Ländervorwahl ein, zum Beispiel +4915112345678.',
    optional: (label: string) => `${label} (optional)`,
    checkFields: 'Einige Angaben brauchen noch einen Blick. Prüfe die markierten Felder.',
    disabled: 'Hier kann kein Konto erstellt werden. Melde dich stattdessen mit einem bestehenden Konto an.',
    submit: 'Konto erstellen',
    haveAccount: 'Schon ein Konto?',
    signIn: 'Anmelden',
  },
  verifyEmail: {
    heading: 'Prüfe deine E-Mails',
    lead: (email: string) =>
      `Wir haben einen 6-stelligen Code und einen Link an ${email} gesendet. Gib den Code ein oder öffne den Link auf einem beliebigen Gerät, um dein Konto fertig zu erstellen.`,
    leadCodeOnly: (email: string) =>
      `Wir haben einen 6-stelligen Code an ${email} gesendet. Gib ihn hier ein, um dein Konto fertig zu erstellen.`,
    codeLabel: 'Bestätigungscode',
    codeHint: 'Die 6 Ziffern aus der E-Mail.',
    codeRequired: 'Gib den 6-stelligen Code aus der E-Mail ein.',
    codeFormat: 'Der Code hat 6 Ziffern.',
    codeInvalid: 'Dieser Code stimmt nicht. Prüfe die neueste E-Mail und versuche es erneut.',
    codeExpired: 'Dieser Code ist abgelaufen. Fordere einen neuen an.',
    codeVoid: 'Zu viele falsche Codes: Dieser gilt nicht mehr. Fordere einen neuen an.',
    submit: 'Bestätigen und weiter',
    resend: 'Neuen Code senden',
    resendIn: (seconds: number) => `Neuen Code senden in ${seconds} s`,
    resent: 'Wir haben einen neuen Code gesendet. Prüfe deine E-Mails.',
    notReceived: 'Keine E-Mail? Sieh im Spam-Ordner nach oder fordere einen neuen Code an.',
    otherEmail: 'Andere E-Mail-Adresse verwenden',
    signIn: 'Stattdessen anmelden',
  },
  emailVerified: {
    heading: 'E-Mail-Adresse bestätigt',
    lead: 'Deine E-Mail-Adresse ist bestätigt. Du wirst angemeldet …',
    continue: 'Weiter',
  },
  verifyLink: {
    heading: 'Bestätige deine E-Mail-Adresse',
    lead: (email: string) => `Bestätige, dass ${email} deine E-Mail-Adresse ist.`,
    warning:
      'Fahre nur fort, wenn du selbst mit dieser Adresse ein Konto erstellen wolltest. Falls nicht, schließe diese Seite: Es passiert nichts.',
    submit: 'E-Mail-Adresse bestätigen',
    doneHeading: 'E-Mail-Adresse bestätigt',
    done: 'Kehre zu dem Tab zurück, in dem du mit der Registrierung begonnen hast: Dort geht es von selbst weiter. Falls du ihn geschlossen hast, melde dich mit deinem neuen Konto bei der Anwendung an.',
    invalidHeading: 'Dieser Link funktioniert nicht',
    invalid:
      'Kopiere den vollständigen Link aus der E-Mail oder gib den Code aus der E-Mail auf der Registrierungsseite ein.',
    usedHeading: 'Diese E-Mail-Adresse ist bereits bestätigt',
    used: 'Kehre zu dem Tab zurück, in dem du mit der Registrierung begonnen hast, oder melde dich mit deinem neuen Konto bei der Anwendung an.',
    expiredHeading: 'Dieser Link ist abgelaufen',
    expired:
      'Links gelten 10 Minuten, und nur der aus der neuesten E-Mail. Fordere auf der Registrierungsseite einen neuen Code an.',
    disabled: 'Hier kann kein Konto mehr erstellt werden.',
    linksOffHeading: 'Links sind ausgeschaltet',
    linksOff:
      'Dieser Dienst bestätigt Adressen nicht mehr per Link. Gib den 6-stelligen Code aus derselben E-Mail auf der Seite ein, auf der du mit dem Erstellen deines Kontos begonnen hast.',
  },
  continueAs: {
    heading: 'Konto auswählen',
    lead: (app: string) => `um zu ${app} zu gelangen`,
    continueAs: (name: string) => `Weiter als ${name}`,
    useAnother: 'Anderes Konto verwenden',
    accountUnavailable: 'Mit diesem Konto ist hier keine Anmeldung mehr möglich. Verwende ein anderes Konto.',
  },
  consent: {
    heading: (app: string) => `${app} Zugriff auf dein Konto erlauben?`,
    lead: (app: string, tenant: string) =>
      `${app} bittet um Zugriff auf dein ${tenant}-Konto. Die Anwendung kann dann:`,
    allow: 'Erlauben',
    deny: 'Ablehnen',
    note: 'Ablehnen bringt dich zur Anwendung zurück, ohne etwas zu teilen.',
    logoAlt: (app: string) => `Logo von ${app}`,
    links: (app: string) => `Über ${app}`,
    website: 'Website',
    policy: 'Datenschutzerklärung',
    terms: 'Nutzungsbedingungen',
    scopes: {
      openid: 'Wissen, wer du bist (deine Konto-ID)',
      profile: 'Deinen Namen und deine Profilangaben sehen',
      email: 'Deine E-Mail-Adresse sehen',
      phone: 'Deine Telefonnummer sehen',
      address: 'Deine Postanschrift sehen',
      offline_access: 'Zugriff behalten, während du sie nicht nutzt',
    } as Record<string, string>,
    otherScope: (scope: string) => `Die Berechtigung „${scope}“ nutzen`,
    apiPermission: (permission: string, api: string) => `Die Berechtigung „${permission}“ von ${api} nutzen`,
  },
  organization: {
    heading: 'Organisation wählen',
    lead: (app: string) => `${app} meldet dich bei einer deiner Organisationen an.`,
    leadOptional: (app: string) => `${app} kann dich bei einer deiner Organisationen anmelden oder ohne.`,
    legend: 'Deine Organisationen',
    required: 'Wähle eine Organisation, um fortzufahren.',
    submit: 'Weiter',
    withoutOrganization: 'Ohne Organisation fortfahren',
    notAvailable: 'Diese Organisation steht dir nicht mehr zur Verfügung. Wähle eine andere.',
    noneTitle: 'Du bist in keiner Organisation Mitglied',
    noneBody: (app: string) =>
      `${app} braucht eine, um dich anzumelden. Bitte deine Administration, dich hinzuzufügen, und starte dann erneut in der Anwendung.`,
    cancel: 'Anmeldung abbrechen',
  },
  stepErrors: {
    title: 'Etwas ist schiefgelaufen',
    network: 'Der Server ist nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.',
    rateLimited: 'Zu viele Versuche. Warte eine Minute und versuche es dann erneut.',
    unexpected: 'Bei uns ist etwas schiefgelaufen. Versuche es gleich noch einmal.',
  },
  errorPages: {
    'missing-uid': {
      heading: 'Dieser Anmeldelink ist unvollständig',
      body: 'Die Anmeldung beginnt in der Anwendung, die du nutzt. Kehre dorthin zurück und wähle erneut „Anmelden“.',
    },
    expired: {
      heading: 'Diese Anmeldung ist abgelaufen',
      body: 'Sie war zu lange offen oder ist bereits abgeschlossen. Kehre zur Anwendung zurück und melde dich erneut an.',
    },
    'tenant-not-found': {
      heading: 'Diese Anmeldeseite gibt es nicht',
      body: 'Die Adresse ist vielleicht falsch geschrieben oder das Konto wurde entfernt. Kehre zur Anwendung zurück und beginne erneut.',
    },
    'tenant-suspended': {
      heading: 'Anmelden ist nicht möglich',
      body: 'Dieses Konto ist derzeit gesperrt. Wende dich an den Support der Anwendung, von der du kommst.',
    },
    'session-ended': {
      heading: 'Du wurdest abgemeldet',
      body: 'Du wurdest abgemeldet, seit diese Anmeldung begonnen hat (in einem anderen Tab, oder deine Sitzung ist abgelaufen). Kehre zur Anwendung zurück und melde dich erneut an.',
    },
    network: {
      heading: 'Der Server ist nicht erreichbar',
      body: 'Prüfe deine Verbindung und versuche es erneut. Wenn es weiter fehlschlägt, kehre zur Anwendung zurück und beginne erneut.',
    },
    unexpected: {
      heading: 'Etwas ist schiefgelaufen',
      body: 'Versuche es erneut. Wenn es weiter fehlschlägt, kehre zur Anwendung zurück und melde dich erneut an.',
    },
    retry: 'Erneut versuchen',
  },
  missingTenant: {
    heading: 'Dieser Anmeldelink ist unvollständig',
    body: 'Eine Anmeldeseite hat eine Adresse wie /t/deine-organisation/login/. Kehre zur Anwendung zurück, von der du kommst, und melde dich erneut an.',
  },
  footer: {
    securedBy: 'Geschützt von',
  },
};
