// aws-cdk-lib validates every synthesized template against CloudFormation's schemas, which
// costs about a second per test file; these tests synthesize small apps in-process.
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';
