import { isObject } from './model';

/**
 * Replaces the CloudFormation intrinsics of a resolved document with readable placeholders, for
 * a document written to a file: `${Handler.Arn}` for `Fn::GetAtt`, `${Api}` for `Ref`,
 * `${AWS::Region}` for pseudo parameters, and `Fn::Join` written out. What no reader could
 * resolve anyway stays recognisable.
 */
export function readablePlaceholders(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(readablePlaceholders);
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys;
    const arg = value[key];
    if (key === 'Ref' && typeof arg === 'string') return `\${${arg}}`;
    if (key === 'Fn::GetAtt' && Array.isArray(arg)) return `\${${arg.join('.')}}`;
    if (key === 'Fn::Join' && Array.isArray(arg) && Array.isArray(arg[1])) {
      return arg[1].map(part => {
        const text = readablePlaceholders(part);
        return typeof text === 'string' ? text : JSON.stringify(text);
      }).join(String(arg[0]));
    }
    if (key === 'Fn::ImportValue') return `\${ImportValue:${JSON.stringify(readablePlaceholders(arg))}}`;
    if (key.startsWith('Fn::')) return `\${${key.slice(4)}:${JSON.stringify(readablePlaceholders(arg))}}`;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = readablePlaceholders(item);
  return out;
}
