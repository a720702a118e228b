// aws-cdk-lib validates every synthesized template against CloudFormation's schemas, which
// costs about a second per test file. Tests that exercise that validation turn it back on.
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';
