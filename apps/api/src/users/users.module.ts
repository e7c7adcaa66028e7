import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersRepository, UsersService],
  // Access administration (access-admin/) edits users and grants through the repository.
  exports: [UsersService, UsersRepository],
})
export class UsersModule {}
