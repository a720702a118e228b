/**
 * What an OpenAPI document says about a route besides its method and path: its name,
 * documentation and grouping. API Gateway ignores these fields when it imports a document;
 * they serve readers, client generators and documentation tools.
 */
export interface OpenApiOperationOptions {
  /**
   * A name for the operation, unique within the API (client generators name their methods
   * after it). A route of a `SpecHttpApi` can be bound by it in `routeIntegrations`.
   * @default - none
   */
  readonly operationId?: string;

  /**
   * A short summary of what the operation does.
   * @default - none
   */
  readonly summary?: string;

  /**
   * A longer description of the operation; CommonMark is allowed.
   * @default - none
   */
  readonly description?: string;

  /**
   * Tags that group operations in documentation (OpenAPI tags, not AWS resource tags).
   * @default - none
   */
  readonly tags?: string[];

  /**
   * Whether the operation is deprecated.
   * @default false
   */
  readonly deprecated?: boolean;
}
