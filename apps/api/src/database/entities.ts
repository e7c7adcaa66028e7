import { AccessAuditEntity } from '../access-admin/access-audit.entity';
import { TicketAttachmentEntity } from '../attachments/ticket-attachment.entity';
import { ApiTokenEntity } from '../auth/api-token.entity';
import { AuthEventEntity } from '../auth/auth-event.entity';
import { AuthSessionEntity } from '../auth/auth-session.entity';
import { LoginThrottleEntity } from '../auth/login-throttle.entity';
import { RefreshTokenEntity } from '../auth/refresh-token.entity';
import { ImportIdMapEntity } from '../bdc-import/import-id-map.entity';
import { SavedFilterEntity } from '../tickets/saved-filters/saved-filter.entity';
import { TicketCommentEntity } from '../comments/ticket-comment.entity';
import { TicketHistoryEntity } from '../history/ticket-history.entity';
import { CatalogModelEntity } from '../inventory/catalog-model.entity';
import { ComponentStockEntity } from '../inventory/component-stock.entity';
import { ComponentUnitLogEntity } from '../inventory/unit-log.entity';
import { ServerEntity } from '../inventory/server.entity';
import { NotificationPreferenceEntity } from '../notifications/notification-preference.entity';
import { TicketNotificationEntity } from '../notifications/ticket-notification.entity';
import { TicketItemAllocationEntity } from '../ticket-items/ticket-item-allocation.entity';
import { TicketItemEntity } from '../ticket-items/ticket-item.entity';
import { TicketCounterEntity } from '../tickets/ticket-counter.entity';
import { TicketEntity } from '../tickets/ticket.entity';
import { PermissionEntity } from '../users/permission.entity';
import { RolePermissionEntity } from '../users/role-permission.entity';
import { RoleEntity } from '../users/role.entity';
import { UserPermissionEntity } from '../users/user-permission.entity';
import { UserRoleEntity } from '../users/user-role.entity';
import { MyWorkVisitEntity } from '../my-work/my-work-visit.entity';
import { UserEntity } from '../users/user.entity';
import { AccessVersionEntity } from '../users/access-version.entity';

/** Every entity, for the DataSource and for the schema-drift check against the migrations. */
export const ENTITIES = [
  UserEntity,
  RoleEntity,
  PermissionEntity,
  RolePermissionEntity,
  UserRoleEntity,
  UserPermissionEntity,
  RefreshTokenEntity,
  AuthSessionEntity,
  LoginThrottleEntity,
  AuthEventEntity,
  ApiTokenEntity,
  AccessAuditEntity,
  ServerEntity,
  ComponentStockEntity,
  ComponentUnitLogEntity,
  CatalogModelEntity,
  TicketEntity,
  TicketCounterEntity,
  TicketItemEntity,
  TicketItemAllocationEntity,
  TicketHistoryEntity,
  TicketCommentEntity,
  TicketAttachmentEntity,
  TicketNotificationEntity,
  NotificationPreferenceEntity,
  ImportIdMapEntity,
  SavedFilterEntity,
  MyWorkVisitEntity,
  AccessVersionEntity,
];
