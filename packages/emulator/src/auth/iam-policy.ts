/** The effect of an IAM policy on an action and resource. */
export type PolicyDecision = 'allow' | 'deny' | 'implicit-deny';

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** IAM wildcard matching: `*` any run of characters, `?` one character. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const regex = new RegExp(`^${pattern.split('').map(c => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('')}$`, ignoreCase ? 'is' : 's');
  return regex.test(value);
}

/**
 * Evaluates a policy document on `execute-api:Invoke` of a route ARN, as API Gateway does with a
 * Lambda authorizer's policy: an explicit `Deny` wins, otherwise an `Allow` is needed
 * (`Action`/`NotAction`, `Resource`/`NotResource`, with wildcards; conditions are not evaluated).
 */
export function evaluatePolicy(policy: unknown, action: string, resource: string): PolicyDecision {
  const statements = (policy as { Statement?: unknown } | undefined)?.Statement;
  let allowed = false;
  for (const statement of Array.isArray(statements) ? statements : statements ? [statements] : []) {
    const s = statement as Record<string, unknown>;
    const actionMatches = s.NotAction !== undefined
      ? !list(s.NotAction).some(a => wildcardMatch(a, action, true))
      : list(s.Action).some(a => wildcardMatch(a, action, true));
    const resourceMatches = s.NotResource !== undefined
      ? !list(s.NotResource).some(r => wildcardMatch(r, resource))
      : list(s.Resource).some(r => wildcardMatch(r, resource));
    if (!actionMatches || !resourceMatches) continue;
    if (s.Effect === 'Deny') return 'deny';
    if (s.Effect === 'Allow') allowed = true;
  }
  return allowed ? 'allow' : 'implicit-deny';
}

/** Whether a value is a policy document with at least one statement. */
export function isPolicyDocument(value: unknown): boolean {
  const statements = (value as { Statement?: unknown } | undefined)?.Statement;
  return Array.isArray(statements) ? statements.length > 0 : typeof statements === 'object' && statements !== null;
}
