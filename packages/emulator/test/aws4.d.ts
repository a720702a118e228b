// aws4 (a devDependency that signs test requests with SigV4) ships no types.
declare module 'aws4' {
  interface Request {
    host: string;
    path: string;
    method?: string;
    service?: string;
    region?: string;
    body?: string;
    headers?: Record<string, string>;
    /** Sign in the query string (a presigned URL) instead of the `Authorization` header. */
    signQuery?: boolean;
  }
  export function sign(request: Request, credentials: { accessKeyId: string; secretAccessKey: string }): Request & { headers: Record<string, string> };
}
