import type { Construct } from 'constructs';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** A function for integrations and authorizers, with inline code. */
export function lambdaFunction(scope: Construct, id = 'Handler', body = '({ statusCode: 200 })'): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline(`exports.handler = async () => ${body};`),
  });
}

export const CERT_ARN = 'arn:aws:acm:us-east-1:111111111111:certificate/abc';

/** An imported ACM certificate. */
export function certificate(scope: Construct, id = 'Cert', arn = CERT_ARN): ICertificate {
  return Certificate.fromCertificateArn(scope, id, arn);
}

/** A function to authorize with. */
export function authFunction(scope: Construct, id = 'AuthFn'): lambda.Function {
  return lambdaFunction(scope, id, '({ isAuthorized: true })');
}
