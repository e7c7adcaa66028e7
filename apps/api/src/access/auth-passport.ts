import { Injectable } from '@nestjs/common';
import passport from 'passport';

/** Strategy names: the guard picks one by the shape of the bearer credential. */
export const JWT_STRATEGY = 'jwt';
export const API_TOKEN_STRATEGY = 'api-token';

/**
 * This application's own passport instance, which the strategies register on and the guard
 * authenticates with. Not passport's process-wide singleton (what @nestjs/passport's AuthGuard and
 * PassportStrategy use by default): a strategy holds its application's services, so with the
 * singleton two applications in one process (the tests, the multi-process test) would authenticate
 * against whichever registered last — the other one's database.
 */
@Injectable()
export class AuthPassport extends passport.Passport {}

/**
 * What PassportStrategy's constructor registers the strategy on: nothing. Each strategy registers
 * itself on the application's AuthPassport instead (the mixin calls this before the subclass's
 * injected fields exist, so it cannot return that instance).
 */
export const DETACHED_REGISTRY = { use: (): void => undefined };
