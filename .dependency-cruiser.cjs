/**
 * The dependency rules of docs/architecture.md, checked by `npm test`
 * (scripts/test.sh runs `depcruise src`): breaking one fails the run.
 *
 * - Infrastructure (config, database, redis, queue, events, common) imports no feature.
 * - Features are ordered from the lowest to the highest; a feature imports only
 *   the features below it, never one above.
 * - The composition root (app.module.ts, app.ts, api-document.ts, main.ts, worker.ts, schema.ts,
 *   load-demo.ts) may import anything; nothing imports it.
 * - No cycles.
 */
const INFRASTRUCTURE = ['config', 'database', 'redis', 'queue', 'events', 'common', 'storage'];
/** Lowest first. */
const FEATURES = [
  'access', 'audit', 'deadlines', 'organization', 'accounts', 'sessions', 'plans', 'tasks', 'progress', 'evidence',
  'notifications', 'reminders', 'reports', 'demo', 'health', 'web',
];
const ROOT = '^src/(app\\.module|app|api-document|main|worker|schema|load-demo)\\.ts$';
const folder = (names) => `^src/(${names.join('|')})/`;

const layering = FEATURES.slice(0, -1).map((feature, i) => ({
  name: `${feature}-imports-no-higher-feature`,
  comment: `${feature} may import only the features below it: ${FEATURES.slice(0, i).join(', ') || '(none)'}`,
  severity: 'error',
  from: { path: folder([feature]) },
  to: { path: folder(FEATURES.slice(i + 1)) },
}));

module.exports = {
  forbidden: [
    {
      name: 'infrastructure-imports-no-feature',
      comment: 'config, database, redis, queue, events and common know no feature: features declare their entities, events and jobs',
      severity: 'error',
      from: { path: folder(INFRASTRUCTURE) },
      to: { path: folder(FEATURES) },
    },
    ...layering,
    {
      name: 'nothing-imports-the-composition-root',
      severity: 'error',
      from: { path: '^src/', pathNot: ROOT },
      to: { path: ROOT },
    },
    {
      name: 'every-folder-is-placed',
      comment: 'a new folder under src/ must be listed in .dependency-cruiser.cjs as infrastructure or as a feature',
      severity: 'error',
      from: { path: '^src/', pathNot: [ROOT, folder([...INFRASTRUCTURE, ...FEATURES])] },
      to: {},
    },
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    { name: 'no-test-code-in-src', severity: 'error', from: { path: '^src/' }, to: { path: '^(test|bench)/' } },
    {
      name: 'no-unresolvable-import',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
