import { Annotations, Match } from 'aws-cdk-lib/assertions';
import fc from 'fast-check';
import { CorsHttpMethod, HttpApi, MappingValue, ParameterMapping } from '../../lib';
import { newStack } from '../support';

describe('MappingValue', () => {
  test.each([
    ['requestHeader', MappingValue.requestHeader('x-user'), '$request.header.x-user'],
    ['requestQueryString', MappingValue.requestQueryString('page'), '$request.querystring.page'],
    ['requestBody', MappingValue.requestBody('items[0].id'), '$request.body.items[0].id'],
    ['requestPath', MappingValue.requestPath(), '$request.path'],
    ['requestPathParam', MappingValue.requestPathParam('id'), '$request.path.id'],
    ['contextVariable', MappingValue.contextVariable('requestId'), '$context.requestId'],
    ['stageVariable', MappingValue.stageVariable('backend'), '$stageVariables.backend'],
    ['custom', MappingValue.custom('static-${context.requestId}'), 'static-${context.requestId}'],
    ['NONE', MappingValue.NONE, ''],
  ])('%s', (_name, value, expected) => {
    expect(value.value).toBe(expected);
  });
});

describe('ParameterMapping', () => {
  test('a new mapping is empty', () => {
    expect(new ParameterMapping().mappings).toEqual({});
  });

  test.each([
    ['appendHeader', (m: ParameterMapping) => m.appendHeader('x-a', MappingValue.requestHeader('x-b')), 'append:header.x-a', '$request.header.x-b'],
    ['overwriteHeader', (m: ParameterMapping) => m.overwriteHeader('x-a', MappingValue.contextVariable('requestId')), 'overwrite:header.x-a', '$context.requestId'],
    ['removeHeader', (m: ParameterMapping) => m.removeHeader('x-a'), 'remove:header.x-a', ''],
    ['appendQueryString', (m: ParameterMapping) => m.appendQueryString('q', MappingValue.requestQueryString('r')), 'append:querystring.q', '$request.querystring.r'],
    ['overwriteQueryString', (m: ParameterMapping) => m.overwriteQueryString('q', MappingValue.stageVariable('s')), 'overwrite:querystring.q', '$stageVariables.s'],
    ['removeQueryString', (m: ParameterMapping) => m.removeQueryString('q'), 'remove:querystring.q', ''],
    ['overwritePath', (m: ParameterMapping) => m.overwritePath(MappingValue.requestPathParam('proxy')), 'overwrite:path', '$request.path.proxy'],
    ['custom', (m: ParameterMapping) => m.custom('MessageBody', '$request.body'), 'MessageBody', '$request.body'],
  ])('%s writes exactly one entry', (_name, apply, key, value) => {
    const mapping = new ParameterMapping();
    expect(apply(mapping)).toBe(mapping);
    expect(mapping.mappings).toEqual({ [key]: value });
  });

  test('calls chain, and a later call for the same key replaces the value', () => {
    const mapping = new ParameterMapping()
      .appendHeader('x-a', MappingValue.custom('1'))
      .overwriteHeader('x-a', MappingValue.custom('2'))
      .removeQueryString('debug')
      .overwritePath(MappingValue.requestPath())
      .overwritePath(MappingValue.custom('/v2'));
    expect(mapping.mappings).toEqual({
      'append:header.x-a': '1',
      'overwrite:header.x-a': '2',
      'remove:querystring.debug': '',
      'overwrite:path': '/v2',
    });
  });

  test('fromObject adds every entry by its raw key', () => {
    const mapping = ParameterMapping.fromObject({
      'QueueUrl': MappingValue.custom('https://sqs.example.com/q'),
      'MessageBody': MappingValue.requestBody('message'),
      'overwrite:header.x-id': MappingValue.contextVariable('requestId'),
    });
    expect(mapping.mappings).toEqual({
      'QueueUrl': 'https://sqs.example.com/q',
      'MessageBody': '$request.body.message',
      'overwrite:header.x-id': '$context.requestId',
    });
  });

  test('fromObject of an empty object is empty', () => {
    expect(ParameterMapping.fromObject({}).mappings).toEqual({});
  });

  test('custom(\'__proto__\', ...) keeps the entry and does not pollute Object.prototype', () => {
    const mapping = new ParameterMapping().custom('__proto__', 'x');
    expect(Object.keys(mapping.mappings)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(mapping.mappings, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(mapping.mappings)).toBe(Object.prototype);
    expect(({} as any).__proto__).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'x')).toBe(false);
  });

  test('fromObject keeps an own `__proto__` key and does not pollute Object.prototype', () => {
    // A computed key defines an own property; a plain `__proto__:` would set the prototype instead.
    const mapping = ParameterMapping.fromObject({ ['__proto__']: MappingValue.custom('x'), 'a': MappingValue.custom('b') });
    expect(Object.keys(mapping.mappings)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(mapping.mappings, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(mapping.mappings)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'x')).toBe(false);
  });

  test('property: any header name and value is kept verbatim under its key', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }), fc.string(), (name, value) => {
      const mapping = new ParameterMapping().overwriteHeader(name, MappingValue.custom(value));
      expect(Object.keys(mapping.mappings)).toEqual([`overwrite:header.${name}`]);
      expect(Object.getOwnPropertyDescriptor(mapping.mappings, `overwrite:header.${name}`)?.value).toBe(value);
    }));
  });
});

describe('CORS warning', () => {
  test('allowCredentials with allowMethods [ANY] adds a warning on the API', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', {
      corsPreflight: { allowCredentials: true, allowMethods: [CorsHttpMethod.ANY], allowOrigins: ['https://example.com'] },
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('do not expand \'\\*\' in `allowMethods` or `allowHeaders`'));
  });

  test('allowCredentials with allowHeaders [*] adds the warning too', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', {
      corsPreflight: { allowCredentials: true, allowHeaders: ['*'], allowOrigins: ['https://example.com'] },
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Api', Match.stringLikeRegexp('list the methods and headers explicitly'));
  });

  test('allowCredentials with explicit methods and headers adds no warning', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', {
      corsPreflight: {
        allowCredentials: true,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST],
        allowHeaders: ['authorization'],
        allowOrigins: ['https://example.com'],
      },
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('`allowMethods` or `allowHeaders`'));
  });

  test('[ANY] without credentials adds no warning', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', { corsPreflight: { allowMethods: [CorsHttpMethod.ANY], allowHeaders: ['*'], allowOrigins: ['*'] } });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('`allowMethods` or `allowHeaders`'));
  });
});
