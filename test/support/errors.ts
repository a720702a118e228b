import { ApiGatewayV2Error } from '../../lib/private/error';

/** The ApiGatewayV2Error that `fn` throws; fails the test when it throws nothing or another error. */
export function errorOf(fn: () => unknown): ApiGatewayV2Error {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiGatewayV2Error);
    return e as ApiGatewayV2Error;
  }
  throw new Error('expected an ApiGatewayV2Error, but nothing was thrown');
}
