import { z } from 'zod';
import { businessRoles } from '../access/roles';
import { nonEmpty, uuidParam } from './route-helpers';

export const createUserBody = z.strictObject({
  login: z.string().trim().min(2, '登录名至少 2 个字符').max(64).regex(/^[A-Za-z0-9._@-]+$/, '登录名只能包含字母、数字和 ._@-'),
  displayName: nonEmpty(100),
  initialPassword: z.string().min(1).max(256),
  phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/, '手机号格式不正确').nullable().optional(),
  idNumber: z.string().trim().regex(/^[0-9]{17}[0-9Xx]$/, '身份证号须为 18 位').nullable().optional(),
  email: z.string().trim().email('电子邮箱格式不正确').max(200).nullable().optional(),
});
export const updateUserBody = z.strictObject({
  displayName: nonEmpty(100).optional(),
  isDisabled: z.boolean().optional(),
  phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/, '手机号格式不正确').nullable().optional(),
  idNumber: z.string().trim().regex(/^[0-9]{17}[0-9Xx]$/, '身份证号须为 18 位').nullable().optional(),
  email: z.string().trim().email('电子邮箱格式不正确').max(200).nullable().optional(),
});
export const grantRoleBody = z.strictObject({
  role: z.enum(businessRoles),
  assessmentId: uuidParam('assessmentId').nullable().optional(),
  unitId: uuidParam('unitId').nullable().optional(),
  divisionId: uuidParam('divisionId').nullable().optional(),
  leaderId: uuidParam('leaderId').nullable().optional(),
});
export const roleParams = z.strictObject({ id: uuidParam('id'), roleId: uuidParam('roleId') });
export const clearLockoutBody = z.strictObject({ login: z.string().trim().min(1).max(100) });
export const userView = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  roleClass: z.string(),
  isDisabled: z.boolean(),
  hasTotp: z.boolean(),
  /** masked (138****0000) unless the viewer holds pii:view */
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  email: z.string().nullable(),
  passwordChangedAt: z.date(),
  createdAt: z.date(),
});
