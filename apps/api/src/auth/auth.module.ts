import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DatabaseService } from '../database/database.service';
import { UsersModule } from '../users/users.module';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensService } from './api-tokens.service';
import { AuthController } from './auth.controller';
import { AuthEventsRepository } from './auth-events.repository';
import { AuthEventsService } from './auth-events.service';
import { AuthService } from './auth.service';
import { AuthSessionsRepository } from './auth-sessions.repository';
import { LoginThrottle } from './login-throttle';
import { DatabaseLoginThrottle } from './login-throttle.database';
import { RedisLoginThrottle } from './login-throttle.redis';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SignInOptionsService } from './sign-in-options.service';

@Module({
  imports: [UsersModule],
  controllers: [AuthController, ApiTokensController],
  providers: [
    AuthService,
    ApiTokensService,
    AuthEventsService,
    AuthEventsRepository,
    AuthSessionsRepository,
    RefreshTokensRepository,
    SignInOptionsService,
    {
      // Redis when configured (it is already there for live updates), else the shared database.
      provide: LoginThrottle,
      inject: [AppConfig, DatabaseService],
      useFactory: (config: AppConfig, db: DatabaseService): LoginThrottle =>
        config.redisUrl ? new RedisLoginThrottle(config.redisUrl) : new DatabaseLoginThrottle(db),
    },
  ],
  // The BDC IMS action API (legacy/) signs in through the same service.
  exports: [AuthService],
})
export class AuthModule {}
