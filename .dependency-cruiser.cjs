/** Enforces the one-way dependency rule of docs/ARCHITECTURE.md:
 *  core <- contract <- office/server/cli/web (web: contract only). The scoring core stays pure: it may import
 *  nothing but its own files (no framework, database, file-format or node: IO module). */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'packages/core may only import its own files (no npm package, no node: builtin).',
      severity: 'error',
      from: { path: '^packages/core/src' },
      to: { pathNot: '^packages/core/src' },
    },
    {
      name: 'contract-depends-on-core-and-zod-only',
      severity: 'error',
      from: { path: '^packages/contract/src' },
      to: { pathNot: ['^packages/contract/src', '^packages/core/src', 'node_modules/(zod|yaml|js-yaml)/'] },
    },
    {
      name: 'no-upward-imports',
      comment: 'office/cli/server must not be imported by core or contract; server must not be imported by office or cli.',
      severity: 'error',
      from: { path: '^packages/(office|cli)/src' },
      to: { path: '^packages/server/src' },
    },
    {
      name: 'crypto-only-in-lib-crypto',
      comment:
        'Only packages/server/src/lib/crypto/ may import node:crypto or a crypto library (等保/密评: one audited CryptoProvider, profiles intl / gm-soft / gm-hsm).',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/', pathNot: '^packages/server/src/lib/crypto/' },
      to: {
        path: [
          '^crypto$',
          '^node:crypto$',
          'node_modules/(sm-crypto|sm-crypto-v2|gm-crypto|@noble/|@node-rs/argon2|argon2|bcrypt|crypto-js|node-forge|jose|tweetnacl|jsrsasign|elliptic|otplib|otpauth)(/|$)',
        ],
      },
    },
    {
      name: 'web-imports-contract-only',
      comment:
        'packages/web may import its own files, npm packages and @kaohe/contract (the API contract) only: never server, office, cli or core directly. Types of core the web needs come through the contract.',
      severity: 'error',
      from: { path: '^packages/web/(src|test)' },
      to: { path: '^packages/(core|server|office|cli)/' },
    },
    {
      name: 'web-uses-the-api-contract',
      comment: 'The web takes @kaohe/contract/api (zod only); the contract root also parses YAML scheme files, which the browser has no use for.',
      severity: 'error',
      from: { path: '^packages/web/(src|test)' },
      to: { path: '^packages/contract/src', pathNot: '^packages/contract/src/api/' },
    },
    {
      name: 'web-features-are-independent',
      comment: 'No imports between features (bulletproof-react): shared pieces go to components/ or lib/.',
      severity: 'error',
      from: { path: '^packages/web/src/features/([^/]+)/' },
      to: { path: '^packages/web/src/features/', pathNot: '^packages/web/src/features/$1/' },
    },
    {
      name: 'no-circular',
      comment: 'schema.ts re-exports each schema-<area>.ts, whose tables reference schema.ts tables: that one cycle is by design.',
      severity: 'error',
      from: {},
      to: { circular: true, viaNot: '^packages/server/src/db/schema-[a-z-]+\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.test\\.tsx?$', '^packages/web/dist'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
