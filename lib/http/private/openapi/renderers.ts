import type * as renderModule from './render';
import { loadModule } from '../../../private/lazy';

/**
 * The OpenAPI renderers (render.ts), loaded when a document is first rendered: the
 * authorizers, which every app with an authorizer loads, reach them through here, as most apps
 * render no document.
 */
export function openApiRenderers(): typeof renderModule {
  return loadModule<typeof renderModule>('http/private/openapi/render');
}
