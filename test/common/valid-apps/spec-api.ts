import type { Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import type { Backends } from './backends';
import type { GeneratedDomain, MappingKind } from './domains';
import { mappingArb } from './domains';
import type { HttpAuthorizerKind } from './http';
import { httpAuthorizer, httpIntegration } from './http';
import type { StageSpec } from './stages';
import { stageArb, stageOptions } from './stages';
import { HttpApiDefinition, HttpMethod, SpecHttpApi } from '../../../lib';
import { documentUrlIntegration, petstore } from '../../support';

/** A `SpecHttpApi` from an inline OpenAPI document (the pet store of test/support). */
export interface SpecApiSpec {
  /** Integrations written in the document, or bound in code by route key and operation id. */
  readonly bindings: 'document' | 'code';
  /** `GET /pets` refers to a shared integration by `$ref`, bound with `integrations`. */
  readonly sharedIntegration: boolean;
  /** A security scheme of the document (`staff`, on `POST /pets`), bound with `authorizers`. */
  readonly schemeAuthorizer?: 'jwt' | 'lambda-simple';
  readonly defaultAuthorizer?: 'jwt' | 'lambda-simple' | 'iam';
  readonly cors: boolean;
  /** A route added in code (`GET /owners`). */
  readonly addRoute: boolean;
  readonly defaultStage?: StageSpec;
  readonly stage?: StageSpec;
  readonly mapping: MappingKind;
}

export const specApiArb: fc.Arbitrary<SpecApiSpec> = fc.record({
  bindings: fc.constantFrom('document' as const, 'code' as const),
  sharedIntegration: fc.boolean(),
  schemeAuthorizer: fc.option(fc.constantFrom('jwt' as const, 'lambda-simple' as const), { nil: undefined }),
  defaultAuthorizer: fc.option(fc.constantFrom('jwt' as const, 'lambda-simple' as const, 'iam' as const), { nil: undefined }),
  cors: fc.boolean(),
  addRoute: fc.boolean(),
  defaultStage: fc.option(stageArb, { nil: undefined, freq: 3 }),
  stage: fc.option(stageArb, { nil: undefined }),
  mapping: mappingArb,
});

export function buildSpecApi(stack: Stack, id: string, spec: SpecApiSpec, backends: Backends, domain?: GeneratedDomain): SpecHttpApi {
  const document = petstore();
  const integrations: Record<string, any> = {};
  const routeIntegrations: Record<string, any> = {};
  if (spec.bindings === 'document') {
    for (const item of Object.values<any>(document.paths)) {
      for (const [key, op] of Object.entries<any>(item)) {
        if (key !== 'parameters') op['x-amazon-apigateway-integration'] = documentUrlIntegration();
      }
    }
  } else {
    routeIntegrations.listPets = httpIntegration('lambda', `${id}ListPets`, backends);
    routeIntegrations['POST /pets'] = httpIntegration('sqs-send', `${id}CreatePet`, backends);
    routeIntegrations['GET /pets/{petId}'] = httpIntegration('url', `${id}ShowPet`, backends);
  }
  if (spec.sharedIntegration) {
    document.paths['/pets'].get['x-amazon-apigateway-integration'] = { $ref: '#/components/x-amazon-apigateway-integrations/pets' };
    integrations.pets = httpIntegration('lambda', `${id}Pets`, backends);
    delete routeIntegrations.listPets;
  }
  const authorizers: Record<string, any> = {};
  if (spec.schemeAuthorizer) {
    document.components = { securitySchemes: { staff: spec.schemeAuthorizer === 'jwt'
      ? { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }
      : { type: 'apiKey', name: 'x-staff-key', in: 'header' } } };
    document.paths['/pets'].post.security = [{ staff: spec.schemeAuthorizer === 'jwt' ? ['pets:write'] : [] }];
    authorizers.staff = httpAuthorizer(spec.schemeAuthorizer, `${id}Staff`, backends);
  }
  const isJwt = (kind?: HttpAuthorizerKind) => kind === 'jwt';
  const api = new SpecHttpApi(stack, id, {
    apiDefinition: HttpApiDefinition.fromInline(document),
    integrations,
    routeIntegrations,
    authorizers,
    defaultAuthorizer: spec.defaultAuthorizer ? httpAuthorizer(spec.defaultAuthorizer, `${id}Default`, backends) : undefined,
    defaultAuthorizationScopes: isJwt(spec.defaultAuthorizer) ? ['pets:read'] : undefined,
    corsPreflight: spec.cors ? { allowOrigins: ['https://pets.example.com'] } : undefined,
    createDefaultStage: spec.defaultStage !== undefined,
    defaultStageOptions: spec.defaultStage ? stageOptions(spec.defaultStage, backends) : undefined,
    defaultDomainMapping: domain && spec.mapping === 'default-stage' && spec.defaultStage ? domain.mapping() : undefined,
  });
  if (spec.addRoute) {
    api.addRoutes({ path: '/owners', methods: [HttpMethod.GET], integration: httpIntegration('url', `${id}Owners`, backends) });
  }
  const stage = spec.stage ? api.addStage(`${id}Beta`, {
    ...stageOptions(spec.stage, backends),
    stageName: 'beta',
    domainMapping: domain && spec.mapping === 'stage' ? domain.mapping() : undefined,
  }) : undefined;
  const mapped = stage ?? api.defaultStage;
  if (domain && mapped && (spec.mapping === 'api-mapping' || spec.mapping === 'multi-level')) {
    domain.apiMapping(`${id}Mapping`, api, mapped, spec.mapping === 'multi-level');
  }
  return api;
}
