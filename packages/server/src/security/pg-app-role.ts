/**
 * PostgreSQL privileges for running the server as a role that does not own the tables
 * (等保 安全审计 c/d: the application cannot disable the append-only triggers, which needs
 * ownership, nor update or delete audit and publication rows). Migrations run as the owner
 * (`DATABASE_MIGRATE=true` with the owner's URL, or `kaohe` as the owner), the server with
 * `DATABASE_MIGRATE=false` as this role. Print it with `kaohe db app-role-sql --role kaohe_app`.
 */
export const appendOnlyTables = ['audit_log', 'publications', 'published_results', 'integrity_seals'] as const;

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`不是合法的 SQL 标识符：${name}`);
  return name;
};

export function appRoleGrantsSql(role: string, schema = 'public'): string {
  const r = ident(role);
  const s = ident(schema);
  return [
    `GRANT USAGE ON SCHEMA ${s} TO ${r};`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r};`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON ${appendOnlyTables.map((t) => `${s}.${t}`).join(', ')} FROM ${r};`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r};`,
  ].join('\n');
}
