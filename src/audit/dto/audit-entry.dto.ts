import { ApiProperty } from '@nestjs/swagger';
import { AUDITED_ENTITIES, type AuditedEntity } from '../entities/audit-entry.entity.js';

/** One line of the audit trail: who changed what, when, before → after. */
export class AuditEntryDto {
  @ApiProperty({ example: 33 })
  id: number;

  @ApiProperty({ format: 'date-time', description: 'Thời điểm (ISO 8601, UTC)' })
  at: string;

  @ApiProperty({ enum: ['user', 'system'], description: 'user: một người; system: hệ thống (việc tự động)' })
  actorKind: 'user' | 'system';

  @ApiProperty({ type: Number, nullable: true })
  actorUserId: number | null;

  @ApiProperty({ example: 'Lê Văn Chủ' })
  actorName: string;

  @ApiProperty({ type: Number, nullable: true })
  unitId: number | null;

  @ApiProperty({ enum: AUDITED_ENTITIES })
  entity: AuditedEntity;

  @ApiProperty({ example: 1 })
  entityId: number;

  @ApiProperty({ description: 'created, updated, assigned, completed, reopened, cancelled, reminded, generated, login…', example: 'updated' })
  action: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { from: { description: 'Giá trị trước' }, to: { description: 'Giá trị sau' } },
    },
    description: 'Mỗi trường đổi một mục: { from, to }',
    example: { deadlineText: { from: 'Tháng 3/2023', to: 'Trước 30/6/2023' } },
  })
  changes: Record<string, { from: unknown; to: unknown }>;

  @ApiProperty({ type: String, nullable: true, description: 'Lý do (mở lại, hủy…)' })
  note: string | null;
}
