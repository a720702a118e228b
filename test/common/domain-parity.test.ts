/**
 * Drop-in proof for custom domains, API mappings, VPC links and private integrations. The app
 * is written once, against aws-cdk-lib's API, in test/common/aws-cdk-lib-apps/domains.ts, and
 * test/common/aws-cdk-lib-templates.test.ts compares its whole template built with aws-cdk-lib
 * and with this library. Here: the logical ids a deployed stack depends on, spelled out, which
 * no setting of this library changes.
 */
import { AWS_CDK_LIB, SWITCH, THIS_LIBRARY } from './aws-cdk-lib-apps/builds';
import { DOMAIN_APPS } from './aws-cdk-lib-apps/domains';
import { synthesize } from './aws-cdk-lib-apps/template-diff';

const APP = DOMAIN_APPS['domain parity app: domains, endpoints, mappings, VPC links, private integrations, outputs'];

describe('parity with aws-cdk-lib: domains, mappings, VPC links, private integrations', () => {
  const builds = [synthesize(APP, AWS_CDK_LIB), synthesize(APP, THIS_LIBRARY, SWITCH), synthesize(APP, THIS_LIBRARY)].map(b => b.templates.Stack);

  test('the same logical ids, with aws-cdk-lib, under the switch and by default', () => {
    const ids = [
      'DNFDC76583',
      'Other34654A52',
      'ApiDefaultStageStackDNfooFE4FF792',
      'ApibetaStackDNbar8A6D6EC1',
      'DemoApiDefaultStageStackDNdemo48976E11',
      'RootApiDefaultStageStackOtherundefined339E719C',
      'MappingE24B359D',
      'ImportedMapping2B1A5BBF',
      'Link1234EF21',
      'ApiVpcLink13AAD2823',
    ];
    for (const template of builds) {
      for (const id of ids) expect(template.Resources[id]).toBeDefined();
      expect(Object.keys(template.Resources).sort()).toEqual(Object.keys(builds[0].Resources).sort());
    }
  });

  test('the same template by default as under the switch: no Lambda function, no shared integration', () => {
    expect(builds[2]).toEqual(builds[1]);
  });

  test('the VPC link created for the private integrations is VpcLink-1, under the API', () => {
    const created = Object.entries(builds[1].Resources).filter(([, r]: [string, any]) => r.Type === 'AWS::ApiGatewayV2::VpcLink').map(([id]) => id).sort();
    expect(created).toEqual(['ApiVpcLink13AAD2823', 'Link1234EF21']);
  });
});
