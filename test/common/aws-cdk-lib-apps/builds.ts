import * as awsCdkLibApigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as awsCdkLibAuthorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as awsCdkLibIntegrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Modules } from './modules';
import * as apigwv2 from '../../../lib';
import * as authorizers from '../../../lib/authorizers';
import * as integrations from '../../../lib/integrations';

/** aws-cdk-lib's modules, which the apps of this folder are written against. */
export const AWS_CDK_LIB: Modules = { apigwv2: awsCdkLibApigwv2, integrations: awsCdkLibIntegrations, authorizers: awsCdkLibAuthorizers };

/**
 * This library's modules where the apps import aws-cdk-lib's: the change of imports a user
 * makes. Their TypeScript types differ (the L1s stay in aws-cdk-lib), hence the cast;
 * test/common/typescript-compat.test.ts compiles the apps against this library's types.
 */
export const THIS_LIBRARY = { apigwv2, integrations, authorizers } as unknown as Modules;

/** The app-wide switch to aws-cdk-lib's templates, as cdk.json sets it. */
export const SWITCH = { 'cdk-apigatewayv2:templateCompatibility': 'aws-cdk-lib' };
