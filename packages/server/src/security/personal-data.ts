import { hasPermission, type Actor } from '../access/roles';
import type { FieldCipher } from './field-encryption';

/** Personal data of an account (个人信息保护): stored field-encrypted, shown masked unless pii:view. */
export type PersonalData = { phone?: string | null | undefined; idNumber?: string | null | undefined; email?: string | null | undefined };

export function maskPhone(value: string): string {
  return value.length >= 7 ? `${value.slice(0, 3)}****${value.slice(-4)}` : '****';
}
export function maskIdNumber(value: string): string {
  return value.length >= 8 ? `${value.slice(0, 4)}**********${value.slice(-4)}` : '****';
}
export function maskEmail(value: string): string {
  const at = value.indexOf('@');
  return at > 0 ? `${value[0]}***${value.slice(at)}` : '****';
}

export function encryptPersonalData(fields: FieldCipher, data: PersonalData) {
  const out: { phoneEnc?: string | null; idNumberEnc?: string | null; emailEnc?: string | null } = {};
  if (data.phone !== undefined) out.phoneEnc = fields.encryptOptional('users.phone', data.phone);
  if (data.idNumber !== undefined) out.idNumberEnc = fields.encryptOptional('users.id_number', data.idNumber);
  if (data.email !== undefined) out.emailEnc = fields.encryptOptional('users.email', data.email);
  return out;
}

/** Decrypts for the viewer: in clear with pii:view, masked otherwise. */
export function personalDataView(fields: FieldCipher, row: { phoneEnc: string | null; idNumberEnc: string | null; emailEnc: string | null }, viewer: Actor) {
  const clear = hasPermission(viewer, 'pii:view');
  const show = (stored: string | null, field: 'users.phone' | 'users.id_number' | 'users.email', mask: (v: string) => string) => {
    const value = fields.decryptOptional(field, stored);
    return value === null ? null : clear ? value : mask(value);
  };
  return {
    phone: show(row.phoneEnc, 'users.phone', maskPhone),
    idNumber: show(row.idNumberEnc, 'users.id_number', maskIdNumber),
    email: show(row.emailEnc, 'users.email', maskEmail),
  };
}
