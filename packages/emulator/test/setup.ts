// aws-cdk-lib validates every synthesized template against CloudFormation's schemas, which
// costs about a second per test file; these tests synthesize small apps in-process.
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';
// The AWS SDK (the tests' @connections client) warns once per process about Node.js 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ?? 'true';
