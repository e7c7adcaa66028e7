import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ApiTokensRepository } from '../auth/api-tokens.repository';
import { Clock } from '../auth/clock';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AccessTokenService } from './access-token.service';
import { ApiTokenStrategy } from './api-token.strategy';
import { AuthPassport } from './auth-passport';
import { JwtStrategy } from './jwt.strategy';

/**
 * Authentication by default for every route (see AccessGuard, on the JWT and API-token passport
 * strategies); exports token signing for auth/, and the one Clock (auth/ and the API-token
 * strategy must agree on the time, and tests move it).
 */
@Global()
@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        // A KeyObject, made once: given a string, jsonwebtoken first tries to parse it as a PEM
        // public key on every verify and only then falls back to an HMAC key, and the exception
        // it throws and catches there cost ~7% of the CPU of a request (measured with --cpu-prof).
        const key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
        return {
          secretOrKeyProvider: () => key,
          signOptions: { algorithm: 'HS256', expiresIn: config.accessTokenTtlSeconds },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
  ],
  providers: [
    AccessTokenService,
    AuthPassport,
    JwtStrategy,
    ApiTokenStrategy,
    ApiTokensRepository,
    Clock,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AccessTokenService, ApiTokensRepository, Clock],
})
export class AccessModule {}
