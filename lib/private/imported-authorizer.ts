import type { IConstruct } from 'constructs';
import { refuse } from './error';

/**
 * The API an imported authorizer serves. An authorizer belongs to one API and its id means
 * nothing on another, so routes of a second API are refused.
 */
export class ImportedAuthorizerApi {
  private apiId?: string;

  constructor(private readonly authorizer: IConstruct) {}

  /** Records the API of a route that binds the authorizer, refusing a second API. */
  public check(apiId: string, route: IConstruct): void {
    if (this.apiId !== undefined && this.apiId !== apiId) {
      refuse('authorizerReuse', `imported authorizer ${this.authorizer.node.path} already serves another API: an authorizer belongs to one API; `
        + 'import the other API\'s authorizer with its own id', route);
    }
    this.apiId = apiId;
  }
}
