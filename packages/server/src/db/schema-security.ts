import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, unique, uuid } from 'drizzle-orm/pg-core';
import { text, id, ts } from './columns';

/** Security tables: field-encryption keys, seal keys, approver keys, alerts, labels, SSO links, channels. */


/** Data keys of field encryption, each wrapped by the key-encryption key named by kek_id. */
export const dataKeys = pgTable('data_keys', {
  id: text('id').primaryKey(),
  algorithm: text('algorithm').notNull(),
  kekId: text('kek_id').notNull(),
  wrapped: text('wrapped').notNull(),
  active: boolean('active').notNull(),
  createdAt: ts('created_at').notNull(),
  rewrappedAt: ts('rewrapped_at'),
});

/** The server's own seal keys (publication and ledger signatures); private keys field-encrypted. */
export const signingKeys = pgTable('signing_keys', {
  id: text('id').primaryKey(),
  algorithm: text('algorithm').notNull(),
  publicKey: text('public_key').notNull(),
  /** null when the private key lives in the HSM (id = hsm:<label>). */
  privateKeyEnc: text('private_key_enc'),
  active: boolean('active').notNull(),
  createdAt: ts('created_at').notNull(),
});

/** Public keys (or certificates) of approvers who sign 审定/发布 with their own key (UKey). */
export const approverKeys = pgTable(
  'approver_keys',
  {
    id: id(),
    userId: uuid('user_id').notNull(),
    algorithm: text('algorithm').notNull(),
    publicKey: text('public_key').notNull(),
    certificate: text('certificate'),
    createdAt: ts('created_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('approver_keys_user').on(t.userId)],
);

/** Security alerts (brute force, probing of administrator routes) for the security administrator. */
export const alertEvents = pgTable(
  'alert_events',
  {
    id: id(),
    at: ts('at').notNull(),
    kind: text('kind').notNull(),
    sourceIp: text('source_ip'),
    count: integer('count').notNull(),
    details: jsonb('details'),
    notifiedAt: ts('notified_at'),
    acknowledgedBy: uuid('acknowledged_by'),
    acknowledgedAt: ts('acknowledged_at'),
  },
  (t) => [index('alert_events_kind_ip_at').on(t.kind, t.sourceIp, t.at)],
);

/** Sensitivity labels (草稿/内部/公开) on schemes, results and evidence, set by the security administrator. */
export const securityLabels = pgTable(
  'security_labels',
  {
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    label: text('label').notNull(),
    setBy: uuid('set_by'),
    setAt: ts('set_at').notNull(),
  },
  (t) => [
    unique('security_labels_object').on(t.objectType, t.objectId),
    check('security_labels_label_valid', sql`${t.label} IN ('draft', 'internal', 'public')`),
  ],
);

/** Identity providers (OIDC, CAS, 浙政钉); the client secret is field-encrypted. */
export const ssoProviders = pgTable('sso_providers', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  displayName: text('display_name').notNull(),
  config: jsonb('config').notNull(),
  secretEnc: text('secret_enc'),
  enabled: boolean('enabled').notNull(),
  createdAt: ts('created_at').notNull(),
});

/** External identity → Kaohe user, by explicit mapping only; unknown identities wait as 'pending'. */
export const ssoLinks = pgTable(
  'sso_links',
  {
    id: id(),
    providerId: text('provider_id').notNull(),
    externalId: text('external_id').notNull(),
    userId: uuid('user_id'),
    status: text('status').notNull(),
    externalName: text('external_name'),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at'),
  },
  (t) => [
    unique('sso_links_provider_external').on(t.providerId, t.externalId),
    check('sso_links_status_valid', sql`${t.status} IN ('linked', 'pending', 'rejected')`),
    check('sso_links_linked_has_user', sql`${t.status} <> 'linked' OR ${t.userId} IS NOT NULL`),
  ],
);

/** Notification channels (SMTP, webhook, 浙政钉 工作通知); passwords and secrets field-encrypted. */
export const notificationChannels = pgTable('notification_channels', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  config: jsonb('config').notNull(),
  secretEnc: text('secret_enc'),
  enabled: boolean('enabled').notNull(),
  createdAt: ts('created_at').notNull(),
});

/** Messages to send (alerts to the security administrator, reminders); sending is audited. */
export const notificationOutbox = pgTable('notification_outbox', {
  id: id(),
  createdAt: ts('created_at').notNull(),
  recipientRole: text('recipient_role'),
  recipientUserId: uuid('recipient_user_id'),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  sentAt: ts('sent_at'),
  channelId: text('channel_id'),
  error: text('error'),
});

/**
 * Signatures over canonical JSON of a published object (publication snapshot, ledger): the
 * server seal, and the 审定/发布 signatures of approvers. Append-only for the app role.
 */
export const integritySeals = pgTable(
  'integrity_seals',
  {
    id: id(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    /** 'seal' for the server's own signature, or the approval action ('审定', '发布'). */
    purpose: text('purpose').notNull(),
    signerUserId: uuid('signer_user_id'),
    algorithm: text('algorithm').notNull(),
    keyId: text('key_id').notNull(),
    publicKey: text('public_key'),
    certificate: text('certificate'),
    digestAlgorithm: text('digest_algorithm').notNull(),
    digest: text('digest').notNull(),
    signature: text('signature').notNull(),
    signedAt: ts('signed_at').notNull(),
  },
  (t) => [index('integrity_seals_object').on(t.objectType, t.objectId)],
);
