import { HTTP_API_QUOTAS, LIMITS, Raise, WEBSOCKET_API_QUOTAS, howToRaise } from '../../lib/private/limits';

describe('the limits table', () => {
  test('holds the values AWS documents', () => {
    expect(HTTP_API_QUOTAS.routes.value).toBe(300);
    expect(HTTP_API_QUOTAS.stages.value).toBe(10);
    expect(HTTP_API_QUOTAS.authorizers.value).toBe(10);
    expect(HTTP_API_QUOTAS.integrations.value).toBe(300);
    expect(WEBSOCKET_API_QUOTAS.routes.value).toBe(300);
    expect(WEBSOCKET_API_QUOTAS.stages.value).toBe(10);
    expect(WEBSOCKET_API_QUOTAS.authorizers.value).toBe(10);
    expect(WEBSOCKET_API_QUOTAS.integrations.value).toBe(300);
    expect(LIMITS.stageVariablesPerStage.value).toBe(100);
    expect(LIMITS.scopesPerRoute.value).toBe(10);
    expect(LIMITS.corsMaxAgeSeconds.value).toBe(86_400);
    expect(LIMITS.httpIntegrationTimeoutMaxMs.value).toBe(30_000);
    expect(LIMITS.webSocketIntegrationTimeoutMaxMs.value).toBe(29_000);
    expect(LIMITS.multiLevelMappingsPerDomain.value).toBe(200);
  });

  test('says where each quota is raised, as the quota pages do', () => {
    expect(HTTP_API_QUOTAS.routes.raise).toBe(Raise.SERVICE_QUOTAS);
    expect(HTTP_API_QUOTAS.stages.raise).toBe(Raise.SERVICE_QUOTAS);
    expect(HTTP_API_QUOTAS.authorizers.raise).toBe(Raise.SUPPORT);
    expect(HTTP_API_QUOTAS.integrations.raise).toBe(Raise.NEVER);
    expect(WEBSOCKET_API_QUOTAS.authorizers.raise).toBe(Raise.SUPPORT);
    expect(WEBSOCKET_API_QUOTAS.integrations.raise).toBe(Raise.SUPPORT);
    expect(howToRaise(HTTP_API_QUOTAS.routes)).toBe('request an increase in Service Quotas');
    expect(howToRaise(WEBSOCKET_API_QUOTAS.integrations)).toBe('request an increase from the AWS Support Center');
  });

  test('every entry has a positive value and an AWS documentation page', () => {
    const entries = [...Object.values(HTTP_API_QUOTAS), ...Object.values(WEBSOCKET_API_QUOTAS), ...Object.values(LIMITS)];
    for (const limit of entries) {
      expect(limit.value).toBeGreaterThan(0);
      expect(limit.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    }
  });
});
