/**
 * Everything Kaohe keeps in the browser goes through here under the `kaohe.` prefix, so logout
 * can remove all of it (and nothing of other sites on the same origin). Nothing secret is kept:
 * the session lives in an httpOnly cookie, the CSRF token only in memory.
 */
const prefix = 'kaohe.';

export const storageKeys = {
  lastAssessment: 'lastAssessment',
  pageSize: 'pageSize',
  menuCollapsed: 'menuCollapsed',
} as const;
type Key = (typeof storageKeys)[keyof typeof storageKeys];

export function readSetting(key: Key): string | null {
  try {
    return localStorage.getItem(prefix + key);
  } catch {
    return null;
  }
}

export function writeSetting(key: Key, value: string): void {
  try {
    localStorage.setItem(prefix + key, value);
  } catch {
    // private mode or storage full: a preference is not worth an error
  }
}

/** Removes every `kaohe.` key from local and session storage. */
export function clearKaoheStorage(): void {
  for (const store of [localStorage, sessionStorage]) {
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    for (const key of keys) store.removeItem(key);
  }
}
