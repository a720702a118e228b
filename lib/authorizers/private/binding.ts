import type { IHttpApi } from '../../http/api-base';
import type { HttpAuthorizer, HttpRouteAuthorizerBindOptions } from '../../http/authorizer';
import { refuse } from '../../private/error';

/** The identity source of JWT, user pool and Lambda authorizers when none is given. */
export const DEFAULT_IDENTITY_SOURCE = '$request.header.Authorization';

/**
 * The one `HttpAuthorizer` that a route authorizer object creates, and the API it belongs to.
 *
 * The first bind creates the authorizer in the bind options' scope (the API); later binds from
 * routes of the same API reuse it. An authorizer resource belongs to one API, so binds from
 * routes of any other API are refused: their routes would name an authorizer id that their API
 * does not have, which API Gateway rejects at deploy time.
 */
export class HttpAuthorizerBinding {
  private authorizer?: HttpAuthorizer;
  private api?: IHttpApi;

  /**
   * @param kind the class name of the route authorizer, for messages
   * @param id the construct id of the authorizer it creates
   */
  constructor(private readonly kind: string, private readonly id: string) {}

  /** The id of the authorizer; refused before the first bind. */
  public get authorizerId(): string {
    if (!this.authorizer) {
      refuse(`cannot read \`authorizerId\` of ${this.kind} '${this.id}' yet: the authorizer is created when the first route `
        + 'uses it; add a route with this authorizer (its own or the API\'s `defaultAuthorizer`) before reading `authorizerId`');
    }
    return this.authorizer.authorizerId;
  }

  /**
   * The authorizer of the route's API: made by `create` on the first bind, reused afterwards.
   */
  public bind(options: HttpRouteAuthorizerBindOptions, create: () => HttpAuthorizer): HttpAuthorizer {
    const api = options.route.httpApi;
    if (this.authorizer && this.api) {
      if (!sameApi(this.api, api)) {
        refuse(`invalid \`authorizer\` ${this.kind} '${this.id}': it already authorizes routes of API '${this.api.node.path}', `
          + `and an authorizer belongs to one API, so it cannot authorize routes of API '${api.node.path}'; `
          + `create one ${this.kind} per API`, options.route);
      }
      return this.authorizer;
    }
    const authorizer = create();
    this.authorizer = authorizer;
    this.api = api;
    return authorizer;
  }
}

/**
 * Whether two API objects stand for the same API: the same construct, or two constructs with
 * the same id string, such as an `HttpApi` and an import of it made with its `apiId` (the same
 * token) or two imports of one literal id. Different tokens count as different APIs, as
 * nothing at synth time shows that they resolve to the same one.
 */
function sameApi(a: IHttpApi, b: IHttpApi): boolean {
  return a === b || a.node.addr === b.node.addr || a.apiId === b.apiId;
}
