import type { PasswordPolicy } from '../config/env';
import { hashPassword, type PasswordScheme, verifyPassword } from '../lib/crypto/password-hash';

export { argonImplementation, hashPassword, passwordSchemeFor, verifyPassword } from '../lib/crypto/password-hash';

/** A real hash of a random string, per scheme: verifying against it costs what a real verify costs. */
const dummyHashes = new Map<string, Promise<string>>();
export async function burnVerifyTime(password: string, scheme: PasswordScheme = { kind: 'argon2id' }): Promise<void> {
  const key = JSON.stringify(scheme);
  let dummy = dummyHashes.get(key);
  if (!dummy) dummyHashes.set(key, (dummy = hashPassword(`dummy-${Math.random()}`, scheme)));
  await verifyPassword(await dummy, password);
}

export function characterClasses(password: string): number {
  let classes = 0;
  if (/[a-z]/.test(password)) classes++;
  if (/[A-Z]/.test(password)) classes++;
  if (/[0-9]/.test(password)) classes++;
  if (/[^a-zA-Z0-9]/.test(password)) classes++;
  return classes;
}

/** Returns the reasons a password breaks the policy (empty when it is acceptable). */
export function passwordPolicyProblems(password: string, login: string, policy: PasswordPolicy): string[] {
  const problems: string[] = [];
  if ([...password].length < policy.minLength) problems.push(`密码至少 ${policy.minLength} 个字符`);
  if (characterClasses(password) < policy.minClasses) {
    problems.push(`密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.minClasses} 类`);
  }
  if (login.length > 0 && password.toLowerCase().includes(login.toLowerCase())) problems.push('密码不得包含登录名');
  if ([...password].length > 256) problems.push('密码不得超过 256 个字符');
  return problems;
}
