// ESLint 9 flat config for `npm run lint` (eslint --max-warnings 0 lib test examples bench scripts
// packages/emulator/src packages/emulator/test).
// Syntax-only: no type information is loaded, so linting stays fast.
const path = require('path');
const cdklabs = require('@cdklabs/eslint-plugin');
const tseslint = require('typescript-eslint');

// @eslint/js ships with eslint itself; resolve it from there rather than relying on hoisting.
const js = require(require.resolve('@eslint/js', {
  paths: [path.dirname(require.resolve('eslint/package.json'))],
}));

// Node.js globals for the CommonJS files under scripts/ and bench/ (the `globals` package is
// only a transitive dependency here, so they are listed inline).
const nodeGlobals = Object.fromEntries([
  'require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'Buffer',
  'global', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate',
  'clearImmediate', 'queueMicrotask', 'structuredClone', 'performance', 'URL', 'URLSearchParams',
  'TextEncoder', 'TextDecoder', 'AbortController', 'AbortSignal', 'fetch',
].map((name) => [name, 'readonly']));

/** Style that matches the code base; every rule here is autofixable with `eslint --fix`. */
const styleRules = {
  'quotes': ['error', 'single', { avoidEscape: true }],
  'semi': ['error', 'always'],
  'indent': ['error', 2, { SwitchCase: 1 }],
  'comma-dangle': ['error', 'always-multiline'],
  'no-trailing-spaces': 'error',
  'eol-last': ['error', 'always'],
  'no-multiple-empty-lines': ['error', { max: 1, maxBOF: 0, maxEOF: 0 }],
};

/**
 * @cdklabs/no-this-in-static computes an autofix when it reports, and that fixer throws when
 * the class extends an imported class (`class A extends Resource`) and loops forever when it
 * extends a qualified name (`class A extends cdk.Resource`); its class tracking also throws on
 * an anonymous `export default class`. Run it without the fixer and skip anonymous classes.
 */
function withoutAutofix(rule) {
  return {
    meta: { ...rule.meta, fixable: undefined },
    create(context) {
      const safeContext = Object.create(context, {
        report: { value: (descriptor) => context.report({ ...descriptor, fix: undefined }) },
      });
      const listeners = rule.create(safeContext);
      const enterClass = listeners.ClassDeclaration;
      return {
        ...listeners,
        ClassDeclaration: (node) => {
          if (node.id) {
            enterClass(node);
          }
        },
      };
    },
  };
}

const cdklabsSafe = {
  meta: { name: 'cdklabs-safe' },
  rules: { 'no-this-in-static': withoutAutofix(cdklabs.rules['no-this-in-static']) },
};

const unusedVars = ['error', {
  argsIgnorePattern: '^_',
  caughtErrorsIgnorePattern: '^_',
  destructuredArrayIgnorePattern: '^_',
  ignoreRestSiblings: true,
}];

module.exports = [
  {
    ignores: [
      '**/*.d.ts',
      '**/*.js',
      '!eslint.config.js',
      '!jest.config.js',
      '!scripts/**/*.js',
      '!bench/**/*.js',
      '**/node_modules/**',
      'dist/**',
      'cdk.out/**',
      '**/cdk.out/**',
      '.jsii',
      'coverage/**',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  js.configs.recommended,
  ...tseslint.configs.recommended,

  // All TypeScript: library, tests, examples, bench, the emulator package.
  {
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 2022,
      sourceType: 'module',
    },
    plugins: { '@cdklabs': cdklabs },
    rules: {
      ...styleRules,
      '@typescript-eslint/consistent-type-imports': ['error', {
        prefer: 'type-imports',
        fixStyle: 'separate-type-imports',
      }],
      '@typescript-eslint/no-unused-vars': unusedVars,
      // jsii has no type aliases for structs: `interface FooProps extends FooOptions {}` is legitimate.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      '@cdklabs/no-invalid-path': 'error',
      '@cdklabs/promiseall-no-unbounded-parallelism': 'error',
    },
  },

  // The published library: errors go through ApiGatewayV2Error, ARNs use Aws.PARTITION, and
  // static methods avoid `this` (its meaning differs in the jsii target languages).
  {
    files: ['lib/**/*.ts'],
    plugins: { 'cdklabs-safe': cdklabsSafe },
    rules: {
      '@cdklabs/no-throw-default-error': 'error',
      '@cdklabs/no-literal-partition': 'error',
      'cdklabs-safe/no-this-in-static': 'error',
    },
  },

  // Tests feed deliberately mistyped input (`as any`) to check the runtime validation that
  // jsii users in other languages rely on.
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },

  // The emulator's tests read events and responses as untyped JSON.
  {
    files: ['packages/emulator/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },

  // CommonJS JavaScript: the configs and the scripts/ and bench/ tools.
  {
    files: ['**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'commonjs',
      globals: nodeGlobals,
    },
    plugins: { '@cdklabs': cdklabs },
    rules: {
      ...styleRules,
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': unusedVars,
      '@cdklabs/no-invalid-path': 'error',
      '@cdklabs/promiseall-no-unbounded-parallelism': 'error',
    },
  },
];

// Left out on purpose: @cdklabs/no-core-construct only looks at imports from the CDK v1 package
// '@aws-cdk/core', and @cdklabs/invalid-cfn-imports only runs on files inside '@aws-cdk/*-alpha'
// packages, so both would do nothing here.
