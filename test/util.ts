import { Template } from 'aws-cdk-lib/assertions';
import { App, Stack } from 'aws-cdk-lib';
import type { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../lib';
import { HttpIntegrationType, HttpMethod, HttpRouteIntegration, PayloadFormatVersion } from '../lib';
import { ApiGatewayV2Error } from '../lib/private/error';

/**
 * A stand-in HTTP integration, until the integrations submodule provides real ones: proxies
 * to a URL.
 */
export class FakeUrlIntegration extends HttpRouteIntegration {
  /** How often bind() ran; the base class calls it once per API. */
  public bindCount = 0;

  constructor(id: string, private readonly url = 'https://backend.example.com') {
    super(id);
  }

  public bind(_options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    this.bindCount += 1;
    return {
      type: HttpIntegrationType.HTTP_PROXY,
      uri: this.url,
      method: HttpMethod.ANY,
      payloadFormatVersion: PayloadFormatVersion.VERSION_1_0,
    };
  }
}

/** A fresh stack in a fresh app, with an environment-agnostic account and region. */
export function newStack(id = 'Stack'): Stack {
  return new Stack(new App(), id);
}

/** The template of a stack. */
export function template(stack: Stack): Template {
  return Template.fromStack(stack);
}

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
