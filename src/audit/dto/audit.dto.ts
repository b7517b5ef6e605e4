import { EnumField, IdField, IntField, LocalDateField, TextField } from '../../common/fields.js';
import { AUDITED_ENTITIES, type AuditedEntity } from '../entities/audit-entry.entity.js';

export class AuditQuery {
  @EnumField(AUDITED_ENTITIES, { optional: true })
  entity?: AuditedEntity;

  @IdField({ optional: true, fromQuery: true })
  entityId?: number;

  @IdField({ optional: true, fromQuery: true })
  unitId?: number;

  @IdField({ optional: true, fromQuery: true, description: 'Người thực hiện (mã tài khoản)' })
  actorUserId?: number;

  @TextField({ optional: true, max: 24, description: 'created, updated, assigned, completed, reopened, cancelled, reminded, generated, login…' })
  action?: string;

  @LocalDateField({ optional: true, description: 'Từ ngày (giờ Việt Nam)' })
  from?: string;

  @LocalDateField({ optional: true, description: 'Đến hết ngày (giờ Việt Nam)' })
  to?: string;

  @IdField({ optional: true, fromQuery: true, description: 'Trang sau: các bản ghi có mã nhỏ hơn' })
  beforeId?: number;

  @IntField({ optional: true, min: 1, max: 500, fromQuery: true })
  limit?: number;
}
