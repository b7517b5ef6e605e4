import { ApiProperty } from '@nestjs/swagger';
import { LOCAL_DATE, VersionedRecordDto } from '../../common/record.dto.js';
import { PLAN_STATUSES, type PlanStatus } from '../entities/plan.entity.js';

/** A plan's header, as the list of plans answers it. */
export class PlanDto extends VersionedRecordDto {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 2 })
  unitId: number;

  @ApiProperty({ description: 'Số kế hoạch', example: '01/KH-UBND' })
  number: string;

  @ApiProperty({ example: 'Kế hoạch cải cách hành chính năm 2023' })
  title: string;

  @ApiProperty({ example: 2023 })
  year: number;

  @ApiProperty({ ...LOCAL_DATE, nullable: true, description: 'Ngày ban hành' })
  issuedOn: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Quyết định phê duyệt (số, ngày)' })
  decision: string | null;

  @ApiProperty({ enum: PLAN_STATUSES, description: 'draft: dự thảo; issued: đã ban hành; closed: đã kết thúc' })
  status: PlanStatus;
}
