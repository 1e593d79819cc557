import type { paths } from './schema';

// Types are taken from the operations rather than from component schema names, so that
// regenerating from the server's document does not break them when schema names differ.
type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type CurrentUser = JsonOf<paths['/api/auth/me']['get']['responses'][200]>;
export type LoginRequest = NonNullable<paths['/api/auth/login']['post']['requestBody']>['content']['application/json'];
export type RegisterRequest = NonNullable<paths['/api/auth/register']['post']['requestBody']>['content']['application/json'];
