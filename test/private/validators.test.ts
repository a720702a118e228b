import { App, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ApiGatewayV2Error } from '../../lib/private/error';
import {
  validateIntegrationTimeout,
  validateScopeCount,
  validateStageName,
  validateStageVariable,
  validateStageVariableCount,
  validateThrottle,
} from '../../lib/private/validators';
import { errorOf } from '../support';

const scope = new Construct(new Stack(new App(), 'Stack'), 'Thing');

test('errors record the construct path', () => {
  const error = errorOf(() => validateStageName(scope, 'a b', false));
  expect(error.constructPath).toBe('Stack/Thing');
  expect(error.message.startsWith('Stack/Thing: invalid `stageName`')).toBe(true);
  expect(error.name).toBe('ApiGatewayV2Error');
});

describe('validateStageName', () => {
  test('`$default` is accepted only when the protocol allows it', () => {
    expect(() => validateStageName(scope, '$default', true)).not.toThrow();
    const error = errorOf(() => validateStageName(scope, '$default', false));
    expect(error.problem.endsWith('use 1 to 128 letters, digits, \'-\' and \'_\'')).toBe(true);
  });

  test('names at and over the length limit', () => {
    expect(() => validateStageName(scope, 'a'.repeat(128), false)).not.toThrow();
    expect(() => validateStageName(scope, 'a'.repeat(129), false)).toThrow(ApiGatewayV2Error);
    expect(() => validateStageName(scope, '', true)).toThrow(/`stageName` ''/);
  });

  test('an unresolved name is skipped', () => {
    expect(() => validateStageName(scope, Lazy.string({ produce: () => 'a b' }), false)).not.toThrow();
  });
});

describe('validateStageVariable', () => {
  test('accepts a valid pair; refuses a bad name, a bad value and an over-long value', () => {
    expect(() => validateStageVariable(scope, 'Name_1', 'https://x.example.com/a?b=c#d&e=f,g~h')).not.toThrow();
    expect(errorOf(() => validateStageVariable(scope, 'a.b', 'v')).message).toContain('stage variable name \'a.b\'');
    expect(errorOf(() => validateStageVariable(scope, 'a', 'v w')).message).toContain('invalid value \'v w\' of stage variable \'a\'');
    expect(errorOf(() => validateStageVariable(scope, 'a', 'v'.repeat(513))).message).toContain('513 characters');
  });

  test('refuses `__proto__`, which the template cannot carry', () => {
    expect(errorOf(() => validateStageVariable(scope, '__proto__', 'v')).message).toContain('\'__proto__\'');
    expect(() => validateStageVariable(scope, '__proto', 'v')).not.toThrow();
  });

  test('skips unresolved names and values separately', () => {
    expect(() => validateStageVariable(scope, Lazy.string({ produce: () => 'a.b' }), 'v')).not.toThrow();
    expect(() => validateStageVariable(scope, 'ok', Lazy.string({ produce: () => 'v w' }))).not.toThrow();
    expect(() => validateStageVariable(scope, 'a.b', Lazy.string({ produce: () => 'v' }))).toThrow(/stage variable name/);
  });
});

describe('validateStageVariableCount', () => {
  test('100 is the limit', () => {
    expect(() => validateStageVariableCount(scope, 100)).not.toThrow();
    const error = errorOf(() => validateStageVariableCount(scope, 103));
    expect(error.message).toContain('103 given');
    expect(error.message).toContain('remove 3');
  });
});

describe('validateThrottle', () => {
  test('names the setting it was given', () => {
    expect(errorOf(() => validateThrottle(scope, 'defaultThrottle', -0.1)).message).toContain('`defaultThrottle.rateLimit` -0.1');
    expect(errorOf(() => validateThrottle(scope, 'defaultThrottle', undefined, 2.5)).message).toContain('`defaultThrottle.burstLimit` 2.5');
  });

  test('accepts absent, zero, fractional rates and whole bursts', () => {
    expect(() => validateThrottle(scope, 't')).not.toThrow();
    expect(() => validateThrottle(scope, 't', 0, 0)).not.toThrow();
    expect(() => validateThrottle(scope, 't', 0.001, 1)).not.toThrow();
  });

  test('skips unresolved numbers', () => {
    expect(() => validateThrottle(scope, 't', Lazy.number({ produce: () => -1 }), Lazy.number({ produce: () => -1 }))).not.toThrow();
  });
});

describe('validateIntegrationTimeout', () => {
  test('uses the given maximum and protocol in the message', () => {
    expect(() => validateIntegrationTimeout(scope, Duration.seconds(29), 29_000, 'WebSocket')).not.toThrow();
    const error = errorOf(() => validateIntegrationTimeout(scope, Duration.seconds(30), 29_000, 'WebSocket'));
    expect(error.message).toContain('`timeout` 30 seconds: WebSocket API integrations allow 50 ms to 29 s');
  });

  test('50 ms is the minimum; undefined is accepted', () => {
    expect(() => validateIntegrationTimeout(scope, Duration.millis(50), 30_000, 'HTTP')).not.toThrow();
    expect(() => validateIntegrationTimeout(scope, Duration.millis(49), 30_000, 'HTTP')).toThrow(/49 millis/);
    expect(() => validateIntegrationTimeout(scope, undefined, 30_000, 'HTTP')).not.toThrow();
  });

  test('skips an unresolved duration', () => {
    expect(() => validateIntegrationTimeout(scope, Duration.millis(Lazy.number({ produce: () => 1 })), 30_000, 'HTTP')).not.toThrow();
  });
});

describe('validateScopeCount', () => {
  test('10 scopes are accepted, 11 refused with the route named', () => {
    const scopes = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);
    expect(() => validateScopeCount(scope, undefined, 'GET /a')).not.toThrow();
    expect(() => validateScopeCount(scope, scopes(10), 'GET /a')).not.toThrow();
    const error = errorOf(() => validateScopeCount(scope, scopes(11), 'GET /a'));
    expect(error.message).toContain('too many `authorizationScopes` on route \'GET /a\': 11 given');
  });
});
