import { Aws } from 'aws-cdk-lib';
import type { Stack } from 'aws-cdk-lib';
import * as appconfig from 'aws-cdk-lib/aws-appconfig';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { authFunction, lambdaFunction } from '../../support';

/**
 * What the generated APIs call, created once per stack on first use: functions, a VPC with
 * load balancers and a Cloud Map service, queues, buses, streams, state machines, AppConfig,
 * a user pool, certificates, a hosted zone, log groups.
 */
export class Backends {
  private readonly made = new Map<string, unknown>();
  private logGroups = 0;

  constructor(public readonly stack: Stack) {}

  private once<T>(key: string, make: () => T): T {
    if (!this.made.has(key)) this.made.set(key, make());
    return this.made.get(key) as T;
  }

  public get handler(): lambda.Function {
    return this.once('handler', () => lambdaFunction(this.stack, 'Handler'));
  }

  public get authorizerFunction(): lambda.Function {
    return this.once('authFn', () => authFunction(this.stack, 'AuthFn'));
  }

  public get vpc(): ec2.Vpc {
    return this.once('vpc', () => new ec2.Vpc(this.stack, 'Vpc', { maxAzs: 2, natGateways: 1 }));
  }

  public get albListener(): elbv2.ApplicationListener {
    return this.once('alb', () => {
      const alb = new elbv2.ApplicationLoadBalancer(this.stack, 'Alb', { vpc: this.vpc });
      return alb.addListener('Listener', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
    });
  }

  public get nlbListener(): elbv2.NetworkListener {
    return this.once('nlb', () => {
      const nlb = new elbv2.NetworkLoadBalancer(this.stack, 'Nlb', { vpc: this.vpc });
      const targets = new elbv2.NetworkTargetGroup(this.stack, 'NlbTargets', { vpc: this.vpc, port: 80 });
      return nlb.addListener('Listener', { port: 80, defaultTargetGroups: [targets] });
    });
  }

  public get cloudMapService(): servicediscovery.Service {
    return this.once('cloudMap', () => {
      const namespace = new servicediscovery.PrivateDnsNamespace(this.stack, 'Namespace', { name: 'internal', vpc: this.vpc });
      return namespace.createService('Orders', { dnsRecordType: servicediscovery.DnsRecordType.SRV });
    });
  }

  public get vpcLinkSecurityGroup(): ec2.SecurityGroup {
    return this.once('vpcLinkSg', () => new ec2.SecurityGroup(this.stack, 'VpcLinkSg', { vpc: this.vpc }));
  }

  public get queue(): sqs.Queue {
    return this.once('queue', () => new sqs.Queue(this.stack, 'Queue', { enforceSSL: true }));
  }

  public get bus(): events.EventBus {
    return this.once('bus', () => new events.EventBus(this.stack, 'Bus'));
  }

  public get stream(): kinesis.Stream {
    return this.once('stream', () => new kinesis.Stream(this.stack, 'Stream', { encryption: kinesis.StreamEncryption.MANAGED }));
  }

  public stateMachine(type: sfn.StateMachineType): sfn.StateMachine {
    return this.once(`sfn-${type}`, () => new sfn.StateMachine(this.stack, `${type}StateMachine`, {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(this.stack, `${type}Pass`)),
      stateMachineType: type,
    }));
  }

  public get appConfig(): { application: appconfig.Application; environment: appconfig.Environment; configurationProfile: appconfig.HostedConfiguration } {
    return this.once('appconfig', () => {
      const application = new appconfig.Application(this.stack, 'AppConfigApp');
      const environment = new appconfig.Environment(this.stack, 'AppConfigEnv', { application });
      const configurationProfile = new appconfig.HostedConfiguration(this.stack, 'Flags', {
        application,
        content: appconfig.ConfigurationContent.fromInlineJson('{"newCheckout": false}'),
        deployTo: [environment],
      });
      return { application, environment, configurationProfile };
    });
  }

  public get userPool(): cognito.UserPool {
    return this.once('userPool', () => new cognito.UserPool(this.stack, 'UserPool'));
  }

  /** A role API Gateway assumes to send to the queue (WebSocket AWS integrations). */
  public get sendRole(): iam.Role {
    return this.once('sendRole', () => {
      const role = new iam.Role(this.stack, 'SendRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
      this.queue.grantSendMessages(role);
      return role;
    });
  }

  /** An imported certificate in the stack's own Region (REGIONAL endpoints need one there). */
  public certificate(id: string): ICertificate {
    return this.once(`cert-${id}`, () => Certificate.fromCertificateArn(this.stack, id,
      `arn:${Aws.PARTITION}:acm:${this.stack.region}:${this.stack.account}:certificate/${id.toLowerCase()}`));
  }

  public get truststoreBucket(): s3.Bucket {
    return this.once('truststore', () => new s3.Bucket(this.stack, 'Truststore', { versioned: true, enforceSSL: true }));
  }

  public get zone(): route53.PublicHostedZone {
    return this.once('zone', () => new route53.PublicHostedZone(this.stack, 'Zone', { zoneName: 'example.com' }));
  }

  /** A new log group, for one stage's access logs. */
  public logGroup(): logs.LogGroup {
    this.logGroups += 1;
    return new logs.LogGroup(this.stack, `AccessLogs${this.logGroups}`);
  }
}
