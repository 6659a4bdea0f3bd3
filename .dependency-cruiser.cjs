// Import rules that keep Folio's layers pointing one way (README: architecture).
// Run with `npm run lint:deps`; .ci/run runs it on every submission.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-module',
      comment: 'src/platform is the foundation: it knows no module, and no module list (src/modules.ts) or wiring (src/app.ts).',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: '^src/platform/' },
    },
    {
      name: 'modules-meet-through-index',
      comment: "A module reaches another only through that module's index.ts, its public surface.",
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: '^src/platform/' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/platform/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'no-import-cycles',
      comment: 'An import cycle between files makes load order matter and layers meaningless.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-test-code-in-src',
      comment: 'The gateway never loads test code.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|test|scripts)/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
