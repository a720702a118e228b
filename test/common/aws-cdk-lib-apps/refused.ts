import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { AppCode } from './modules';

/**
 * Apps written against aws-cdk-lib's API that aws-cdk-lib synthesizes but API Gateway would
 * reject at deploy time: this library refuses them, under aws-cdk-lib's templates too. Each
 * with the start of this library's message.
 */
export const REFUSED_APPS: { readonly [name: string]: { readonly code: AppCode; readonly message: string } } = {
  'seed: a second $default stage on an API that has one': {
    code: ({ apigwv2 }, app) => {
      const stack = new Stack(app, 'Stack');
      new apigwv2.HttpStage(stack, 'Stage', { httpApi: new apigwv2.HttpApi(stack, 'my-api') });
    },
    message: "Stack/Stage: duplicate `stageName` '$default'",
  },
  'integrations README: a parameter mapping key an HTTP_PROXY integration does not take': {
    code: ({ apigwv2, integrations }, app) => {
      const stack = new Stack(app, 'Stack');
      const listener = new elbv2.ApplicationLoadBalancer(stack, 'lb', { vpc: new ec2.Vpc(stack, 'VPC') }).addListener('listener', { port: 80 });
      listener.addTargets('target', { port: 80 });
      new apigwv2.HttpApi(stack, 'HttpProxyPrivateApi', {
        defaultIntegration: new integrations.HttpAlbIntegration('DefaultIntegration', listener, {
          parameterMapping: new apigwv2.ParameterMapping().custom('myKey', 'myValue'),
        }),
      });
    },
    message: "Stack/HttpProxyPrivateApi/DefaultRoute/DefaultIntegration: invalid `parameterMapping` key 'myKey'",
  },
  'two routes with the same key': {
    code: ({ apigwv2, integrations }, app) => {
      const stack = new Stack(app, 'Stack');
      const api = new apigwv2.HttpApi(stack, 'Api');
      api.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.GET], integration: new integrations.HttpUrlIntegration('A', 'https://a.example.com') });
      new apigwv2.HttpRoute(stack, 'Again', {
        httpApi: api, routeKey: apigwv2.HttpRouteKey.with('/books', apigwv2.HttpMethod.GET), integration: new integrations.HttpUrlIntegration('B', 'https://b.example.com'),
      });
    },
    message: "Stack/Again: duplicate `routeKey` 'GET /books'",
  },
  'conflicting sibling path variables (API Gateway answers 409)': {
    code: ({ apigwv2, integrations }, app) => {
      const api = new apigwv2.HttpApi(new Stack(app, 'Stack'), 'Api');
      const pets = new integrations.HttpUrlIntegration('Pets', 'https://pets.example.com');
      api.addRoutes({ path: '/pets/{id}', methods: [apigwv2.HttpMethod.GET], integration: pets });
      api.addRoutes({ path: '/pets/{petId}', methods: [apigwv2.HttpMethod.PUT], integration: pets });
    },
    message: "rename '{petId}' to '{id}'",
  },
  'a greedy path variable before the end': {
    code: ({ apigwv2, integrations }, app) => {
      const api = new apigwv2.HttpApi(new Stack(app, 'Stack'), 'Api');
      api.addRoutes({ path: '/files/{proxy+}/meta', integration: new integrations.HttpUrlIntegration('Files', 'https://files.example.com') });
    },
    message: "greedy variable '{proxy+}' must be the last segment",
  },
};
