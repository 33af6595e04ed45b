import { describe, expect, it } from 'vitest';
import { interactionBase, readUid } from './interaction-url';

describe('interactionBase', () => {
  it.each([
    ['/t/acme/login/', '/t/acme'],
    ['/t/acme/login', '/t/acme'],
    ['/t/acme-corp/login/consent', '/t/acme-corp'],
    ['/login/', ''],
    ['/login', ''],
    ['/t/login/login/', '/t/login'],
    ['/t/login-corp/login/', '/t/login-corp'],
  ])('%s → %j', (pathname, base) => {
    expect(interactionBase(pathname)).toBe(base);
  });

  it.each(['/', '/console/', '/t/acme/loginx/', '/t/acme/x/login/'])(
    'finds no login page in %s',
    (pathname) => {
      expect(interactionBase(pathname)).toBeNull();
    },
  );
});

describe('readUid', () => {
  it('reads the uid the interaction endpoint redirected with', () => {
    expect(readUid('?uid=Yk3_x-9Q')).toBe('Yk3_x-9Q');
  });

  it.each(['', '?uid=', '?other=1', '?uid=a%2Fb', '?uid=../details', `?uid=${'a'.repeat(65)}`])(
    'rejects %j',
    (search) => {
      expect(readUid(search)).toBeNull();
    },
  );
});
