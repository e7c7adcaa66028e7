import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { AccessAdminController } from './access-admin.controller';
import { AccessAdminService } from './access-admin.service';
import { AccessAuditRepository } from './access-audit.repository';

/** Access administration (`user.manage`): user status, passwords, personal grants and denials, and their audit. */
@Module({
  imports: [UsersModule, AuthModule],
  controllers: [AccessAdminController],
  providers: [AccessAdminService, AccessAuditRepository],
})
export class AccessAdminModule {}
