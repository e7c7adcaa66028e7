import { ApiProperty } from '@nestjs/swagger';
import type { AuthUser, Permission, UserSummary } from '@bdc/contracts';
import type { UserEntity } from './user.entity';

export function displayNameOf(user: Pick<UserEntity, 'firstName' | 'lastName' | 'username'>): string {
  const name = [user.firstName, user.lastName].filter((part) => part && part.trim()).join(' ').trim();
  return name || user.username;
}

export function toUserSummary(user: UserEntity): UserSummary {
  return { id: user.id, username: user.username, displayName: displayNameOf(user) };
}

export function toAuthUser(user: UserEntity, roles: string[], permissions: Permission[]): AuthUser {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    displayName: displayNameOf(user),
    roles,
    permissions,
  };
}

/** An entry of the admin user list. */
export interface UserListEntry extends UserSummary {
  email: string;
  firstName: string | null;
  lastName: string | null;
  status: string;
  roles: string[];
  /** The last successful sign-in (auth_events), ISO 8601; null if never. */
  lastLoginAt: string | null;
}

export function toUserListEntry(user: UserEntity, roles: string[], lastLoginAt: Date | null = null): UserListEntry {
  return {
    ...toUserSummary(user),
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    status: user.status,
    roles,
    lastLoginAt: lastLoginAt ? lastLoginAt.toISOString() : null,
  };
}

export class UserSummaryDto implements UserSummary {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
}

export class UserSummaryListDto {
  @ApiProperty({ type: [UserSummaryDto] }) items: UserSummaryDto[];
  @ApiProperty() total: number;
}

export class UserListEntryDto extends UserSummaryDto implements UserListEntry {
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) firstName: string | null;
  @ApiProperty({ type: String, nullable: true }) lastName: string | null;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last successful sign-in' }) lastLoginAt: string | null;
}

export class UserListDto {
  @ApiProperty({ type: [UserListEntryDto] }) items: UserListEntryDto[];
  @ApiProperty() total: number;
}
