import type { IConstruct } from 'constructs';
import { Token } from 'aws-cdk-lib';
import { shown, warn } from '../../private/error';

/**
 * A JWT issuer that is not an https:// URL. API Gateway fetches the issuer's OpenID Connect
 * discovery document and keys from it; its reference calls the issuer "the base domain of the
 * identity provider" and shows only https:// examples, without saying that another scheme is
 * refused, so this is a warning rather than a refusal.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigatewayv2-authorizer-jwtconfiguration.html
 */
export function warnJwtIssuerNotHttps(scope: IConstruct, issuer: string): void {
  if (Token.isUnresolved(issuer) || /^https:\/\//i.test(issuer)) return;
  warn(scope, 'jwtIssuerNotHttps',
    `\`jwtIssuer\` ${shown(issuer)} is not an https:// URL: API Gateway reads the issuer's discovery document and keys from this URL, `
    + 'and its examples are all https:// URLs; use the issuer\'s https:// URL, as in the `iss` claim of its tokens');
}
