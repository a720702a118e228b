import * as crypto from 'crypto';
import { Lazy, Stack } from 'aws-cdk-lib';
import { CfnDeployment } from 'aws-cdk-lib/aws-apigatewayv2';
import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IHttpApi } from '../../api-base';
import { HttpStage } from '../../stage';

/**
 * Gives every stage of an API that is not auto-deployed a deployment, whose logical id ends
 * in a hash of what API Gateway imports (`imported()`: the document, or its S3 location), so
 * that a changed document is deployed to it: API Gateway re-imports the document on every
 * update, but a manual stage keeps serving the deployment it names. Stages that name a
 * deployment already are left alone.
 */
export function deployManualStages(api: IHttpApi, imported: () => unknown): void {
  const hash = () => {
    const content = Stack.of(api).resolve(imported());
    return crypto.createHash('md5').update(JSON.stringify(content)).digest('hex').slice(0, 8).toUpperCase();
  };
  for (const stage of api.node.root.node.findAll()) {
    if (!(stage instanceof HttpStage) || stage.api !== api) continue;
    const resource = stage.node.defaultChild as CfnStage;
    if (resource.autoDeploy === true || resource.deploymentId !== undefined) continue;
    const deployment = new CfnDeployment(stage, 'Deployment', {
      apiId: api.apiId,
      description: 'the OpenAPI document of the API; replaced when the document changes',
    });
    const logicalId = Stack.of(deployment).getLogicalId(deployment);
    deployment.overrideLogicalId(Lazy.string({ produce: () => `${logicalId}${hash()}` }));
    resource.deploymentId = deployment.ref;
  }
}
