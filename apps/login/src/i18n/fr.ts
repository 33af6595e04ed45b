import type { TMessages } from './en';

/** French. Typed by the English strings, so a missing key fails the build. */
export const fr: TMessages = {
  locale: 'fr',
  documentTitle: (tenant: string) => `Connexion · ${tenant}`,
  documentTitleNoTenant: 'Connexion',
  loading: 'Chargement de la connexion…',
  signIn: {
    heading: 'Connexion',
    subheading: (tenant: string) => `pour continuer vers ${tenant}`,
    subheadingWithApp: (app: string, tenant: string) =>
      `pour continuer vers ${app} avec votre compte ${tenant}`,
    identifierLabel: 'E-mail ou nom d’utilisateur',
    identifierRequired: 'Saisissez votre adresse e-mail ou votre nom d’utilisateur.',
    passwordLabel: 'Mot de passe',
    passwordRequired: 'Saisissez votre mot de passe.',
    rememberLabel: 'Rester connecté',
    rememberHint: 'Pas sur un appareil partagé ou public.',
    submit: 'Se connecter',
    invalidCredentials:
      'L’e-mail, le nom d’utilisateur ou le mot de passe est incorrect. Vérifiez-les et réessayez.',
    noAccount: 'Nouveau ici ?',
    createAccount: 'Créer un compte',
    forgotPassword: 'Mot de passe oublié ?',
    emailCodeInstead: 'Recevoir plutôt un code par e-mail',
  },
  forgotPassword: {
    heading: 'Réinitialiser votre mot de passe',
    lead: 'Saisissez l’adresse e-mail de votre compte. Nous vous enverrons un lien pour choisir un nouveau mot de passe.',
    emailLabel: 'E-mail',
    emailRequired: 'Saisissez votre adresse e-mail.',
    emailInvalid: 'Saisissez une adresse e-mail comme nom@example.com.',
    submit: 'Envoyer le lien',
    sentHeading: 'Consultez vos e-mails',
    sent: (email: string) =>
      `Si ${email} correspond à un compte, nous lui avons envoyé un lien pour choisir un nouveau mot de passe. Le lien est valable 30 minutes.`,
    notReceived: 'Pas d’e-mail ? Vérifiez vos indésirables ou réessayez dans quelques minutes.',
    backToSignIn: 'Retour à la connexion',
  },
  emailCode: {
    heading: 'Se connecter avec un code',
    lead: 'Saisissez l’adresse e-mail de votre compte. Nous vous enverrons un code à 6 chiffres pour vous connecter.',
    emailLabel: 'E-mail',
    submit: 'Envoyer le code',
    disabled:
      'La connexion par code e-mail n’est pas disponible ici. Connectez-vous avec votre mot de passe.',
    usePassword: 'Se connecter plutôt avec un mot de passe',
  },
  emailCodeVerify: {
    lead: (email: string) =>
      `Si ${email} correspond à un compte, nous lui avons envoyé un code à 6 chiffres. Saisissez-le pour vous connecter.`,
    submit: 'Se connecter',
    otherEmail: 'Utiliser une autre adresse e-mail',
  },
  resetPassword: {
    heading: 'Choisir un nouveau mot de passe',
    lead: (email: string) => `Pour votre compte ${email}.`,
    checking: 'Vérification de votre lien…',
    passwordLabel: 'Nouveau mot de passe',
    submit: 'Changer le mot de passe',
    doneHeading: 'Mot de passe changé',
    done: 'Votre mot de passe a été changé et vous avez été déconnecté partout. Revenez à l’application et connectez-vous avec votre nouveau mot de passe.',
    invalidHeading: 'Ce lien ne fonctionne pas',
    invalid:
      'Copiez le lien complet depuis l’e-mail, ou demandez-en un nouveau depuis la page de connexion de l’application.',
    usedHeading: 'Ce lien a déjà été utilisé',
    used: 'Chaque lien ne fonctionne qu’une fois. Si vous devez encore changer votre mot de passe, demandez un nouveau lien depuis la page de connexion.',
    expiredHeading: 'Ce lien a expiré',
    expired:
      'Les liens sont valables 30 minutes. Demandez-en un nouveau depuis la page de connexion de l’application.',
  },
  signUp: {
    heading: 'Créer votre compte',
    lead: (app: string, tenant: string) => `pour continuer vers ${app} avec un nouveau compte ${tenant}`,
    emailLabel: 'E-mail',
    emailRequired: 'Saisissez votre adresse e-mail.',
    emailInvalid: 'Saisissez une adresse e-mail comme nom@example.com.',
    passwordLabel: 'Mot de passe',
    passwordHint: (min: number) => `Au moins ${min} caractères.`,
    passwordTooShort: (min: number) => `Utilisez au moins ${min} caractères.`,
    passwordTooWeak: 'Ce mot de passe est trop facile à deviner. Ajoutez un ou deux mots, ou allongez-le.',
    passwordWeakCommon:
      'Ce mot de passe est très courant. Choisissez quelque chose de moins répandu, par exemple quelques mots sans rapport entre eux.',
    passwordWeakPersonal:
      'Ne construisez pas votre mot de passe à partir de votre nom, de votre adresse e-mail ou du nom de ce service.',
    passwordWeakPattern:
      'Les motifs de clavier, les caractères répétés et les suites comme « abc » ou « 123 » sont faciles à deviner. Ajoutez quelques mots sans rapport entre eux.',
    passwordWeakDate:
      'Les dates et les années sont faciles à deviner. Ajoutez quelques mots sans rapport entre eux.',
    passwordWeakWord:
      'Un seul mot ou un nom est facile à deviner, même avec quelques chiffres ou symboles. Ajoutez quelques mots sans rapport entre eux.',
    passwordReused:
      'Vous avez utilisé ce mot de passe récemment. Choisissez-en un que vous n’avez pas encore utilisé.',
    givenNameLabel: 'Prénom',
    givenNameRequired: 'Saisissez votre prénom.',
    familyNameLabel: 'Nom',
    familyNameRequired: 'Saisissez votre nom.',
    usernameLabel: 'Nom d’utilisateur',
    usernameHint: 'Lettres, chiffres, « . », « _ » et « - », en commençant par une lettre ou un chiffre.',
    usernameRequired: 'Choisissez un nom d’utilisateur.',
    usernameInvalid:
      'Utilisez 2 à 64 lettres, chiffres, « . », « _ » ou « - », en commençant par une lettre ou un chiffre.',
    usernameTaken: 'Ce nom d’utilisateur est pris. Choisissez-en un autre.',
    phoneLabel: 'Numéro de téléphone',
    phoneHint: 'Avec l’indicatif du pays, par exemple +33612345678.',
    phoneRequired: 'Saisissez votre numéro de téléphone.',
    phoneInvalid: 'Saisissez le numéro avec l’indicatif du pays, par exemple +33612345678.',
    optional: (label: string) => `${label} (facultatif)`,
    checkFields: 'Certaines informations sont à revoir. Vérifiez les champs signalés.',
    disabled:
      'La création de compte n’est pas disponible ici. Connectez-vous plutôt avec un compte existant.',
    submit: 'Créer le compte',
    haveAccount: 'Vous avez déjà un compte ?',
    signIn: 'Se connecter',
  },
  verifyEmail: {
    heading: 'Consultez vos e-mails',
    lead: (email: string) =>
      `Nous avons envoyé un code à 6 chiffres et un lien à ${email}. Saisissez le code, ou ouvrez le lien sur n’importe quel appareil, pour terminer la création de votre compte.`,
    leadCodeOnly: (email: string) =>
      `Nous avons envoyé un code à 6 chiffres à ${email}. Saisissez-le ici pour terminer la création de votre compte.`,
    codeLabel: 'Code de vérification',
    codeHint: 'Les 6 chiffres de l’e-mail.',
    codeRequired: 'Saisissez le code à 6 chiffres de l’e-mail.',
    codeFormat: 'Le code comporte 6 chiffres.',
    codeInvalid: 'Ce code est incorrect. Vérifiez le dernier e-mail et réessayez.',
    codeExpired: 'Ce code a expiré. Demandez-en un nouveau.',
    codeVoid: 'Trop de codes erronés : celui-ci ne fonctionne plus. Demandez-en un nouveau.',
    submit: 'Vérifier et continuer',
    resend: 'Envoyer un nouveau code',
    resendIn: (seconds: number) => `Envoyer un nouveau code dans ${seconds} s`,
    resent: 'Nous avons envoyé un nouveau code. Consultez vos e-mails.',
    notReceived: 'Pas d’e-mail ? Vérifiez vos indésirables ou demandez un nouveau code.',
    otherEmail: 'Utiliser une autre adresse e-mail',
    signIn: 'Se connecter plutôt',
  },
  emailVerified: {
    heading: 'Adresse e-mail confirmée',
    lead: 'Votre adresse e-mail est confirmée. Connexion en cours…',
    continue: 'Continuer',
  },
  verifyLink: {
    heading: 'Confirmez votre adresse e-mail',
    lead: (email: string) => `Confirmez que ${email} est bien votre adresse e-mail.`,
    warning:
      'Ne continuez que si vous avez vous-même commencé à créer un compte avec cette adresse. Sinon, fermez cette page : rien ne se passera.',
    submit: 'Confirmer l’adresse e-mail',
    doneHeading: 'Adresse e-mail confirmée',
    done: 'Revenez à l’onglet où vous avez commencé à créer votre compte : la suite s’y fait toute seule. Si vous l’avez fermé, connectez-vous à l’application avec votre nouveau compte.',
    invalidHeading: 'Ce lien ne fonctionne pas',
    invalid:
      'Copiez le lien complet depuis l’e-mail, ou saisissez le code de l’e-mail sur la page d’inscription.',
    usedHeading: 'Cette adresse e-mail est déjà confirmée',
    used: 'Revenez à l’onglet où vous avez commencé à créer votre compte, ou connectez-vous à l’application avec votre nouveau compte.',
    expiredHeading: 'Ce lien a expiré',
    expired:
      'Les liens sont valables 10 minutes, et seul celui du dernier e-mail fonctionne. Demandez un nouveau code depuis la page d’inscription.',
    disabled: 'La création de compte n’est plus disponible ici.',
    linksOffHeading: 'Les liens sont désactivés',
    linksOff:
      'Ce service ne vérifie plus les adresses par lien. Saisissez le code à 6 chiffres du même e-mail sur la page où vous avez commencé à créer votre compte.',
  },
  continueAs: {
    heading: 'Choisissez un compte',
    lead: (app: string) => `pour continuer vers ${app}`,
    continueAs: (name: string) => `Continuer en tant que ${name}`,
    useAnother: 'Utiliser un autre compte',
    accountUnavailable: 'Ce compte ne peut plus se connecter ici. Utilisez un autre compte.',
  },
  consent: {
    heading: (app: string) => `Autoriser ${app} à accéder à votre compte ?`,
    lead: (app: string, tenant: string) =>
      `${app} demande l’accès à votre compte ${tenant}. L’application pourra :`,
    allow: 'Autoriser',
    deny: 'Refuser',
    note: 'Refuser vous ramène à l’application sans rien partager.',
    logoAlt: (app: string) => `Logo de ${app}`,
    links: (app: string) => `À propos de ${app}`,
    website: 'Site web',
    policy: 'Politique de confidentialité',
    terms: 'Conditions d’utilisation',
    scopes: {
      openid: 'Savoir qui vous êtes (l’identifiant de votre compte)',
      profile: 'Voir votre nom et les détails de votre profil',
      email: 'Voir votre adresse e-mail',
      phone: 'Voir votre numéro de téléphone',
      address: 'Voir votre adresse postale',
      offline_access: 'Garder l’accès lorsque vous ne l’utilisez pas',
    } as Record<string, string>,
    otherScope: (scope: string) => `Utiliser l’autorisation « ${scope} »`,
    apiPermission: (permission: string, api: string) => `Utiliser l’autorisation « ${permission} » de ${api}`,
  },
  organization: {
    heading: 'Choisir une organisation',
    lead: (app: string) => `${app} vous connecte à l’une de vos organisations.`,
    leadOptional: (app: string) =>
      `${app} peut vous connecter à l’une de vos organisations, ou sans organisation.`,
    legend: 'Vos organisations',
    required: 'Choisissez une organisation pour continuer.',
    submit: 'Continuer',
    withoutOrganization: 'Continuer sans organisation',
    notAvailable: 'Cette organisation ne vous est plus accessible. Choisissez-en une autre.',
    noneTitle: 'Vous n’êtes membre d’aucune organisation',
    noneBody: (app: string) =>
      `${app} en a besoin pour vous connecter. Demandez à votre administrateur de vous ajouter à votre organisation, puis recommencez depuis l’application.`,
    cancel: 'Annuler la connexion',
  },
  stepErrors: {
    title: 'Une erreur s’est produite',
    network: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
    rateLimited: 'Trop de tentatives. Attendez une minute, puis réessayez.',
    unexpected: 'Une erreur s’est produite de notre côté. Réessayez dans un instant.',
  },
  errorPages: {
    'missing-uid': {
      heading: 'Ce lien de connexion est incomplet',
      body: 'La connexion commence dans l’application que vous utilisez. Revenez-y et choisissez à nouveau de vous connecter.',
    },
    expired: {
      heading: 'Cette connexion a expiré',
      body: 'Elle est restée ouverte trop longtemps ou elle est déjà terminée. Revenez à l’application et recommencez la connexion.',
    },
    'tenant-not-found': {
      heading: 'Cette page de connexion n’existe pas',
      body: 'L’adresse est peut-être mal saisie ou le compte a été supprimé. Revenez à l’application et recommencez.',
    },
    'tenant-suspended': {
      heading: 'La connexion est indisponible',
      body: 'Ce compte est suspendu pour le moment. Contactez le support de l’application d’où vous venez.',
    },
    'session-ended': {
      heading: 'Vous avez été déconnecté',
      body: 'Vous avez été déconnecté depuis le début de cette connexion (dans un autre onglet, ou votre session a expiré). Revenez à l’application et connectez-vous à nouveau.',
    },
    network: {
      heading: 'Impossible de joindre le serveur',
      body: 'Vérifiez votre connexion et réessayez. Si l’échec persiste, revenez à l’application et recommencez.',
    },
    unexpected: {
      heading: 'Une erreur s’est produite',
      body: 'Réessayez. Si l’échec persiste, revenez à l’application et recommencez la connexion.',
    },
    retry: 'Réessayer',
  },
  missingTenant: {
    heading: 'Ce lien de connexion est incomplet',
    body: 'Une page de connexion a une adresse comme /t/votre-organisation/login/. Revenez à l’application d’où vous venez et recommencez la connexion.',
  },
  footer: {
    securedBy: 'Sécurisé par',
  },
};
