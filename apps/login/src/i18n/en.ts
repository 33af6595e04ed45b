/**
 * Every user-facing string of the hosted login, in English. One object so translators have exactly
 * one place to look; the other locales (de.ts, fr.ts, …) are typed `TMessages`, so a missing key
 * fails the build. Chosen and loaded in messages.ts / catalog.ts (docs/branding.md).
 */
export const en = {
  locale: 'en',
  documentTitle: (tenant: string) => `Sign in · ${tenant}`,
  documentTitleNoTenant: 'Sign in',
  loading: 'Loading sign-in…',
  signIn: {
    heading: 'Sign in',
    subheading: (tenant: string) => `to continue to ${tenant}`,
    subheadingWithApp: (app: string, tenant: string) => `to continue to ${app} with your ${tenant} account`,
    identifierLabel: 'Email or username',
    identifierRequired: 'Enter your email address or username.',
    passwordLabel: 'Password',
    passwordRequired: 'Enter your password.',
    rememberLabel: 'Keep me signed in',
    rememberHint: 'Not on a shared or public device.',
    submit: 'Sign in',
    // One message for an unknown account, a wrong password and a disabled user: the page must not
    // tell which (user enumeration).
    invalidCredentials: 'That email, username or password is not correct. Check them and try again.',
    noAccount: 'New here?',
    createAccount: 'Create an account',
    forgotPassword: 'Forgot your password?',
    emailCodeInstead: 'Email me a code instead',
  },
  forgotPassword: {
    heading: 'Reset your password',
    lead: 'Enter the email address of your account. We will send you a link to choose a new password.',
    emailLabel: 'Email',
    emailRequired: 'Enter your email address.',
    emailInvalid: 'Enter an email address like name@example.com.',
    submit: 'Send reset link',
    // The same words whether or not the address has an account (user enumeration).
    sentHeading: 'Check your email',
    sent: (email: string) =>
      `If ${email} belongs to an account, we sent it a link to choose a new password. The link works for 30 minutes.`,
    notReceived: 'No email? Check your spam folder, or try again in a few minutes.',
    backToSignIn: 'Back to sign in',
  },
  emailCode: {
    heading: 'Sign in with a code',
    lead: 'Enter the email address of your account. We will send you a 6-digit code to sign in.',
    emailLabel: 'Email',
    submit: 'Send code',
    disabled: 'Signing in with an email code is not available here. Sign in with your password.',
    usePassword: 'Sign in with a password instead',
  },
  emailCodeVerify: {
    lead: (email: string) =>
      `If ${email} belongs to an account, we sent it a 6-digit code. Enter it to sign in.`,
    submit: 'Sign in',
    otherEmail: 'Use a different email',
  },
  resetPassword: {
    heading: 'Choose a new password',
    lead: (email: string) => `For your account ${email}.`,
    checking: 'Checking your link…',
    passwordLabel: 'New password',
    submit: 'Change password',
    doneHeading: 'Password changed',
    done: 'Your password has been changed and you have been signed out everywhere. Return to the application and sign in with your new password.',
    invalidHeading: 'This link does not work',
    invalid:
      'Copy the whole link from the email, or ask for a new one from the sign-in page of the application.',
    usedHeading: 'This link has already been used',
    used: 'Each link works once. If you still need to change your password, ask for a new link from the sign-in page.',
    expiredHeading: 'This link has expired',
    expired: 'Links work for 30 minutes. Ask for a new one from the sign-in page of the application.',
  },
  signUp: {
    heading: 'Create your account',
    lead: (app: string, tenant: string) => `to continue to ${app} with a new ${tenant} account`,
    emailLabel: 'Email',
    emailRequired: 'Enter your email address.',
    emailInvalid: 'Enter an email address like name@example.com.',
    passwordLabel: 'Password',
    passwordHint: (min: number) => `At least ${min} characters.`,
    passwordTooShort: (min: number) => `Use at least ${min} characters.`,
    passwordTooWeak: 'This password is too easy to guess. Add another word or two, or make it longer.',
    passwordWeakCommon:
      'This is a commonly used password. Choose something less common, such as a few unrelated words.',
    passwordWeakPersonal:
      'Don’t build your password from your name, your email address or the name of this service.',
    passwordWeakPattern:
      'Keyboard patterns, repeated characters and sequences like “abc” or “123” are easy to guess. Add a few unrelated words.',
    passwordWeakDate: 'Dates and years are easy to guess. Add a few unrelated words.',
    passwordWeakWord:
      'A single word or name is easy to guess, even with a few digits or symbols. Add a few unrelated words.',
    passwordReused: 'You have used this password recently. Choose one you haven’t used before.',
    givenNameLabel: 'First name',
    givenNameRequired: 'Enter your first name.',
    familyNameLabel: 'Last name',
    familyNameRequired: 'Enter your last name.',
    usernameLabel: 'Username',
    usernameHint: 'Letters, digits, “.”, “_” and “-”, starting with a letter or digit.',
    usernameRequired: 'Choose a username.',
    usernameInvalid: 'Use 2 to 64 letters, digits, “.”, “_” or “-”, starting with a letter or digit.',
    usernameTaken: 'That username is taken. Choose another one.',
    phoneLabel: 'Phone number',
    phoneHint: 'With the country code, for example +4915112345678.',
    phoneRequired: 'Enter your phone number.',
    phoneInvalid: 'Enter the number with its country code, for example +4915112345678.',
    optional: (label: string) => `${label} (optional)`,
    checkFields: 'Some details need another look. Check the highlighted fields.',
    disabled: 'Creating an account is not available here. Sign in with an existing account instead.',
    submit: 'Create account',
    haveAccount: 'Already have an account?',
    signIn: 'Sign in',
  },
  verifyEmail: {
    heading: 'Check your email',
    // The same words whether or not the address already has an account: the mail tells the owner.
    lead: (email: string) =>
      `We sent a 6-digit code and a link to ${email}. Enter the code, or open the link on any device, to finish creating your account.`,
    leadCodeOnly: (email: string) =>
      `We sent a 6-digit code to ${email}. Enter it here to finish creating your account.`,
    codeLabel: 'Verification code',
    codeHint: 'The 6 digits from the email.',
    codeRequired: 'Enter the 6-digit code from the email.',
    codeFormat: 'The code is 6 digits.',
    codeInvalid: 'That code is not right. Check the latest email and try again.',
    codeExpired: 'This code has expired. Send yourself a new one.',
    codeVoid: 'Too many wrong codes: this one no longer works. Send yourself a new one.',
    submit: 'Verify and continue',
    resend: 'Send a new code',
    resendIn: (seconds: number) => `Send a new code in ${seconds} s`,
    resent: 'We sent a new code. Check your email.',
    notReceived: 'No email? Check your spam folder, or send a new code.',
    otherEmail: 'Use a different email',
    signIn: 'Sign in instead',
  },
  // The sign-up's own tab, once the mailed link verified the address (in this or another browser).
  emailVerified: {
    heading: 'Email verified',
    lead: 'Your email address is verified. Signing you in…',
    continue: 'Continue',
  },
  // The page the link in the sign-up mail opens, in whatever browser: it signs nobody in.
  verifyLink: {
    heading: 'Verify your email address',
    lead: (email: string) => `Confirm that ${email} is your email address.`,
    warning:
      'Only continue if you started creating an account with this address. If you did not, close this page: nothing will happen.',
    submit: 'Verify email address',
    doneHeading: 'Email verified',
    done: 'Return to the tab where you started creating your account: it continues by itself. If you closed it, sign in to the application with your new account.',
    invalidHeading: 'This link does not work',
    invalid: 'Copy the whole link from the email, or enter the code from the email on the sign-up page.',
    usedHeading: 'This email address is already verified',
    used: 'Return to the tab where you started creating your account, or sign in to the application with your new account.',
    expiredHeading: 'This link has expired',
    expired:
      'Links work for 10 minutes, and only the one in the latest email. Send yourself a new code from the sign-up page.',
    disabled: 'Creating an account is not available here any more.',
    linksOffHeading: 'Links are turned off',
    linksOff:
      'This service no longer verifies addresses by link. Enter the 6-digit code from the same email on the page where you started creating your account.',
  },
  // An SSO session exists and the application asks to choose (prompt=select_account or login_hint).
  continueAs: {
    heading: 'Choose an account',
    lead: (app: string) => `to continue to ${app}`,
    continueAs: (name: string) => `Continue as ${name}`,
    useAnother: 'Use another account',
    accountUnavailable: 'This account can no longer sign in here. Use another account.',
  },
  consent: {
    heading: (app: string) => `Allow ${app} to access your account?`,
    lead: (app: string, tenant: string) =>
      `${app} is asking for access to your ${tenant} account. It will be able to:`,
    allow: 'Allow',
    deny: 'Deny',
    note: 'Deny returns you to the application without sharing anything.',
    logoAlt: (app: string) => `${app} logo`,
    // Links the application registered; they open its own pages, outside this sign-in.
    links: (app: string) => `About ${app}`,
    website: 'Website',
    policy: 'Privacy policy',
    terms: 'Terms of service',
    // OIDC's standard scopes in plain words; other scopes are permissions of an API (below).
    scopes: {
      openid: 'Know who you are (your account ID)',
      profile: 'See your name and profile details',
      email: 'See your email address',
      phone: 'See your phone number',
      address: 'See your postal address',
      offline_access: 'Keep access while you are not using it',
    } as Record<string, string>,
    otherScope: (scope: string) => `Use the “${scope}” permission`,
    apiPermission: (permission: string, api: string) => `Use the “${permission}” permission of ${api}`,
  },
  organization: {
    heading: 'Choose an organization',
    lead: (app: string) => `${app} signs you in to one of your organizations.`,
    leadOptional: (app: string) => `${app} can sign you in to one of your organizations, or without one.`,
    legend: 'Your organizations',
    required: 'Choose an organization to continue.',
    submit: 'Continue',
    withoutOrganization: 'Continue without an organization',
    notAvailable: 'That organization is no longer available to you. Choose another one.',
    noneTitle: 'You are not a member of any organization',
    noneBody: (app: string) =>
      `${app} needs one to sign you in. Ask your administrator to add you to your organization, then start again from the application.`,
    cancel: 'Cancel sign-in',
  },
  stepErrors: {
    title: 'Something went wrong',
    network: 'We could not reach the server. Check your connection and try again.',
    rateLimited: 'Too many attempts. Wait a minute, then try again.',
    unexpected: 'Something went wrong on our side. Try again in a moment.',
  },
  // What the user can do next is always the last sentence: there is no dead end.
  errorPages: {
    'missing-uid': {
      heading: 'This sign-in link is incomplete',
      body: 'Signing in starts in the application you are using. Return to it and choose to sign in again.',
    },
    expired: {
      heading: 'This sign-in has expired',
      body: 'It was open for too long or it has already been completed. Return to the application and start signing in again.',
    },
    'tenant-not-found': {
      heading: 'This sign-in page does not exist',
      body: 'The address may be mistyped or the account was removed. Return to the application and start again.',
    },
    'tenant-suspended': {
      heading: 'Signing in is unavailable',
      body: 'This account is suspended at the moment. Contact the support of the application you came from.',
    },
    'session-ended': {
      heading: 'You were signed out',
      body: 'You were signed out since this sign-in started (in another tab, or your session expired). Return to the application and sign in again.',
    },
    network: {
      heading: 'We could not reach the server',
      body: 'Check your connection and try again. If it keeps failing, return to the application and start again.',
    },
    unexpected: {
      heading: 'Something went wrong',
      body: 'Try again. If it keeps failing, return to the application and start signing in again.',
    },
    retry: 'Try again',
  },
  missingTenant: {
    heading: 'This sign-in link is incomplete',
    body: 'A sign-in page lives at an address like /t/your-organization/login/. Go back to the application you came from and start signing in again.',
  },
  footer: {
    securedBy: 'Secured by',
  },
};

export type TMessages = typeof en;
