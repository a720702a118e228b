// A private integration: an HTTP API in front of an internal Application Load Balancer that has
// no route to or from the internet. API Gateway reaches it through a VPC link, whose security
// group is the only one the load balancer accepts traffic from. Callers sign their requests
// (IAM authorization).
//
// Synthesize it from the repository root with `npm run example`, or from this folder with
// `npx cdk synth` (after `npm run compile`). cdk-nag's AwsSolutions checks run on every synth.
import { App, CfnOutput, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { AppProps, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { HttpApi, HttpMethod, LogGroupLogDestination, MappingValue, ParameterMapping, VpcLink } from 'cdk-apigatewayv2';
import { HttpIamAuthorizer } from 'cdk-apigatewayv2/authorizers';
import { HttpAlbIntegration } from 'cdk-apigatewayv2/integrations';

/**
 * The orders service behind a private load balancer, and the HTTP API that reaches it.
 */
export class PrivateAlbStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, { description: 'cdk-apigatewayv2 example: an HTTP API with a private integration through a VPC link', ...props });

    // Two isolated subnets (a load balancer needs two Availability Zones): no internet gateway,
    // no NAT gateway. Flow logs record the traffic that reaches them.
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
    });
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs) });
    const privateSubnets = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

    // The VPC link: API Gateway's network interfaces in the isolated subnets. Its security group
    // sends only to the load balancer's listener (below).
    const vpcLinkSecurityGroup = new ec2.SecurityGroup(this, 'VpcLinkSecurityGroup', {
      vpc,
      description: 'API Gateway VPC link: sends to the orders load balancer only',
      allowAllOutbound: false,
    });
    const vpcLink = new VpcLink(this, 'VpcLink', {
      vpc,
      subnets: privateSubnets,
      securityGroups: [vpcLinkSecurityGroup],
    });

    // The orders service: an internal load balancer. A fixed response stands in for the
    // service's targets (add them with listener.addTargets()).
    const alb = new elbv2.ApplicationLoadBalancer(this, 'OrdersAlb', {
      vpc,
      vpcSubnets: privateSubnets,
      internetFacing: false,
    });
    const listener = alb.addListener('Http', {
      port: 80,
      open: false,
      defaultAction: elbv2.ListenerAction.fixedResponse(200, {
        contentType: 'application/json',
        messageBody: '{"orders":[]}',
      }),
    });
    // Ingress on the listener's port from the VPC link's security group, and egress to it.
    listener.connections.allowDefaultPortFrom(vpcLinkSecurityGroup, 'from the API Gateway VPC link');
    // Every request reaches the load balancer through the API, whose stage logs each one.
    Validations.of(alb).acknowledge({
      id: 'AwsSolutions-ELB2',
      reason: 'the load balancer is internal and only the VPC link reaches it: the API stage\'s access logs record every request',
    });

    // Callers sign their requests with SigV4 and need `execute-api:Invoke` on the routes
    // (route.grantInvoke(principal)).
    const api = new HttpApi(this, 'OrdersApi', {
      description: 'Orders, served by a private load balancer',
      createDefaultStage: false,
      defaultAuthorizer: new HttpIamAuthorizer(),
    });

    // One integration for every route: through the VPC link to the listener, over HTTP (set
    // `secureServerName` for an HTTPS listener), with the API's request id for the service's logs.
    const orders = new HttpAlbIntegration('Orders', listener, {
      vpcLink,
      parameterMapping: new ParameterMapping().appendHeader('x-apigw-request-id', MappingValue.contextVariable('requestId')),
    });
    api.addRoutes({ path: '/orders', methods: [HttpMethod.GET, HttpMethod.POST], integration: orders });
    api.addRoutes({ path: '/orders/{id}', methods: [HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE], integration: orders });

    // The `$default` stage, with throttling and access logs in the Common Log Format.
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = api.addStage('DefaultStage', {
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });

    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'URL of the $default stage' });
  }
}

/** The example app, with cdk-nag's AwsSolutions checks: `cdk synth` fails on any finding. */
export function createApp(props?: AppProps): App {
  const app = new App(props);
  new PrivateAlbStack(app, 'HttpPrivateAlb');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}

// Runs when the CDK CLI executes this file (cdk.json), not when a test imports it.
if (require.main === module) {
  createApp().synth();
}
