import { en, type TMessages } from './en';

/** The active strings. English only for now; the single switch point when locales arrive. */
export const messages: TMessages = en;
