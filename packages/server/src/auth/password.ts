import type { PasswordPolicy } from '../config/env';
import { hashPassword, verifyPassword } from '../lib/crypto/password-hash';

export { argonImplementation, hashPassword, verifyPassword } from '../lib/crypto/password-hash';

/** A real hash of a random string: verifying against it costs what a real verify costs. */
let dummyHash: Promise<string> | null = null;
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  await verifyPassword(await dummyHash, password);
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
