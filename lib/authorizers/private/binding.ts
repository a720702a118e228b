import type { IConstruct } from 'constructs';
import { refuse } from '../../private/error';

/** The identity source of JWT, user pool and Lambda authorizers of HTTP APIs when none is given. */
export const DEFAULT_IDENTITY_SOURCE = '$request.header.Authorization';

/** An API as the binding sees it. */
interface BoundApi extends IConstruct {
  readonly apiId: string;
}

/** How an authorizer's messages name what it authorizes. */
export interface AuthorizerBindingWords {
  /** What the authorizer authorizes on an API, e.g. `routes of` or `connections to`. */
  readonly authorizes: string;
  /** What makes the first route use it, for the refusal to read `authorizerId` before. */
  readonly firstUse: string;
}

/** The words of authorizers of HTTP routes. */
export const HTTP_ROUTE_WORDS: AuthorizerBindingWords = {
  authorizes: 'routes of',
  firstUse: 'the first route uses it; add a route with this authorizer (its own or the API\'s `defaultAuthorizer`)',
};

/**
 * The one authorizer resource that a route authorizer object creates, and the API it belongs to.
 *
 * The first bind creates the authorizer in the bind options' scope (the API); later binds from
 * routes of the same API reuse it. An authorizer resource belongs to one API, so binds from
 * routes of any other API are refused: their routes would name an authorizer id that their API
 * does not have, which API Gateway rejects at deploy time.
 */
export class AuthorizerBinding<A extends { readonly authorizerId: string }> {
  private authorizer?: A;
  private api?: BoundApi;

  /**
   * @param kind the class name of the route authorizer, for messages
   * @param id the construct id of the authorizer it creates
   * @param words how messages name what it authorizes
   */
  constructor(private readonly kind: string, private readonly id: string, private readonly words: AuthorizerBindingWords = HTTP_ROUTE_WORDS) {}

  /** The id of the authorizer; refused before the first bind. */
  public get authorizerId(): string {
    if (!this.authorizer) {
      refuse('attributeUnavailable', `cannot read \`authorizerId\` of ${this.kind} '${this.id}' yet: the authorizer is created when ${this.words.firstUse} `
        + 'before reading `authorizerId`');
    }
    return this.authorizer.authorizerId;
  }

  /**
   * The authorizer of the route's API: made by `create` on the first bind, reused afterwards.
   */
  public bind(api: BoundApi, route: IConstruct, create: () => A): A {
    if (this.authorizer && this.api) {
      if (!sameApi(this.api, api)) {
        refuse('authorizerReuse', `invalid \`authorizer\` ${this.kind} '${this.id}': it already authorizes ${this.words.authorizes} API '${this.api.node.path}', `
          + `and an authorizer belongs to one API, so it cannot authorize routes of API '${api.node.path}'; `
          + `create one ${this.kind} per API`, route);
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
function sameApi(a: BoundApi, b: BoundApi): boolean {
  return a === b || a.node.addr === b.node.addr || a.apiId === b.apiId;
}
