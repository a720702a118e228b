import type { IamCredential, IamSettings } from '../context';
import type { GatewayRequest } from '../http/request';
import { parseSigV4, signingTime, verifySigV4 } from './sigv4';

/** The caller of an `AWS_IAM` route or of the @connections API. */
export interface IamIdentity {
  readonly accessKey: string;
  readonly accountId: string;
  readonly userArn: string;
  readonly userId: string;
}

/** The decision on a SigV4-signed request: its caller, or the error type API Gateway answers 403 with. */
export type IamDecision =
  | { readonly allowed: true; readonly identity: IamIdentity; readonly note: string }
  | { readonly allowed: false; readonly errorType: string; readonly note: string };

/**
 * Checks a request's SigV4 signature (an `Authorization` header, or a presigned query string)
 * as the IAM settings say: `signed`, any well-formed signature; `verify`, one that the secret
 * key of a configured credential (or of `extraCredentials`) gives, at most 5 minutes old.
 */
export function checkIam(request: GatewayRequest, settings: IamSettings, now: number, account: string, extraCredentials: readonly IamCredential[] = []): IamDecision {
  const auth = parseSigV4(request);
  if (!auth) return { allowed: false, errorType: 'IncompleteSignatureException', note: 'the request has no SigV4 signature (Authorization header or X-Amz-Signature)' };
  const credential = [...settings.credentials, ...extraCredentials].find(c => c.accessKeyId === auth.accessKeyId);
  if (settings.mode === 'verify') {
    if (!credential) return { allowed: false, errorType: 'UnrecognizedClientException', note: `access key ${auth.accessKeyId} is not among the configured credentials` };
    // A signature is good for 5 minutes; a presigned URL until it expires.
    const signed = signingTime(request);
    const validMs = auth.presigned ? (auth.expiresSeconds ?? 900) * 1000 : 5 * 60 * 1000;
    if (signed === undefined || now < signed - 5 * 60 * 1000 || now > signed + validMs) {
      return { allowed: false, errorType: 'InvalidSignatureException', note: 'the signature has expired, or has no date' };
    }
    if (!verifySigV4(request, auth, credential.secretAccessKey)) return { allowed: false, errorType: 'InvalidSignatureException', note: 'the signature does not match' };
  }
  const accountId = credential?.accountId ?? account;
  const userId = `AIDA${auth.accessKeyId.replace(/[^A-Z0-9]/gi, '').toUpperCase().slice(0, 17).padEnd(17, 'X')}`;
  return {
    allowed: true,
    identity: { accessKey: auth.accessKeyId, accountId, userArn: credential?.userArn ?? `arn:aws:iam::${accountId}:user/local-${auth.accessKeyId}`, userId },
    note: settings.mode === 'verify' ? 'signature verified' : 'signed',
  };
}
