/**
 * Every user-facing string of the hosted login, in English. One object so translators (and the
 * locale negotiation that comes with tenant branding) have exactly one place to look; other
 * locales will be typed `TMessages` so a missing key fails the build.
 */
export const en = {
  locale: 'en',
  documentTitle: (tenant: string) => `Sign in · ${tenant}`,
  documentTitleNoTenant: 'Sign in',
  signIn: {
    heading: 'Sign in',
    subheading: (tenant: string) => `to continue to ${tenant}`,
    identifierLabel: 'Email or username',
    identifierRequired: 'Enter your email address or username.',
    submit: 'Continue',
    notAvailableTitle: 'Password sign-in is not available yet',
    notAvailableBody: 'It arrives with the interaction API. Nothing was sent and you are not signed in.',
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
